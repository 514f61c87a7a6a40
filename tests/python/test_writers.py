"""Writers on the real dump and on hostile text: CSV, HTML (rendered in Chromium), Markdown."""

from __future__ import annotations

import csv
import io
import json
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


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed (scripts/setup installs Debian's chromium)")
    return path


def test_html_digest_renders_in_chromium(sample: Path) -> None:
    browser = chromium()
    rules = papersieve.RuleSet.from_file(str(ROOT / "examples/rules/digest.json"))
    results = rules.filter(papersieve.parse_file(sample))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = ARTIFACTS / "digest.html"
    page.write_text(results.to_html("papersieve sample digest"), encoding="utf-8")
    shot = ARTIFACTS / "digest.png"
    shot.unlink(missing_ok=True)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    subprocess.run([browser, *flags, f"--screenshot={shot}", "--window-size=900,1600",
                    page.as_uri()], capture_output=True, timeout=120, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True,
                         text=True, timeout=120, check=True).stdout
    assert "<mark" in dom and "papersieve sample digest" in dom
    assert dom.count("<h3") == len(results)


def test_hostile_html_runs_no_script_in_chromium(tmp_path: Path) -> None:
    browser = chromium()
    page = tmp_path / "hostile.html"
    page.write_text(hostile_results().to_html("safe"), encoding="utf-8")
    dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    assert "<title>safe</title>" in dom  # the title script never ran
    assert "&lt;script&gt;" in dom
