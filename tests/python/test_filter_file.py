"""The file pipeline from Python and the CLI: papersieve.filter_file and scan_file give what
RuleSet.filter over parse_file gives, for any threads, output object and order, and the CLI's
filter stays within its memory bound on a large input (docs/design.md, "The file pipeline")."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import papersieve
from papersieve.cli import main

from conftest import ROOT, shared_file

DENSE = ROOT / "bench" / "rules" / "e2e_dense.json"


def snapshot(tmp_path: Path, size: str) -> Path:
    """Real arXiv records, replicated with unique ids (bench/make_snapshot.py)."""
    sample = shared_file("arxiv_oai_snapshot_first100.jsonl")
    out = tmp_path / f"snapshot-{size}.jsonl"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_snapshot.py"), "--sample",
                    str(sample), "--size", size, "--out", str(out)], check=True,
                   capture_output=True)
    return out


def reference(path: Path, rules: papersieve.RuleSet, **options: Any) -> str:
    corpus = papersieve.parse_file(path)
    return rules.filter(corpus, **options).to_jsonl()


def test_filter_file_is_filter_over_parse_file(tmp_path: Path) -> None:
    path = snapshot(tmp_path, "12M")  # three stretches of JSON lines
    rules = papersieve.RuleSet.from_file(DENSE)
    expected = reference(path, rules)
    assert 1000 < expected.count("\n") < 9000
    outputs = []
    for threads in (1, 2):
        binary = io.BytesIO()
        summary = papersieve.filter_file(path, rules, binary, threads=threads)
        outputs.append(binary.getvalue().decode())
        assert summary["written"] == summary["selected"] == expected.count("\n")
        assert summary["records"] == summary["papers"] == summary["considered"]
        assert summary["format"] == "arxiv-jsonl"
    text = io.StringIO()
    papersieve.filter_file(path, rules, text, threads=2)
    with open(tmp_path / "out.jsonl", "w", encoding="utf-8") as real_file:
        papersieve.filter_file(path, rules, real_file, threads=2, memory_budget=4096)
    assert outputs == [expected, expected]
    assert text.getvalue() == expected
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == expected


def test_orders_top_and_input_order(tmp_path: Path) -> None:
    path = snapshot(tmp_path, "2M")
    rules = papersieve.RuleSet.from_file(DENSE)
    for sort in ("score", "published", "input"):
        out = io.StringIO()
        papersieve.filter_file(path, rules, out, sort=sort, top=25)
        assert out.getvalue() == reference(path, rules, sort=sort, top=25)
    out = io.StringIO()
    papersieve.filter_file(path, rules, out, sort="input")
    lines = [json.loads(line)["source"]["line"] for line in out.getvalue().splitlines()]
    assert lines == sorted(lines) and len(lines) > 25
    with pytest.raises(ValueError, match="sort must be"):
        papersieve.filter_file(path, rules, io.StringIO(), sort="random")
    with pytest.raises(ValueError, match="memory_budget"):
        papersieve.filter_file(path, rules, io.StringIO(), memory_budget=0)


def test_spilled_runs_merge_and_an_unusable_tmpdir_is_a_file_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the budget, held hits spill as sorted runs to a temporary file in $TMPDIR and merge
    to the same output; a TMPDIR that is missing is a FileError naming it, once hits spill."""
    path = snapshot(tmp_path, "2M")
    rules = papersieve.RuleSet.from_file(DENSE)
    spill_dir = tmp_path / "tmp"
    spill_dir.mkdir()
    monkeypatch.setenv("TMPDIR", str(spill_dir))
    for sort in ("score", "published"):
        out = io.StringIO()
        papersieve.filter_file(path, rules, out, sort=sort, memory_budget=2048)
        assert out.getvalue() == reference(path, rules, sort=sort)
    assert list(spill_dir.iterdir()) == []  # the file had no name
    monkeypatch.setenv("TMPDIR", str(tmp_path / "missing"))
    with pytest.raises(papersieve.FileError, match="missing") as raised:
        papersieve.filter_file(path, rules, io.StringIO(), memory_budget=2048)
    assert isinstance(raised.value, OSError)
    out = io.StringIO()
    papersieve.filter_file(path, rules, out)  # within the budget: no temporary file
    assert out.getvalue() == reference(path, rules)


def test_progress_reports_diagnostics_and_scan_file_counts(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = shared_file("arxiv_oai_snapshot_first100.jsonl").read_text(encoding="utf-8")
    path.write_text(good + '{"id": "2401.00001", "title": broken\n' + good.splitlines()[3] + "\n",
                    encoding="utf-8")
    seen: List[papersieve.Diagnostic] = []
    totals: List[Dict[str, int]] = []

    def progress(diagnostics: List[papersieve.Diagnostic], stats: Dict[str, int],
                 done: int) -> None:
        seen.extend(diagnostics)
        totals.append(stats)

    summary = papersieve.scan_file(path, threads=2, progress=progress)
    assert (summary["records"], summary["papers"], summary["duplicates"],
            summary["rejected"]) == (102, 100, 1, 1)
    assert [(d.severity, d.line) for d in seen] == [("error", 101), ("warning", 102)]
    assert totals[-1]["records"] == 102
    assert papersieve.parse_file(path).stats == {k: summary[k] for k in
                                                 ("records", "papers", "duplicates", "rejected")}


def test_a_scan_without_macros_counts_the_same(tmp_path: Path) -> None:
    """unknown_macros=False (what `papersieve stats` asks for) normalizes only titles and
    identifiers where the rest is ASCII: the counts and notes of the full scan, no macros."""
    path = tmp_path / "mixed.jsonl"
    good = shared_file("arxiv_oai_snapshot_first100.jsonl").read_bytes()
    texts = [
        json.dumps({"id": "2403.00001", "title": "Caf\\'e au lait", "abstract": "\\sysname x"}),
        json.dumps({"id": "2403.00002", "title": "Café au lait", "abstract": "the same"}),
    ]
    lines = [text.encode() for text in texts] + [
        b'{"id": "2403.00003", "title": "Broken bytes", "abstract": "a \xff b"}',
        good.splitlines()[7],
    ]
    path.write_bytes(good + b"\n".join(lines) + b"\n")
    for threads in (1, 2):
        notes: Dict[bool, List[Tuple[str, int, str]]] = {True: [], False: []}
        summaries = {}
        for macros in (True, False):
            def progress(diagnostics: List[papersieve.Diagnostic], stats: Dict[str, int],
                         done: int, macros: bool = macros) -> None:
                notes[macros].extend((d.severity, d.line, d.message) for d in diagnostics)

            summaries[macros] = papersieve.scan_file(path, threads=threads, progress=progress,
                                                     unknown_macros=macros)
        full, fast = summaries[True], summaries[False]
        assert full["unknown_macros"]["\\sysname"] == 1
        assert "unknown_macros" not in fast
        assert {k: v for k, v in full.items() if k != "unknown_macros"} == fast
        assert (fast["papers"], fast["duplicates"], fast["warnings"]) == (102, 2, 3)
        assert notes[False] == notes[True]


def test_cli_filter_and_stats_use_the_pipeline(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = snapshot(tmp_path, "3M")
    out = tmp_path / "hits.jsonl"
    assert main(["filter", str(path), "-r", str(DENSE), "-o", str(out), "--threads", "2"]) == 0
    rules = papersieve.RuleSet.from_file(DENSE)
    assert out.read_text(encoding="utf-8") == reference(path, rules)
    assert " selected → " in capsys.readouterr().err
    assert main(["filter", str(path), "-r", str(DENSE), "--sort", "input", "--top", "3"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert main(["stats", str(path), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["records"] == stats["papers"] > 2000 and stats["format"] == "arxiv-jsonl"


def test_cli_filter_memory_is_bounded_on_a_gigabyte(tmp_path: Path) -> None:
    """Dense rules (~30% selected) over 1 GiB of real records: peak RSS stays within 256 MiB
    (the duplicate table, the held hits' keys, a budget of held lines, stretches in flight)."""
    path = snapshot(tmp_path, "1G")
    out = tmp_path / "hits.jsonl"
    with open(tmp_path / "stderr.txt", "w+", encoding="utf-8") as stderr:
        child = subprocess.Popen([sys.executable, "-m", "papersieve", "filter", str(path), "-r",
                                  str(DENSE), "-o", str(out), "--threads", "2"],
                                 stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not all children's
        child.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        message = stderr.read()
    peak_kib = usage.ru_maxrss
    assert child.returncode == 0, message
    written = int(message.split(" of ")[0])
    assert written > 200_000  # dense: the held hits are far larger than the budget
    assert out.stat().st_size > 256 << 20
    assert peak_kib < 256 << 10, f"peak RSS {peak_kib >> 10} MiB"


def test_json_spans_carry_bytes_and_codepoints(tmp_path: Path) -> None:
    """The JSON lines name both units: byte offsets slice the UTF-8 text, codepoint offsets
    slice the Python str, and both name what Hit.spans (codepoints) names."""
    path = tmp_path / "accents.jsonl"
    path.write_text(json.dumps({"id": "2401.00001", "title": "Über naïve Schrödinger lattices",
                                "abstract": "Ça va: a naïve model of Schrödinger cats."}) + "\n",
                    encoding="utf-8")
    rules = papersieve.RuleSet.from_query("schrodinger OR /naïve/")
    results = rules.filter(papersieve.parse_file(path))
    line = json.loads(results.to_jsonl())
    out = io.StringIO()
    papersieve.filter_file(path, rules, out)
    assert json.loads(out.getvalue()) == line
    spans = line["spans"]
    assert [(s["field"], s["char_start"], s["char_end"]) for s in spans] == [
        (span.field, span.start, span.end) for span in results[0].spans]
    for span in spans:
        text = line[span["field"]]
        by_chars = text[span["char_start"]:span["char_end"]]
        assert text.encode()[span["start"]:span["end"]].decode() == by_chars
        assert by_chars.lower().replace("ö", "o") in ("naïve", "schrodinger")
    assert any(s["start"] != s["char_start"] for s in spans)  # the units differ after "Ü"
