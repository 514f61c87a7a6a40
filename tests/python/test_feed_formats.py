"""arxiv-rss, feed, pubmed and oai-pmh, and compressed input, through Python and the CLI."""

from __future__ import annotations

import bz2
import gzip
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import papersieve
from conftest import ROOT, shared_file

DATA = ROOT / "tests" / "data"
NEW_FORMATS = ["arxiv-rss", "feed", "pubmed", "oai-pmh"]


def cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "papersieve", *args], input=stdin,
                          capture_output=True, timeout=300)


def test_new_formats_are_listed_and_accepted_by_the_cli() -> None:
    assert all(name in papersieve.formats() for name in NEW_FORMATS)
    for name in NEW_FORMATS:
        result = cli("stats", "--json", "--format", name, str(DATA / "journal_atom.xml"))
        assert b"invalid choice" not in result.stderr, name


@pytest.mark.parametrize("path, fmt", [
    (DATA / "arxiv_rss_cs.CL.xml", "arxiv-rss"),
    (DATA / "arxiv_atom_feed_cs.CL.xml", "arxiv-rss"),
    (DATA / "biorxiv_neuroscience.rdf", "feed"),
    (DATA / "journal_toc_rss2.xml", "feed"),
    (DATA / "journal_atom.xml", "feed"),
    (DATA / "pubmed_update_sample.xml", "pubmed"),
    (DATA / "oai_arxiv_list_records.xml", "oai-pmh"),
    (DATA / "oai_arxivraw_get_record.xml", "oai-pmh"),
])
def test_auto_detects_each_bundled_sample(path: Path, fmt: str) -> None:
    corpus = papersieve.parse_file(path)
    assert corpus.format == fmt
    assert not any("also considered" in d.message for d in corpus.diagnostics)
    stats = corpus.stats
    assert stats["records"] == stats["papers"] + stats["duplicates"] + stats["rejected"]


@pytest.mark.parametrize("name, fmt", [("pubmed_efetch_29768149.xml", "pubmed"),
                                       ("oaipmh_oai_dc_list_records.xml", "oai-pmh")])
def test_stats_on_each_shared_sample_rejects_nothing(name: str, fmt: str) -> None:
    result = cli("stats", "--json", str(shared_file(name)))
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)
    assert row["format"] == fmt
    assert row["rejected"] == 0 and row["papers"] == 1


def test_only_new_papers_of_an_arxiv_feed() -> None:
    corpus = papersieve.parse_file(DATA / "arxiv_rss_cs.CL.xml", format="arxiv-rss")
    new = [p for p in corpus if p.extra.get("announce_type") == "new"]
    assert [p.arxiv_id for p in new] == ["2404.09001"]
    (first, *_) = corpus
    assert first.authors == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert first.extra["affiliations"] == "Ada Lovelace: Univ A; Univ B\nGrace Hopper: Navy Lab"
    assert not first.abstract.startswith("arXiv:")


def test_arxiv_feed_error_is_reported_as_an_error() -> None:
    corpus = papersieve.parse_file(DATA / "arxiv_rss_feed_error.xml")
    assert corpus.stats["rejected"] == 1 and len(corpus) == 0
    assert any("Feed error for query" in d.message for d in corpus.diagnostics)
    result = cli("stats", "--json", str(DATA / "arxiv_rss_feed_error.xml"))
    assert json.loads(result.stdout)["rejected"] == 1


def test_resumption_token_reaches_python_and_the_cli() -> None:
    path = shared_file("oaipmh_oai_dc_list_records.xml")
    corpus = papersieve.parse_file(path)
    tokens = [d for d in corpus.diagnostics if d.message.startswith("resumptionToken")]
    assert len(tokens) == 1 and '"ListRecords2.xml"' in tokens[0].message
    assert any("deleted record" in d.message for d in corpus.diagnostics)
    result = cli("parse", str(path), "--to", "jsonl")
    assert result.returncode == 0
    assert b"resumptionToken" in result.stderr


def test_pubmed_fields_from_the_real_efetch_sample() -> None:
    (paper,) = papersieve.parse_file(shared_file("pubmed_efetch_29768149.xml"))
    assert paper.extra["pmid"] == "29768149"
    assert paper.abstract.startswith("BACKGROUND: ")
    assert "Asthma" in paper.categories
    assert paper.published == "2018-05-17"


@pytest.mark.parametrize("pack", [gzip.compress, bz2.compress])
def test_compressed_stdin_file_and_memory(tmp_path: Path, pack: object) -> None:
    raw = (DATA / "arxiv_rss_cs.CL.xml").read_bytes()
    packed = pack(raw)  # type: ignore[operator]
    result = cli("filter", "-", "--format", "arxiv-rss", "-q", "attention", "--to", "jsonl",
                 stdin=packed)
    assert result.returncode == 0, result.stderr
    (hit,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert hit["arxiv_id"] == "2404.09001"
    path = tmp_path / "feed.xml.any"
    path.write_bytes(packed)
    assert len(papersieve.parse_file(path)) == 4
    assert papersieve.parse(packed).format == "arxiv-rss"


def test_truncated_gzip_is_a_clear_error(tmp_path: Path) -> None:
    packed = gzip.compress((DATA / "journal_atom.xml").read_bytes())
    path = tmp_path / "cut.xml.gz"
    path.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(papersieve.ParseError, match="ends early"):
        papersieve.parse_file(path)
    result = cli("stats", str(path))
    assert result.returncode != 0
    assert b"Traceback" not in result.stderr and b"ends early" in result.stderr


ARTICLE = ("<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">{pmid}"
           "</PMID><Article><Journal><JournalIssue><PubDate><Year>2020</Year><Month>Jan</Month>"
           "</PubDate></JournalIssue><Title>Journal of Generated Results</Title></Journal>"
           "<ArticleTitle>Generated article {pmid} on cell signalling</ArticleTitle><Abstract>"
           "<AbstractText Label=\"BACKGROUND\">{body}</AbstractText><AbstractText Label=\"RESULTS\">"
           "{body}</AbstractText></Abstract><AuthorList><Author><LastName>Doe</LastName><ForeName>"
           "Jane</ForeName></Author></AuthorList></Article><MeshHeadingList><MeshHeading>"
           "<DescriptorName>Humans</DescriptorName></MeshHeading></MeshHeadingList>"
           "</MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType=\"doi\">10.1000/g.{pmid}"
           "</ArticleId></ArticleIdList></PubmedData></PubmedArticle>")


def test_one_gigabyte_gzipped_baseline_streams_in_bounded_memory(tmp_path: Path) -> None:
    """A baseline-style file: 1 GB of XML on one line, gzip'd, read with a bounded peak RSS."""
    path = tmp_path / "pubmed_generated.xml.gz"
    body = "Signalling pathways were measured in generated cells. " * 12
    size = 0
    articles = 0
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<PubmedArticleSet>')
        block = []
        while size < 1 << 30:
            article = ARTICLE.format(pmid=articles + 1, body=body).encode()
            block.append(article)
            size += len(article)
            articles += 1
            if len(block) == 2000:
                out.write(b"".join(block))
                block.clear()
        out.write(b"".join(block) + b"</PubmedArticleSet>\n")
    script = textwrap.dedent(f"""
        import resource, papersieve
        stream = papersieve.iter_file({str(path)!r}, batch_size=5000, threads=1)
        n = sum(len(b) for b in stream)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
        print(n, stream.totals["rejected"], int(hwm.split()[1]) // 1024,
              usage.ru_utime + usage.ru_stime)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=900).stdout.split()
    papers, rejected, peak_mb, took = int(out[0]), int(out[1]), int(out[2]), float(out[3])
    print(f"1 GiB gzip'd pubmed: {papers} papers in {took:.1f} s of CPU "
          f"({size / took / 1e6:.0f} MB/s decoded and read), peak RSS {peak_mb} MB")
    assert papers == articles and rejected == 0
    assert peak_mb < 160, f"peak RSS {peak_mb} MB for a 1 GiB input"
