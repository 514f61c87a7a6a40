#!/usr/bin/env python3
"""Turns one run of scripts/bench into the Markdown table of docs/benchmarks.md and the plot of
throughput against rule-set size: the medians of the Google Benchmark JSON files (each
repetition is a run), the Python driver's, the end-to-end and the start-up JSON, ratios
papersieve ÷ each baseline and papersieve ÷ the read limit, and the CPU it ran on.

    python bench/report.py RESULTS_DIR --markdown table.md --plot plot.png --command "..."
"""
import argparse
import datetime
import json
import os
import platform
import statistics

WORKLOADS = ["K100", "W3", "W5-10k", "W5-50k", "W4", "W3-dense"]  # bench_keywords.cpp order
DESCRIBE = {"K100": "100 keywords", "W3": "W3: 1,000 keywords", "W5-10k": "W5: 10,000 keywords",
            "W5-50k": "W5: 50,000 keywords", "W4": "W4: 1,000 keywords + 50 regexes",
            "W3-dense": "W3 on the match-dense corpus"}
SIZES = {"K100": 100, "W3": 1000, "W5-10k": 10000, "W5-50k": 50000}
NOT_INSTALLED = "not installed"


def google_benchmark(path):
    """name -> {"mb_s": median MB/s over repetitions, "runs": n} or {"error": message}."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    samples = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        name = b.get("run_name", b["name"])
        if b.get("error_occurred"):
            out[name] = {"error": b.get("error_message", "error")}
        elif "bytes_per_second" in b:
            samples.setdefault(name, []).append(b["bytes_per_second"] / 1e6)
    for name, values in samples.items():
        out[name] = {"mb_s": statistics.median(values), "runs": len(values)}
    return out


def load(path):
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def mbs(row):
    if row is None:
        return NOT_INSTALLED
    if "error" in row and "mb_s" not in row:
        return row["error"]
    text = "%.3g" % row["mb_s"] if row["mb_s"] < 100 else "%.0f" % row["mb_s"]
    return text + (" †" if row.get("error") else "")


def ratio(ours, theirs):
    if not ours or not theirs or "mb_s" not in ours or "mb_s" not in theirs:
        return "—"
    if theirs.get("error"):
        return "(†)"
    r = ours["mb_s"] / theirs["mb_s"]
    return "%.2g" % r if r < 0.1 else "%.2f" % r if r < 100 else "%.0f" % r


class Table:
    def __init__(self):
        self.lines = ["| workload | engine | MB/s | papersieve ÷ engine | papersieve ÷ read limit |",
                      "|---|---|---|---|---|"]

    def add(self, workload, engine, row, ours=None, limit=None, is_ours=False):
        self.lines.append("| %s | %s | %s | %s | %s |" % (
            workload, ("**%s**" % engine) if is_ours else engine, mbs(row),
            "1" if is_ours else ratio(ours, row),
            ratio(row, limit) if is_ours else ""))


def cpu():
    model, flags = platform.processor() or "unknown", ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "model name" and model in ("unknown", platform.processor()):
                    model = value.strip()
                if key.strip() == "flags" and not flags:
                    flags = value.strip()
    except OSError:
        pass
    return model, flags, os.cpu_count()


def python_rows(results):
    rows = {}
    for row in results.get("rows", []):
        rows.setdefault(row["workload"], []).append(row)
    return rows


def build_table(d):
    arxiv = google_benchmark(os.path.join(d, "bench_arxiv.json"))
    norm = google_benchmark(os.path.join(d, "bench_normalize.json"))
    kw = google_benchmark(os.path.join(d, "bench_keywords.json"))
    py = python_rows(load(os.path.join(d, "python.json")))
    e2e = load(os.path.join(d, "end_to_end.json"))
    t = Table()

    limit = arxiv.get("BM_MemchrLines")
    ours = arxiv.get("BM_ArxivParse")
    t.add("parse arxiv-jsonl", "read limit: memchr lines", limit)
    t.add("parse arxiv-jsonl", "papersieve parse (reader + normalize)", ours, limit=limit,
          is_ours=True)
    t.add("parse arxiv-jsonl", "papersieve reader alone (extract)", arxiv.get("BM_ArxivExtract"),
          ours)
    t.add("parse arxiv-jsonl", "RapidJSON SAX, extract title + abstract",
          arxiv.get("BM_RapidJsonExtract"), ours)
    t.add("parse arxiv-jsonl", "RapidJSON SAX, null handler", arxiv.get("BM_RapidJsonLines"), ours)
    t.add("parse arxiv-jsonl", "simdjson on-demand, extract title + abstract",
          arxiv.get("BM_SimdjsonExtract"), ours)

    ours = norm.get("BM_CleanText")
    t.add("normalize", "papersieve clean_text (repair + NFC + spaces)", ours, is_ours=True)
    t.add("normalize", "papersieve to_nfc (NFC only)", norm.get("BM_ToNfc"), ours)
    t.add("normalize", "utf8proc NFC", norm.get("BM_Utf8procNfc"), ours)

    for i, w in enumerate(WORKLOADS):
        arg = "/workload:%d" % i
        limit = kw.get("BM_ReadLimit/workload:%d" % (5 if w == "W3-dense" else 1))
        ours = kw.get("BM_RuleSetFilter" + arg)
        if ours is None and not py.get(w):
            continue  # not run (scripts/bench --quick leaves out the 50,000 keywords)
        if limit and w in ("W3", "W3-dense"):
            t.add(DESCRIBE[w], "read limit: memchr lines", limit)
        t.add(DESCRIBE[w], "papersieve RuleSet::filter (C++, 1 thread)", ours, limit=limit,
              is_ours=True)
        t.add(DESCRIBE[w], "papersieve RuleSet::decide per paper (no spans)",
              kw.get("BM_RuleSetDecide" + arg), ours)
        t.add(DESCRIBE[w], "RE2::Set" + (" + one RE2 per regex" if w == "W4" else ""),
              kw.get("BM_Re2" + arg), ours)
        t.add(DESCRIBE[w], "Hyperscan", kw.get("BM_Hyperscan" + arg), ours)
        rows = py.get(w, [])
        py_ours = next((r for r in rows if r["engine"].startswith("papersieve")), None)
        for r in rows:
            name = "Python: " + r["engine"]
            if r is py_ours:
                t.add(DESCRIBE[w], name, r, is_ours=True)
            else:
                suffix = " + re for the regexes" if w == "W4" and r["engine"] in (
                    "FlashText", "pyahocorasick") else ""
                notes = []
                if r.get("papers") and py_ours and r["papers"] < py_ours["papers"]:
                    notes.append("first %d papers" % r["papers"])
                if r.get("runs") and py_ours and r["runs"] < py_ours.get("runs", r["runs"]):
                    notes.append("median of %d" % r["runs"])  # the slowest: fewer runs
                if notes:
                    suffix += " (%s)" % ", ".join(notes)
                t.add(DESCRIBE[w], name + suffix, r, py_ours)

    for rule_set in e2e.get("sets", []):
        rows = rule_set["rows"]
        where = "end to end, %.0f MB of real arXiv records, %s rules (%.0f%% selected)" % (
            rule_set["input_mb"], rule_set["rules"].replace("e2e_", ""),
            100 * rule_set["selected_share"])
        for r in rows:
            if r.get("not_installed"):
                t.add(where, r["engine"], None, rows[0])
                continue
            name = "%s, median of %d, peak %.0f MiB" % (r["engine"], r["runs"], r["peak_mib"])
            if r.get("only_papersieve"):
                name += "; papersieve also finds %d (TeX, accents)" % r["only_papersieve"]
            if r is rows[0]:
                t.add(where, name, r, is_ours=True)
            else:
                t.add(where, name, r, rows[0])
    w3 = py.get("W3", [])
    from_python = next((r for r in w3 if r["engine"].startswith("papersieve")), None)
    from_cpp = kw.get("BM_RuleSetFilter/workload:1")
    t.add("Python overhead (W3)", "RuleSet.filter from Python", from_python, is_ours=True)
    t.add("Python overhead (W3)", "the same filter from C++", from_cpp, from_python)
    return t, kw, py


def startup_table(d):
    """The start-up rows (bench/startup.py): a daily run and the interpreter alone, medians of
    whole processes in ms, and their ratio to `python -c pass`."""
    data = load(os.path.join(d, "startup.json"))
    if not data.get("rows"):
        return []
    runs = data["rows"][0]["runs"]
    lines = ["", "Start-up (`bench/startup.py`): whole processes on a %.0f KB page, alternated, "
             "medians of %d runs; CPU = user + system time." % (data["input_kb"], runs), "",
             "| start-up | command | wall ms | ÷ python -c pass | CPU ms | ÷ python -c pass |",
             "|---|---|---|---|---|---|"]
    for row in data["rows"]:
        command = ("**%s**" if row["key"] == "cli" else "%s") % row["command"]
        lines.append("| start-up | %s | %.1f | %.2f | %.1f | %.2f |" % (
            command, row["ms"], row["ratio"], row["cpu_ms"], row["cpu_ratio"]))
    return lines


def plot(kw, py, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    engines = {"papersieve filter (C++)": "BM_RuleSetFilter",
               "papersieve decide, no spans (C++)": "BM_RuleSetDecide", "RE2::Set (C++)": "BM_Re2",
               "Hyperscan (C++)": "BM_Hyperscan"}
    fig, ax = plt.subplots(figsize=(8, 5))
    sizes = list(SIZES)
    for label, prefix in engines.items():
        points = [(SIZES[w], kw.get("%s/workload:%d" % (prefix, WORKLOADS.index(w)), {}))
                  for w in sizes]
        points = [(x, r["mb_s"]) for x, r in points if "mb_s" in r and not r.get("error")]
        if points:
            ax.plot(*zip(*points), marker="o", label=label, linewidth=2 if "papersieve" in label else 1)
    names = sorted({r["engine"] for w in sizes for r in py.get(w, [])})
    for name in names:
        points = [(SIZES[w], r["mb_s"]) for w in sizes for r in py.get(w, [])
                  if r["engine"] == name and "mb_s" in r and not r.get("error")]
        if points:
            ax.plot(*zip(*points), marker=".", linestyle="--", label="Python: " + name)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("keywords (100 weighted rules)")
    ax.set_ylabel("MB/s (title + abstract), one thread")
    ax.set_title("Keyword matching throughput against rule-set size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", help="directory with the JSON files of one run")
    parser.add_argument("--markdown", required=True, help="write the table section here")
    parser.add_argument("--plot", help="write the PNG plot here (needs matplotlib)")
    parser.add_argument("--command", default="scripts/bench", help="recorded in the header")
    args = parser.parse_args()
    table, kw, py = build_table(args.results)
    model, flags, cores = cpu()
    meta = load(os.path.join(args.results, "meta.json"))
    lines = ["Measured %s with `%s` on %s (%s logical cores), %s." % (
                 datetime.date.today().isoformat(), args.command, model, cores,
                 meta.get("sizes", "")),
             "", *table.lines, "",
             "MB/s: median of the runs (Google Benchmark repetitions or timed Python runs); "
             "† = the engine's matches differ from papersieve's (see below), so its timing does "
             "not count and has no ratio.", *startup_table(args.results), "",
             "<details><summary>CPU flags</summary>", "", "`%s`" % flags, "", "</details>", ""]
    with open(args.markdown, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    if args.plot:
        plot(kw, py, args.plot)


if __name__ == "__main__":
    main()
