"""Scholarly sources (Semantic Scholar, OpenAlex, Crossref, bioRxiv, CSL-JSON,
Zotero JSON), the identity rules, and the S2 datasets abstracts join."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import papersieve
from conftest import ROOT, shared_file

DATA = ROOT / "tests" / "data" / "scholarly"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "papersieve", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("name, fmt, records", [
    ("s2_graph_paper_search.json", "semantic-scholar", 100),
    ("crossref_work.json", "crossref", 1),
    ("zotero_export.json", "zotero-json", 3),
    ("zotero_better_csl.json", "csl-json", None),
])
def test_stats_on_shared_samples_rejects_nothing(name: str, fmt: str, records: int) -> None:
    path = shared_file(name)
    result = run("stats", str(path), "--json")
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)
    assert row["format"] == fmt
    assert row["rejected"] == 0
    # Nothing is ignored: the only warnings are titles met twice (search results repeat papers).
    assert all("duplicate of" in line for line in result.stderr.splitlines()), result.stderr
    if records is not None:
        assert row["records"] == records


def test_new_formats_are_listed_and_detected() -> None:
    names = papersieve.formats()
    for name in ("semantic-scholar", "openalex", "crossref", "biorxiv", "csl-json",
                 "zotero-json"):
        assert name in names
    assert papersieve.parse_file(DATA / "openalex_works.json").format == "openalex"
    assert papersieve.parse_file(DATA / "biorxiv_details.json").format == "biorxiv"


def test_identity_doi_then_arxiv() -> None:
    corpus = papersieve.parse(
        '{"message-type": "work",'
        ' "message": {"DOI": "https://doi.org/10.1/ABC", "title": ["Only a DOI"]}}')
    assert corpus.format == "crossref"
    assert corpus[0].id == "doi:10.1/abc"
    assert corpus[0].extra["doi"] == "10.1/abc"
    folded = papersieve.combine([corpus, papersieve.parse(
        '{"paperId": "p", "title": "Other", "abstract": "Text.",'
        ' "externalIds": {"DOI": "10.1/abc", "ArXiv": "2101.00001"}}')])
    assert len(folded) == 1
    assert folded[0].id == "2101.00001"
    assert folded[0].abstract == "Text."
    assert folded.stats["duplicates"] == 1


@pytest.fixture
def s2_pair(tmp_path: Path) -> "tuple[Path, Path]":
    papers = tmp_path / "papers.jsonl"
    abstracts = tmp_path / "abstracts.jsonl"
    papers.write_text("".join(
        json.dumps({"corpusid": i, "externalids": {"CorpusId": str(i)}, "title": f"Paper {i}"})
        + "\n" for i in range(5)))
    abstracts.write_text("".join(
        json.dumps({"corpusid": i, "openaccessinfo": None, "abstract": f"About {i}."}) + "\n"
        for i in (4, 2, 0)))
    return papers, abstracts


def test_join_abstracts_in_python(s2_pair: "tuple[Path, Path]") -> None:
    papers, abstracts = s2_pair
    corpus = papersieve.parse_file(papers, abstracts=abstracts)
    assert [p.abstract for p in corpus] == ["About 0.", "", "About 2.", "", "About 4."]
    batches = list(papersieve.iter_file(papers, batch_size=2, abstracts=str(abstracts)))
    assert [p.abstract for b in batches for p in b][4] == "About 4."
    with pytest.raises(OSError):
        papersieve.parse_file(papers, abstracts=abstracts.with_suffix(".missing"))


def test_join_abstracts_on_the_command_line(s2_pair: "tuple[Path, Path]") -> None:
    papers, abstracts = s2_pair
    result = run("parse", str(papers), "--join-abstracts", str(abstracts))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[2]["abstract"] == "About 2."
    assert rows[2]["extra"]["corpusid"] == "2"
    missing = run("parse", str(papers), "--join-abstracts", str(abstracts) + ".missing")
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
