"""RuleSet, Results, Hit and Span from Python, and the filter / check commands."""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest

import papersieve
from papersieve.cli import main

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "examples" / "rules" / "digest.json"


def corpus() -> papersieve.Corpus:
    return papersieve.parse(
        "SubscribeSchrödinger Bridges for Text-to-Image Diffusion\n"
        "We study diffusions. Our text_to image model is fast.\n"
        "A Survey of Prompt Tuning\nWe review prompt tuning. It is popular.\n"
        "Robots\nHousehold robots plan. Nothing else here.\n")


def test_query_hits_with_codepoint_spans() -> None:
    c = corpus()
    results = papersieve.RuleSet.from_query("schrodinger").filter(c)
    (hit,) = results
    assert hit.paper.title.startswith("Schrödinger") and hit.score == 1.0
    assert hit.rules == ["query"] and hit.tags == []
    (span,) = hit.spans
    assert tuple(span) == ("title", 0, 11)  # codepoints: "Schrödinger"
    assert hit.paper.title[span.start:span.end] == "Schrödinger"


def test_whole_words_prefixes_and_flexible_phrases() -> None:
    c = corpus()
    titles = lambda q: [h.paper.title for h in papersieve.RuleSet.from_query(q).filter(c)]  # noqa: E731
    assert titles("diffusion") == ["Schrödinger Bridges for Text-to-Image Diffusion"]
    assert titles("abstract:diffusion") == []  # "diffusions" is another word
    assert titles("abstract:diffusion*") == ["Schrödinger Bridges for Text-to-Image Diffusion"]
    assert titles('abstract:"text to image"') == ["Schrödinger Bridges for Text-to-Image Diffusion"]
    assert titles('"prompt tuning" -title:survey') == []
    assert titles("=ROBOTS") == [] and titles("=Robots") == ["Robots"]


def test_rule_files_and_errors(tmp_path: Path) -> None:
    rules = papersieve.RuleSet.from_file(str(RULES))
    assert len(rules) == 5 and rules.top == 20 and rules.min_score == 1
    assert rules.rules[0]["name"] == "text-to-image" and rules.rules[0]["tags"] == ["vision"]
    with pytest.raises(papersieve.RuleError, match=r'rule "query": query column 3: unbalanced "\("'):
        papersieve.RuleSet.from_query('a (b')
    bad = '{"rules": [{"name": "a", "query": "(x"}, {"name": "b", "keyword": ["y"]}]}'
    problems = papersieve.RuleSet.check_json(bad)
    assert len(problems) == 3 and 'did you mean "keywords"' in problems[1]
    with pytest.raises(papersieve.RuleError):
        papersieve.RuleSet.from_json(bad)


def test_results_writers_and_threads(sample: Path) -> None:
    c = papersieve.parse_file(sample)
    rules = papersieve.RuleSet.from_file(str(RULES))
    results = rules.filter(c)
    assert results.considered == 10 and len(results) >= 3
    scores = [h.score for h in results]
    assert scores == sorted(scores, reverse=True)
    lines = [json.loads(line) for line in results.to_jsonl().splitlines()]
    assert [line["title"] for line in lines] == [h.paper.title for h in results]
    assert all(line["spans"] for line in lines)
    md = results.to_markdown("Morning digest")
    assert md.startswith("# Morning digest") and "**" in md
    assert "A Survey" not in md

    outputs: list[str] = []
    workers = [threading.Thread(target=lambda: outputs.append(rules.filter(c).to_jsonl()))
               for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert outputs == [results.to_jsonl()] * 4


def test_cli_filter_and_check(hf_page: Path, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["filter", str(hf_page), "-q", '"prompt tuning"', "--top", "3"], out, err) == 0
    assert len(out.getvalue().splitlines()) == 3
    out = io.StringIO()
    assert main(["filter", str(hf_page), "-q", '"text to image" -survey', "--explain"], out, err) == 0
    assert "Grounded Text-to-Image Synthesis" in out.getvalue()
    assert "A Systematic Survey of Prompt Engineering" not in out.getvalue()
    out = io.StringIO()
    assert main(["filter", str(hf_page), "-r", str(RULES), "--to", "md"], out, err) == 0
    assert out.getvalue().startswith("# papersieve digest")

    bad = tmp_path / "bad.json"
    bad.write_text('{"rules": [{"name": "a", "query": "(x"}, {"name": "c", "regex": ["(u"]}]}')
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", str(bad), str(RULES)], out, err) == 2
    assert err.getvalue().count(str(bad)) == 2 and "5 rules, ok" in out.getvalue()
    err = io.StringIO()
    assert main(["filter", str(hf_page), "-q", "a (b"], io.StringIO(), err) == 2
    assert "column 3" in err.getvalue()
