"""The ``papersieve`` command line: parse, filter, check and stats over paper dumps.

Exit status: 0 success; 1 ``filter`` ran but selected nothing (like grep);
2 bad usage or input (unreadable file, unknown format, input no reader
recognizes, an input whose every record was rejected, broken rules, or rejected
records with ``--strict``). Errors are one line on stderr, never a traceback
(docs/reliability.md, "The command line"). ``-`` reads standard input.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from typing import Dict, Iterator, List, NoReturn, Optional, Sequence, TextIO, Union

from . import (Corpus, PapersieveError, PaperStream, Results, RuleSet, __version__, combine,
               formats, iter_file)
from . import _cli_limits

BATCH_SIZE = 5_000  # papers held in memory at once by parse and stats

EXAMPLES = {
    "parse": "example: papersieve parse page.txt arxiv.jsonl --to csv -o papers.csv",
    "filter": ("examples:\n"
               "  papersieve filter page.txt -q '\"text to image\" -survey' --explain\n"
               "  papersieve filter page.txt -r rules.json --to html -o digest.html"),
    "check": "example: papersieve check rules.json",
    "stats": "example: papersieve stats 'dumps/*.jsonl' --json",
}


class UsageError(Exception):
    """Bad input named on the command line (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors on one line (argparse itself prints the usage first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _one_line(error: BaseException) -> str:
    """The first line of an error's message, and how many more problems it listed."""
    lines = [line for line in str(error).splitlines() if line.strip()] or [type(error).__name__]
    more = len(lines) - 1
    if more:
        return f"{lines[0]} (and {more} more problem{'s' if more > 1 else ''}; " \
               "papersieve check lists them all)"
    return lines[0]


class Progress:
    """Records and MB/s on stderr while a long run goes, only when stderr is a terminal."""

    def __init__(self, err: TextIO, path: str) -> None:
        self.err = err
        self.enabled = err.isatty() and path != "-"
        self.size = os.path.getsize(path) if self.enabled else 0
        self.start = time.monotonic()
        self.records = 0

    def update(self, batch: Corpus) -> None:
        self.records += batch.stats["records"]
        if not self.enabled or len(batch) == 0:
            return
        done = batch[-1].source.byte_offset
        seconds = max(time.monotonic() - self.start, 1e-6)
        self.err.write(f"\r{self.records:,} records  {done / seconds / 1e6:,.0f} MB/s  "
                       f"{100 * done / max(self.size, 1):.0f}%")
        self.err.flush()

    def close(self) -> None:
        if self.enabled:
            self.err.write("\r\033[K")


def _inputs(patterns: Sequence[str]) -> List[str]:
    paths: List[str] = []
    for pattern in patterns:
        if pattern != "-" and glob.has_magic(pattern):
            matches = sorted(glob.glob(pattern))
            if not matches:
                raise UsageError(f"no file matches {pattern!r}")
            paths.extend(matches)
        else:
            paths.append(pattern)
    return paths


def _limits(args: argparse.Namespace, allowed: "tuple[str, ...]") -> Dict[str, int]:
    """The --limit values the command uses (UsageError for one it does not)."""
    try:
        return _cli_limits.select(args.limit, allowed, args.command)
    except ValueError as e:
        raise UsageError(str(e)) from None


def _batches(path: str, args: argparse.Namespace) -> PaperStream:
    limits = _limits(args, _cli_limits.PARSE_LIMITS + (
        _cli_limits.RULE_LIMITS if args.command == "filter" else ()))
    record, document = limits.get("max_record_bytes"), limits.get("max_document_bytes")
    if path == "-":
        return iter_file("/dev/stdin", BATCH_SIZE, args.format, "<stdin>", threads=args.threads,
                         max_record_bytes=record, max_document_bytes=document)
    return iter_file(path, BATCH_SIZE, args.format, threads=args.threads,
                     max_record_bytes=record, max_document_bytes=document)


def _report(corpus: Corpus, quiet: bool, err: TextIO) -> int:
    """Prints the batch's diagnostics; returns how many were warnings."""
    warnings = 0
    for diagnostic in corpus.diagnostics:
        warnings += diagnostic.severity == "warning"
        if quiet and diagnostic.severity != "error":
            continue
        print(str(diagnostic), file=err)
    return warnings


def _stream(paths: Sequence[str], args: argparse.Namespace, err: TextIO) -> Iterator[Corpus]:
    """Every batch of every input, diagnostics reported, progress shown."""
    for path in paths:
        progress = Progress(err, path)
        batches = _batches(path, args)
        why = "every record was rejected"
        for batch in batches:
            progress.update(batch)
            _report(batch, args.quiet, err)
            for diagnostic in batch.diagnostics:  # the reader's note on what the input looks like
                if diagnostic.message.startswith(why):
                    why = diagnostic.message
            yield batch
        progress.close()
        totals = batches.totals
        if args.strict and totals["rejected"]:
            args.failed = True
        if totals["records"] and totals["rejected"] == totals["records"]:
            # Rejected as a whole (the wrong --format, or no paper dump): an error, not an
            # empty day. The reader's warning says what the input looks like.
            print(f"papersieve: error: {path}: {why} ({totals['rejected']:,} records)", file=err)
            args.failed = True


def _cmd_parse(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    first = True
    if args.to == "json":
        out.write("[")
    for batch in _stream(_inputs(args.inputs), args, err):
        if args.to == "jsonl":
            out.write(batch.to_jsonl())
        elif args.to == "csv":
            text = batch.to_csv()
            out.write(text if first else text.split("\r\n", 1)[1])  # one header row
        else:
            for paper in batch:
                out.write(("\n" if first else ",\n") + paper.to_json())
                first = False
        first = False
    if args.to == "json":
        out.write("]\n")
    return 2 if args.failed else 0


def _explain(results: Results, out: TextIO) -> None:
    for rank, hit in enumerate(results, 1):
        paper = hit.paper
        tags = f"  tags: {', '.join(hit.tags)}" if hit.tags else ""
        out.write(f"{rank}. [{hit.score:g}] {paper.title}  ({paper.id})\n")
        out.write(f"   rules: {', '.join(hit.rules)}{tags}\n")
        for span in hit.spans:
            text = {"title": paper.title, "abstract": paper.abstract}.get(span.field)
            snippet = f": {text[span.start:span.end]!r}" if text is not None else ""
            out.write(f"   {span.field}[{span.start}:{span.end}]{snippet}\n")


def _explain_dropped(rules: RuleSet, corpus: Corpus, results: Results, out: TextIO) -> None:
    selected = {hit.index for hit in results}
    out.write("\nnot selected:\n")
    for index, paper in enumerate(corpus):
        if index in selected:
            continue
        d = rules.decide(paper)
        if d["selected"]:
            why = "cut by --top"
        elif d["excluded_by"]:
            why = "excluded by " + ", ".join(d["excluded_by"])  # type: ignore[arg-type]
        elif d["missing_required"]:
            why = "required rule did not match: " + ", ".join(d["missing_required"])  # type: ignore[arg-type]
        elif d["below_min_score"]:
            why = f"score {d['score']:g} below min_score {rules.min_score:g}"
        else:
            why = "no rule matched"
        out.write(f"- {paper.title}  ({paper.id}): {why}\n")


def _cmd_filter(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    limits = _limits(args, _cli_limits.PARSE_LIMITS + _cli_limits.RULE_LIMITS)
    limits = {k: v for k, v in limits.items() if k in _cli_limits.RULE_LIMITS}
    rules = (RuleSet.from_query(args.query, **limits) if args.query
             else RuleSet.from_file(args.rules, **limits))
    paths = _inputs(args.inputs)
    corpus: Optional[Corpus] = None
    if len(paths) == 1 and not args.explain_all:
        # One input streams: each batch is filtered as it is read and only the selected
        # papers are kept, so memory is bounded by the hits, not the input.
        results = rules._filter_batches(_stream(paths, args, err), args.top, args.threads)
    else:  # duplicates across inputs fold into one corpus; --explain-all needs every paper
        corpus = combine(list(_stream(paths, args, err)))
        results = rules.filter(corpus, args.top, args.threads)
    if args.explain or args.explain_all:
        _explain(results, out)
        if args.explain_all and corpus is not None:
            _explain_dropped(rules, corpus, results, out)
    elif args.to == "md":
        out.write(results.to_markdown(args.title))
    elif args.to == "html":
        out.write(results.to_html(args.title))
    elif args.to == "csv":
        out.write(results.to_csv())
    elif args.to == "json":
        out.write("[" + ",\n".join(results.to_jsonl().splitlines()) + "]\n")
    else:
        out.write(results.to_jsonl())
    if args.failed:
        return 2
    return 0 if len(results) else 1


def _cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    failed = False
    limits = _limits(args, _cli_limits.RULE_LIMITS)
    for path in args.rules:
        with open(path, encoding="utf-8", errors="replace") as handle:
            problems = RuleSet.check_json(handle.read(), **limits)
        for problem in problems:
            print(f"{path}: {problem}", file=err)
        if problems:
            failed = True
        else:
            count = len(RuleSet.from_file(path, **limits))
            out.write(f"{path}: {count} rule{'s' if count != 1 else ''}, ok\n")
    return 2 if failed else 0


def _cmd_stats(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rows = []
    for path in _inputs(args.inputs):
        warnings = 0
        totals: Dict[str, int] = {"records": 0, "papers": 0, "duplicates": 0, "rejected": 0}
        fmt = ""
        for batch in _stream([path], args, err):
            warnings += sum(d.severity == "warning" for d in batch.diagnostics)
            fmt = batch.format
            for key in totals:
                totals[key] += batch.stats[key]
        row: Dict[str, Union[str, int]] = {"input": path, "format": fmt or args.format,
                                           **totals, "warnings": warnings}
        rows.append(row)
    if args.json:
        out.write(json.dumps(rows if len(rows) > 1 else rows[0], indent=2) + "\n")
    else:
        for row in rows:
            out.write(f"{row['input']} ({row['format']})\n")
            for key in ("records", "papers", "duplicates", "rejected", "warnings"):
                out.write(f"  {key:<10} {row[key]}\n")
    return 2 if args.failed else 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value < 1 << 63:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _thread_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value < 1 << 63:
        raise argparse.ArgumentTypeError(f"expected 0 (every core) or a positive count, got {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="papersieve", description="Parse, normalize and filter research-paper dumps.",
        epilog="\n".join(EXAMPLES.values()), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"papersieve {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text,
                              epilog=EXAMPLES[name],
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    def reading(p: argparse.ArgumentParser, inputs_help: str) -> None:
        p.add_argument("inputs", nargs="+", metavar="INPUT", help=inputs_help)
        p.add_argument("-f", "--format", default="auto", choices=formats(),
                       help="input format (default: detect from content)")
        p.add_argument("--quiet", action="store_true",
                       help="report rejected records only, not warnings")
        p.add_argument("--strict", action="store_true",
                       help="exit with status 2 when any record was rejected")
        p.add_argument("--threads", type=_thread_count, default=0, metavar="N",
                       help="threads for parsing and filtering (default: 0, every core); "
                            "the output is the same for any N")
        _cli_limits.add_option(p)

    def writing(p: argparse.ArgumentParser, choices: List[str]) -> None:
        p.add_argument("--to", choices=choices, default="jsonl", help="output format")
        p.add_argument("-o", "--output", help="write to this file instead of standard output")

    p = command("parse", "parse dumps and print normalized papers")
    reading(p, "files or globs to read, or - for standard input")
    writing(p, ["jsonl", "json", "csv"])
    p.set_defaults(run=_cmd_parse)

    p = command("filter", "select and rank papers with rules or a query")
    reading(p, "files or globs to read (one corpus), or - for standard input")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("-r", "--rules", help="JSON rule file (docs/rules.md)")
    which.add_argument("-q", "--query", help='one query, e.g. \'"text to image" -survey\'')
    p.add_argument("--top", type=_positive_int,
                   help="at most this many papers (default: the rule file's)")
    writing(p, ["jsonl", "json", "csv", "md", "html"])
    p.add_argument("--title", default="papersieve digest", help="title of md/html digests")
    p.add_argument("--explain", action="store_true",
                   help="print why each paper was selected, with the matched text")
    p.add_argument("--explain-all", action="store_true",
                   help="--explain, plus why every other paper was dropped")
    p.set_defaults(run=_cmd_filter)

    p = command("check", "validate rule files, reporting every problem")
    p.add_argument("rules", nargs="+", help="JSON rule files")
    _cli_limits.add_option(p)
    p.set_defaults(run=_cmd_check)

    p = command("stats", "count records, papers, duplicates and rejects")
    reading(p, "files or globs to read, or - for standard input")
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    p.set_defaults(run=_cmd_stats)
    return parser


def _lenient(stream: TextIO) -> None:
    """A terminal or pipe whose encoding cannot show a character gets a replacement, not an
    exception (e.g. LANG=C)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):  # closed, or already written with another setting
            pass


def main(argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None,
         err: Optional[TextIO] = None) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    _lenient(out)
    _lenient(err)
    args = _parser().parse_args(list(argv) if argv is not None else None)
    args.failed = False
    target: Optional[TextIO] = None
    try:
        if getattr(args, "output", None):
            target = open(args.output, "w", encoding="utf-8", newline="")
        return int(args.run(args, target or out, err))
    except BrokenPipeError:  # e.g. piped into head
        return 0
    except KeyboardInterrupt:
        print("papersieve: interrupted", file=err)
        return 130
    except (PapersieveError, OSError, UsageError, UnicodeError) as e:
        print(f"papersieve: error: {_one_line(e)}", file=err)
        return 2
    except MemoryError:
        print("papersieve: error: out of memory", file=err)
        return 2
    except Exception as e:  # noqa: BLE001 - the promise: one line, never a traceback
        print(f"papersieve: internal error: {type(e).__name__}: {_one_line(e)} "
              "(please report it)", file=err)
        return 2
    finally:
        if target is not None:
            target.close()


if __name__ == "__main__":
    sys.exit(main())
