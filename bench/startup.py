#!/usr/bin/env python3
"""Start-up (docs/performance.md, "Start-up"): a daily run, `papersieve filter PAGE -r RULES
-o out.jsonl` on a 260 KB page, against `python -c pass` of the same interpreter, each a whole
process, alternated run after run; medians in milliseconds of wall and of CPU time (user +
system, steadier on a busy machine) and their ratios to `python -c pass`. Also timed, to
say where the difference goes: `python -m papersieve` (runpy instead of the script) and
`python -c "import papersieve"` (the package and its extension). Writes JSON for bench/report.py.

    .venv/bin/python bench/startup.py --runs 21 --out startup.json
"""
import argparse
import json
import os
import statistics
import sys
import tempfile

from end_to_end import run_once

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = os.path.join(os.environ.get("PSV_SHARED_DATA_DIR", os.path.join(ROOT, "..", "shared",
                                                                        "data")),
                    "000_fd6c685c865a6cdc.txt")
RULES = os.path.join(ROOT, "examples", "rules", "digest.json")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", default=PAGE, help="the page (default: the 260 KB hf-text "
                                                      "page of ../shared/data)")
    parser.add_argument("--rules", default=RULES)
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (median)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if not os.path.exists(args.input):
        print("startup: no rows, %s is missing (real pages live in ../shared/data)" % args.input,
              file=sys.stderr)
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump({}, f)
        return
    python = sys.executable
    cli = os.path.join(os.path.dirname(python), "papersieve")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        daily = ["filter", args.input, "-r", args.rules, "-o", out]
        commands = [
            ("python -c pass", "python", [python, "-c", "pass"]),
            ("papersieve filter PAGE -r RULES -o out.jsonl", "cli", [cli, *daily]),
            ("python -m papersieve filter …", "module", [python, "-m", "papersieve", *daily]),
            ('python -c "import papersieve"', "import", [python, "-c", "import papersieve"]),
        ]
        for _, _, command in commands:  # warm the page cache and the .pyc files
            run_once(command)
        wall = {key: [] for _, key, _ in commands}
        cpu = {key: [] for _, key, _ in commands}
        for _ in range(args.runs):
            for _, key, command in commands:
                seconds, _, cpu_seconds = run_once(command)
                wall[key].append(seconds)
                cpu[key].append(cpu_seconds)
    rows = []
    for label, key, _ in commands:
        ms, cpu_ms = (1000 * statistics.median(wall[key]), 1000 * statistics.median(cpu[key]))
        rows.append({"command": label, "key": key, "runs": len(wall[key]), "ms": ms,
                     "cpu_ms": cpu_ms, "ratio": ms / (1000 * statistics.median(wall["python"])),
                     "cpu_ratio": cpu_ms / (1000 * statistics.median(cpu["python"]))})
        print("%-46s %6.1f ms %5.2f×   CPU %6.1f ms %5.2f×" % (
            label, ms, rows[-1]["ratio"], cpu_ms, rows[-1]["cpu_ratio"]), file=sys.stderr)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"input_kb": os.path.getsize(args.input) / 1024, "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
