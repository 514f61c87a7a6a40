#!/usr/bin/env python3
"""Writes large scholarly dumps to measure streaming (docs/formats.md, "Large dumps"):
an OpenAlex-style works snapshot (JSON lines) and a Semantic Scholar datasets pair
(papers + abstracts, the abstracts in another order), each about SIZE_MB, gzip'd with
--gzip. Then: papersieve stats works.jsonl; papersieve stats papers.jsonl
--join-abstracts abstracts.jsonl.

usage: bench/scholarly_dumps.py OUT_DIR SIZE_MB [--gzip] [--only works|s2]
"""
import gzip
import json
import pathlib
import random
import sys

WORDS = ("model learning data method results show approach performance task language "
         "network training propose graph image retrieval benchmark quantum protein").split()


def abstract(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(80, 220)))


def work(i, rng):
    text = abstract(rng).split()
    index = {}
    for position, word in enumerate(text):
        index.setdefault(word, []).append(position)
    return {"id": f"https://openalex.org/W{i}", "doi": f"https://doi.org/10.5555/{i}",
            "title": f"Work {i} on {rng.choice(WORDS)}", "display_name": f"Work {i}",
            "publication_year": 2020, "publication_date": "2020-01-02",
            "authorships": [{"author": {"display_name": f"Author {i % 997}"},
                             "institutions": [{"display_name": "University"}]}],
            "primary_location": {"landing_page_url": f"https://example.org/{i}",
                                 "source": {"display_name": "Journal"}},
            "primary_topic": {"display_name": "Topic"}, "is_retracted": False,
            "abstract_inverted_index": index}


def opener(path, gz):
    return gzip.open(str(path) + ".gz", "wt", compresslevel=1) if gz else open(path, "w")


def write_works(out, size, gz, rng):
    written, i = 0, 0
    with opener(out / "works.jsonl", gz) as f:
        while written < size:
            line = json.dumps(work(i, rng)) + "\n"
            f.write(line)
            written += len(line)
            i += 1


def write_s2_pair(out, size, gz, rng):
    ids, written = [], 0
    with opener(out / "papers.jsonl", gz) as papers:
        while written < size:
            corpusid = len(ids) * 7919 + 1
            line = json.dumps({"corpusid": corpusid, "externalids": {"CorpusId": str(corpusid)},
                               "title": f"Paper {corpusid}", "year": 2021}) + "\n"
            papers.write(line)
            written += len(line) + 1000  # and its abstract, of about 1 KB
            ids.append(corpusid)
    rng.shuffle(ids)  # the join assumes no order
    with opener(out / "abstracts.jsonl", gz) as abstracts:
        for corpusid in ids:
            abstracts.write(json.dumps({"corpusid": corpusid, "openaccessinfo": None,
                                        "abstract": abstract(rng)}) + "\n")


def main():
    out, size, gz = pathlib.Path(sys.argv[1]), int(sys.argv[2]) << 20, "--gzip" in sys.argv
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    if only in (None, "works"):
        write_works(out, size, gz, rng)
    if only in (None, "s2"):
        write_s2_pair(out, size, gz, rng)


if __name__ == "__main__":
    main()
