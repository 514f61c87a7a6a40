"""threads= changes speed only: parse, parse_file, iter_file, RuleSet.filter and the CLI's
--threads give the same papers, diagnostics, stats and hits for any thread count."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, List

import pytest

import papersieve

THREADS = [2, 3, 8, 0]

RULES = json.dumps({"min_score": 1, "rules": [
    {"name": "diffusion", "query": 'diffusion OR "text to image"', "weight": 2, "tags": ["gen"]},
    {"name": "code", "query": "link:github", "weight": 1, "tags": ["code"]},
    {"name": "llm", "query": "title:(LLM* OR language)", "weight": 1.5},
    {"name": "veto", "query": "survey", "exclude": True},
]})


def snapshot(corpus: papersieve.Corpus) -> Any:
    return ([(p.to_json(), p.source.name, p.source.line, p.source.byte_offset) for p in corpus],
            [str(d) for d in corpus.diagnostics], corpus.stats, dict(corpus.unknown_macros),
            corpus.format)


def hits(results: papersieve.Results) -> List[Any]:
    return [(h.index, h.score, h.rules, h.tags, [tuple(s) for s in h.spans]) for h in results]


def generated_arxiv(n: int) -> str:
    """arxiv-jsonl with duplicates (same id, or same title), broken lines and TeX macros."""
    lines = []
    for i in range(n):
        if i % 31 == 30:
            lines.append('{"id": "broken", "title": ')
            continue
        ident = i - 1 - (i * 7919) % min(i - 1, 2000) if i % 9 == 8 and i > 100 else i
        record = {"id": f"{1000 + ident // 10000}.{10000 + ident % 10000}",
                  "title": f"Paper {ident} on \\sysname{{}} and Schr\\\"odinger",
                  "authors": f"A. Author{i % 17}, B. Co\\'e",
                  "categories": "cs.LG cs.CL",
                  "abstract": (f"  We study diffusion models and \\macro{i % 5} text-to-image "
                               f"generation.\nCode at https://github.com/x/y{i}. "
                               + "a" * (400 + (i * 37) % 300) + " été."),
                  "versions": [{"version": f"v{1 + i % 3}"}]}
        lines.append(json.dumps(record))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def big_arxiv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("threads") / "arxiv.jsonl"
    path.write_text(generated_arxiv(4000))  # ~3.4 MB: several read chunks
    return path


def test_parse_is_identical_for_any_thread_count(hf_page: Path, big_arxiv: Path) -> None:
    for path in (hf_page, big_arxiv):
        data = path.read_bytes()
        expected = snapshot(papersieve.parse(data, threads=1))
        expected_file = snapshot(papersieve.parse_file(path, threads=1))
        for threads in THREADS:
            assert snapshot(papersieve.parse(data, threads=threads)) == expected
            assert snapshot(papersieve.parse_file(path, threads=threads)) == expected_file
    corpus = papersieve.parse_file(big_arxiv, threads=2)
    assert corpus.stats["duplicates"] > 300 and corpus.stats["rejected"] > 100
    assert corpus.unknown_macros


def test_iter_file_batches_are_identical(big_arxiv: Path, hf_page: Path, tmp_path: Path) -> None:
    copies = tmp_path / "copies.txt"
    copies.write_bytes(hf_page.read_bytes() * 6)  # duplicates across read chunks and batches
    for path in (big_arxiv, copies):
        for batch_size in (97, 5000):
            expected = [snapshot(b) for b in papersieve.iter_file(path, batch_size, threads=1)]
            for threads in (2, 0):
                stream = papersieve.iter_file(path, batch_size, threads=threads)
                assert [snapshot(b) for b in stream] == expected


def test_filter_is_identical_for_any_thread_count(hf_page: Path, big_arxiv: Path) -> None:
    rules = papersieve.RuleSet.from_json(RULES)
    for path in (hf_page, big_arxiv):
        corpus = papersieve.parse_file(path)
        for top in (None, 5):
            expected = hits(rules.filter(corpus, top, threads=1))
            assert expected
            for threads in THREADS:
                assert hits(rules.filter(corpus, top, threads=threads)) == expected
                assert hits(rules.filter(corpus, top=top, threads=threads)) == expected


def test_bad_thread_counts_are_refused(hf_page: Path) -> None:
    with pytest.raises(ValueError):
        papersieve.parse("x", threads=-1)
    with pytest.raises(ValueError):
        papersieve.parse_file(hf_page, threads=-2)
    with pytest.raises(TypeError):
        papersieve.RuleSet.from_query("x").filter(papersieve.parse("x", "hf-text"), threads=-1)


def test_filter_releases_the_gil(big_arxiv: Path) -> None:
    corpus = papersieve.parse_file(big_arxiv)
    rules = papersieve.RuleSet.from_json(RULES)
    expected = hits(rules.filter(corpus, threads=1))
    out: List[Any] = []
    workers = [threading.Thread(target=lambda: out.append(hits(rules.filter(corpus, threads=2))))
               for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert out == [expected] * 3


def run(*args: str) -> subprocess.CompletedProcess[str]:
    # A fixed time: digests name the time they were made, and runs are compared byte for byte.
    return subprocess.run([sys.executable, "-m", "papersieve", *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "SOURCE_DATE_EPOCH": "0"})


def test_cli_threads_and_streaming_filter(big_arxiv: Path, hf_page: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text(RULES)
    for command in (["parse", str(big_arxiv)], ["stats", "--json", str(big_arxiv)],
                    ["filter", str(big_arxiv), "-r", str(rules), "--to", "md"],
                    ["filter", str(big_arxiv), "-r", str(rules), "--top", "7", "--explain"]):
        one = run(*command, "--threads", "1")
        assert one.returncode == 0, one.stderr
        for threads in ("2", "0"):
            other = run(*command, "--threads", threads)
            assert (other.returncode, other.stdout, other.stderr) == (0, one.stdout, one.stderr)
    # One input streams (only hits kept); two inputs are combined: the same one file given
    # twice must give the same hits as a whole-corpus filter of the first.
    streamed = run("filter", str(hf_page), "-r", str(rules), "--to", "jsonl")
    corpus = papersieve.parse_file(hf_page)
    expected = papersieve.RuleSet.from_json(RULES).filter(corpus).to_jsonl()
    assert streamed.stdout == expected
    twice = run("filter", str(hf_page), str(hf_page), "-r", str(rules), "--to", "jsonl")
    assert twice.stdout == expected
    bad = run("stats", str(hf_page), "--threads", "-1")
    assert bad.returncode == 2 and "--threads" in bad.stderr
