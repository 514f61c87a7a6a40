"""The stubs type-check the package and a typical client under mypy --strict."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CLIENT = '''
import papersieve

corpus = papersieve.parse_file("page.txt")
titles: list[str] = [p.title for p in corpus]
upvotes: int = corpus[0].upvotes or 0
papers: int = corpus.stats["papers"]
wrong: int = corpus[0].title
'''


def mypy(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("mypy", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("mypy is not installed (pip install .[dev])")
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
                           "--cache-dir", str(ROOT / "build" / "mypy-cache"), *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_package_and_examples_type_check() -> None:
    result = mypy(str(ROOT / "python" / "papersieve"), str(ROOT / "examples" / "python"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_stubs_catch_a_client_type_error(tmp_path: Path) -> None:
    client = tmp_path / "client.py"
    client.write_text(CLIENT)
    result = mypy(str(client))
    # Only the deliberate error on the last line is reported.
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and "client.py:8:" in errors[0], result.stdout
