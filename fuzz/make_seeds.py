#!/usr/bin/env python3
"""Writes the fuzz seed corpora into the build tree (never into the repository).

<out>/parse   format byte + a slice of each sample dump (and of the committed seeds/parse)
<out>/query   one file per line of seeds/queries.txt, plus the queries of the rule files
<out>/rules   the committed and example rule files, and small variants of them
<out>/filter  format byte + rules + NUL + a slice of a dump
The format byte indexes format_names() (fuzz_support::all_formats, taken modulo their number):
0 auto, 1 hf-text, 2 hf-json, 3 arxiv-jsonl, 4 arxiv-atom, 5 arxiv-mailing, 6 kv-text, 7 jsonl,
8 json, then the formats after json in the order of papersieve::Format (ORDER below). The
committed regression inputs of seeds/regressions/<target> are read by fuzz/run directly, as
they are.
"""
import argparse
import hashlib
import json
import pathlib

FORMATS = {"auto": 0, "hf-text": 1, "hf-json": 2, "arxiv-jsonl": 3, "arxiv-atom": 4,
           "arxiv-mailing": 5, "kv-text": 6, "jsonl": 7, "json": 8}
# The formats after json, in the order of papersieve::Format (core/include/papersieve/format.hpp).
ORDER = ["arxiv-rss", "feed", "pubmed", "oai-pmh", "semantic-scholar", "openalex", "crossref",
         "biorxiv", "bibtex", "ris", "csl-json", "zotero-json"]
for _name in ORDER:
    FORMATS[_name] = len(FORMATS)
SLICE = 3000  # bytes: small seeds keep the fuzzers fast


def format_of(name):
    if name.startswith("rss_arxiv") or name.startswith("arxiv_rss"): return "arxiv-rss"
    if name.startswith(("rdf_", "rss_", "journal_")) or name.endswith(".rdf"): return "feed"
    if name.startswith("pubmed"): return "pubmed"
    if name.startswith("oai"): return "oai-pmh"
    if name.startswith("scholarly_"): return "auto"  # detected by content
    if name.endswith(".xml"): return "arxiv-atom"
    if name.endswith(".jsonl"): return "arxiv-jsonl"
    if "daily_papers_api" in name or name.endswith(".json"): return "hf-json"
    if "mailing" in name: return "arxiv-mailing"
    if "title_pdf_summary" in name or name.endswith(".kv"): return "kv-text"
    if name.endswith(".bib"): return "bibtex"
    if name.endswith(".ris"): return "ris"
    return "hf-text"


def slices(data, fmt):
    """A few pieces of at most SLICE bytes, cut at line ends (whole items for hf-json)."""
    if fmt == "hf-json":
        try:
            items = json.loads(data)
        except ValueError:
            return [data[:SLICE]]
        items = items if isinstance(items, list) else [items]
        out = []
        for i in range(0, min(len(items), 6), 2):
            piece = json.dumps(items[i:i + 2], ensure_ascii=False).encode()
            out.append(piece[:4 * SLICE])
        return out
    out, start = [], 0
    while start < len(data) and len(out) < 4:
        end = data.rfind(b"\n", start, start + SLICE) + 1 if start + SLICE < len(data) else len(data)
        if end <= start: end = min(len(data), start + SLICE)
        out.append(data[start:end])
        start = end + len(data) // 5  # spread the pieces over the file
    return out


def write(directory, content):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(content).hexdigest()).write_bytes(content)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--committed", required=True, type=pathlib.Path)
    ap.add_argument("--data", action="append", default=[], type=pathlib.Path)
    ap.add_argument("--rules", action="append", default=[], type=pathlib.Path)
    args = ap.parse_args()
    out = args.out

    samples = []  # (format, bytes)
    for directory in args.data + [args.committed / "parse"]:
        if not directory.is_dir():
            print(f"make_seeds: {directory} is missing, no seeds from it")
            continue
        for path in sorted(directory.iterdir()):
            if path.name == "README.md" or not path.is_file(): continue
            fmt = format_of(path.name)
            for piece in slices(path.read_bytes(), fmt):
                samples.append((fmt, piece))
    for fmt, piece in samples:
        write(out / "parse", bytes([FORMATS[fmt]]) + piece)
        write(out / "parse", bytes([0]) + piece)  # auto
        write(out / "parse", bytes([0x80 | 0x20 | FORMATS[fmt]]) + piece)  # streamed, batch 3
    if any(f == "arxiv-jsonl" for f, _ in samples):
        write(out / "parse", bytes([FORMATS["jsonl"]]) + next(p for f, p in samples
                                                               if f == "arxiv-jsonl"))

    queries = [q for q in (args.committed / "queries.txt").read_text("utf-8").splitlines()
               if q.strip()]
    rule_files = []
    for directory in args.rules + [args.committed / "rules"]:
        if directory.is_dir():
            rule_files += [p.read_bytes() for p in sorted(directory.glob("*.json"))]
    for text in rule_files:
        try:
            for rule in json.loads(text).get("rules", []):
                if isinstance(rule.get("query"), str): queries.append(rule["query"])
        except (ValueError, AttributeError):
            pass
    for q in queries:
        write(out / "query", q.encode())
    for text in rule_files:
        write(out / "rules", text)
    for q in queries[:40]:  # each query as a one-rule file
        write(out / "rules", json.dumps({"rules": [{"name": "q", "query": q}]}).encode())

    for i, (fmt, piece) in enumerate(samples):
        rules = (queries[i % len(queries)].encode() if i % 2 else
                 rule_files[i % len(rule_files)] if rule_files else b"diffusion")
        write(out / "filter", bytes([FORMATS[fmt]]) + rules + b"\0" + piece)
    out.mkdir(parents=True, exist_ok=True)
    (out / "stamp").write_text("".join(f"{d.name} {len(list(d.iterdir()))}\n"
                                       for d in sorted(out.iterdir()) if d.is_dir()))


if __name__ == "__main__":
    main()
