"""Filter many dumps (or one huge JSON-lines snapshot) across a Dask cluster.

    # a local cluster, 2 worker processes:
    python examples/python/dask_filter.py examples/rules/digest.json 'dumps/*.jsonl' --top 20
    # a real cluster (docs/scale.md), cutting big JSON-lines files into 256 MB ranges,
    # every hit written as partitioned JSONL:
    python examples/python/dask_filter.py rules.json arxiv-snapshot.json \\
        --scheduler tcp://scheduler:8786 --blocksize 256 --output hits/

Needs ``pip install 'papersieve[dask]'``. Every worker needs papersieve installed and must
see the input paths (a shared file system, or the same paths on each machine).
"""

from __future__ import annotations

import argparse
import glob
import importlib
import sys
import time
from typing import Any, List, Optional, Sequence

import papersieve


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules", help="JSON rule file")
    parser.add_argument("inputs", nargs="+", help="files or globs")
    parser.add_argument("--scheduler", help="scheduler address (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=2, help="local cluster worker processes")
    parser.add_argument("--blocksize", type=int, help="MB per range of JSON-lines files")
    parser.add_argument("--output", help="write every hit as part-*.jsonl in this directory")
    parser.add_argument("--top", type=int, default=10, help="print the best N hits")
    args = parser.parse_args(argv)
    try:
        import papersieve.dask
        distributed: Any = importlib.import_module("distributed")  # partly typed: use as Any
    except ImportError as error:
        print(f"dask_filter: {error}", file=sys.stderr)
        return 2

    paths: List[str] = []
    for pattern in args.inputs:
        paths.extend(sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern])
    rules = papersieve.RuleSet.from_file(args.rules)
    blocksize = args.blocksize << 20 if args.blocksize else None

    cluster = None
    if args.scheduler:
        client = distributed.Client(args.scheduler)
    else:
        cluster = distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                           dashboard_address=None)
        client = distributed.Client(cluster)
    try:
        start = time.monotonic()
        if args.output:
            files = papersieve.dask.filter_files(paths, rules, blocksize=blocksize,
                                                 output=args.output)
            print(f"{len(files)} files in {args.output} ({time.monotonic() - start:.1f} s)")
            return 0
        hits = papersieve.dask.filter_files(paths, rules, blocksize=blocksize).persist()
        best = papersieve.dask.top_hits(hits, args.top, paths).compute()
        total = hits.count().compute()
        for hit in best:
            print(f"{hit['score']:>5g}  {hit['title']}  ({hit['id']})")
        print(f"{total} hits in {len(paths)} files, {hits.npartitions} partitions, "
              f"{time.monotonic() - start:.1f} s")
        return 0 if total else 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    sys.exit(main())
