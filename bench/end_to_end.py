#!/usr/bin/env python3
"""End to end (docs/benchmarks.md): `papersieve filter SNAPSHOT -r RULES -o out.jsonl` on a
snapshot of real arXiv records (bench/make_snapshot.py), on 1 and 2 threads, against DuckDB
and Polars doing the same selection (bench/peer_filters.py) and the script a user writes
(json.loads + re, on a slice), in the same run, tools alternated; wall time and peak RSS of
each whole process, medians. The ids each tool selects are compared: the peers must select a
subset of papersieve's, and what only papersieve selects is listed (TeX and accent folding).
Writes JSON for bench/report.py.

    .venv/bin/python bench/end_to_end.py --input snapshot.jsonl --runs 3 --out e2e.json
"""
import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RULE_SETS = ["e2e_dense", "e2e_sparse"]


def run_once(command):
    """(wall seconds, peak RSS in MiB, CPU seconds: user + system) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: nothing selected
        raise SystemExit("failed: %s\n%s" % (" ".join(command), error))
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def ids(path):
    with open(path, encoding="utf-8") as f:
        return {json.loads(line)["id"] for line in f if line.strip()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--runs", type=int, default=3, help="runs of each tool (median)")
    parser.add_argument("--script-mb", type=int, default=32,
                        help="the slice the Python script reads (it runs at a few MB/s)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    cli = os.path.join(os.path.dirname(sys.executable), "papersieve")
    peers = os.path.join(HERE, "peer_filters.py")
    mb = os.path.getsize(args.input) / 1e6
    sets = []
    with tempfile.TemporaryDirectory() as tmp:
        script_input = os.path.join(tmp, "slice.jsonl")
        with open(args.input, "rb") as src, open(script_input, "wb") as dst:
            dst.writelines(line for _, line in zip(range(args.script_mb * 700), src))
        script_mb = os.path.getsize(script_input) / 1e6
        # Every tool runs before any output is read: a process's peak RSS counts from its
        # parent's (exec keeps the high-water mark), so this process stays small while timing.
        timed = []
        for name in RULE_SETS:
            rules = os.path.join(HERE, "rules", name + ".json")
            out = {tool: os.path.join(tmp, "%s-%s.jsonl" % (name, tool)) for tool in
                   ("ours2", "ours1", "duckdb", "polars", "python")}
            tools = [
                ("papersieve filter (CLI, 2 threads)", "ours2", mb,
                 [cli, "filter", args.input, "-r", rules, "--threads", "2", "-o", out["ours2"]]),
                ("papersieve filter (CLI, 1 thread)", "ours1", mb,
                 [cli, "filter", args.input, "-r", rules, "--threads", "1", "-o", out["ours1"]]),
                ("DuckDB read_ndjson + regexp_matches, 2 threads", "duckdb", mb,
                 [sys.executable, peers, "duckdb", rules, args.input, out["duckdb"],
                  "--threads", "2"]),
                ("Polars scan_ndjson + str.contains, 2 threads", "polars", mb,
                 [sys.executable, peers, "polars", rules, args.input, out["polars"],
                  "--threads", "2"]),
                ("Python script: json.loads + re (%.0f MB slice)" % script_mb, "python",
                 script_mb, [sys.executable, peers, "python", rules, script_input,
                             out["python"]]),
            ]
            # A peer whose package is missing (scripts/bench --quick installs nothing) is
            # reported as not installed.
            missing = {key for key in ("duckdb", "polars") if importlib.util.find_spec(key) is None}
            tools = [tool for tool in tools if tool[1] not in missing]
            times = {key: [] for _, key, _, _ in tools}
            peaks = {key: [] for _, key, _, _ in tools}
            for run in range(args.runs):
                for label, key, _, command in tools:
                    if key == "python" and run > 0:
                        continue  # one run: it is slow, and its number is only an order
                    seconds, peak, _ = run_once(command)
                    times[key].append(seconds)
                    peaks[key].append(peak)
                    print("%s %-50s %6.2f s %6.0f MiB" % (name, label, seconds, peak),
                          file=sys.stderr)
            timed.append((name, out, tools, missing, times, peaks))
        papers = json.loads(subprocess.run([cli, "stats", args.input, "--json"],
                                           capture_output=True, text=True,
                                           check=True).stdout)["papers"]
        for name, out, tools, missing, times, peaks in timed:
            ours = ids(out["ours2"])
            rows = []
            for label, key, size, _ in tools:
                selected = ids(out[key])
                row = {"engine": label, "runs": len(times[key]),
                       "mb_s": size / statistics.median(times[key]),
                       "seconds": statistics.median(times[key]),
                       "peak_mib": statistics.median(peaks[key]), "selected": len(selected)}
                if key == "ours1" and selected != ours:
                    row["error"] = "1 thread selects other papers than 2 threads"
                if key in ("duckdb", "polars") and not selected <= ours:
                    row["error"] = "selects %d papers papersieve does not" % len(selected - ours)
                if key in ("duckdb", "polars"):
                    row["only_papersieve"] = len(ours - selected)
                rows.append(row)
            for key in sorted(missing):
                rows.append({"engine": key, "not_installed": True})
            only_ours = sorted(ours - ids(out["duckdb"])) if "duckdb" not in missing else []
            sets.append({"rules": name, "input_mb": mb,
                         "selected_share": len(ours) / max(1, papers),
                         "only_papersieve_examples": only_ours[:5], "rows": rows})
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"input_mb": mb, "sets": sets}, f, indent=1)


if __name__ == "__main__":
    main()
