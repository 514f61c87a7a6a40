"""The ``papersieve`` command line: parse and stats over paper dumps.

Errors go to stderr with a non-zero exit status: 1 for a failed command
(unreadable file, unknown format, or rejected records with ``--strict``),
2 for bad usage. ``-`` reads standard input.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Dict, Iterator, Optional, Sequence, TextIO, Union

from . import (Corpus, PapersieveError, PaperStream, Results, RuleSet, __version__, formats,
               iter_file, parse, parse_file)

BATCH_SIZE = 5_000  # papers held in memory at once, whatever the input size


def _batches(path: str, fmt: str) -> PaperStream:
    if path == "-":
        return iter_file("/dev/stdin", BATCH_SIZE, fmt, "<stdin>")
    return iter_file(path, BATCH_SIZE, fmt)


def _report(corpus: Corpus, quiet: bool, err: TextIO) -> int:
    """Prints the batch's diagnostics; returns how many were warnings."""
    warnings = 0
    for diagnostic in corpus.diagnostics:
        warnings += diagnostic.severity == "warning"
        if quiet and diagnostic.severity != "error":
            continue
        print(str(diagnostic), file=err)
    return warnings


def _json_array(batches: PaperStream, args: argparse.Namespace, err: TextIO) -> Iterator[str]:
    yield "["
    first = True
    for batch in batches:
        _report(batch, args.quiet, err)
        for paper in batch:
            yield ("\n" if first else ",\n") + paper.to_json()
            first = False
    yield "]\n"


def _cmd_parse(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    batches = _batches(args.input, args.format)
    if args.to == "jsonl":
        for batch in batches:
            _report(batch, args.quiet, err)
            out.write(batch.to_jsonl())
    else:
        for piece in _json_array(batches, args, err):
            out.write(piece)
    return 1 if args.strict and batches.totals["rejected"] else 0


def _cmd_stats(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    failed = False
    rows = []
    for path in args.inputs:
        batches = _batches(path, args.format)
        warnings = sum(_report(batch, args.quiet, err) for batch in batches)
        totals = batches.totals
        failed = failed or (args.strict and totals["rejected"] > 0)
        row: Dict[str, Union[str, int]] = {"input": path, "format": batches.format, **totals,
                                           "warnings": warnings}
        rows.append(row)
    if args.json:
        out.write(json.dumps(rows if len(rows) > 1 else rows[0], indent=2) + "\n")
    else:
        for row in rows:
            out.write(f"{row['input']} ({row['format']})\n")
            for key in ("records", "papers", "duplicates", "rejected", "warnings"):
                out.write(f"  {key:<10} {row[key]}\n")
    return 1 if failed else 0


def _read_all(path: str, fmt: str) -> Corpus:
    # Ranking needs every paper, so filter reads the whole input.
    if path == "-":
        return parse(sys.stdin.buffer.read(), fmt, "<stdin>")
    return parse_file(path, fmt)


def _explain(results: Results, out: TextIO) -> None:
    for rank, hit in enumerate(results, 1):
        paper = hit.paper
        out.write(f"{rank}. [{hit.score:g}] {paper.title}  ({paper.id})\n")
        out.write(f"   rules: {', '.join(hit.rules)}")
        out.write(f"   tags: {', '.join(hit.tags)}\n" if hit.tags else "\n")
        for span in hit.spans:
            text = paper.title if span.field == "title" else paper.abstract
            if span.field in ("title", "abstract"):
                out.write(f"   {span.field}[{span.start}:{span.end}]: {text[span.start:span.end]!r}\n")
            else:
                out.write(f"   {span.field}[{span.start}:{span.end}]\n")


def _cmd_filter(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rules = RuleSet.from_query(args.query) if args.query else RuleSet.from_file(args.rules)
    corpus = _read_all(args.input, args.format)
    _report(corpus, args.quiet, err)
    results = rules.filter(corpus, args.top)
    if args.explain:
        _explain(results, out)
    elif args.to == "md":
        out.write(results.to_markdown(args.title))
    elif args.to == "json":
        out.write("[" + ",\n".join(results.to_jsonl().splitlines()) + "]\n")
    else:
        out.write(results.to_jsonl())
    return 1 if args.strict and corpus.stats["rejected"] else 0


def _cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    failed = False
    for path in args.rules:
        with open(path, encoding="utf-8", errors="replace") as handle:
            problems = RuleSet.check_json(handle.read())
        for problem in problems:
            print(f"{path}: {problem}", file=err)
        if problems:
            failed = True
        else:
            count = len(RuleSet.from_file(path))
            out.write(f"{path}: {count} rule{'s' if count != 1 else ''}, ok\n")
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="papersieve", description="Parse, normalize and filter research-paper dumps.")
    parser.add_argument("--version", action="version", version=f"papersieve {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("-f", "--format", default="auto", choices=formats(),
                       help="input format (default: detect from content)")
        p.add_argument("--quiet", action="store_true",
                       help="report rejected records only, not warnings")
        p.add_argument("--strict", action="store_true",
                       help="exit with status 1 when any record was rejected")

    p = sub.add_parser("parse", help="parse a dump and print normalized papers")
    p.add_argument("input", help="file to read, or - for standard input")
    p.add_argument("--to", choices=["jsonl", "json"], default="jsonl", help="output format")
    common(p)
    p.set_defaults(run=_cmd_parse)

    p = sub.add_parser("stats", help="count records, papers, duplicates and rejects")
    p.add_argument("inputs", nargs="+", help="files to read, or - for standard input")
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    common(p)
    p.set_defaults(run=_cmd_stats)

    p = sub.add_parser("filter", help="select and rank papers with rules or a query")
    p.add_argument("input", help="file to read, or - for standard input")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("-r", "--rules", help="JSON rule file (docs/rules.md)")
    which.add_argument("-q", "--query", help='one query, e.g. \'"text to image" -survey\'')
    p.add_argument("--top", type=int, help="at most this many papers (default: the rule file's)")
    p.add_argument("--to", choices=["jsonl", "json", "md"], default="jsonl", help="output format")
    p.add_argument("--title", default="papersieve digest", help="title of the Markdown digest")
    p.add_argument("--explain", action="store_true",
                   help="print why each paper was selected instead of the data")
    common(p)
    p.set_defaults(run=_cmd_filter)

    p = sub.add_parser("check", help="validate rule files, reporting every problem")
    p.add_argument("rules", nargs="+", help="JSON rule files")
    p.set_defaults(run=_cmd_check)
    return parser


def main(argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None,
         err: Optional[TextIO] = None) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    args = _parser().parse_args(list(argv) if argv is not None else None)
    try:
        return int(args.run(args, out, err))
    except PapersieveError as e:
        print(f"papersieve: error: {e}", file=err)
        return 1
    except OSError as e:  # e.g. a rule file that cannot be opened by check
        print(f"papersieve: error: {e}", file=err)
        return 1
    except BrokenPipeError:  # e.g. piped into head
        return 0


if __name__ == "__main__":
    sys.exit(main())
