"""Writers on the real dump and on hostile text: CSV, HTML (rendered in Chromium), Markdown."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import papersieve

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "artifacts"

HOSTILE = [
    ('<script>document.title="pwned"</script> Diffusion, "quoted" & more',
     'An abstract with commas, "quotes", <b>tags</b> and emoji \U0001F9EA about diffusion. '
     'Hebrew \u05e9\u05dc\u05d5\u05dd and Arabic \u0645\u0631\u062d\u0628\u0627 too.'),
    ("Plain Diffusion Title", "Another diffusion abstract. It is fine."),
]


def hostile_results() -> papersieve.Results:
    records = "\n".join(json.dumps({"title": t, "abstract": a,
                                    "url": "javascript:alert(1)"}) for t, a in HOSTILE)
    corpus = papersieve.parse(records + "\n", format="jsonl")
    return papersieve.RuleSet.from_query("diffusion").filter(corpus)


def test_csv_round_trips_hostile_text() -> None:
    results = hostile_results()
    text = results.to_csv()
    assert text.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["title"] for row in rows] == [t for t, _ in HOSTILE]
    assert rows[0]["abstract"] == HOSTILE[0][1]
    assert rows[0]["rank"] == "1" and rows[0]["rules"] == "query"


def test_papers_csv_has_one_row_per_paper(hf_page: Path) -> None:
    corpus = papersieve.parse_file(hf_page)
    rows = list(csv.DictReader(io.StringIO(corpus.to_csv(), newline="")))
    assert len(rows) == 192 and rows[0]["title"] == corpus[0].title


def test_html_escapes_everything_and_marks_matches() -> None:
    html = hostile_results().to_html("Digest <x>")
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert "<mark" in html and ">Diffusion</mark>" in html
    assert "<title>Digest &lt;x&gt;</title>" in html
    assert "http" not in html.split("<body", 1)[0]  # no external assets in the head


def test_markdown_digest_on_the_real_page(hf_page: Path) -> None:
    corpus = papersieve.parse_file(hf_page)
    rules = papersieve.RuleSet.from_file(str(ROOT / "examples/rules/digest.json"))
    md = rules.filter(corpus).to_markdown("Prompts")
    assert md.startswith("# Prompts\n\n192 papers read")
    assert "## prompting" in md and "**prompt tuning**" in md.lower()
    overview = md.split("\n\n")[2].splitlines()  # one line per paper, in rank order
    assert len(overview) == len(rules.filter(corpus)) and overview[0].startswith("1. ")


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed (scripts/setup installs Debian's chromium)")
    return path


FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def screenshot(browser: str, page: Path, shot: Path, width: int, height: int,
               dark: bool = False) -> None:
    shot.unlink(missing_ok=True)
    flags = FLAGS + (["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] if dark
                     else [])
    subprocess.run([browser, *flags, f"--screenshot={shot}", f"--window-size={width},{height}",
                    page.as_uri()], capture_output=True, timeout=120, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


@pytest.mark.parametrize("name,dump", [("hf_page", "000_fd6c685c865a6cdc.txt"),
                                       ("arxiv", "arxiv_oai_snapshot_first100.jsonl")])
def test_html_digest_renders_in_chromium(name: str, dump: str) -> None:
    """Desktop, phone and dark screenshots kept in build/artifacts/ for a person to look at."""
    browser = chromium()
    from conftest import shared_file
    path = shared_file(dump)
    rules = (papersieve.RuleSet.from_file(ROOT / "examples/rules/digest.json") if name == "hf_page"
             else papersieve.RuleSet.from_query("quark OR gluon OR galaxy OR theorem OR graph"))
    results = rules.filter(papersieve.parse_file(path))
    assert len(results) >= 5
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = ARTIFACTS / f"digest_{name}.html"
    page.write_text(results.to_html("papersieve sample digest", inputs=[path.name],
                                    rules="examples/rules/digest.json",
                                    generated="2026-01-02T03:04:05Z"), encoding="utf-8")
    screenshot(browser, page, ARTIFACTS / f"digest_{name}_desktop.png", 1280, 2400)
    screenshot(browser, page, ARTIFACTS / f"digest_{name}_phone.png", 390, 2400)
    screenshot(browser, page, ARTIFACTS / f"digest_{name}_dark.png", 1280, 1400, dark=True)
    dom = subprocess.run([browser, *FLAGS, "--dump-dom", page.as_uri()], capture_output=True,
                         text=True, timeout=120, check=True).stdout
    assert "<mark" in dom and "papersieve sample digest" in dom
    assert dom.count("<h3") == len(results)
    assert dom.count('href="#paper-') == len(results)  # the overview links down to each
    ranks = [int(r) for r in re.findall(r'id="paper-(\d+)"', dom)]
    assert sorted(ranks) == list(range(1, len(results) + 1))
    assert "Inputs: " + path.name in dom and "Made 2026-01-02 03:04 UTC" in dom
    assert "<script" not in dom.split("</head>", 1)[1]


def test_html_digest_ranks_and_groups(hf_page: Path) -> None:
    rules = papersieve.RuleSet.from_file(ROOT / "examples/rules/digest.json")
    results = rules.filter(papersieve.parse_file(hf_page))
    html = results.to_html()
    # Within every group the ranks increase; each entry shows its rank in the results.
    groups = html.split("<h2")[1:]
    assert len(groups) >= 2
    for group in groups:
        ranks = [int(r) for r in re.findall(r'id="paper-(\d+)"', group)]
        assert ranks == sorted(ranks)
    scores = [hit.score for hit in results]
    assert scores == sorted(scores, reverse=True)
    # A query alone makes one group: no heading called "query".
    single = papersieve.RuleSet.from_query('"prompt tuning"').filter(papersieve.parse_file(hf_page))
    assert "<h2" not in single.to_html() and "## query" not in single.to_markdown()
    # Snippets: long abstracts are cut around the first match, whole ones behind <details>.
    assert "<details" in html and "Full abstract" in html


def test_hostile_html_runs_no_script_in_chromium(tmp_path: Path) -> None:
    browser = chromium()
    page = tmp_path / "hostile.html"
    page.write_text(hostile_results().to_html("safe"), encoding="utf-8")
    dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    assert "<title>safe</title>" in dom  # the title script never ran
    assert "&lt;script&gt;" in dom


def test_markdown_digest_renders_in_markdown_it(hf_page: Path) -> None:
    """An independent CommonMark parser sees the links, headings and bold matches, and
    hostile paper text stays text."""
    markdown_it = pytest.importorskip("markdown_it")
    rules = papersieve.RuleSet.from_file(ROOT / "examples/rules/digest.json")
    results = rules.filter(papersieve.parse_file(hf_page))
    html = markdown_it.MarkdownIt().render(results.to_markdown("Prompts"))
    assert html.count("<h3>") == len(results) and html.count("<h2>") >= 2
    assert "<strong>prompt tuning</strong>" in html.lower()
    assert html.count("<li>") == len(results)  # the overview, one item per paper
    hostile = markdown_it.MarkdownIt().render(hostile_results().to_markdown("Digest <x>"))
    assert "<script" not in hostile and "&lt;script&gt;" in hostile
    assert "javascript:" not in hostile
