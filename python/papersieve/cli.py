"""The ``papersieve`` command line: parse, filter, check and stats over paper dumps.

Exit status: 0 success; 1 ``filter`` ran but selected nothing (like grep);
2 bad usage or input (unreadable file, unknown format, input no reader
recognizes, an input whose every record was rejected, broken rules, or rejected
records with ``--strict``). Errors are one line on stderr, never a traceback
(docs/reliability.md, "The command line"). ``-`` reads standard input.
"""

from __future__ import annotations

import os
import sys
import time

from . import (Corpus, PapersieveError, PaperStream, Results, RuleSet, State, __version__,
               combine, filter_file, formats, iter_file, scan_file)
from . import _cli_fast, _cli_limits
from ._outputs import (PAPER_FORMATS, RESULT_FORMATS, DigestInfo, now_rfc3339, render,
                       render_papers)

# Start-up time (docs/performance.md, "Start-up"): argparse, json, re, datetime, glob, typing,
# e-mail and digest configs load only when a command line or a command needs them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from email.message import EmailMessage
    from typing import (Any, Callable, Dict, Iterator, List, NoReturn, Optional, Sequence,
                        TextIO, Tuple, Union)

    from . import _digest_config, _email

BATCH_SIZE = 5_000  # papers held in memory at once by parse and stats

EXAMPLES = {
    "parse": "example: papersieve parse page.txt arxiv.jsonl --to csv -o papers.csv",
    "filter": ("examples:\n"
               "  papersieve filter page.txt -q '\"text to image\" -survey' --explain\n"
               "  papersieve filter page.txt -r rules.json --to html -o digest.html\n"
               "  papersieve filter page.txt -r rules.json --smtp smtp.example.org:587 \\\n"
               "      --from bot@example.org --to-address me@example.org\n"
               "  papersieve filter feed.xml -q 'diffusion published:>today-7d' "
               "--state digest.db --to md -o digest.md"),
    "digest": "example: papersieve digest ~/papers/digest.toml   (docs/digest.md)",
    "state": ("examples:\n"
              "  papersieve state count digest.db\n"
              "  papersieve state list digest.db --json\n"
              "  papersieve state prune digest.db --forget-after 90d"),
    "check": "example: papersieve check rules.json",
    "stats": "example: papersieve stats 'dumps/*.jsonl' --json",
}


class UsageError(Exception):
    """Bad input named on the command line (exit status 2)."""


class ConfigUsageError(UsageError):
    """Problems of a digest config: every one is printed, each with its key and line."""


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
        if len(batch):
            self.show(self.records, batch[-1].source.byte_offset)

    def show(self, records: int, done: int) -> None:
        """records read so far, the first `done` bytes of the input."""
        self.records = records
        if not self.enabled:
            return
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
        if pattern != "-" and any(magic in pattern for magic in "*?["):  # glob.has_magic
            import glob
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


def _parse_limits(args: argparse.Namespace) -> Dict[str, Any]:
    """The parse limits of --limit (a filter's rule limits are checked, and left to the
    rules). Any: the keys are the parse limits, which a type checker cannot see in a dict."""
    limits = _limits(args, _cli_limits.PARSE_LIMITS + (
        _cli_limits.RULE_LIMITS if args.command == "filter" else ()))
    return {k: v for k, v in limits.items() if k in _cli_limits.PARSE_LIMITS}


def _batches(path: str, fmt: str, args: argparse.Namespace) -> PaperStream:
    parse_limits = _parse_limits(args)
    abstracts = args.join_abstracts
    if path == "-":
        return iter_file("/dev/stdin", BATCH_SIZE, fmt, "<stdin>", threads=args.threads,
                         abstracts=abstracts, **parse_limits)
    return iter_file(path, BATCH_SIZE, fmt, threads=args.threads, abstracts=abstracts,
                     **parse_limits)


def _report(corpus: Corpus, quiet: bool, err: TextIO) -> int:
    """Prints the batch's diagnostics; returns how many were warnings."""
    warnings = 0
    for diagnostic in corpus.diagnostics:
        warnings += diagnostic.severity == "warning"
        if quiet and diagnostic.severity != "error":
            continue
        print(str(diagnostic), file=err)
    return warnings


def _stream(paths: Sequence[str], args: argparse.Namespace, err: TextIO,
            formats_: Optional[Sequence[str]] = None) -> Iterator[Corpus]:
    """Every batch of every input (in formats_[i], default --format), diagnostics
    reported, progress shown."""
    for i, path in enumerate(paths):
        progress = Progress(err, path)
        batches = _batches(path, formats_[i] if formats_ else args.format, args)
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
    if args.to in ("bibtex", "ris", "csl-json"):  # citation keys are unique over all papers
        papers = [paper for batch in _stream(_inputs(args.inputs), args, err) for paper in batch]
        out.write(render_papers(Corpus(papers), args.to))
        return 2 if args.failed else 0
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
        updated = "  [updated]" if hit.updated else ""
        out.write(f"{rank}. [{hit.score:g}] {paper.title}  ({paper.id}){updated}\n")
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


def _clock(text: str) -> int:
    """--now: seconds since 1970-01-01 UTC, an ISO date or an ISO date and time (UTC unless it
    says otherwise)."""
    import datetime
    import re
    if re.fullmatch(r"-?\d{5,}", text):
        return int(text)
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from argparse import ArgumentTypeError
        raise ArgumentTypeError(
            f"expected a date (2026-12-07), a date and time (2026-12-07T06:00:00Z) or seconds "
            f"since 1970, got {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return int(moment.timestamp())


def _duration(text: str) -> int:
    """--forget-after: 90d, 12w, 36h -> seconds."""
    import re
    match = re.fullmatch(r"(\d+)([dwh])", text)
    if not match:
        from argparse import ArgumentTypeError
        raise ArgumentTypeError(f"expected a duration such as 90d, 12w or 36h, got {text!r}")
    return int(match.group(1)) * {"d": 86400, "w": 7 * 86400, "h": 3600}[match.group(2)]


def _now(args: argparse.Namespace) -> int:
    return args.now if args.now is not None else int(time.time())


def _rule_set(args: argparse.Namespace, rules_json: Optional[str] = None) -> Tuple[RuleSet, str]:
    """The rules of -r (or inline JSON) and -q, with what the footer calls them. Given
    both, the query narrows the rule file's selection: it becomes a required rule of
    weight 0."""
    limits = _limits(args, _cli_limits.PARSE_LIMITS + _cli_limits.RULE_LIMITS)
    limits = {k: v for k, v in limits.items() if k in _cli_limits.RULE_LIMITS}
    now = _now(args)
    if args.rules is None and rules_json is None:
        if not args.query:
            raise UsageError("give rules (-r FILE), a query (-q QUERY) or both")
        return RuleSet.from_query(args.query, now=now, **limits), f"query {args.query}"
    if rules_json is None:
        rules = RuleSet.from_file(args.rules, now=now, **limits)  # problems with the file's own lines
        label = os.fspath(args.rules)
    else:
        rules, label = RuleSet.from_json(rules_json, now=now, **limits), "rules in the config"
    if not args.query:
        return rules, label
    RuleSet.from_query(args.query, now=now, **limits)  # a broken query reported as a query
    if rules_json is None:
        with open(args.rules, encoding="utf-8") as handle:
            rules_json = handle.read()
    import json
    document = json.loads(rules_json)
    names = {rule.get("name") for rule in document["rules"]}
    name = "query"
    while name in names:
        name += "_"
    document["rules"].append({"name": name, "query": args.query, "require": True, "weight": 0})
    return RuleSet.from_json(json.dumps(document), now=now, **limits), f"{label} + query {args.query}"


def _select(args: argparse.Namespace, rules: RuleSet, paths: Sequence[str],
            formats_: Sequence[str], err: TextIO) -> Tuple[Results, Optional[Corpus]]:
    """The results, and the whole corpus when it was kept (--explain-all, several inputs).
    With --state, args.after_write remembers the selected papers: main() (or the digest)
    calls it once the output is written completely."""
    if (args.show_updated or args.forget_after) and not args.state:
        raise UsageError("--show-updated and --forget-after need --state")
    state = State(args.state) if args.state else None
    options: Dict[str, Any] = dict(sort=args.sort, state=state, show_updated=args.show_updated)
    corpus: Optional[Corpus] = None
    if len(paths) == 1 and not args.explain_all:
        # One input streams: each batch is filtered as it is read and only the selected
        # papers are kept, so memory is bounded by the hits, not the input.
        results = rules._filter_batches(_stream(paths, args, err, formats_), args.top,
                                        args.threads, **options)
    else:  # duplicates across inputs fold into one corpus; --explain-all needs every paper
        corpus = combine(list(_stream(paths, args, err, formats_)))
        results = rules.filter(corpus, args.top, args.threads, **options)
    if state is not None:
        now = _now(args)

        def remember() -> None:
            with state:
                state.mark(results, now)
                if args.forget_after:
                    state.prune(args.forget_after, now)
        args.after_write = remember
    return results, corpus


def _write_explanation(args: argparse.Namespace, rules: RuleSet, corpus: Optional[Corpus],
                       results: Results, err: TextIO) -> None:
    """--explain and --explain-all: to standard error, or to --explain-to's file."""
    if not (args.explain or args.explain_all or args.explain_to):
        return
    to_file = args.explain_to not in (None, "-")
    target = open(args.explain_to, "w", encoding="utf-8") if to_file else None
    try:
        stream = target or err
        _explain(results, stream)
        if args.explain_all and corpus is not None:
            _explain_dropped(rules, corpus, results, stream)
    finally:
        if target is not None:
            target.close()


def _write_file(path: str, text: str) -> None:
    """Replaces the file whole, so a reader (a feed server) never sees half of it."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _mail(message: EmailMessage, smtp: str, recipients: Sequence[str],
          wanted: bool) -> str:
    """Sends the digest unless it is empty and not `wanted`; says where it went."""
    from . import _email
    if not wanted:
        return "no mail (nothing selected)"
    _email.send(message, smtp, recipients)
    return "mail to " + ", ".join(recipients)


def _summary(results: Results, destinations: Sequence[str], err: TextIO) -> None:
    """One line on stderr: "15 of 192 selected → digest.html"."""
    err.write(f"{len(results)} of {results.considered} selected → {', '.join(destinations)}\n")


def _pipeline_progress(args: argparse.Namespace, path: str, err: TextIO) -> Tuple[Any, Progress]:
    """The progress callback of the file pipeline: diagnostics as they come (as _stream
    reports them), records and MB/s on a terminal."""
    progress = Progress(err, path)
    args.rejected_why = "every record was rejected"

    def report(diagnostics: List[Any], stats: Dict[str, int], done: int) -> None:
        for diagnostic in diagnostics:
            if diagnostic.message.startswith("every record was rejected"):
                args.rejected_why = diagnostic.message  # what the input looks like instead
            if args.quiet and diagnostic.severity != "error":
                continue
            print(str(diagnostic), file=err)
        progress.show(stats["records"], done)
    return report, progress


def _pipeline_checks(args: argparse.Namespace, path: str, summary: Dict[str, Any],
                     err: TextIO) -> None:
    """What _stream checks once an input has been read."""
    if args.strict and summary["rejected"]:
        args.failed = True
    if summary["records"] and summary["rejected"] == summary["records"]:
        print(f"papersieve: error: {path}: {args.rejected_why} ({summary['rejected']:,} records)",
              file=err)
        args.failed = True


def _streams_straight(args: argparse.Namespace, paths: Sequence[str]) -> bool:
    """True when the file pipeline can do the whole filter: one input file, JSON lines out,
    nothing that needs the papers themselves afterwards (explanations, a seen-state, mail)."""
    return (len(paths) == 1 and paths[0] != "-" and (args.to or "jsonl") == "jsonl"
            and args.smtp is None and not (args.explain or args.explain_all or args.explain_to)
            and not args.state)


def _filter_straight(args: argparse.Namespace, rules: RuleSet, path: str, out: TextIO,
                     err: TextIO) -> int:
    """`filter` by the file pipeline: read, match and write on every core, in bounded memory
    (docs/design.md, "The file pipeline")."""
    limits = _parse_limits(args)
    report, progress = _pipeline_progress(args, path, err)
    summary = filter_file(
        path, rules, out, format=args.format, threads=args.threads, top=args.top,
        sort=args.sort, abstracts=args.join_abstracts, progress=report, **limits)
    progress.close()
    _pipeline_checks(args, path, summary, err)
    if args.output:
        err.write(f"{summary['written']} of {summary['considered']} selected → {args.output}\n")
    if args.failed:
        return 2
    return 0 if summary["written"] or args.allow_empty else 1


def _cmd_filter(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rules, label = _rule_set(args)
    paths = _inputs(args.inputs)
    if (args.show_updated or args.forget_after) and not args.state:
        raise UsageError("--show-updated and --forget-after need --state")
    if _streams_straight(args, paths):
        return _filter_straight(args, rules, paths[0], out, err)
    results, corpus = _select(args, rules, paths, [args.format] * len(paths), err)
    _write_explanation(args, rules, corpus, results, err)
    info = DigestInfo(title=args.title, inputs=paths, rules=label, generated=now_rfc3339(),
                      full_abstracts=args.full_abstracts, feed_url=args.feed_url or "")
    destinations = []
    to = args.to or ("email" if args.smtp else "jsonl")
    if args.smtp is None or args.to is not None or args.output:
        if to == "email":
            from . import _email
            text = _email.build_message(results, info, args.sender, args.to_address,
                                        args.subject).as_string()
        else:
            text = render(results, to, info)
        out.write(text)
        destinations.append(args.output or "standard output")
    if args.smtp is not None:
        from . import _email
        message = _email.build_message(results, info, args.sender, args.to_address, args.subject)
        destinations.append(_mail(message, args.smtp, args.to_address,
                                  bool(len(results)) or args.allow_empty))
    if args.output or args.smtp is not None:
        _summary(results, destinations, err)
    if args.failed:
        return 2
    return 0 if len(results) or args.allow_empty else 1


def _filter_option_problem(key: str, value: Any) -> Optional[str]:
    """None when `key = value` of a digest config is a filter option it may set."""
    from . import _digest_config
    from ._cli_parsers import RaisingParser
    parser = RaisingParser(prog="papersieve filter")
    _filter_arguments(parser)
    option = "--" + key.replace("_", "-")
    action = parser._option_string_actions.get(option)  # the options, by their spelling
    if action is None or action.dest in DIGEST_OWN_OPTIONS:
        own = sorted(_digest_config.OWN_KEYS)
        passed = sorted(a.dest for a in parser._actions
                        if a.option_strings and a.dest not in DIGEST_OWN_OPTIONS + ("help",))
        return f"unknown key (digest keys: {', '.join(own)}; filter options: {', '.join(passed)})"
    try:
        parser.parse_args(["-", "-q", "x", *_digest_config._option_argv(key, value)])
    except UsageError as e:
        return str(e)
    return None


# Filter options a digest config sets with keys of its own (docs/digest.md).
DIGEST_OWN_OPTIONS = ("rules", "query", "to", "output", "title", "explain", "explain_all",
                      "explain_to", "allow_empty", "full_abstracts", "feed_url", "smtp", "sender",
                      "to_address", "subject", "format")


def _cmd_digest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import _digest_config, _email
    try:
        config = _digest_config.load(os.fspath(args.config), _filter_option_problem,
                                     RuleSet.check_json)
    except _digest_config.ConfigError as e:
        raise ConfigUsageError(str(e)) from None
    argv = ["-"]
    for _, option in config.filter_options:
        argv += option
    from ._cli_parsers import RaisingParser
    fargs = RaisingParser(prog="papersieve digest")
    _filter_arguments(fargs)
    options = fargs.parse_args(argv)
    options.command, options.failed, options.after_write = "filter", False, None
    options.rules, options.query = config.rules_path, config.query
    options.explain = config.explain == "-"
    options.explain_to = config.explain if config.explain not in (None, "-") else None
    rules, label = _rule_set(options, config.rules_json)
    paths: List[str] = []
    input_formats: List[str] = []
    for i, (pattern, fmt) in enumerate(config.inputs):
        try:
            matched = _inputs([pattern])
        except UsageError as e:
            raise UsageError(f"{config.path}:{config.lines.get('inputs', 1)}: inputs[{i}]: {e}")
        for path in matched:
            paths.append(path)
            input_formats.append(fmt)
    results, corpus = _select(options, rules, paths, input_formats, err)
    _write_explanation(options, rules, corpus, results, err)
    info = DigestInfo(title=config.title, inputs=paths, rules=label, generated=now_rfc3339(),
                      full_abstracts=config.full_abstracts, feed_url=config.feed_url)
    destinations = []
    for output in config.outputs:
        text = render(results, output.to, DigestInfo(**{**info.__dict__,
                                                       "title": output.title or info.title}))
        if output.path == "-":
            out.write(text)
            destinations.append("standard output")
        else:
            _write_file(output.path, text)
            destinations.append(output.path)
    if config.email is not None:
        message = _email.build_message(results, info, config.email.sender, config.email.to,
                                       config.email.subject)
        if config.email.path:
            _write_file(config.email.path, message.as_string())
            destinations.append(config.email.path)
        if config.email.smtp:
            destinations.append(_mail(message, config.email.smtp, config.email.to,
                                      bool(len(results)) or config.allow_empty))
    if options.after_write is not None:  # every output written: remember what it showed
        options.after_write()
    _summary(results, destinations, err)
    if options.failed:
        return 2
    return 0 if len(results) or config.allow_empty else 1


def _cmd_state(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import datetime
    import json
    with State(args.state) as state:
        if args.action == "count":
            out.write(f"{len(state)}\n")
        elif args.action == "list":
            entries = state.entries()
            if args.json:
                out.write("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries))
            for e in entries if not args.json else []:
                when = datetime.datetime.fromtimestamp(int(e["last_seen"]), datetime.timezone.utc)
                version = f"v{e['version']}" if e["version"] else "-"
                out.write(f"{when:%Y-%m-%d}  {e['id']}  {version}  {e['title']}\n")
        else:
            if not args.forget_after:
                raise UsageError("state prune needs --forget-after (e.g. 90d)")
            removed = state.prune(args.forget_after, _now(args))
            out.write(f"forgot {removed} paper{'s' if removed != 1 else ''}, "
                      f"{len(state)} remembered\n")
    return 0


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
    limits = _parse_limits(args)
    for path in _inputs(args.inputs):
        report, progress = _pipeline_progress(args, path, err)
        summary = scan_file(
            "/dev/stdin" if path == "-" else path, format=args.format,
            name="<stdin>" if path == "-" else None, threads=args.threads,
            abstracts=args.join_abstracts, progress=report, unknown_macros=False, **limits)
        progress.close()
        _pipeline_checks(args, path, summary, err)
        row: Dict[str, Union[str, int]] = {
            "input": path, "format": summary["format"],
            **{key: summary[key] for key in ("records", "papers", "duplicates", "rejected",
                                             "warnings")}}
        rows.append(row)
    if args.json:
        import json
        out.write(json.dumps(rows if len(rows) > 1 else rows[0], indent=2) + "\n")
    else:
        for row in rows:
            out.write(f"{row['input']} ({row['format']})\n")
            for key in ("records", "papers", "duplicates", "rejected", "warnings"):
                out.write(f"  {key:<10} {row[key]}\n")
    return 2 if args.failed else 0


def _thread_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value < 1 << 63:
        from argparse import ArgumentTypeError
        raise ArgumentTypeError(f"expected 0 (every core) or a positive count, got {text!r}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value < 1 << 63:
        from argparse import ArgumentTypeError
        raise ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _reading(p: argparse.ArgumentParser, inputs_help: str) -> None:
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
    p.add_argument("--join-abstracts", metavar="FILE",
                   help="Semantic Scholar datasets: the abstracts file matching the papers "
                        "INPUT; each paper gets the abstract with its corpusid")
    _cli_limits.add_option(p)


def _now_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--now", type=_clock, metavar="WHEN",
                   help="the clock for today/today-7d in rules and for the state "
                        "(2026-12-07, 2026-12-07T06:00:00Z or seconds; default: now)")


def _filter_arguments(p: argparse.ArgumentParser) -> None:
    """The filter command's arguments (a digest config checks its keys against them)."""
    _reading(p, "files or globs to read (one corpus), or - for standard input")
    p.add_argument("-r", "--rules", help="JSON rule file (docs/rules.md)")
    p.add_argument("-q", "--query", help='one query, e.g. \'"text to image" -survey\'; '
                                         "with -r, a paper must also match it")
    p.add_argument("--top", type=_positive_int,
                   help="at most this many papers (default: the rule file's)")
    p.add_argument("--to", choices=RESULT_FORMATS, default=None,
                   help="output format (default: jsonl; docs/writers.md)")
    p.add_argument("-o", "--output",
                   help="write to this file instead of standard output, then print one "
                        "summary line on standard error")
    p.add_argument("--title", default="papersieve digest",
                   help="title of digests, feeds and e-mail")
    p.add_argument("--full-abstracts", action="store_true",
                   help="digests show whole abstracts, not snippets around the matches")
    p.add_argument("--feed-url", help="where an atom/rss feed is published (its id, self link)")
    p.add_argument("--allow-empty", action="store_true",
                   help="exit with status 0 when nothing is selected (default: 1)")
    p.add_argument("--explain", action="store_true",
                   help="print why each paper was selected, with the matched text, on "
                        "standard error (the output is written as usual)")
    p.add_argument("--explain-all", action="store_true",
                   help="--explain, plus why every other paper was dropped")
    p.add_argument("--explain-to", metavar="FILE",
                   help="write the explanation to FILE instead of standard error")
    p.add_argument("--sort", choices=["score", "published", "upvotes", "input"], default="score",
                   help="order: score (default), published (newest first), upvotes (most "
                        "first), ties by score, then input order; or input (input order: JSON "
                        "lines stream out as the input is read)")
    p.add_argument("--state", metavar="FILE",
                   help="seen-state file (SQLite, created when missing): papers shown by earlier "
                        "runs are left out, and this run's are remembered once the output is "
                        "written")
    p.add_argument("--show-updated", action="store_true",
                   help="with --state: show new versions of papers shown before (marked "
                        "updated)")
    p.add_argument("--forget-after", type=_duration, metavar="AGE",
                   help="with --state: forget papers last shown longer ago than AGE (90d, 12w)")
    _now_option(p)
    mail = p.add_argument_group("e-mail (docs/writers.md; credentials only from the "
                                "environment: PAPERSIEVE_SMTP_USER, PAPERSIEVE_SMTP_PASSWORD)")
    mail.add_argument("--smtp", metavar="HOST:PORT",
                      help="send the e-mail digest through this server (STARTTLS when offered, "
                           "implicit TLS on port 465)")
    mail.add_argument("--from", dest="sender", metavar="ADDRESS",
                      help="sender (default: papersieve@localhost)")
    mail.add_argument("--to-address", action="append", default=[], metavar="ADDRESS",
                      help="recipient; repeatable")
    mail.add_argument("--subject", help="subject (default: title — date: N papers)")


def _parse_command(p: argparse.ArgumentParser) -> None:
    _reading(p, "files or globs to read, or - for standard input")
    p.add_argument("--to", choices=PAPER_FORMATS, default="jsonl", help="output format")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(run=_cmd_parse)


def _filter_command(p: argparse.ArgumentParser) -> None:
    _filter_arguments(p)
    p.set_defaults(run=_cmd_filter)


def _digest_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("config", help="the config file")
    p.set_defaults(run=_cmd_digest)


def _state_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["list", "count", "prune"])
    p.add_argument("state", metavar="FILE", help="the state file")
    p.add_argument("--json", action="store_true", help="list: one JSON object per paper")
    p.add_argument("--forget-after", type=_duration, metavar="AGE",
                   help="prune: forget papers last shown longer ago than AGE (90d, 12w, 36h)")
    _now_option(p)
    p.set_defaults(run=_cmd_state)


def _check_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("rules", nargs="+", help="JSON rule files")
    _cli_limits.add_option(p)
    p.set_defaults(run=_cmd_check)


def _stats_command(p: argparse.ArgumentParser) -> None:
    _reading(p, "files or globs to read, or - for standard input")
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    p.set_defaults(run=_cmd_stats)


# The commands in --help's order: one line of help, and what adds their arguments to a parser
# (argparse's, or the reader of papersieve._cli_fast).
COMMANDS = {
    "parse": ("parse dumps and print normalized papers", _parse_command),
    "filter": ("select and rank papers with rules or a query", _filter_command),
    "digest": ("run a digest described by a TOML config (docs/digest.md)", _digest_command),
    "state": ("list, count or prune a seen-state file (filter --state)", _state_command),
    "check": ("validate rule files, reporting every problem", _check_command),
    "stats": ("count records, papers, duplicates and rejects", _stats_command),
}


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The argparse parser of `argv`: every command, with the arguments of the one argv names
    (the first word that is not an option: the top level's options take no value). Only that
    command's are parsed, and building every command's would cost start-up time."""
    import argparse

    from ._cli_parsers import Parser
    parser = Parser(
        prog="papersieve", description="Parse, normalize and filter research-paper dumps.",
        epilog="\n".join(EXAMPLES.values()), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"papersieve {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                parser_class=Parser)
    named = next((word for word in argv if not word.startswith("-")), None)
    for name, (help_text, add_arguments) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=EXAMPLES[name],
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        if name == named:
            add_arguments(p)
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


def _email_error() -> "type[Exception]":
    """papersieve._email.EmailError, imported only once an error is being handled."""
    from ._email import EmailError
    return EmailError


def main(argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None,
         err: Optional[TextIO] = None) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    _lenient(out)
    _lenient(err)
    words = list(argv) if argv is not None else sys.argv[1:]
    args = _cli_fast.read(words, {name: add for name, (_, add) in COMMANDS.items()})
    if args is None:  # help, an error, or a command line only argparse reads
        args = _parser(words).parse_args(words)
    args.failed = False
    args.after_write = None  # what to do once the output is written completely
    target: Optional[TextIO] = None
    partial = ""
    try:
        if getattr(args, "output", None):
            # Written beside the output and renamed into place when complete, so that an
            # interrupted run never leaves half a digest under the output's name.
            partial = f"{args.output}.part"
            target = open(partial, "w", encoding="utf-8", newline="")
        status = int(args.run(args, target or out, err))
        if target is not None:
            target.close()
            os.replace(partial, args.output)
            partial = ""
        else:
            out.flush()
        after_write: Optional[Callable[[], None]] = args.after_write
        if after_write is not None:
            after_write()
        return status
    except BrokenPipeError:  # e.g. piped into head: the output was not all written
        return 0
    except KeyboardInterrupt:
        print("papersieve: interrupted", file=err)
        return 130
    except ConfigUsageError as e:
        for line in str(e).splitlines():
            print(f"papersieve: error: {line}", file=err)
        return 2
    except (PapersieveError, OSError, UsageError, UnicodeError, _email_error()) as e:
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
        if partial:
            try:
                os.remove(partial)
            except OSError:
                pass


def run() -> NoReturn:
    """The `papersieve` command and `python -m papersieve`: main(), then leave without the
    interpreter's teardown, which frees every module and type one by one (docs/performance.md,
    "Start-up"). main() has closed its files, so only the standard streams are left to
    flush."""
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a reader that went away (| head): what is left cannot be written anyway
        pass
    os._exit(status)


if __name__ == "__main__":
    run()
