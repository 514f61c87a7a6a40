"""papersieve.parse / parse_file and the Corpus, Paper, Diagnostic objects."""

from __future__ import annotations

import pickle
import threading
from pathlib import Path

import pytest

import papersieve

ABSTRACT = "We propose a method that works. It beats the baselines on three benchmarks."


def test_real_page_has_192_papers(hf_page: Path) -> None:
    corpus = papersieve.parse_file(hf_page)
    assert corpus.format == "hf-text"
    assert len(corpus) == 192
    assert corpus.stats == {"records": 192, "papers": 192, "duplicates": 0, "rejected": 0}
    assert corpus[0].title == "Dual Caption Preference Optimization for Diffusion Models"
    assert corpus[0].source.line == 3
    assert corpus[3].short_name == "DualPrompt"
    assert all("Subscribe" not in p.title for p in corpus)
    assert all(len(p.abstract) > 100 for p in corpus)
    assert [p.id for p in corpus] == [p.id for p in papersieve.parse(hf_page.read_bytes())]


def test_str_bytes_and_buffers_give_the_same_papers(sample: Path) -> None:
    data = sample.read_bytes()
    expected = [p.to_json() for p in papersieve.parse(data, name=str(sample))]
    for variant in (data.decode("utf-8"), bytearray(data), memoryview(data)):
        assert [p.to_json() for p in papersieve.parse(variant, name=str(sample))] == expected
    assert [p.to_json() for p in papersieve.parse_file(str(sample))] == expected


def test_paper_attributes_and_unknowns_are_none() -> None:
    corpus = papersieve.parse(
        "SubscribeOrbit: Planning for Robots\n" + ABSTRACT + "\n12\n"
        "https://huggingface.co/papers/2406.01234v2\nPlain Title\n" + ABSTRACT + "\n")
    orbit, plain = corpus
    assert orbit.id == "2406.01234" and orbit.arxiv_id == "2406.01234" and orbit.version == 2
    assert orbit.upvotes == 12
    assert orbit.short_name == "Orbit"
    assert orbit.links == [papersieve.Link("https://huggingface.co/papers/2406.01234v2", "paper")]
    assert plain.arxiv_id is None and plain.version is None and plain.upvotes is None
    assert plain.published is None and plain.short_name is None
    assert plain.id.startswith("psv-") and len(plain.id) == 20
    assert plain.authors == [] and plain.categories == []


def test_rejected_record_is_a_diagnostic_with_line_and_offset() -> None:
    text = "SubscribeA Title\n" + ABSTRACT + "\n" + "x" * 600 + "\nB Title\n" + ABSTRACT + "\n"
    corpus = papersieve.parse(text, name="page.txt")
    stats = corpus.stats
    assert stats["rejected"] == 1 and stats["papers"] == 2
    assert stats["records"] == stats["papers"] + stats["duplicates"] + stats["rejected"]
    (error,) = [d for d in corpus.diagnostics if d.severity == "error"]
    assert (error.line, error.byte_offset) == (3, len("SubscribeA Title\n" + ABSTRACT + "\n"))
    assert error.source == "page.txt" and error.format == "hf-text"
    assert str(error).startswith("page.txt:3: error: ")


def test_invalid_utf8_is_replaced_and_reported() -> None:
    corpus = papersieve.parse(b"SubscribeCaf\xe9 Title\n" + ABSTRACT.encode() + b"\n")
    assert corpus[0].title == "Caf\ufffd Title"
    assert any("invalid UTF-8" in d.message for d in corpus.diagnostics)


def test_indexing_slicing_iteration() -> None:
    corpus = papersieve.parse("".join(f"T{i}\n{ABSTRACT}\n" for i in range(5)), format="hf-text")
    assert [p.title for p in corpus] == [f"T{i}" for i in range(5)]
    assert corpus[-1].title == "T4"
    assert [p.title for p in corpus[1:4:2]] == ["T1", "T3"]
    with pytest.raises(IndexError):
        corpus[5]
    paper = corpus[0]
    del corpus
    assert paper.title == "T0"  # a Paper keeps its Corpus alive


def test_errors_are_typed() -> None:
    with pytest.raises(papersieve.ParseError, match="unknown format 'pdf'"):
        papersieve.parse("x", format="pdf")
    with pytest.raises(papersieve.FileError) as info:
        papersieve.parse_file("/nonexistent/page.txt")
    assert isinstance(info.value, OSError) and isinstance(info.value, papersieve.PapersieveError)
    with pytest.raises(TypeError):
        papersieve.parse(12345)  # type: ignore[arg-type]
    assert issubclass(papersieve.RuleError, papersieve.PapersieveError)


def test_pickle_round_trip(sample: Path) -> None:
    corpus = papersieve.parse_file(sample)
    clone = pickle.loads(pickle.dumps(corpus))
    assert [p.to_json() for p in clone] == [p.to_json() for p in corpus]
    assert clone.stats == corpus.stats and clone.format == corpus.format
    assert pickle.loads(pickle.dumps(corpus[0])).to_json() == corpus[0].to_json()


def test_formats_lists_what_this_build_reads() -> None:
    assert papersieve.formats()[0] == "auto"
    assert "hf-text" in papersieve.formats()


def test_parse_runs_in_threads() -> None:
    text = "".join(f"Title {i}\n{ABSTRACT}\n" for i in range(2000))
    results: list[int] = []

    def work() -> None:
        results.append(len(papersieve.parse(text, format="hf-text")))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [2000] * 4
