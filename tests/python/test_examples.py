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


def test_daily_digest_example(sample: Path, tmp_path: Path) -> None:
    output = tmp_path / "digest.html"
    result = subprocess.run([sys.executable, str(ROOT / "examples/python/daily_digest.py"),
                             str(sample), str(ROOT / "examples/rules/digest.json"), str(output)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Dual Prompt Tuning for Vision-Language Retrieval" in result.stdout
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<mark" in html
