"""arxiv-atom, arxiv-mailing and kv-text through the Python API, and auto detection among all."""

from __future__ import annotations

import pickle

import pytest

import papersieve

from conftest import shared_file

ATOM_ENTRY = """<entry>
  <id>http://arxiv.org/abs/{id}</id>
  <published>2024-06-03T10:00:00Z</published>
  <updated>2024-06-05T10:00:00Z</updated>
  <title>{title}</title>
  <summary>An abstract with x &gt; y.</summary>
  <author><name>Ada Lovelace</name></author>
  <link href="http://arxiv.org/abs/{id}" rel="alternate" type="text/html"/>
  <link title="pdf" href="http://arxiv.org/pdf/{id}" rel="related"/>
  <arxiv:primary_category term="cs.LG"/>
  <category term="cs.LG"/><category term="stat.ML"/>
  <arxiv:comment>5 pages</arxiv:comment>
</entry>
"""


def atom_feed(entries: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
            f"{entries}</feed>\n")


def test_atom_sample() -> None:
    corpus = papersieve.parse_file(shared_file("arxiv_api_atom_id_list_1111.2011v2.xml"))
    assert corpus.format == "arxiv-atom"
    assert corpus.stats == {"records": 1, "papers": 1, "duplicates": 0, "rejected": 0}
    (p,) = corpus
    assert (p.arxiv_id, p.version, p.published) == ("1111.2011", 2, "2011-11-08")
    assert p.extra["journal_ref"] == "Phys. Rev. B 85, 115117 (2012)"
    assert p.extra["updated"] == "2012-04-02"
    assert "\n" not in p.title


def test_atom_current_layout_old_style_id_and_entities() -> None:
    corpus = papersieve.parse(atom_feed(ATOM_ENTRY.format(id="math.AG/0601001v3",
                                                          title="Sheaves \\&amp; \\emph{stacks}")))
    assert corpus.format == "arxiv-atom"
    (p,) = corpus
    assert (p.arxiv_id, p.version) == ("math.AG/0601001", 3)
    assert p.title == "Sheaves & stacks"
    assert p.abstract == "An abstract with x > y."
    assert p.categories == ["cs.LG", "stat.ML"]
    assert p.extra == {"comment": "5 pages", "updated": "2024-06-05",
                       "raw_title": "Sheaves \\& \\emph{stacks}"}  # the TeX, as rendering changed it
    assert [link.url for link in p.links][:2] == ["http://arxiv.org/abs/math.AG/0601001v3",
                                                  "http://arxiv.org/pdf/math.AG/0601001v3"]


def test_atom_api_error_empty_feed_and_syntax_error() -> None:
    error = ("<entry><id>http://arxiv.org/api/errors#bad</id><title>Error</title>"
             "<summary>malformed id: 1234</summary></entry>")
    corpus = papersieve.parse(atom_feed(error))
    assert corpus.stats["rejected"] == 1
    assert "arXiv API error: malformed id: 1234" in corpus.diagnostics[0].message
    empty = papersieve.parse(atom_feed(""))
    assert len(empty) == 0 and "no entries" in empty.diagnostics[0].message
    broken = papersieve.parse(atom_feed(ATOM_ENTRY.format(id="2406.00001", title="A")) +
                              "<entry><title>cut", format="arxiv-atom")
    assert broken.stats == {"records": 2, "papers": 1, "duplicates": 0, "rejected": 1}
    bad = broken.diagnostics[-1]
    assert bad.severity == "error" and bad.line > 1 and bad.byte_offset > 0


def test_mailing_sample() -> None:
    corpus = papersieve.parse_file(shared_file("arxiv_mailing_new_q-fin_2023-03-17.txt"))
    assert corpus.format == "arxiv-mailing"
    assert corpus.stats == {"records": 16, "papers": 16, "duplicates": 0, "rejected": 0}
    replaced = [p for p in corpus if p.extra.get("replaced") == "true"]
    assert len(replaced) == 3 and all(p.abstract == "" for p in replaced)
    first = corpus[0]
    assert first.arxiv_id == "2303.08867" and first.published == "2023-03-15"
    assert first.authors == ["Louis Saddier", "Matteo Marsili"]
    wrapped = next(p for p in corpus if p.arxiv_id == "2303.08968")
    assert wrapped.title.endswith("portfolio optimization problems without using dynamic "
                                  "programming")


def test_mailing_fields_sections_and_trailer() -> None:
    rule = "-" * 78
    text = (f"Subject: daily\n{rule}\n\\\\\narXiv:2401.00001\n"
            "Date: Mon, 1 Jan 2024 10:00:00 GMT   (12kb)\n\n"
            "Title: Wrapped\n  Title\nAuthors: A. One and B. Two\nCategories: cs.CL\n"
            "Journal-ref: J. 1\nDOI: 10.1/x\n\\\\\n  Abstract\nwraps.\n"
            "\\\\ ( https://arxiv.org/abs/2401.00001 ,  12kb)\n"
            f"{'%-' * 39}\n\\\\\narXiv:2401.00002\nTitle: Crossed\n\\\\\n  Text.\n"
            "\\\\ ( https://arxiv.org/abs/2401.00002 ,  1kb)\n")
    corpus = papersieve.parse(text)
    assert corpus.format == "arxiv-mailing"
    first, crossed = corpus
    assert (first.title, first.abstract) == ("Wrapped Title", "Abstract wraps.")
    assert first.extra == {"doi": "10.1/x", "journal_ref": "J. 1", "announce_type": "new"}
    assert crossed.extra["announce_type"] == "cross"
    assert "https://doi.org/10.1/x" in [link.url for link in first.links]
    assert crossed.extra == {"cross_list": "true", "announce_type": "cross"}


def test_kv_text_sample() -> None:
    corpus = papersieve.parse_file(shared_file("hf_daily_title_pdf_summary_2024-06-21.txt"))
    assert corpus.format == "kv-text"
    assert corpus.stats == {"records": 50, "papers": 50, "duplicates": 0, "rejected": 0}
    assert all(p.arxiv_id and p.abstract for p in corpus)
    assert corpus[2].title.startswith("\u2207\u00b2DFT")  # $\nabla^2$DFT rendered
    assert corpus[2].extra["raw_title"].startswith("$\\nabla^2$DFT")


def test_kv_text_keys_wraps_and_extra() -> None:
    text = ("TITLE: A Long Title\n    That Wraps\nAuthors: A. One, B. Two\n"
            "URL: https://arxiv.org/abs/2406.01234v2\nDate: 2024-06-21\nUpvotes: 7\n"
            "Abstract: Text.\n---\nTitle: Second\nsummary: More.\n---\nSummary: orphan\n")
    corpus = papersieve.parse(text)
    assert corpus.format == "kv-text"
    assert corpus.stats == {"records": 3, "papers": 2, "duplicates": 0, "rejected": 1}
    p = corpus[0]
    assert (p.title, p.arxiv_id, p.version, p.published) == ("A Long Title That Wraps",
                                                             "2406.01234", 2, "2024-06-21")
    assert p.authors == ["A. One", "B. Two"]
    assert p.extra == {"upvotes": "7"}
    assert p.to_dict()["extra"] == {"upvotes": "7"}
    assert pickle.loads(pickle.dumps(p)) == p
    assert corpus.diagnostics[-1].line == 12


@pytest.mark.parametrize("name,expected", [
    ("000_fd6c685c865a6cdc.txt", "hf-text"),
    ("hf_daily_papers_api.json", "hf-json"),
    ("arxiv_oai_snapshot_first100.jsonl", "arxiv-jsonl"),
    ("arxiv_api_atom_id_list_1111.2011v2.xml", "arxiv-atom"),
    ("arxiv_mailing_new_q-fin_2023-03-17.txt", "arxiv-mailing"),
    ("hf_daily_title_pdf_summary_2024-06-21.txt", "kv-text"),
])
def test_auto_detection_of_every_sample(name: str, expected: str) -> None:
    corpus = papersieve.parse_file(shared_file(name))
    assert corpus.format == expected
    assert corpus.stats["rejected"] == 0
    assert not any("also considered" in d.message for d in corpus.diagnostics)


def test_ambiguous_input_says_what_was_considered() -> None:
    # One "Title:" line (kv-text) and two Hugging Face paper lines (hf-text): a close call.
    corpus = papersieve.parse("Title: Alone\nA line that may be an abstract.\n"
                              "Submitted by someone\nhttps://arxiv.org/abs/2406.01234\n")
    assert corpus.format == "hf-text"
    note = corpus.diagnostics[0]
    assert note.severity == "warning"
    assert "also considered kv-text" in note.message


def test_new_formats_by_name() -> None:
    for name in ("arxiv-atom", "arxiv-mailing", "kv-text"):
        assert name in papersieve.formats()
