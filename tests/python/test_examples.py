"""The Python examples run and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_parse_page_example(sample: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "examples/python/parse_page.py"),
                             str(sample)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "10 papers from 10 records (0 duplicates, 0 rejected)" in result.stdout
    assert "LanternDiff: Sparse Denoising Schedules" in result.stdout
