"""The bibtex and ris readers through Python and the CLI, checked against bibtexparser and rispy."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

import pytest

import papersieve
from conftest import ROOT, shared_file

DATA = ROOT / "tests" / "data"
BIB_FILES = ["references.bib", "zotero_better_bibtex.bib"]
RIS_FILES = ["library.ris"]


def detex(text: str) -> str:
    """What the normalizer makes of the few TeX constructs in the test titles."""
    text = text.replace("\\&", "&").replace("\\_", "_").replace("\\%", "%")
    return " ".join(text.replace("{", "").replace("}", "").split())


def lower(value: Optional[str]) -> Optional[str]:
    return value.lower() if value else None


def test_both_formats_are_named() -> None:
    assert "bibtex" in papersieve.formats()
    assert "ris" in papersieve.formats()


@pytest.mark.parametrize("name", BIB_FILES)
def test_bibtex_agrees_with_bibtexparser(name: str) -> None:
    bibtexparser = pytest.importorskip("bibtexparser")
    text = (DATA / name).read_text("utf-8")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    corpus = papersieve.parse(text, "bibtex")
    assert corpus.stats["rejected"] == 0
    assert len(corpus) == len(library.entries)
    for paper, entry in zip(corpus, library.entries):
        fields = entry.fields_dict
        assert paper.extra["citation_key"] == entry.key
        assert paper.title == detex(fields["title"].value)
        doi = fields["doi"].value.replace("\\_", "_") if "doi" in fields else None
        assert lower(paper.extra.get("doi")) == lower(doi)


@pytest.mark.parametrize("name", RIS_FILES)
def test_ris_agrees_with_rispy(name: str) -> None:
    rispy = pytest.importorskip("rispy")
    path = DATA / name
    _check_against_rispy(rispy, path)


def test_shared_ris_sample_agrees_with_rispy() -> None:
    rispy = pytest.importorskip("rispy")
    _check_against_rispy(rispy, shared_file("ris_full_tags.ris"))


def _check_against_rispy(rispy, path: Path) -> None:  # type: ignore[no-untyped-def]
    entries = rispy.loads(path.read_text("utf-8-sig"))
    corpus = papersieve.parse_file(path)
    assert corpus.format == "ris"
    assert corpus.stats["rejected"] == 0
    assert len(corpus) == len(entries)
    for paper, entry in zip(corpus, entries):
        title = entry.get("title") or entry.get("primary_title")
        assert paper.title == " ".join(title.split())
        assert lower(paper.extra.get("doi")) == lower(entry.get("doi"))
        authors = entry.get("authors", []) + entry.get("first_authors", [])
        assert len(paper.authors) == len(authors)


def test_bibtex_fields_through_python() -> None:
    corpus = papersieve.parse_file(DATA / "zotero_better_bibtex.bib")
    assert corpus.format == "bibtex"  # detected
    resnet, bert, adam, smith = corpus
    assert resnet.title == "Deep Residual Learning for Image Recognition"
    assert resnet.authors == ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"]
    assert resnet.published == "2016-06"
    assert resnet.extra["journal"] == ("2016 IEEE Conference on Computer Vision and Pattern "
                                       "Recognition (CVPR)")
    assert "Image recognition" in resnet.categories
    assert bert.arxiv_id == "1810.04805" and bert.id == "1810.04805"
    assert bert.short_name == "BERT"
    assert adam.arxiv_id == "1412.6980"
    assert adam.published == "2017-01-29"
    assert adam.categories == ["cs"]
    assert smith.title == "Escaped _ and % in TeX & a DOI"
    assert smith.authors == ["Anna Smith", "World Health Organization"]
    assert smith.extra["doi"] == "10.1000/test_2020"


def test_detection_of_own_documents() -> None:
    for name in BIB_FILES:
        corpus = papersieve.parse_file(DATA / name)
        assert corpus.format == "bibtex", name
        assert not any("also considered" in d.message for d in corpus.diagnostics)
    for name in RIS_FILES:
        assert papersieve.parse_file(DATA / name).format == "ris"


def test_broken_entry_is_rejected_with_its_position() -> None:
    text = "@article{a,\n  title = {Open {brace},\n\n@article{b, title = {B}}\n"
    corpus = papersieve.parse(text, "bibtex")
    assert [p.title for p in corpus] == ["B"]
    assert corpus.stats == {"records": 2, "papers": 1, "duplicates": 0, "rejected": 1}
    error = next(d for d in corpus.diagnostics if d.severity == "error")
    assert (error.line, error.byte_offset) == (1, 0)
    assert "unbalanced braces" in error.message


def test_same_paper_from_bibtex_and_ris_folds() -> None:
    bib = papersieve.parse("@misc{k, title = {Attention Is All You Need}, eprint = {1706.03762},"
                           " archivePrefix = {arXiv}}\n")
    ris = papersieve.parse_file(DATA / "library.ris")
    merged = papersieve.combine([bib, ris])
    assert merged.stats["duplicates"] == 1
    assert [p.id for p in merged].count("1706.03762") == 1


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "papersieve", *args], capture_output=True,
                          text=True, timeout=120)


def test_cli_offers_both_formats() -> None:
    result = run("parse", "--help")
    assert result.returncode == 0
    assert re.search(r"\bbibtex\b", result.stdout) and re.search(r"\bris\b", result.stdout)


def test_cli_stats_on_the_shared_ris_sample_rejects_nothing() -> None:
    result = run("stats", "--json", str(shared_file("ris_full_tags.ris")))
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    row = stats[0] if isinstance(stats, list) else stats
    assert row["rejected"] == 0 and row["papers"] == 2


def test_cli_parse_bibtex_by_name() -> None:
    result = run("parse", "-f", "bibtex", str(DATA / "references.bib"), "--to", "jsonl")
    assert result.returncode == 0, result.stderr
    records: List[dict] = [json.loads(line) for line in result.stdout.splitlines()]  # type: ignore[type-arg]
    assert [r["extra"]["citation_key"] for r in records] == [
        "vaswani2017attention", "ronnow2014defining", "Mueller2019"]
    assert records[0]["source"]["format"] == "bibtex"
    assert result.stderr == ""
