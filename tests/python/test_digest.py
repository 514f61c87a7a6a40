"""`papersieve digest CONFIG.toml` and the filter options it shares: several outputs
at once, e-mail settings, errors with key and line, --explain beside the output,
-r with -q, -o's summary line, --allow-empty."""

from __future__ import annotations

import io
import json
import textwrap
from pathlib import Path
from typing import List, Tuple

import pytest

import papersieve
from papersieve.cli import main

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "examples" / "rules" / "digest.json"


def run(argv: List[str]) -> Tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out, err)
    return code, out.getvalue(), err.getvalue()


def write_config(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "digest.toml"
    config.write_text(textwrap.dedent(text), encoding="utf-8")
    return config


def test_digest_writes_every_output(sample: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767323045")
    config = write_config(tmp_path, f"""\
        title = "Morning papers"
        inputs = ["{sample.parent}/*.txt"]
        rules = "{RULES}"
        top = 3
        explain = "why.txt"

        [[output]]
        to = "html"
        path = "out/digest.html"

        [[output]]
        to = "atom"
        path = "out/feed.xml"

        [[output]]
        to = "bibtex"
        path = "out/papers.bib"

        [email]
        from = "bot@example.org"
        to = ["me@example.org"]
        path = "out/digest.eml"
        """)
    (tmp_path / "out").mkdir()
    code, out, err = run(["digest", str(config)])
    assert code == 0, err
    assert out == ""
    html = (tmp_path / "out/digest.html").read_text(encoding="utf-8")
    assert html.count("<h3") == 3 and "Morning papers" in html and "Made 2026-01-02" in html
    assert (tmp_path / "out/feed.xml").read_text(encoding="utf-8").count("<entry>") == 3
    assert (tmp_path / "out/papers.bib").read_text(encoding="utf-8").count("@misc{") == 3
    assert "Subject: " in (tmp_path / "out/digest.eml").read_text(encoding="utf-8")
    assert (tmp_path / "why.txt").read_text(encoding="utf-8").startswith("1. [")
    assert err.startswith("3 of ") and err.count("\n") == 1
    assert str(tmp_path / "out/digest.html") in err and "digest.eml" in err


def test_digest_inline_rules_query_and_stdout(sample: Path, tmp_path: Path) -> None:
    config = write_config(tmp_path, f"""\
        inputs = [{{ path = "{sample}", format = "hf-text" }}]
        query = "prompt"

        [[rule]]
        name = "tuning"
        query = '"prompt tuning" OR "soft prompt"'
        tags = ["tuning"]

        [[output]]
        to = "jsonl"
        path = "-"
        """)
    code, out, err = run(["digest", str(config)])
    assert code == 0, err
    hits = [json.loads(line) for line in out.splitlines()]
    assert hits and all("tuning" in h["rules"] for h in hits)
    assert all("prompt" in (h["title"] + h["abstract"]).lower() for h in hits)


def test_digest_config_errors_name_key_and_line(tmp_path: Path) -> None:
    config = write_config(tmp_path, """\
        title = 3
        inputs = ["a.txt"]
        rules = "rules.json"
        colour = "blue"
        top = "many"

        [[output]]
        to = "pdf"
        path = "x.pdf"

        [[output]]
        path = "y.html"

        [email]
        to = "not an address"
        smtp = "smtp.example.org:587"
        """)
    code, out, err = run(["digest", str(config)])
    assert code == 2 and out == "" and "Traceback" not in err
    lines = err.splitlines()
    expect = [(1, "title"), (4, "colour"), (5, "top"), (8, "output[0].to"), (11, "output[1]"),
              (15, "email.to")]
    for line, key in expect:
        assert any(f"digest.toml:{line}: {key}:" in l for l in lines), (line, key, err)
    assert "unknown key" in err and "unknown format 'pdf'" in err
    assert "expected a positive integer" in err


def test_digest_toml_syntax_and_rule_errors(tmp_path: Path) -> None:
    config = write_config(tmp_path, 'inputs = ["a.txt"\nrules = "r.json"\n')
    code, _, err = run(["digest", str(config)])
    assert code == 2 and "digest.toml:2: TOML:" in err
    config = write_config(tmp_path, """\
        inputs = ["a.txt"]

        [[rule]]
        name = "ok"
        query = "x"

        [[rule]]
        name = "broken"
        query = "(unclosed"

        [[output]]
        to = "md"
        path = "-"
        """)
    code, _, err = run(["digest", str(config)])
    assert code == 2 and "digest.toml:7: rule[1]:" in err and "broken" in err


def test_digest_input_glob_matching_nothing(tmp_path: Path) -> None:
    config = write_config(tmp_path, """\
        title = "x"
        query = "prompt"
        inputs = ["nothing-here/*.txt"]

        [[output]]
        to = "md"
        path = "-"
        """)
    code, _, err = run(["digest", str(config)])
    assert code == 2 and "digest.toml:3: inputs[0]: no file matches" in err


def test_digest_passes_filter_options_by_name(sample: Path, tmp_path: Path) -> None:
    config = write_config(tmp_path, f"""\
        inputs = ["{sample}"]
        rules = "{RULES}"
        threads = 1
        top = 2
        limit = ["max_rules=100"]

        [[output]]
        to = "csv"
        path = "-"
        """)
    code, out, err = run(["digest", str(config)])
    assert code == 0, err
    assert len(out.strip().split("\r\n")) == 3  # header + 2
    # Options this papersieve has are accepted by name (e.g. --state once it exists);
    # a key naming no option is an error, not ignored.
    config.write_text(config.read_text() + "\nstate_file_typo = 'x'\n")
    code, _, err = run(["digest", str(config)])
    assert code == 2 and "state_file_typo: unknown key" in err


def test_explain_goes_beside_the_output(sample: Path, tmp_path: Path) -> None:
    code, out, err = run(["filter", str(sample), "-r", str(RULES), "--explain"])
    assert code == 0
    assert out and all(line.startswith("{") for line in out.splitlines())
    assert err.startswith("1. [") and "rules:" in err
    why = tmp_path / "why.txt"
    code, out2, err2 = run(["filter", str(sample), "-r", str(RULES), "--explain-to", str(why)])
    assert code == 0 and out2 == out and err2 == "" and why.read_text() == err


def test_rules_and_query_combine(sample: Path) -> None:
    _, both, _ = run(["filter", str(sample), "-r", str(RULES), "-q", "vision"])
    _, rules_only, _ = run(["filter", str(sample), "-r", str(RULES)])
    narrowed = [json.loads(line) for line in both.splitlines()]
    everything = [json.loads(line) for line in rules_only.splitlines()]
    assert 0 < len(narrowed) < len(everything)
    assert all("vision" in (h["title"] + " " + h["abstract"]).lower() for h in narrowed)
    assert [h["score"] for h in narrowed] == [h["score"] for h in everything
                                              if h["id"] in {n["id"] for n in narrowed}]


def test_output_file_summary_and_allow_empty(sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "digest.html"
    code, out, err = run(["filter", str(sample), "-r", str(RULES), "--to", "html", "-o",
                          str(target)])
    corpus = papersieve.parse_file(sample)
    count = target.read_text(encoding="utf-8").count("<h3")
    assert code == 0 and out == ""
    assert err == f"{count} of {len(corpus)} selected → {target}\n"
    code, out, _ = run(["filter", str(sample), "-q", "zzzunmatchable"])
    assert code == 1 and out == ""
    code, _, _ = run(["filter", str(sample), "-q", "zzzunmatchable", "--allow-empty"])
    assert code == 0
    code, _, err = run(["filter", str(sample)])
    assert code == 2 and "-r" in err


def test_parse_to_citation_formats(sample: Path) -> None:
    code, out, _ = run(["parse", str(sample), "--to", "bibtex"])
    assert code == 0 and out.count("@misc{") == len(papersieve.parse_file(sample))
    code, out, _ = run(["parse", str(sample), "--to", "csl-json"])
    assert code == 0 and len(json.loads(out)) == len(papersieve.parse_file(sample))
