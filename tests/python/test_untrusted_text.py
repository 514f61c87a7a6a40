"""Input from elsewhere through the Python layer (docs/reliability.md, "Hostile input"): no
library string raises UnicodeDecodeError, regex spans cover whole characters, long @rule
chains filter, `auto` refuses what no reader recognizes, generic JSON reads nested shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import papersieve
from papersieve import ParseError, RuleError, RuleSet

CJK = "中文标题：扩散模型 😀"


def test_diagnostics_quoting_cut_cjk_titles_are_text() -> None:
    page = ("Get trending papers in your email inbox!\nSubscribe" + "x" * 59 + CJK * 3 + "\n")
    corpus = papersieve.parse(page)
    assert corpus.format == "hf-text"
    messages = [str(d) for d in corpus.diagnostics]
    assert any("has no abstract line" in m for m in messages)
    for m in messages:
        m.encode("utf-8")


def test_invalid_bytes_in_messages_are_replaced() -> None:
    corpus = papersieve.parse(b'{"title": "T", "abstract": "A", "date": "\xff\xfe"}\n',
                              format="jsonl")
    notes = [str(d) for d in corpus.diagnostics if "is not a date" in str(d)]
    assert notes and "\ufffd" in notes[0]


def test_rule_errors_quoting_invalid_bytes_are_text(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_bytes(b'{"rules": [{"name": "a\xff", "query": "x"}]}')
    with pytest.raises(RuleError) as error:
        RuleSet.from_file(str(path))
    str(error.value).encode("utf-8")
    assert "Invalid encoding in string" in str(error.value)


def test_auto_refuses_input_no_reader_recognizes() -> None:
    with pytest.raises(ParseError, match="no reader recognizes this input"):
        papersieve.parse("interactions:\n- request:\n    body: null\n", name="cassette.yaml")
    with pytest.raises(ParseError, match=r"cassette\.yaml: .*it starts \"interactions:\""):
        papersieve.parse("interactions:\n- request:\n", name="cassette.yaml")
    assert papersieve.parse("").stats["records"] == 0


def test_a_forced_format_that_rejects_everything_says_what_it_looks_like() -> None:
    corpus = papersieve.parse('[{"title": "T", "abstract": "A"}]', format="kv-text")
    assert corpus.stats["papers"] == 0 and corpus.stats["rejected"] == corpus.stats["records"]
    assert any("the input looks like json" in str(d) for d in corpus.diagnostics)


def test_byte_regex_spans_and_digests_are_valid_text() -> None:
    corpus = papersieve.parse(json.dumps([{"title": CJK, "abstract": "été " + CJK}]),
                              format="json")
    results = RuleSet.from_query("/\\C/i").filter(corpus)
    assert len(results) == 1
    for span in results[0].spans:
        text = getattr(results[0].paper, span.field)
        assert text[span.start:span.end]
    for text in (results.to_markdown(), results.to_html(), results.to_jsonl(),
                 results.to_csv()):
        text.encode("utf-8")


def test_a_chain_of_60000_rules_filters() -> None:
    rules = [{"name": f"r{i}", "query": f"@r{i + 1}", "weight": 0} for i in range(59_999)]
    rules.append({"name": "r59999", "query": "diffusion"})
    rule_set = RuleSet.from_json(json.dumps({"rules": rules}))
    corpus = papersieve.parse(json.dumps([{"title": "Diffusion", "abstract": "x"},
                                          {"title": "Graphs", "abstract": "y"}]), format="json")
    results = rule_set.filter(corpus)
    assert [hit.index for hit in results] == [0]
    assert results[0].spans


def test_max_query_depth_above_the_cap_is_a_rule_error() -> None:
    with pytest.raises(RuleError, match="the largest supported is 1000"):
        RuleSet.from_query("x", max_query_depth=5000)


def test_only_exclude_rules_with_min_score_0_keep_the_rest() -> None:
    rules = RuleSet.from_json(
        '{"rules": [{"name": "no", "query": "graphs", "exclude": true}], "min_score": 0}')
    corpus = papersieve.parse(json.dumps([{"title": "Diffusion", "abstract": "x"},
                                          {"title": "Graphs", "abstract": "y"}]), format="json")
    assert [hit.index for hit in rules.filter(corpus)] == [0]


def test_generic_json_nested_shapes_and_envelopes() -> None:
    doc = {"status": "ok", "message": {"items": [
        {"title": ["Paper One"], "details": {"abstract": "We do things."},
         "paper_url": "https://arxiv.org/abs/2406.01234",
         "github_links": ["https://github.com/x/one"]}]}}
    corpus = papersieve.parse(json.dumps(doc), format="json")
    assert len(corpus) == 1
    paper = corpus[0]
    assert paper.abstract == "We do things."
    assert paper.arxiv_id == "2406.01234"
    assert ("https://github.com/x/one", "code") in [(l.url, l.kind) for l in paper.links]


def test_generic_json_without_abstracts_warns_once() -> None:
    corpus = papersieve.parse('{"title": "A", "blurb": "b"}\n{"title": "B"}\n', format="jsonl")
    notes = [str(d) for d in corpus.diagnostics if "no record has an abstract" in str(d)]
    assert len(notes) == 1 and "blurb" in notes[0]
