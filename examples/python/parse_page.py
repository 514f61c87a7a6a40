"""Parse a paper dump and print what was read: id, title and where each paper came from.

    python examples/python/parse_page.py examples/data/hf_page_sample.txt
"""

import sys

import papersieve


def main(path: str) -> int:
    try:
        corpus = papersieve.parse_file(path)
    except papersieve.PapersieveError as error:
        print(f"cannot parse {path}: {error}", file=sys.stderr)
        return 1
    for paper in corpus:
        print(f"{paper.id}  line {paper.source.line:>4}  {paper.title}")
    for diagnostic in corpus.diagnostics:
        print(diagnostic, file=sys.stderr)
    stats = corpus.stats
    print(f"{stats['papers']} papers from {stats['records']} records "
          f"({stats['duplicates']} duplicates, {stats['rejected']} rejected)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "examples/data/hf_page_sample.txt"))
