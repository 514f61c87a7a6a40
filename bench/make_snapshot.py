#!/usr/bin/env python3
"""A large arXiv-snapshot file made of real records (docs/benchmarks.md): every line of a real
snapshot sample, replicated with a unique arXiv id, title suffix and DOI suffix (so that no copy
is a duplicate of another); every other byte is the record's own. Generated for the end-to-end benchmark, never committed.
With --distinct-text each copy's abstract has the record's own words in a random order, so that
copies share no long runs of text, as distinct real records do not (what compresses, what a
cache holds).

    python3 bench/make_snapshot.py --sample ../shared/data/arxiv_oai_snapshot_first100.jsonl \
        --size 2G --out build/bench-suite/data/snapshot-2G.jsonl
"""
import argparse
import json
import os
import random
import sys


def size_bytes(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", required=True, help="a real snapshot sample (JSON lines)")
    parser.add_argument("--size", required=True, help="bytes to write, e.g. 2G, 300M")
    parser.add_argument("--out", required=True)
    parser.add_argument("--distinct-text", action="store_true",
                        help="shuffle the words of each copy's abstract (seeded)")
    args = parser.parse_args()
    shuffle = random.Random(1).shuffle
    with open(args.sample, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    # The id and the title are rewritten in the line's own text: key order, escapes and every
    # other field stay as the real record has them.
    templates = []
    for line in lines:
        record = json.loads(line)
        id_text = json.dumps(record["id"])
        title_text = json.dumps(record["title"])
        if line.count(id_text) < 1 or line.count(title_text) != 1:
            sys.exit(f"{args.sample}: cannot locate the id or title of record {record['id']}")
        head, tail = line.split(title_text)
        if record.get("doi"):
            doi_text = json.dumps(record["doi"])
            head, tail = (part.replace(doi_text, doi_text[:-1] + '.r\0N\0"') for part in (head, tail))
        words = record.get("abstract", "").split(" ") if args.distinct_text else []
        abstract_text = json.dumps(record.get("abstract", ""))
        if words and tail.count(abstract_text) != 1:
            sys.exit(f"{args.sample}: cannot locate the abstract of record {record['id']}")
        templates.append((head.replace(id_text, "\0ID\0", 1), title_text[:-1], tail,
                          abstract_text, words))
    target = size_bytes(args.size)
    written = 0
    serial = 0
    temporary = args.out + ".part"
    with open(temporary, "w", encoding="utf-8") as out:
        while written < target:
            chunk = []
            for head, title, tail, abstract_text, words in templates:
                if words:
                    shuffle(words)
                    tail = tail.replace(abstract_text, json.dumps(" ".join(words)))
                # yymm.nnnnn: a new-style id, unique over 99,999 records a month from 2001.
                month, number = divmod(serial, 99999)
                yymm = f"{1 + month // 12:02d}{1 + month % 12:02d}"
                paper_id = f'"{yymm}.{number + 1:05d}"'
                line = f"{head.replace(chr(0) + 'ID' + chr(0), paper_id)}{title} r{serial}\"{tail}\n"
                chunk.append(line.replace("\0N\0", str(serial)))
                serial += 1
            text = "".join(chunk)
            out.write(text)
            written += len(text.encode("utf-8"))
    os.replace(temporary, args.out)
    print(f"{args.out}: {serial} records, {written / 1e6:.0f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
