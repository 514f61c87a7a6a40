"""papersieve.iter_file: batches in bounded memory that add up to parse_file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import papersieve

ABSTRACT = "An abstract that reads as prose. It has two sentences and ends with a stop."


def write_page(path: Path, papers: int, duplicate_every: int = 0) -> None:
    with path.open("w") as out:
        out.write("Subscribe")
        for i in range(papers):
            title = i - 3 if duplicate_every and i % duplicate_every == 0 and i > 3 else i
            out.write(f"Paper number {title}\n{ABSTRACT}\n")


def test_batches_add_up_to_parse_file(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    write_page(page, 3000, duplicate_every=10)
    whole = papersieve.parse_file(page)
    stream = papersieve.iter_file(page, batch_size=128)
    ids = []
    for batch in stream:
        assert 0 < len(batch) <= 128
        stats = batch.stats
        assert stats["records"] == stats["papers"] + stats["duplicates"] + stats["rejected"]
        ids.extend(p.id for p in batch)
    assert ids == [p.id for p in whole]
    assert stream.totals == whole.stats
    assert stream.format == "hf-text" and stream.batch_size == 128


def test_arguments_and_errors(tmp_path: Path, sample: Path) -> None:
    with pytest.raises(ValueError):
        papersieve.iter_file(sample, batch_size=0)
    with pytest.raises(papersieve.FileError):
        papersieve.iter_file(tmp_path / "missing.txt")
    (batch,) = list(papersieve.iter_file(sample, name="digest"))
    assert batch[0].source.name == "digest"
    assert papersieve.parse_file(sample, name="digest")[0].source.name == "digest"


def test_peak_memory_stays_bounded(tmp_path: Path) -> None:
    """A 256 MB page streams with a peak RSS far below its size."""
    page = tmp_path / "big.txt"
    abstract = (ABSTRACT + " ") * 20
    line = f"Some Title\n{abstract}\n"
    with page.open("w") as out:
        out.write("Subscribe")
        for i in range((256 << 20) // len(line)):
            out.write(f"Title {i}\n{abstract}\n")
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forked parent.
    script = textwrap.dedent(f"""
        import papersieve
        n = sum(len(b) for b in papersieve.iter_file({str(page)!r}, batch_size=2000))
        hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
        print(n, int(hwm.split()[1]) // 1024)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=300).stdout.split()
    papers, peak_mb = int(out[0]), int(out[1])
    assert papers > 100_000
    assert peak_mb < 128, f"peak RSS {peak_mb} MB for a 256 MB input"
