"""Normalization as Python users see it: LaTeX leftovers, URLs, Unicode, whitespace."""

from __future__ import annotations

import json
from pathlib import Path

import papersieve

from conftest import shared_file


def one(title: str, abstract: str) -> papersieve.Paper:
    (paper,) = papersieve.parse(f"Subscribe{title}\n{abstract}\n")
    return paper


def test_latex_leftovers_become_text() -> None:
    paper = one("Dual Prompts: ``Quoted'' Titles",
                "We gain 5\\% -- and more --- using \\emph{dual} prompts on $x^2 -- y$. "
                "Bal\\'azs and Schr\\\"odinger agree. \\sysname wins.")
    assert paper.title == "Dual Prompts: \u201cQuoted\u201d Titles"
    assert "5% \u2013 and more \u2014 using dual prompts" in paper.abstract
    assert "x\u00b2 -- y" in paper.abstract  # math rendered by its own rules
    assert "Bal\u00e1zs and Schr\u00f6dinger" in paper.abstract
    assert "\\sysname" in paper.abstract


def test_unknown_macros_are_counted() -> None:
    corpus = papersieve.parse("Subscribe\\sysname: A System\nWe present \\sysname. "
                              "It uses \\sysname and \\other{x}.\n")
    assert corpus.unknown_macros["\\sysname"] == 3
    assert corpus.unknown_macros["\\other"] == 1


def test_urls_are_trimmed_and_classified() -> None:
    paper = one("A Title", "Code: https://github.com/fanrena/DPT. Data at "
                           "https://huggingface.co/datasets/x/y, project (https://x.github.io/p).")
    kinds = {link.url: link.kind for link in paper.links}
    assert kinds == {"https://github.com/fanrena/DPT": "code",
                     "https://huggingface.co/datasets/x/y": "data",
                     "https://x.github.io/p": "project"}


def test_real_page_has_no_latex_leftovers(hf_page: Path) -> None:
    corpus = papersieve.parse_file(hf_page)
    for paper in corpus:
        for text in (paper.title, paper.abstract):
            assert "``" not in text and "''" not in text and "\\%" not in text
    assert corpus.unknown_macros.get("\\sysname", 0) >= 1
    links = [link for paper in corpus for link in paper.links]
    assert papersieve.Link("https://github.com/fanrena/DPT", "code") in links
    assert not any(link.url.endswith((".", ",", ";")) for link in links)


def test_unicode_and_whitespace() -> None:
    record = {"title": "Cafe\u0301  \u00a0 Title", "abstract": "Line one.\r\n   Line\ttwo.\u2003End."}
    (paper,) = papersieve.parse(json.dumps(record), format="jsonl")
    assert paper.title == "Caf\u00e9 Title"  # NFC, spaces collapsed
    assert paper.abstract == "Line one. Line two. End."


def test_arxiv_abstract_wraps_collapse() -> None:
    corpus = papersieve.parse_file(shared_file("arxiv_oai_snapshot_first100.jsonl"))
    assert all("\n" not in p.abstract and "  " not in p.abstract for p in corpus)
