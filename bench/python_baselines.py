#!/usr/bin/env python3
"""Python side of the side-by-side benchmarks (docs/benchmarks.md): papersieve's RuleSet.filter
from Python against what a Python user would reach for — a `re` loop, a `regex` alternation per
rule, google-re2's Set, FlashText and pyahocorasick (+ `re` for the regexes) — on the corpus and
rule files that bench/generate_corpus writes (bench/match_workload.cpp: the same bytes and
rules the C++ benchmarks use). Every engine scores each paper (the summed weights of the rules
it matched); a row's timing counts only when its scores equal papersieve's. Slow engines run
on the first papers only, as many as fit in --budget seconds (at least 3), and the slowest get
--slow-runs runs instead of --runs. Writes JSON for bench/report.py.

    .venv/bin/python bench/python_baselines.py --corpus match.txt \\
        --workload W3 w3.json w3.patterns.json --runs 5 --out python.json
"""
import argparse
import importlib
import json
import re
import statistics
import sys
import time

import papersieve


BOUNDARY = r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]"  # bench/match_workload.cpp
WORD_START, WORD_END = "(?:^|%s)" % BOUNDARY, "(?:%s|$)" % BOUNDARY


def scoped(pattern):
    """A leading (?i) as a scoped group, so that the pattern can sit inside an alternation."""
    return "(?i:" + pattern[4:] + ")" if pattern.startswith("(?i)") else pattern


class Workload:
    """A rule file's weights and its baseline patterns (generate_corpus match-patterns):
    per rule, the keyword patterns, their literal spellings and the regexes."""

    def __init__(self, rules_path, patterns_path):
        with open(rules_path, encoding="utf-8") as f:
            self.weights = [r.get("weight", 1) for r in json.load(f)["rules"]]
        with open(patterns_path, encoding="utf-8") as f:
            self.patterns = json.load(f)
        for p in self.patterns:  # RE2's Unicode word boundaries as Python's (Unicode) \b
            p["python"] = p["pattern"].replace(WORD_START, r"\b").replace(WORD_END, r"\b")
        self.keywords = [p for p in self.patterns if "spellings" in p]
        self.regexes = [p for p in self.patterns if "spellings" not in p]

    def by_rule(self, patterns):
        out = [[] for _ in self.weights]
        for p in patterns:
            out[p["rule"]].append(p["python"])
        return out

    def score(self, matched):
        return sum(self.weights[r] for r in matched)


# Each engine: build(workload) -> match(title, abstract) -> set of matched rule indices.

def re_loop(w):
    compiled = [[re.compile(p) for p in patterns] for patterns in w.by_rule(w.patterns)]

    def match(title, abstract):
        return {r for r, patterns in enumerate(compiled)
                if any(p.search(title) or p.search(abstract) for p in patterns)}
    return match


def regex_alternation(w):
    regex = importlib.import_module("regex")
    compiled = [regex.compile("|".join(map(scoped, patterns))) if patterns else None
                for patterns in w.by_rule(w.patterns)]

    def match(title, abstract):
        return {r for r, p in enumerate(compiled)
                if p is not None and (p.search(title) or p.search(abstract))}
    return match


def google_re2(w):
    re2 = importlib.import_module("re2")
    options = re2.Options()
    options.max_mem = (2 << 30) - 1  # int32 in the binding
    patterns = re2.Set.SearchSet(options)
    for p in w.patterns:
        patterns.Add(p["pattern"])
    patterns.Compile()
    rule_of = [p["rule"] for p in w.patterns]

    def match(title, abstract):
        return {rule_of[i] for text in (title, abstract) for i in patterns.Match(text) or ()}
    return match


def regex_runner(w):
    compiled = [(p["rule"], re.compile(p["python"])) for p in w.regexes]

    def run(title, abstract, matched):
        for r, p in compiled:
            if r not in matched and (p.search(title) or p.search(abstract)):
                matched.add(r)
        return matched
    return run


def flashtext(w):
    KeywordProcessor = importlib.import_module("flashtext").KeywordProcessor
    kp = KeywordProcessor(case_sensitive=False)
    for letter in "éèöüïáñçÉÈÖÜÏÁÑÇ":  # letters of the corpus's words, not boundaries
        kp.add_non_word_boundary(letter)
    for p in w.keywords:
        for spelling in p["spellings"]:
            kp.add_keyword(spelling, str(p["rule"]))
    regexes = regex_runner(w)

    def match(title, abstract):
        found = {int(r) for text in (title, abstract) for r in kp.extract_keywords(text)}
        return regexes(title, abstract, found)
    return match


def pyahocorasick(w):
    ahocorasick = importlib.import_module("ahocorasick")
    automaton = ahocorasick.Automaton()
    for p in w.keywords:
        for spelling in p["spellings"]:
            s = spelling.lower()
            if s in automaton:
                automaton.get(s)[1].add(p["rule"])
            else:
                automaton.add_word(s, (len(s), {p["rule"]}))
    automaton.make_automaton()
    regexes = regex_runner(w)

    def match(title, abstract):
        found = set()
        for text in (title.lower(), abstract.lower()):
            n = len(text)
            for end, (length, rules) in automaton.iter(text):
                start = end - length + 1  # whole words only: no letter or digit around
                if (start == 0 or not text[start - 1].isalnum()) and (
                        end + 1 == n or not text[end + 1].isalnum()):
                    found |= rules
        return regexes(title, abstract, found)
    return match


ENGINES = {"re loop": re_loop, "regex alternation": regex_alternation, "google-re2 Set": google_re2,
           "FlashText": flashtext, "pyahocorasick": pyahocorasick}


MIN_PAPERS = 3  # the smallest sample of a slow engine


def median_time(fn, runs):
    """Median seconds of `runs` calls of fn, and what the first call returned (the agreement
    check reads it, so that checking costs no extra pass)."""
    times, first = [], None
    for i in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        if i == 0:
            first = result
    return statistics.median(times), first


def run_engine(name, build, workload, texts, expected, runs, budget, slow_runs):
    try:
        match = build(workload)
    except ImportError as e:
        return {"engine": name, "error": "not installed (%s)" % e.name}
    # As many papers as one run can do in `budget` seconds (at least MIN_PAPERS), estimated on
    # the first 10 papers after a warm-up pass over them (RE2 builds its DFA lazily); both
    # passes stop early once they have taken `budget` seconds (the slowest engines).
    def first_papers():
        start, done = time.perf_counter(), 0
        for title, abstract in texts[:10]:
            match(title, abstract)
            done += 1
            if time.perf_counter() - start > budget:
                break
        return (time.perf_counter() - start) / done
    first_papers()
    per_paper = first_papers()
    n = max(MIN_PAPERS, min(len(texts), int(budget / max(per_paper, 1e-9))))
    sample = texts[:n]
    # An engine whose minimum sample already takes more than twice the budget per run gets
    # `slow_runs` runs (the table says how many).
    if n == MIN_PAPERS and per_paper * n > 2 * budget:
        runs = min(runs, slow_runs)
    seconds, found = median_time(lambda: [match(t, a) for t, a in sample], runs)
    differ = sum(workload.score(m) != expected[i] for i, m in enumerate(found))
    row = {"engine": name, "papers": n, "runs": runs, "differ": differ}
    if differ:
        row["error"] = "matches differ from papersieve's on %d of %d papers" % (differ, n)
    nbytes = sum(len(t.encode()) + len(a.encode()) for t, a in sample)
    row["mb_s"] = nbytes / 1e6 / seconds
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="hf-text page (generate_corpus match-text)")
    parser.add_argument("--workload", action="append", nargs=3, required=True,
                        metavar=("NAME", "RULES", "PATTERNS"),
                        help="a workload: its rule file and baseline patterns (generate_corpus "
                             "match-rules and match-patterns)")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="comma-separated subset of: " + ", ".join(ENGINES))
    parser.add_argument("--runs", type=int, default=5, help="median of N runs (default 5)")
    parser.add_argument("--budget", type=float, default=0.5,
                        help="seconds per run of a slow engine: it gets fewer papers")
    parser.add_argument("--slow-runs", type=int, default=3,
                        help="runs of an engine whose smallest sample (%d papers) takes more "
                             "than twice --budget (default 3)" % MIN_PAPERS)
    parser.add_argument("--out", required=True, help="JSON results")
    args = parser.parse_args()

    corpus = papersieve.parse_file(args.corpus, "hf-text")
    texts = [(p.title, p.abstract) for p in corpus]
    nbytes = sum(len(t.encode()) + len(a.encode()) for t, a in texts)
    results = []
    for name, path, patterns in args.workload:
        workload = Workload(path, patterns)
        ruleset = papersieve.RuleSet.from_file(path)
        expected = [0.0] * len(texts)
        for hit in ruleset.filter(corpus, threads=1):
            expected[hit.index] = hit.score
        seconds, _ = median_time(lambda: ruleset.filter(corpus, threads=1), args.runs)
        results.append({"workload": name, "engine": "papersieve RuleSet.filter (Python)",
                        "papers": len(texts), "runs": args.runs, "mb_s": nbytes / 1e6 / seconds,
                        "differ": 0})
        for engine in args.engines.split(","):
            row = run_engine(engine, ENGINES[engine], workload, texts, expected, args.runs,
                             args.budget, args.slow_runs)
            row["workload"] = name
            results.append(row)
            print("%-8s %-22s %s" % (name, engine, row.get("error") or "%.2f MB/s on %d papers, "
                                     "%d runs" % (row["mb_s"], row["papers"], row["runs"])),
                  file=sys.stderr)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"python": sys.version.split()[0], "runs": args.runs, "rows": results}, f, indent=1)


if __name__ == "__main__":
    main()
