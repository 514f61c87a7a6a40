"""papersieve: parse, normalize and filter research-paper dumps.

    >>> import papersieve
    >>> corpus = papersieve.parse_file("page.txt")        # doctest: +SKIP
    >>> corpus.stats                                        # doctest: +SKIP
    {'records': 192, 'papers': 192, 'duplicates': 0, 'rejected': 0}

The engine is C++ (``papersieve._core``); this package adds the Python-facing
conveniences and the ``papersieve`` command line (``papersieve.cli``).
"""

from __future__ import annotations

import os

from ._core import (
    Corpus,
    Hit,
    PaperStream,
    Results,
    RuleSet,
    Span,
    combine,
    Diagnostic,
    FileError,
    Link,
    Paper,
    PapersieveError,
    ParseError,
    RuleError,
    Source,
    State,
    StateError,
    __version__,
    formats,
)
from ._core import filter_file as _filter_file
from ._core import parse as _parse
from ._core import parse_file as _parse_file
from ._core import limits as _limit_table
from ._core import scan_file as _scan_file

# No typing, collections or dataclasses at import, for the command line's start-up time
# (docs/performance.md, "Start-up"); annotations are strings.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Tuple, Union

    PathLike = Union[str, "os.PathLike[str]"]
    ProgressCallback = Callable[[List[Diagnostic], Dict[str, int], int], None]

__all__ = [
    "Corpus",
    "Diagnostic",
    "FileError",
    "Limit",
    "Link",
    "Hit",
    "PARSE_LIMITS",
    "Paper",
    "PaperStream",
    "RULE_LIMITS",
    "Results",
    "RuleSet",
    "Span",
    "PapersieveError",
    "ParseError",
    "RuleError",
    "Source",
    "State",
    "StateError",
    "__version__",
    "combine",
    "filter_file",
    "formats",
    "iter_file",
    "parse",
    "parse_file",
    "scan_file",
]


def _limit_names(scope: str) -> Tuple[str, ...]:
    """The names of one scope's limits, in declaration order (the bindings' order)."""
    return tuple(name for name, of, _, _ in _limit_table() if of == scope)


_PARSE_LIMIT_NAMES = _limit_names("parse")


def _limits_of(scope: str) -> Mapping[str, Limit]:
    """The limits of one scope by name, in declaration order: the engine's table, declared
    once in core/include/papersieve/limits.def."""
    from types import MappingProxyType
    limit = __getattr__("Limit")
    return MappingProxyType({name: limit(default, doc)
                             for name, of, default, doc in _limit_table() if of == scope})


def __getattr__(name: str) -> Any:
    """What is made on first use: Limit (a NamedTuple), PARSE_LIMITS (limits of reading
    inputs: keywords of parse, parse_file and iter_file), RULE_LIMITS (limits of compiling
    rules: keywords of RuleSet.from_query/from_json/from_file/check_json) and the type
    aliases PathLike and ProgressCallback."""
    if name in globals():  # made already (a call from this module)
        return globals()[name]
    if name == "Limit":
        from collections import namedtuple
        value: Any = namedtuple("Limit", ["default", "doc"], module=__name__)
        value.__doc__ = ("One engine limit: its default and one line on what it bounds "
                         "(docs/reliability.md, \"Limits\").")
        value.__annotations__ = {"default": int, "doc": str}  # as typing.NamedTuple has them
    elif name in ("PARSE_LIMITS", "RULE_LIMITS"):
        value = _limits_of("parse" if name == "PARSE_LIMITS" else "rules")
    elif name in ("PathLike", "ProgressCallback"):
        import typing
        value = (typing.Union[str, "os.PathLike[str]"] if name == "PathLike" else
                 typing.Callable[[typing.List[Diagnostic], typing.Dict[str, int], int], None])
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def _parse_limits(given: Dict[str, Optional[int]]) -> Tuple[int, ...]:
    """The parse limits in declaration order (the bindings' order), 0 (the engine's default)
    for one not given or None; TypeError for an unknown name, ValueError for anything but a
    positive int."""
    for name in given:
        if name not in _PARSE_LIMIT_NAMES:
            raise TypeError(f"unknown limit '{name}' (limits: {', '.join(_PARSE_LIMIT_NAMES)})")
    values = []
    for name in _PARSE_LIMIT_NAMES:
        value = given.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or value < 1):
            raise ValueError(f"{name} must be None or a positive int, not {value!r}")
        values.append(0 if value is None else value)
    return tuple(values)


def _results_to_pandas(self: Results) -> "pandas.DataFrame":  # noqa: F821
    """The hits as a pandas DataFrame: the paper's fields plus score, rules, tags, spans."""
    try:
        import pandas
    except ImportError as error:
        raise ImportError("Results.to_pandas() needs pandas: pip install 'papersieve[pandas]'"
                          ) from error
    rows = []
    for hit in self:
        row = hit.paper.to_dict()
        row.update(score=hit.score, rules=hit.rules, tags=hit.tags,
                   spans=[tuple(span) for span in hit.spans])
        rows.append(row)
    return pandas.DataFrame(rows)


Results.to_pandas = _results_to_pandas


def _paper_key(paper: Paper) -> "tuple[str, str, int, int]":
    source = paper.source
    return (paper.id, source.name, source.line, source.byte_offset)


_last_kept: List[object] = [None, set()]


def _decide(self: RuleSet, paper: Paper,
            results: Optional[Results] = None) -> Dict[str, Union[bool, float, List[str]]]:
    """Why the rules select this paper or not.

    Keys: ``selected``, ``score``, ``matched``, ``excluded_by``, ``missing_required``,
    ``below_min_score`` and ``cut_by_top``. One paper alone has no rank, so without
    ``results`` a paper the rules select is ``selected`` even when a ``top`` would cut
    it; pass the ``results`` of ``filter`` (which applies ``top``) and ``selected``
    agrees with them: a paper the rules select that the results do not hold is
    ``cut_by_top`` instead.
    """
    decision: Dict[str, Union[bool, float, List[str]]] = self._decide(paper)
    decision["cut_by_top"] = False
    if results is not None and decision["selected"]:
        if _last_kept[0] is not results:  # one set per Results, reused paper after paper
            _last_kept[:] = [results, {_paper_key(hit.paper) for hit in results}]
        if _paper_key(paper) not in _last_kept[1]:  # type: ignore[operator]
            decision["selected"] = False
            decision["cut_by_top"] = True
    return decision


RuleSet.decide = _decide


def parse(data: Union[str, bytes, bytearray, memoryview], format: str = "auto",
          name: str = "<memory>", threads: int = 0, **limits: Optional[int]) -> Corpus:
    """Parse a paper dump held in memory.

    ``format`` is ``"auto"`` (detect from content) or a name from ``formats()``
    (docs/formats.md); gzip, zstd and bzip2 data is decoded first (magic bytes);
    ``name`` is what diagnostics and ``Paper.source`` call the input. Malformed
    records become ``corpus.diagnostics``; an unknown or unsupported format
    raises ``ParseError``; a ``str`` that cannot be encoded as UTF-8 (a lone
    surrogate) raises ``UnicodeEncodeError`` (a ``ValueError``): pass bytes. ``threads``: 0 (every core) or how many threads
    normalize records; the result is the same for any value.

    ``limits``: the keywords of ``PARSE_LIMITS``, which has their defaults
    (docs/reliability.md, "Limits"); None keeps the default. A line (or a kv-text
    block, a mailing record, a BibTeX entry, a RIS record) longer than
    ``max_record_bytes`` is rejected as one record with a diagnostic; an hf-json or
    json document larger than ``max_document_bytes`` raises ``ParseError``.
    """
    return _parse(data, format, name, _threads(threads), *_parse_limits(limits))


def parse_file(path: PathLike, format: str = "auto", name: Optional[str] = None,
               threads: int = 0, *, abstracts: Optional[PathLike] = None,
               **limits: Optional[int]) -> Corpus:
    """Parse a file, reading it in chunks; gzip, zstd and bzip2 files are decoded
    as they stream. ``name`` (default: the path) is what diagnostics and
    ``Paper.source`` call it. Raises ``FileError`` (an ``OSError``) when it
    cannot be read, ``ParseError`` when compressed data is corrupt or cut short.
    ``threads`` and the limits as in ``parse``.

    ``abstracts``: for a Semantic Scholar datasets ``papers`` file, the matching
    ``abstracts`` file; each paper without an abstract gets the one with its
    corpusid (docs/formats.md, "S2 datasets")."""
    return _parse_file(os.fspath(path), format, name, _threads(threads),
                       *_parse_limits(limits), _abstracts(abstracts))


def _abstracts(path: Optional[PathLike]) -> str:
    """The abstracts file's path, "" for none."""
    return "" if path is None else os.fspath(path)


def _threads(threads: int) -> int:
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
        raise ValueError(f"threads must be 0 (every core) or a positive int, not {threads!r}")
    return threads


def iter_file(path: PathLike, batch_size: int = 10_000, format: str = "auto",
              name: Optional[str] = None, threads: int = 0, *,
              abstracts: Optional[PathLike] = None, **limits: Optional[int]) -> PaperStream:
    """Iterate over a file of any size in ``Corpus`` batches of at most
    ``batch_size`` papers, in bounded memory. Each batch carries the
    diagnostics raised while reading it and its own ``stats``; the iterator's
    ``totals`` sums them. Duplicates of a paper from an earlier batch are
    counted and dropped (they cannot be folded into a paper already handed out).
    ``threads`` as in ``parse``: batches are the same for any value; the
    limits as in ``parse``, ``abstracts`` as in ``parse_file``.
    """
    return PaperStream(os.fspath(path), format, name, batch_size, _threads(threads),
                       *_parse_limits(limits), _abstracts(abstracts))


def filter_file(path: PathLike, rules: RuleSet, output: IO[Any], *, format: str = "auto",
                name: Optional[str] = None, threads: int = 0, top: Optional[int] = None,
                sort: str = "score", state: Optional[State] = None, show_updated: bool = False,
                memory_budget: Optional[int] = None, abstracts: Optional[PathLike] = None,
                progress: Optional[ProgressCallback] = None,
                **limits: Optional[int]) -> Dict[str, Any]:
    """Filter a file of any size straight to ``output`` as JSON lines of hits (the form of
    ``Results.to_jsonl``), reading, matching and writing on every core in bounded memory
    (docs/design.md, "The file pipeline").

    ``output``: a file object, text or binary (one with a descriptor is written to directly,
    without the GIL). ``top``, ``sort``, ``state`` and ``show_updated`` as in
    ``RuleSet.filter``; ``sort="input"`` writes each hit as soon as it is found. Ranked
    output is held until the end: in memory up to ``memory_budget`` bytes (default 32 MiB)
    of JSON lines, the rest in sorted runs in a temporary file in ``$TMPDIR``
    (``FileError`` when it cannot be written). ``progress(diagnostics, stats_so_far,
    bytes_read)`` is called as the input is read. The output is the same for any
    ``threads``. Returns the counts: ``records``, ``papers``, ``duplicates``, ``rejected``,
    ``warnings``, ``considered``, ``selected``, ``written``, the ``format`` read and the
    ``unknown_macros``. ``limits`` and ``abstracts`` as in ``parse_file``.
    """
    if memory_budget is not None and (isinstance(memory_budget, bool)
                                      or not isinstance(memory_budget, int) or memory_budget < 1):
        raise ValueError(f"memory_budget must be None or a positive int, not {memory_budget!r}")
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 0):
        raise ValueError(f"top must be None or an int >= 0, not {top!r}")
    record, document = _parse_limits(limits)
    summary: Dict[str, Any] = _filter_file(
        os.fspath(path), rules, output, format=format, name=name, threads=_threads(threads),
        top=top, sort=sort, state=state, show_updated=show_updated,
        memory_budget=memory_budget or 0, max_record_bytes=record, max_document_bytes=document,
        abstracts=_abstracts(abstracts), progress=progress)
    return summary


def scan_file(path: PathLike, *, format: str = "auto", name: Optional[str] = None,
              threads: int = 0, abstracts: Optional[PathLike] = None,
              progress: Optional[ProgressCallback] = None, unknown_macros: bool = True,
              **limits: Optional[int]) -> Dict[str, Any]:
    """Read a whole file on every core and count what it holds, keeping no paper: the
    counts of ``filter_file`` without rules (``papersieve stats``). With
    ``unknown_macros=False`` the summary has no ``unknown_macros``, and JSON lines are
    normalized only as far as the counts need (titles and identifiers): the same counts
    and diagnostics, sooner."""
    record, document = _parse_limits(limits)
    summary: Dict[str, Any] = _scan_file(
        os.fspath(path), format=format, name=name, threads=_threads(threads),
        max_record_bytes=record, max_document_bytes=document, abstracts=_abstracts(abstracts),
        progress=progress, unknown_macros=unknown_macros)
    return summary
