#!/usr/bin/env python3
"""End to end (docs/benchmarks.md): `papersieve filter` from .venv on an arXiv snapshot
against bench/user_script.py (json.loads + `re`, what a user would write), both selecting
with bench/rules/end_to_end.json. The ids each selects must be the same for the timing to count (checked on the
last timed run's output).
Writes JSON for bench/report.py.

    .venv/bin/python bench/end_to_end.py --input snapshot.jsonl --out e2e.json
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.join(HERE, "rules", "end_to_end.json")


def timed(command, runs, output):
    """Median seconds of `runs` runs, each writing standard output to `output`."""
    times = []
    for _ in range(runs):
        with open(output, "w", encoding="utf-8") as out:
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=out)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--runs", type=int, default=5, help="papersieve runs (median)")
    parser.add_argument("--script-runs", type=int, default=3, help="user script runs (median)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    cli = os.path.join(os.path.dirname(sys.executable), "papersieve")
    with tempfile.TemporaryDirectory() as tmp:
        csv_out, ids_out = os.path.join(tmp, "selected.csv"), os.path.join(tmp, "ids.txt")
        papersieve = [cli, "filter", args.input, "-r", RULES, "--to", "csv"]
        script = [sys.executable, os.path.join(HERE, "user_script.py"), args.input]
        mb = os.path.getsize(args.input) / 1e6
        ours_mb_s = mb / timed(papersieve, args.runs, csv_out)
        theirs_mb_s = mb / timed(script, args.script_runs, ids_out)
        with open(csv_out, newline="", encoding="utf-8") as f:
            ours = {row["id"] for row in csv.DictReader(f)}
        with open(ids_out, encoding="utf-8") as f:
            theirs = set(f.read().split())
        differ = len(ours ^ theirs)
        rows = [{"engine": "papersieve filter (CLI, all cores)", "runs": args.runs,
                 "mb_s": ours_mb_s, "selected": len(ours), "differ": 0},
                {"engine": "user script (json.loads + re, 1 thread)", "runs": args.script_runs,
                 "mb_s": theirs_mb_s, "selected": len(theirs), "differ": differ}]
        if differ:
            rows[1]["error"] = "selects %d papers papersieve does not, or the reverse" % differ
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"input_mb": mb, "rows": rows}, f, indent=1)
    for row in rows:
        print("%-45s %8.1f MB/s  %d selected" % (row["engine"], row["mb_s"], row["selected"]),
              file=sys.stderr)


if __name__ == "__main__":
    main()
