"""The everyday Python experience: reprs, equality, to_dict, pickling, pandas, the GIL."""

from __future__ import annotations

import pickle
import sys
import threading
from pathlib import Path

import pytest

import papersieve

ROOT = Path(__file__).resolve().parents[2]


def test_reprs_equality_and_dicts(sample: Path) -> None:
    corpus = papersieve.parse_file(sample)
    again = papersieve.parse_file(sample)
    assert corpus[0] == again[0] and corpus[0] != corpus[1]
    assert repr(corpus).startswith("Corpus(format='hf-text', papers=10")
    assert corpus[0].to_dict()["title"] == corpus[0].title
    rules = papersieve.RuleSet.from_query("prompt*")
    assert repr(rules) == "RuleSet(rules=1, query='prompt*')"
    results = rules.filter(corpus)
    assert repr(results).startswith("Results(selected=")
    hit = results[0].to_dict()
    assert hit["paper"]["id"] == results[0].paper.id and hit["rules"] == ["query"]


def test_rulesets_and_corpora_pickle(sample: Path) -> None:
    corpus = papersieve.parse_file(sample)
    for rules in (papersieve.RuleSet.from_query('"text to image" OR prompt*'),
                  papersieve.RuleSet.from_file(str(ROOT / "examples/rules/digest.json"))):
        clone = pickle.loads(pickle.dumps(rules))
        assert clone.filter(corpus).to_jsonl() == rules.filter(corpus).to_jsonl()
    assert pickle.loads(pickle.dumps(corpus)).to_jsonl() == corpus.to_jsonl()


def test_to_pandas(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = papersieve.RuleSet.from_query("prompt*").filter(papersieve.parse_file(sample))
    pandas = pytest.importorskip("pandas")
    frame = results.to_pandas()
    assert isinstance(frame, pandas.DataFrame) and len(frame) == len(results)
    assert list(frame["title"]) == [hit.paper.title for hit in results]
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"papersieve\[pandas\]"):
        results.to_pandas()


def test_filter_releases_the_gil() -> None:
    page = "Subscribe" + "".join(f"Paper {i} on prompt tuning\nWe tune prompts. It works well.\n"
                                 for i in range(60_000))
    corpus = papersieve.parse(page)
    rules = papersieve.RuleSet.from_query('"prompt tuning" OR prompt* OR "it works"')
    worker = threading.Thread(target=rules.filter, args=(corpus,))
    ticks = 0
    worker.start()
    while worker.is_alive():
        ticks += 1  # runs only while filter() has let go of the GIL
    worker.join()
    assert ticks > 10_000
