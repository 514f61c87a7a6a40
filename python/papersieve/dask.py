"""Filtering many files, or byte ranges of a large JSON-lines file, across a Dask cluster.

    >>> from distributed import Client                                 # doctest: +SKIP
    >>> client = Client("tcp://scheduler:8786")                        # doctest: +SKIP
    >>> rules = papersieve.RuleSet.from_file("digest.json")            # doctest: +SKIP
    >>> hits = papersieve.dask.filter_files(paths, rules, blocksize=256 << 20)  # doctest: +SKIP
    >>> papersieve.dask.top_hits(hits, 50, paths).compute()            # doctest: +SKIP

Needs ``pip install 'papersieve[dask]'`` (``dask[distributed]``). docs/scale.md has the
details: partitioning, how the rule set reaches the workers, ranking, throughput.
"""

from __future__ import annotations

import importlib
import json
import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import papersieve

# Dask is only partly typed: its modules are used as Any here.
try:
    dask: Any = importlib.import_module("dask")
    dask_bag: Any = importlib.import_module("dask.bag")
except ImportError as error:  # pragma: no cover - exercised only without dask
    raise ImportError("papersieve.dask needs dask: pip install 'papersieve[dask]'") from error

__all__ = ["filter_files", "top_hits"]

PathLike = Union[str, "os.PathLike[str]"]
Hit = Dict[str, Any]

# Formats whose records are single lines, so that a file can be cut at any line boundary.
SPLITTABLE = ("arxiv-jsonl", "jsonl")
_ALL = 1 << 62  # "every hit": RuleSet.filter's top, overriding a rule file's own "top"


def _hits(results: papersieve.Results, byte_base: int = 0) -> List[Hit]:
    out = []
    for hit in results:
        record: Hit = hit.paper.to_dict()
        record["source"]["byte_offset"] += byte_base
        record.update(score=hit.score, rules=list(hit.rules), tags=list(hit.tags),
                      spans=[list(span) for span in hit.spans])
        out.append(record)
    return out


def _filter_file(path: str, fmt: str, rules: papersieve.RuleSet, threads: int) -> List[Hit]:
    corpus = papersieve.parse_file(path, fmt, threads=threads)
    return _hits(rules.filter(corpus, _ALL, threads=threads))


def _read_range(path: str, start: int, end: int) -> Tuple[int, bytes]:
    """The lines that start in [start, end): where the first starts, and their bytes."""
    with open(path, "rb") as handle:
        if start > 0:
            handle.seek(start - 1)
            handle.readline()  # the rest of the line that holds byte start - 1
        begin = handle.tell()
        if begin >= end:
            return begin, b""
        data = handle.read(end - begin)
        if data and not data.endswith(b"\n"):
            data += handle.readline()  # the last line started before end: it is ours
    return begin, data


def _filter_range(path: str, start: int, end: int, fmt: str, rules: papersieve.RuleSet,
                  threads: int) -> Tuple[List[Hit], int]:
    """Hits of the lines that start in [start, end) (line numbers still relative to the
    range), and how many lines the range holds."""
    begin, data = _read_range(path, start, end)
    if not data:
        return [], 0
    corpus = papersieve.parse(data, fmt, path, threads=threads)
    return _hits(rules.filter(corpus, _ALL, threads=threads), begin), data.count(b"\n")


def _shift_lines(hits: List[Hit], *earlier_lines: int) -> List[Hit]:
    """Makes the line numbers of a range's hits absolute (lines of the ranges before it)."""
    base = sum(earlier_lines)
    for record in hits:
        record["source"]["line"] += base
    return hits


def _ship(rules: papersieve.RuleSet, client: Any) -> Any:
    """The rule set as one graph input, sent to each worker once, not once per task: a
    future scattered to every worker when a distributed client is in use, else a single
    delayed object. Workers unpickle it from its source (compiling it once each)."""
    if client is None:
        try:
            client = importlib.import_module("distributed").default_client()
        except (ImportError, ValueError):
            client = None
    if client is not None:
        return client.scatter(rules, broadcast=True, hash=False)
    return dask.delayed(rules, pure=True)


def _format_of(path: str, fmt: str) -> str:
    return fmt if fmt != "auto" else papersieve.iter_file(path, 1).format


def filter_files(paths: Union[PathLike, Sequence[PathLike]], rules: papersieve.RuleSet, *,
                 format: str = "auto", blocksize: Optional[int] = None,
                 output: Optional[PathLike] = None, threads: int = 1,
                 client: Any = None) -> Any:
    """Filter files across a Dask cluster: one partition per file, or, for a JSON-lines file
    (``arxiv-jsonl``, ``jsonl``) larger than ``blocksize`` bytes, one per byte range, cut at
    line boundaries.

    Returns a ``dask.bag.Bag`` of hit dicts: the paper's fields (``Paper.to_dict()``, with
    ``source.line`` and ``source.byte_offset`` counted from the start of the file) plus
    ``score``, ``rules``, ``tags`` and ``spans``. Every selected paper is in the bag (a rule
    file's ``top`` is not applied), unordered across partitions; ``top_hits`` ranks them.
    With ``output`` (a directory), writes the bag as ``part-00000.jsonl``, ... there and
    returns the file names instead.

    Duplicates fold within a partition only (a file, or a byte range). ``threads`` is per
    task (default 1: Dask already runs a task per worker thread). ``client``: the
    distributed client to ship the rule set with (default: the current one, if any).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    names = [os.fspath(path) for path in paths]
    if blocksize is not None and blocksize < 1:
        raise ValueError(f"blocksize must be a positive number of bytes, not {blocksize!r}")
    shipped = _ship(rules, client)
    parts: List[Any] = []
    for name in names:
        size = os.path.getsize(name)
        fmt = _format_of(name, format) if blocksize and size > blocksize else format
        if not blocksize or size <= blocksize or fmt not in SPLITTABLE:
            parts.append(dask.delayed(_filter_file, pure=True)(name, format, shipped, threads))
            continue
        lines: List[Any] = []
        for start in range(0, size, blocksize):
            end = min(start + blocksize, size)
            task = dask.delayed(_filter_range, pure=True, nout=2)(name, start, end, fmt,
                                                                  shipped, threads)
            parts.append(dask.delayed(_shift_lines, pure=True)(task[0], *lines))
            lines.append(task[1])
    hits = dask_bag.from_delayed(parts)
    if output is None:
        return hits
    directory = os.fspath(output)
    os.makedirs(directory, exist_ok=True)
    return hits.map(json.dumps, ensure_ascii=False).to_textfiles(
        os.path.join(directory, "part-*.jsonl"), name_function=lambda i: f"{i:05d}")


def top_hits(hits: Any, k: int, paths: Sequence[PathLike]) -> Any:
    """The best ``k`` hits across all partitions, as ``RuleSet.filter`` ranks them: by score,
    then input order (the order of ``paths``, then position in the file). A bag of one
    partition; ``.compute()`` gives the list, best first."""
    rank = {os.fspath(path): i for i, path in enumerate(paths)}
    return hits.topk(k, key=lambda h: (h["score"], -rank.get(h["source"]["name"], len(rank)),
                                       -h["source"]["byte_offset"]))
