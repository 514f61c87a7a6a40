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

from . import Corpus, PapersieveError, PaperStream, __version__, formats, iter_file

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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="papersieve", description="Parse, normalize and filter research-paper dumps.")
    parser.add_argument("--version", action="version", version=f"papersieve {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("-f", "--format", default="auto", choices=formats(),
                       help="input format (default: detect from content)")
        p.add_argument("-q", "--quiet", action="store_true",
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
    except BrokenPipeError:  # e.g. piped into head
        return 0


if __name__ == "__main__":
    sys.exit(main())
