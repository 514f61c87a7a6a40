#!/usr/bin/env python3
"""The end-to-end rule sets (bench/rules/e2e_*.json) as the regexes a user of DuckDB, Polars or
plain Python writes for them (docs/benchmarks.md): each rule one case-insensitive regex over
the title, the title and abstract, or the authors, as the JSON has them (no TeX decoding, no
accent folding).

    python3 bench/peer_filters.py duckdb|polars|python RULES INPUT OUTPUT [--threads N]

writes the selected records as JSON lines.
"""
import json
import os
import sys

SEP = r"[\s_-]+"  # what papersieve accepts between the words of a phrase
# rule-set name -> (positive rules, exclude rules); a rule is (column, regex) or (column,
# (regex, regex)) for a rule that needs both
RULES = {
    "e2e_dense": ([
        ("text", rf"(?i)\bquantum{SEP}(field|group)"),
        ("title", rf"(?i)\b(field|gauge){SEP}theory\b"),
        ("text", r"(?i)\b(graphene|graphite)\b"),
        ("text", r"(?i)\bneutrino"),
        ("text", rf"(?i)\bsoliton|\bsolitary{SEP}wave"),
        ("text", rf"(?i)\bmodular{SEP}form"),
        ("text", rf"(?i)\bblack{SEP}hole"),
        ("title", rf"(?i)\bdark{SEP}(matter|energy)\b"),
        ("text", r"(?i)\b(hafnian|pfaffian)"),
        ("title", rf"(?i)\bentropy{SEP}limiter"),
        ("text", r"(?i)\bviterbi\b"),
        ("text", r"(?i)\bsuperconduct"),
        ("text", r"(?i)\bpolytope|\bfano\b"),
        ("authors", r"(?i)\bbalázs\b"),
        ("authors", r"(?i)\btomàs\b"),
        ("authors", r"(?i)\bšrámek\b"),
        ("authors", r"(?i)\bschröder\b"),
        ("text", r"(?i)\bcharm(ed)?\s+baryons?\b"),
        ("text", r"(?i)\bpure\s+spinors?\b"),
        ("text", r"(?i)\blattice\s+(QCD|fermions|Boltzmann)"),
        ("text", r"\b[0-9]+(\.[0-9]+)?\s*(GeV|TeV|MeV)\b"),
    ], [("title", r"(?i)\b(overview|erratum)\b")]),
    "e2e_sparse": ([
        ("text", rf"(?i)\blanguage{SEP}model|\bLLMs?\b"),
        ("text", rf"(?i)\bdiffusion{SEP}model|\bscore{SEP}matching\b"),
        ("text", (r"(?i)\btransformer", r"(?i)\battention\b")),  # both
        ("text", rf"(?i)\breinforcement{SEP}learning\b"),
        ("text", rf"(?i)\bgraph{SEP}neural\b|\bGNN\b"),
        ("text", r"(?i)\bteleportation\b"),
        ("title", r"(?i)\bgraphene\b"),
        ("text", r"(?i)\bcontrastive\b"),
        ("text", rf"(?i)\bfederated{SEP}learning\b"),
        ("text", rf"(?i)\bvision{SEP}language\b|\bVLM\b"),
        ("text", rf"(?i)\bretrieval{SEP}augmented\b|\bRAG\b"),
        ("title", r"(?i)\bbenchmark"),
        ("text", rf"(?i)\bautonomous{SEP}agent"),
        ("text", rf"(?i)\bRLHF\b|\bpreference{SEP}optimization\b"),
        ("authors", r"(?i)\bbengio\b"),
        ("authors", r"(?i)\blecun\b"),
        ("authors", r"(?i)\bšrámek\b"),
        ("text", r"\bGPT-?[0-9]"),
        ("text", r"(?i)\b[0-9]+(\.[0-9]+)?\s*[MB]\s+parameters\b"),
        ("text", r"(?i)\btokeni[sz](er|ation)\b"),
        ("text", r"github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"),
    ], [("title", r"(?i)\bsurvey\b")]),
}


def combined(rules):
    """The rules as a user tuning the query writes them: one alternation per column (a regex
    engine scans a column once), a rule that needs two regexes kept as an AND of its own."""
    by_column, both = {}, []
    for column, regex in rules:
        if isinstance(regex, tuple):
            both.append((column, regex))
        elif regex.startswith("(?i)"):
            by_column.setdefault(column, []).append("(?i:%s)" % regex[4:])
        else:
            by_column.setdefault(column, []).append("(?:%s)" % regex)
    return [(column, "|".join(parts)) for column, parts in by_column.items()] + both


def duckdb_filter(positive, exclude, source, output, threads):
    import duckdb
    column = {"text": "(title || ' ' || abstract)", "title": "title", "authors": "authors"}

    def test(rule):
        if isinstance(rule[1], tuple):
            return "(%s)" % " AND ".join(test((rule[0], r)) for r in rule[1])
        return "regexp_matches(%s, %s)" % (column[rule[0]], "'" + rule[1].replace("'", "''") + "'")

    where = "(%s) AND NOT (%s)" % (" OR ".join(map(test, positive)),
                                   " OR ".join(map(test, exclude)))
    connection = duckdb.connect()
    connection.execute(f"SET threads = {threads}")
    connection.execute("COPY (SELECT * FROM read_ndjson(?, maximum_object_size = 104857600) "
                       f"WHERE {where}) TO '{output}' (FORMAT json)", [source])


def polars_filter(positive, exclude, source, output, threads):
    os.environ["POLARS_MAX_THREADS"] = str(threads)
    import polars as pl
    column = {"text": pl.col("title") + " " + pl.col("abstract"), "title": pl.col("title"),
              "authors": pl.col("authors")}

    def test(rule):
        if isinstance(rule[1], tuple):
            return pl.all_horizontal([test((rule[0], r)) for r in rule[1]])
        return column[rule[0]].str.contains(rule[1])

    keep = pl.any_horizontal([test(r) for r in positive]) & ~pl.any_horizontal(
        [test(r) for r in exclude])
    pl.scan_ndjson(source, infer_schema_length=1000).filter(keep).sink_ndjson(output)


def python_filter(positive, exclude, source, output, threads):
    """The script a user writes: json.loads per line, `re` per rule (one thread)."""
    import re
    column = {"text": lambda p: p["title"] + " " + p["abstract"], "title": lambda p: p["title"],
              "authors": lambda p: p["authors"]}

    def compiled(rules):
        return [(column[c], [re.compile(r) for r in (x if isinstance(x, tuple) else (x,))])
                for c, x in rules]

    keep, drop = compiled(positive), compiled(exclude)

    def hits(rules, paper):
        return any(all(r.search(text(paper)) for r in regexes) for text, regexes in rules)

    with open(source, encoding="utf-8") as f, open(output, "w", encoding="utf-8") as out:
        for line in f:
            paper = json.loads(line)
            if hits(keep, paper) and not hits(drop, paper):
                out.write(line)


def main():
    engine, rules, source, output = sys.argv[1:5]
    threads = int(sys.argv[6]) if len(sys.argv) > 6 and sys.argv[5] == "--threads" else os.cpu_count()
    positive, exclude = (combined(part) for part in
                         RULES[os.path.splitext(os.path.basename(rules))[0]])
    {"duckdb": duckdb_filter, "polars": polars_filter, "python": python_filter}[engine](positive, exclude, source, output,
                                                              threads)


if __name__ == "__main__":
    main()
