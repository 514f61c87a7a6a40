"""Atom/RSS feeds and BibTeX/RIS/CSL-JSON, each read back by an independent parser
(feedparser, xml.etree, bibtexparser, rispy, json)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List

import pytest

import papersieve
from conftest import shared_file

ATOM = "{http://www.w3.org/2005/Atom}"
GENERATED = "2026-01-02T03:04:05Z"
HOSTILE_TITLE = 'Braces {b} & 50% of $\\frac{x_1}{2}$ ~ ^ <i>"BERT"</i> in LLaMA'


@pytest.fixture
def arxiv_results() -> papersieve.Results:
    corpus = papersieve.parse_file(shared_file("arxiv_oai_snapshot_first100.jsonl"))
    rules = papersieve.RuleSet.from_json(json.dumps({"rules": [
        {"name": "physics", "query": "quark OR gluon OR photon OR galaxy", "tags": ["physics"]},
        {"name": "math", "query": "theorem OR algebra OR graph", "tags": ["math", "proofs"]}]}))
    results = rules.filter(corpus)
    assert len(results) >= 10
    return results


def hostile_results() -> papersieve.Results:
    records = [{"title": HOSTILE_TITLE, "abstract": "An abstract about diffusion & <b>tags</b>.",
                "authors": ["Jörg Müller", "Ada Lovelace"], "id": "2401.00001",
                "published": "2024-01-05", "categories": "cs.LG cs.CV"},
               {"title": "Plain diffusion", "abstract": "Diffusion again.",
                "authors": ["Jörg Müller"], "published": "2024-03-01"}]
    corpus = papersieve.parse("\n".join(json.dumps(r) for r in records) + "\n", format="jsonl")
    results = papersieve.RuleSet.from_query("diffusion").filter(corpus)
    title = results[0].paper.title  # as normalization left it: TeX specials all still there
    assert all(c in title for c in "{}&%$_~^<>\"")
    return results


def test_atom_feed_reads_in_feedparser_and_as_atom_xml(arxiv_results: papersieve.Results) -> None:
    feedparser = pytest.importorskip("feedparser")
    atom = arxiv_results.to_atom("arXiv digest", generated=GENERATED,
                                 feed_url="https://example.org/feed.xml")
    feed = feedparser.parse(atom)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "arXiv digest" and feed.feed.id == "https://example.org/feed.xml"
    assert len(feed.entries) == len(arxiv_results)
    for entry, hit in zip(feed.entries, arxiv_results):
        paper = hit.paper
        assert entry.id == f"tag:papersieve,2024:paper/{paper.id}"
        assert entry.title == paper.title
        assert entry.link == f"https://arxiv.org/abs/{paper.arxiv_id}"
        assert entry.updated_parsed is not None
        assert [a.name for a in entry.authors] == paper.authors
        terms = {t.term for t in entry.tags}
        assert set(paper.categories) | set(hit.tags) == terms
        assert any(link.get("type") == "application/pdf" for link in entry.links)
        assert entry.content[0].type == "text/html"
        marked = any(span.field == "abstract" for span in hit.spans)
        assert ("<strong>" in entry.content[0].value) == marked
    # Schema-level: every element Atom requires, with the values it requires.
    root = ET.fromstring(atom)
    assert root.tag == ATOM + "feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(ATOM + name) is not None, name
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
    entries = root.findall(ATOM + "entry")
    assert len({e.findtext(ATOM + "id") for e in entries}) == len(entries)  # ids unique
    for e in entries:
        assert e.findtext(ATOM + "id") and e.findtext(ATOM + "title")
        assert rfc3339.match(e.findtext(ATOM + "updated") or "")
        assert e.find(ATOM + "content").get("type") == "html"  # type: ignore[union-attr]


def test_feed_entry_ids_are_stable_across_runs(arxiv_results: papersieve.Results) -> None:
    ids = [re.findall(r"<id>(tag:papersieve,2024:paper/[^<]+)</id>", arxiv_results.to_atom(generated=when))
           for when in ("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")]
    assert ids[0] == ids[1] and len(ids[0]) == len(arxiv_results)


def test_rss_feed_reads_in_feedparser(arxiv_results: papersieve.Results) -> None:
    feedparser = pytest.importorskip("feedparser")
    feed = feedparser.parse(arxiv_results.to_rss("arXiv digest", generated=GENERATED))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20" and len(feed.entries) == len(arxiv_results)
    first = feed.entries[0]
    assert first.id == f"tag:papersieve,2024:paper/{arxiv_results[0].paper.id}"
    assert first.published_parsed is not None and "<strong>" in first.description


def test_hostile_text_stays_well_formed_in_feeds() -> None:
    feedparser = pytest.importorskip("feedparser")
    results = hostile_results()
    for text in (results.to_atom(HOSTILE_TITLE), results.to_rss(HOSTILE_TITLE)):
        ET.fromstring(text)  # well-formed
        feed = feedparser.parse(text)
        assert not feed.bozo
        assert feed.entries[0].title == results[0].paper.title
        assert "<b>" not in feed.entries[0].get("content", [{"value": feed.entries[0].get(
            "description", "")}])[0]["value"].replace("&lt;b&gt;", "")


def unescape_tex(value: str) -> str:
    """What a reader of BibTeX shows for our escapes (the test's own, independent)."""
    for macro, char in (("\\textbackslash{}", "\\"), ("\\textasciitilde{}", "~"),
                        ("\\textasciicircum{}", "^")):
        value = value.replace(macro, "\x00" + char)
    value = re.sub(r"(?<!\\)[{}]", "", value)  # protective braces
    value = re.sub(r"\\([{}&%$#_])", r"\1", value)
    return value.replace("\x00", "")


def bibtex_entries(text: str) -> List[Dict[str, str]]:
    """Entries as bibtexparser 2 reads them: field names in lower case, plus ID and ENTRYTYPE."""
    bibtexparser = pytest.importorskip("bibtexparser")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    entries = []
    for entry in library.entries:
        fields = {field.key.lower(): str(field.value) for field in entry.fields}
        fields["ID"] = entry.key
        fields["ENTRYTYPE"] = entry.entry_type.lower()
        entries.append(fields)
    return entries


def test_bibtex_round_trips_through_bibtexparser(arxiv_results: papersieve.Results) -> None:
    entries = bibtex_entries(arxiv_results.to_bibtex())
    assert len(entries) == len(arxiv_results)
    assert len({e["ID"] for e in entries}) == len(entries)  # keys unique
    for entry, hit in zip(entries, arxiv_results):
        paper = hit.paper
        assert entry["ENTRYTYPE"] in ("misc", "article")
        assert entry["eprint"] == paper.arxiv_id and entry["archiveprefix"] == "arXiv"
        assert entry["primaryclass"] == paper.categories[0]
        assert entry["url"] == f"https://arxiv.org/abs/{paper.arxiv_id}"
        if "doi" in paper.extra:
            assert entry["doi"] == paper.extra["doi"]
        if "raw_title" not in paper.extra:
            assert unescape_tex(entry["title"]) == paper.title
        assert entry["keywords"] == ", ".join(hit.tags)
        assert entry["year"] == paper.published[:4]
        assert len(entry["author"].split(" and ")) == len(paper.authors)
    assert arxiv_results.to_bibtex() == arxiv_results.to_bibtex()  # stable keys


def test_bibtex_escapes_tex_and_folds_keys_to_ascii() -> None:
    results = hostile_results()
    entries = bibtex_entries(results.to_bibtex())
    assert unescape_tex(entries[0]["title"]) == results[0].paper.title
    assert "in {LLaMA}" in entries[0]["title"]  # an inner capital keeps its case
    assert entries[0]["ID"] == "muller2024braces" and entries[1]["ID"] == "muller2024plain"
    assert entries[0]["author"] == "Müller, Jörg and Lovelace, Ada"


def test_bibtex_of_a_corpus(hf_page: Path) -> None:
    corpus = papersieve.parse_file(hf_page)
    entries = bibtex_entries(corpus.to_bibtex())
    assert len(entries) == len(corpus) == len({e["ID"] for e in entries})
    assert [unescape_tex(e["title"]) for e in entries[:20]] == [p.title for p in corpus[:20]]


def test_ris_round_trips_through_rispy(arxiv_results: papersieve.Results) -> None:
    rispy = pytest.importorskip("rispy")
    text = arxiv_results.to_ris()
    assert "\r\n" in text
    records = rispy.loads(text)
    assert len(records) == len(arxiv_results)
    for record, hit in zip(records, arxiv_results):
        paper = hit.paper
        assert record["title"] == paper.title
        assert len(record["authors"]) == len(paper.authors)
        assert record["year"] == paper.published[:4]
        assert record["abstract"] == paper.abstract.replace("\n", " ")
        assert record["urls"] == [f"https://arxiv.org/abs/{paper.arxiv_id}"]
        assert record.get("keywords", []) == hit.tags
        if "doi" in paper.extra:
            assert record["doi"] == paper.extra["doi"]
    results = hostile_results()
    hostile = rispy.loads(results.to_ris())
    assert hostile[0]["title"] == results[0].paper.title
    assert hostile[0]["authors"] == ["Müller, Jörg", "Lovelace, Ada"]


def test_csl_json_items(arxiv_results: papersieve.Results) -> None:
    items = json.loads(arxiv_results.to_csl_json())
    assert len(items) == len(arxiv_results)
    for item, hit in zip(items, arxiv_results):
        paper = hit.paper
        assert item["type"] in ("article", "article-journal") and item["title"] == paper.title
        assert item["issued"]["date-parts"][0][0] == int(paper.published[:4])
        assert item["number"] == f"arXiv:{paper.arxiv_id}"
        assert len(item["author"]) == len(paper.authors)
    assert len({item["id"] for item in items}) == len(items)
    bib_keys = [e["ID"] for e in bibtex_entries(arxiv_results.to_bibtex())]
    assert [item["id"] for item in items] == bib_keys  # one key per paper in every format
