#!/usr/bin/env python3
"""The end-to-end baseline (docs/benchmarks.md): the script a user would write instead of
`papersieve filter INPUT -r bench/rules/end_to_end.json --threads 1`. It reads an arXiv
metadata snapshot line by line with json.loads, searches titles and abstracts with `re`, and
prints the id of every selected paper — the same rules, by hand:

    python bench/user_script.py arxiv-metadata.jsonl > selected.txt
"""
import json
import re
import sys

# (weight, field, pattern); phrases cross the snapshot's hard line wraps.
RULES = [
    (2, "title", re.compile(r"\bdiffusion\s+model\b|\bimage\s+text\b", re.I)),
    (1, "title", re.compile(r"\blanguage\s+model\b|\bprompt\s+learning\b", re.I)),
    (1, "title", re.compile(r"(?=.*\bquantum\s+field\b)(?=.*\btheory\b)", re.I | re.S)),
    (0.5, "text", re.compile(r"naïve\s+(method|model)", re.I)),
]
EXCLUDE = re.compile(r"\b(survey|review)\b", re.I)


def main(path):
    out = sys.stdout
    with open(path, encoding="utf-8") as f:
        for line in f:
            paper = json.loads(line)
            title, abstract = paper["title"], paper["abstract"]
            if EXCLUDE.search(title):
                continue
            score = 0.0
            for weight, field, pattern in RULES:
                if pattern.search(title) or (field == "text" and pattern.search(abstract)):
                    score += weight
            if score >= 1:
                out.write(paper["id"] + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
