"""Every format through parse / parse_file / iter_file, on real dumps and written cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import papersieve

from conftest import shared_file

ABSTRACT = "We propose a method. It works on three benchmarks."


def test_arxiv_snapshot_sample() -> None:
    path = shared_file("arxiv_oai_snapshot_first100.jsonl")
    corpus = papersieve.parse_file(path)
    assert corpus.format == "arxiv-jsonl"
    assert corpus.stats == {"records": 100, "papers": 100, "duplicates": 0, "rejected": 0}
    # Expectations come from the sample itself, not copied into the test.
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for paper, record in zip(corpus, records):
        assert paper.id == paper.arxiv_id == record["id"]
        assert paper.version == max(int(v["version"][1:]) for v in record["versions"])
        assert paper.categories == record["categories"].split()
        assert "\n" not in paper.title and "  " not in paper.abstract
        assert not paper.abstract.startswith(" ")
        names = [" ".join(part for part in (first, last, suffix) if part)
                 for last, first, suffix, *_ in record["authors_parsed"]]
        assert paper.authors == names
    assert [p.id for p in papersieve.iter_file(path, batch_size=7) for p in p] == [
        p.id for p in corpus]


def test_hf_api_sample() -> None:
    path = shared_file("hf_daily_papers_api.json")
    corpus = papersieve.parse_file(path)
    assert corpus.format == "hf-json"
    assert len(corpus) == 29 and corpus.stats["rejected"] == 0
    assert all(p.arxiv_id and p.upvotes is not None for p in corpus)
    assert all("\n" not in p.title and "  " not in p.title for p in corpus)
    assert papersieve.Link(f"https://huggingface.co/papers/{corpus[0].arxiv_id}",
                           "paper") in corpus[0].links


def test_hf_json_single_paper_and_links() -> None:
    paper = {"id": "2406.01234", "title": "Orbit:\n  Planning", "summary": ABSTRACT,
             "upvotes": 9, "githubRepo": "https://github.com/x/orbit",
             "projectPage": "https://orbit.example.org", "publishedAt": "2024-06-03T17:00:00.000Z",
             "authors": [{"name": "Ada Lovelace"}]}
    corpus = papersieve.parse(json.dumps(paper))
    assert corpus.format == "hf-json"
    (p,) = corpus
    assert (p.title, p.short_name, p.upvotes, p.published) == ("Orbit: Planning", "Orbit", 9,
                                                                "2024-06-03")
    kinds = {link.url: link.kind for link in p.links}
    assert kinds["https://github.com/x/orbit"] == "code"
    assert kinds["https://orbit.example.org"] == "project"


def test_generic_jsonl_and_json() -> None:
    records = [{"title": "First", "abstract": ABSTRACT, "authors": ["A. B"]},
               {"title": "Second", "summary": ABSTRACT, "url": "https://arxiv.org/abs/2401.00002"}]
    lines = "\n".join(json.dumps(r) for r in records) + "\n"
    jsonl = papersieve.parse(lines, format="jsonl")
    assert [p.title for p in jsonl] == ["First", "Second"]
    assert jsonl[0].authors == ["A. B"] and jsonl[1].abstract == ABSTRACT
    array = papersieve.parse(json.dumps(records), format="json")
    assert [p.to_json() for p in array] != [] and [p.title for p in array] == ["First", "Second"]


def test_bad_records_are_accounted_for() -> None:
    lines = "\n".join([json.dumps({"title": "Good", "abstract": ABSTRACT}), "{not json",
                       json.dumps({"abstract": "no title"}), json.dumps({"title": 5})]) + "\n"
    corpus = papersieve.parse(lines, format="jsonl", name="bad.jsonl")
    stats = corpus.stats
    assert stats["papers"] == 1 and stats["rejected"] == 3
    assert stats["records"] == stats["papers"] + stats["duplicates"] + stats["rejected"]
    errors = [d for d in corpus.diagnostics if d.severity == "error"]
    assert [d.line for d in errors] == [2, 3, 4]
    assert all(d.source == "bad.jsonl" and d.byte_offset > 0 for d in errors)


@pytest.mark.parametrize("fmt", ["auto", "hf-text", "hf-json", "arxiv-jsonl", "jsonl", "json"])
def test_hostile_inputs_never_crash(fmt: str) -> None:
    for data in [b"", b"\x00\xff\xfe" * 1000, b"[" * 100_000, b'{"a":' * 100_000,
                 b'{"title": "cut', "\ufffd".encode() * 10]:
        try:
            corpus = papersieve.parse(data, format=fmt)
        except papersieve.ParseError:
            continue
        stats = corpus.stats
        assert stats["records"] == stats["papers"] + stats["duplicates"] + stats["rejected"]


def test_formats_lists_every_reader() -> None:
    assert {"hf-text", "hf-json", "arxiv-jsonl", "jsonl", "json"} <= set(papersieve.formats())


def test_cli_reads_every_sample(tmp_path: Path) -> None:
    from papersieve.cli import main
    import io
    for name, count in [("arxiv_oai_snapshot_first100.jsonl", 100),
                        ("hf_daily_papers_api.json", 29)]:
        out, err = io.StringIO(), io.StringIO()
        assert main(["parse", str(shared_file(name))], out, err) == 0
        assert len(out.getvalue().splitlines()) == count
