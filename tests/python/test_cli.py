"""The papersieve command line, run as users run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "papersieve", *args], input=stdin.decode(),
                          capture_output=True, text=True, timeout=120)


def test_parse_real_page_to_jsonl(hf_page: Path) -> None:
    result = run("parse", str(hf_page), "--to", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 192
    assert records[0]["title"] == "Dual Caption Preference Optimization for Diffusion Models"
    assert records[0]["source"] == {"format": "hf-text", "name": str(hf_page), "line": 3,
                                    "byte_offset": records[0]["source"]["byte_offset"]}


def test_parse_to_json_array_from_stdin(sample: Path) -> None:
    result = run("parse", "-", "--to", "json", stdin=sample.read_bytes())
    assert result.returncode == 0, result.stderr
    papers = json.loads(result.stdout)
    assert len(papers) == 10
    assert papers[0]["source"]["name"] == "<stdin>"


def test_stats_text_and_json(sample: Path) -> None:
    result = run("stats", str(sample))
    assert result.returncode == 0
    assert "papers" in result.stdout and " 10\n" in result.stdout
    result = run("stats", "--json", str(sample))
    assert json.loads(result.stdout)["papers"] == 10


def test_rejected_records_go_to_stderr_and_strict_fails(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("SubscribeA Title\nAn abstract. It has sentences.\n" + "y" * 700 + "\n")
    result = run("parse", str(page))
    assert result.returncode == 0
    assert f"{page}:3: error:" in result.stderr
    assert len(result.stdout.splitlines()) == 1
    assert run("stats", "--strict", str(page)).returncode == 2


def test_errors_exit_nonzero_with_a_message() -> None:
    result = run("parse", "/nonexistent/page.txt")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "cannot open '/nonexistent/page.txt'" in result.stderr
    assert run("parse", "x", "--format", "pdf").returncode == 2  # usage error
    assert run().returncode == 2


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("papersieve")
    if not script.exists():
        pytest.skip("papersieve is not installed as a console script in this environment")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("papersieve ")


def test_stdin_streams_large_input_as_json(tmp_path: Path) -> None:
    page = "Subscribe" + "".join(f"Title {i}\nAn abstract. With two sentences.\n"
                                 for i in range(12_000))
    result = run("parse", "-", "--to", "json", stdin=page.encode())
    assert result.returncode == 0, result.stderr
    papers = json.loads(result.stdout)
    assert len(papers) == 12_000 and papers[-1]["title"] == "Title 11999"
    result = run("stats", "--json", "-", stdin=page.encode())
    assert json.loads(result.stdout)["records"] == 12_000
