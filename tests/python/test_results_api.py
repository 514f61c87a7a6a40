"""Conveniences: Corpus and Results from lists, Results sliced and pickled, paths as
pathlib.Path, RuleSet.decide agreeing with filter about top."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import papersieve

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "examples" / "rules" / "digest.json"


def test_corpus_from_a_list_of_papers(sample: Path) -> None:
    corpus = papersieve.parse_file(sample)
    kept = papersieve.Corpus([p for p in corpus if "prompt" in p.title.lower()])
    assert 0 < len(kept) < len(corpus)
    assert kept.stats == {"records": len(kept), "papers": len(kept), "duplicates": 0,
                          "rejected": 0}
    assert [p.title for p in kept] == [p.title for p in corpus if "prompt" in p.title.lower()]
    results = papersieve.RuleSet.from_query("prompt").filter(kept)
    assert len(results) == len(kept)
    with pytest.raises(TypeError):
        papersieve.Corpus(["not a paper"])  # type: ignore[list-item]


def test_results_from_hits_slices_and_pickles(sample: Path) -> None:
    corpus = papersieve.parse_file(sample)
    results = papersieve.RuleSet.from_file(RULES).filter(corpus)
    assert len(results) >= 4
    head = results[:2]
    assert isinstance(head, papersieve.Results) and len(head) == 2
    assert [h.paper.title for h in head] == [h.paper.title for h in list(results)[:2]]
    assert head.considered == results.considered
    assert [h.index for h in results[::-1]] == [h.index for h in reversed(list(results))]
    dropped = papersieve.Results([h for h in results if "survey" not in h.paper.title.lower()])
    assert dropped.considered == results.considered  # the same corpus, still 'N read'
    assert dropped.to_html().count("<h3") == len(dropped)
    again = pickle.loads(pickle.dumps(results))
    assert again.to_jsonl() == results.to_jsonl() and again.considered == results.considered
    assert [s for s in again[0].spans] == [s for s in results[0].spans]


def test_results_from_papers_and_mixed_sources(sample: Path) -> None:
    corpus = papersieve.parse_file(sample)
    results = papersieve.Results(corpus[:3])
    assert len(results) == 3 and [h.score for h in results] == [0, 0, 0]
    assert results.to_bibtex().count("@misc{") == 3
    other = papersieve.RuleSet.from_query("prompt").filter(papersieve.parse_file(sample))
    mixed = papersieve.Results([other[0], corpus[5]])
    assert [h.paper.title for h in mixed] == [other[0].paper.title, corpus[5].title]
    assert mixed[0].rules == ["query"] and mixed[0].spans == other[0].spans
    with pytest.raises(TypeError):
        papersieve.Results([1, 2])  # type: ignore[list-item]


def test_paths_are_accepted_everywhere(sample: Path, tmp_path: Path) -> None:
    assert len(papersieve.parse_file(sample)) == len(papersieve.parse_file(str(sample)))
    assert len(papersieve.RuleSet.from_file(RULES)) == len(papersieve.RuleSet.from_file(str(RULES)))
    assert sum(len(b) for b in papersieve.iter_file(sample, 50)) == len(papersieve.parse_file(sample))
    assert sum(len(b) for b in papersieve.PaperStream(sample, batch_size=50)) > 0
    with pytest.raises(TypeError):
        papersieve.parse_file(3)  # type: ignore[arg-type]


def test_decide_agrees_with_filter_about_top(sample: Path) -> None:
    corpus = papersieve.parse_file(sample)
    rules = papersieve.RuleSet.from_file(RULES)
    results = rules.filter(corpus, top=2)
    decisions = [rules.decide(p, results) for p in corpus]
    assert sum(bool(d["selected"]) for d in decisions) == len(results) == 2
    selected_alone = sum(bool(rules.decide(p)["selected"]) for p in corpus)
    assert selected_alone > 2
    assert sum(bool(d["cut_by_top"]) for d in decisions) == selected_alone - 2
    assert all(d["cut_by_top"] is False for d in (rules.decide(p) for p in corpus))
