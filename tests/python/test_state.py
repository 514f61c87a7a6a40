"""The seen-state across runs: the morning digest three days in a row, a run killed while
writing, two processes on one state file, and the state command."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

import papersieve
from papersieve.cli import main

CLI = [sys.executable, "-m", "papersieve"]


def record(arxiv_id: str, title: str, day: str, version: int = 1,
           abstract: str = "We study diffusion models.") -> str:
    """One arXiv snapshot line: `version` versions, the first created on `day`."""
    created = time.strftime("%a, %d %b %Y 10:00:00 GMT", time.strptime(day, "%Y-%m-%d"))
    versions = [{"version": f"v{v}", "created": created} for v in range(1, version + 1)]
    return json.dumps({"id": arxiv_id, "title": title, "abstract": abstract,
                       "authors": "A. Author", "categories": "cs.CV", "versions": versions,
                       "update_date": day})


def write(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def digest(inputs: List[Path], state: Path, now: str, out: Path,
           *extra: str) -> List[Tuple[str, bool]]:
    """Runs the morning digest; the (id, updated) pairs it showed."""
    code = main(["filter", *map(str, inputs), "-f", "arxiv-jsonl", "-q", "diffusion published:>today-7d",
                 "--state", str(state), "--now", now, "--to", "jsonl", "-o", str(out),
                 "--quiet", *extra])
    assert code in (0, 1)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [(row["paper"]["id"] if "paper" in row else row["id"], bool(row.get("updated")))
            for row in rows]


def test_three_mornings_over_overlapping_inputs(tmp_path: Path) -> None:
    state = tmp_path / "digest.db"
    out = tmp_path / "digest.jsonl"
    day1 = write(tmp_path / "day1.jsonl",
                 record("2612.00001", "Diffusion Everywhere", "2026-11-30"),
                 record("2612.00002", "Sparse Diffusion Transformers", "2026-11-30"),
                 record("2612.00003", "Robots That Plan", "2026-11-30",
                        abstract="Robots plan with memory."))
    day2 = write(tmp_path / "day2.jsonl",
                 record("2612.00002", "Sparse Diffusion Transformers", "2026-11-30"),  # again
                 record("2612.00001", "Diffusion Everywhere", "2026-11-30", version=2),  # v2
                 record("2612.00010", "Sparse diffusion  transformers", "2026-12-01"),  # re-upload
                 record("2612.00004", "Diffusion for Audio", "2026-12-01"))
    day3 = write(tmp_path / "day3.jsonl",
                 record("2612.00001", "Diffusion Everywhere", "2026-11-30", version=2),
                 record("2612.00004", "Diffusion for Audio", "2026-12-01"),
                 record("2611.00099", "Old Diffusion Paper", "2026-11-20"),  # outside 7 days
                 record("2612.00005", "Diffusion for Video", "2026-12-02"))

    assert digest([day1], state, "2026-12-01T06:00:00Z", out) == [
        ("2612.00001", False), ("2612.00002", False)]
    # Day 2 reads day 1's file too (feeds overlap): nothing of it is shown again, the v2 is
    # an update (hidden by default) and the re-upload under the same title is the same paper.
    assert digest([day1, day2], state, "2026-12-02T06:00:00Z", out) == [("2612.00004", False)]
    # Day 3 shows updates: the v2 of 2612.00001, once, marked.
    assert digest([day3], state, "2026-12-03T06:00:00Z", out, "--show-updated") == [
        ("2612.00001", True), ("2612.00005", False)]
    assert digest([day3], state, "2026-12-03T07:00:00Z", out, "--show-updated") == []
    with papersieve.State(str(state)) as s:
        assert len(s) == 4
        assert {e["id"]: e["version"] for e in s.entries()} == {
            "2612.00001": 2, "2612.00002": 1, "2612.00004": 1, "2612.00005": 1}


def test_a_run_killed_while_writing_marks_nothing(tmp_path: Path) -> None:
    state = tmp_path / "digest.db"
    abstract = "We study diffusion models. " + "Words to fill the output. " * 40
    big = write(tmp_path / "big.jsonl", *(record(f"2612.{i:05d}", f"Diffusion paper {i}",
                                                 "2026-12-01", abstract=abstract)
                                          for i in range(1, 3001)))
    command = CLI + ["filter", str(big), "-f", "arxiv-jsonl", "-q", "diffusion", "--state", str(state), "--quiet"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert run.stdout is not None
    head = run.stdout.read(4096)  # the rest (megabytes) waits in a full pipe: mid-write
    assert b"Diffusion paper 1" in head
    time.sleep(0.5)
    assert run.poll() is None, "the run should be blocked writing"
    run.send_signal(signal.SIGKILL)
    run.wait()
    with papersieve.State(str(state)) as s:
        assert len(s) == 0
    # The next run shows the same papers again, all of them, and then remembers them.
    again = subprocess.run(command, capture_output=True, check=True)
    assert again.stdout.count(b"\n") == 3000
    with papersieve.State(str(state)) as s:
        assert len(s) == 3000
    assert subprocess.run(command, capture_output=True).returncode == 1  # nothing new


def test_a_failed_write_marks_nothing_and_leaves_no_digest(tmp_path: Path) -> None:
    state = tmp_path / "digest.db"
    page = write(tmp_path / "p.jsonl", record("2612.00001", "Diffusion A", "2026-12-01"))
    out = tmp_path / "digest.md"
    out.mkdir()  # renaming the finished digest onto a directory fails
    err = subprocess.run(CLI + ["filter", str(page), "-f", "arxiv-jsonl", "-q", "diffusion",
                                "--state", str(state),
                                "--to", "md", "-o", str(out)], capture_output=True, text=True)
    assert err.returncode == 2 and "error" in err.stderr
    assert not (tmp_path / "digest.md.part").exists()
    with papersieve.State(str(state)) as s:
        assert len(s) == 0


MARKER = textwrap.dedent("""
    import sys, papersieve
    path, first = sys.argv[1], int(sys.argv[2])
    for i in range(first, first + 60):
        paper = papersieve.parse('{"id": "2612.%05d", "title": "Paper %d", '
                                 '"abstract": "x", "versions": [{"version": "v1", '
                                 '"created": "Mon, 30 Nov 2026 10:00:00 GMT"}]}' % (i, i),
                                 format="arxiv-jsonl")[0]
        with papersieve.State(path) as state:
            assert state.status(paper) == "new"
            state.mark([paper], now=1000 + i)
""")


def test_two_processes_on_one_state_file(tmp_path: Path) -> None:
    state = str(tmp_path / "shared.db")
    runs = [subprocess.Popen([sys.executable, "-c", MARKER, state, str(first)],
                             stderr=subprocess.PIPE) for first in (1, 1001)]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err.decode()
    with papersieve.State(state) as s:
        assert len(s) == 120
    # Two whole digests at once on the same file: both succeed, each paper shown by one.
    inputs = [write(tmp_path / f"in{k}.jsonl", *(record(f"2612.{k}{i:04d}", f"Diffusion {k} {i}",
                                                        "2026-12-01") for i in range(300)))
              for k in (5, 6)]
    procs = [subprocess.Popen(CLI + ["filter", str(path), "-f", "arxiv-jsonl", "-q", "diffusion",
                                     "--state", state],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for path in inputs]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        assert out.count(b"\n") == 300
    with papersieve.State(state) as s:
        assert len(s) == 720


def test_bad_state_files_give_clear_errors(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database at all\n" * 200)
    with pytest.raises(papersieve.StateError, match="not a papersieve state file"):
        papersieve.State(str(text))
    newer = tmp_path / "newer.db"
    papersieve.State(str(newer)).close()
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version = 9")
    with pytest.raises(papersieve.StateError, match=r"newer papersieve \(state schema 9"):
        papersieve.State(str(newer))
    err = subprocess.run(CLI + ["state", "count", str(newer)], capture_output=True, text=True)
    assert err.returncode == 2
    assert err.stderr.startswith("papersieve: error: ") and "Traceback" not in err.stderr
    assert issubclass(papersieve.StateError, OSError)


def test_state_command_lists_counts_and_prunes(tmp_path: Path, capsys) -> None:
    state = tmp_path / "s.db"
    corpus = papersieve.parse("\n".join([record("2612.00001", "Diffusion A", "2026-12-01"),
                                         record("2612.00002", "Diffusion B", "2026-12-01")]),
                              format="arxiv-jsonl")
    with papersieve.State(str(state)) as s:
        s.mark([corpus[0]], now=86400 * 100)
        s.mark([corpus[1]], now=86400 * 200)
    assert main(["state", "count", str(state)]) == 0
    assert capsys.readouterr().out == "2\n"
    assert main(["state", "list", str(state), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["2612.00002", "2612.00001"]
    assert main(["state", "prune", str(state), "--forget-after", "90d",
                 "--now", str(86400 * 200)]) == 0
    assert capsys.readouterr().out == "forgot 1 paper, 1 remembered\n"
    with papersieve.State(str(state)) as s:
        import datetime
        assert s.prune(datetime.timedelta(days=1), now=86400 * 300) == 1
        assert len(s) == 0
    assert main(["state", "prune", str(state)]) == 2
    assert "--forget-after" in capsys.readouterr().err


def test_python_filter_with_state_sort_and_clock(tmp_path: Path) -> None:
    corpus = papersieve.parse("\n".join([
        record("2612.00001", "Diffusion A", "2026-11-20"),
        record("2612.00002", "Diffusion B", "2026-12-05"),
        record("2612.00003", "Diffusion C", "2026-12-01", version=2)]), format="arxiv-jsonl")
    import datetime
    rules = papersieve.RuleSet.from_query("diffusion published:>today-7d",
                                          now=datetime.date(2026, 12, 7))
    assert [h.paper.id for h in rules.filter(corpus)] == ["2612.00002", "2612.00003"]
    assert [h.paper.id for h in rules.filter(corpus, sort="published")] == [
        "2612.00002", "2612.00003"]
    old = papersieve.RuleSet.from_query("diffusion published:[today-7d TO today]",
                                        now=datetime.datetime(2026, 11, 25, 8, 0))
    assert [h.paper.id for h in old.filter(corpus)] == ["2612.00001"]
    assert old.limits["now"] == 1795564800 + 8 * 3600
    import pickle
    assert [h.paper.id for h in pickle.loads(pickle.dumps(old)).filter(corpus)] == ["2612.00001"]
    with papersieve.State(str(tmp_path / "s.db")) as state:
        shown_v1 = papersieve.parse(record("2612.00003", "Diffusion C", "2026-12-01"),
                                    format="arxiv-jsonl")
        state.mark(shown_v1)
        assert state.status(corpus[2]) == "updated"
        assert state.status(corpus[0]) == "new"
        assert [h.paper.id for h in rules.filter(corpus, state=state)] == ["2612.00002"]
        hits = rules.filter(corpus, state=state, show_updated=True)
        assert [(h.paper.id, h.updated) for h in hits] == [("2612.00002", False),
                                                            ("2612.00003", True)]
        assert '"updated": true' in hits.to_jsonl().replace('"updated":true', '"updated": true')
    with pytest.raises(ValueError, match="sort must be"):
        rules.filter(corpus, sort="date")
    with pytest.raises(ValueError, match="closed"):
        rules.filter(corpus, state=state)


def test_cli_date_errors_have_columns_and_bad_options_are_usage_errors(tmp_path: Path,
                                                                        capsys) -> None:
    page = write(tmp_path / "p.jsonl", record("2612.00001", "Diffusion A", "2026-12-01"))
    assert main(["filter", str(page), "-q", "diffusion published:>=2026-13-01"]) == 2
    err = capsys.readouterr().err
    assert 'query column 23: bad date "2026-13-01"' in err and "Traceback" not in err
    assert main(["filter", str(page), "-q", "diffusion", "--show-updated"]) == 2
    assert "--show-updated and --forget-after need --state" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["filter", str(page), "-q", "diffusion", "--now", "yesterday"])
    assert "expected a date" in capsys.readouterr().err
    # --sort on the command line.
    assert main(["filter", str(page), "-f", "arxiv-jsonl", "-q", "diffusion", "--sort",
                 "published", "--explain"]) == 0
    assert "Diffusion A" in capsys.readouterr().out
