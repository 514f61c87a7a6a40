"""Every subcommand over a table of hostile inputs and arguments (docs/reliability.md, "The
command line"): the exit code is the documented one, an error is one line on stderr, and no
Python traceback ever shows. Most rows run in process (cli.main) to keep the suite fast; a few
run as a user would, in a subprocess with LANG=C."""

from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from papersieve import cli

CJK = "中文标题：扩散模型 😀"


def _inputs(tmp: Path) -> Dict[str, Path]:
    """The hostile input files, by name (the rows of the table)."""
    rng = random.Random(21)
    files: Dict[str, bytes] = {
        "binary": bytes(rng.getrandbits(8) for _ in range(200_000)),
        "nul-bytes": b"Title\x00 one\nabstract\x00\x00 text\n" * 50,
        "invalid-utf8": b"{\"title\": \"caf\xe9 \xff\xfe\", \"abstract\": \"\xc3\x28\"}\n" * 5,
        "truncated-json": b"[{\"title\": \"A\", \"abstract\": \"B\"}, {\"title\": \"C\", \"abs",
        "deep-json": b"[" * 100_000 + b"]" * 100_000,
        "huge-line": b"a" * 5_000_000 + b"\n",
        "empty": b"",
        "yaml": b"interactions:\n- request:\n    body: null\n    headers: {}\n" * 20,
        "readme-cjk": ("<div align=\"center\">\n\n# " + CJK + "\n\n" + CJK * 50 + "\n").encode(),
        # CJK and emoji in every format:
        "hf-text-cjk": ("Get trending papers in your email inbox!\nSubscribe" + "x" * 59 + CJK
                        + "\n" + CJK * 20 + "\n" + CJK + "\n").encode(),
        "hf-json-cjk": json.dumps([{"paper": {"id": "2406.01234", "title": CJK,
                                              "summary": CJK * 5, "authors": [{"name": CJK}]},
                                    "publishedAt": CJK}]).encode(),
        "arxiv-jsonl-cjk": (json.dumps({"id": "2406.01234", "title": CJK, "abstract": CJK,
                                        "authors": CJK, "categories": "cs.CL",
                                        "versions": [{"created": CJK}], "update_date": CJK,
                                        "authors_parsed": [[CJK, "", ""]]}) + "\n").encode(),
        "arxiv-atom-cjk": ("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                           "<entry><id>" + CJK + "</id><title>" + CJK + "</title><summary>" + CJK
                           + "</summary><published>" + CJK + "</published></entry>"
                           "</feed>").encode(),
        "arxiv-mailing-cjk": ("\\\\\narXiv:2406.01234\nDate: " + CJK + "\nTitle: " + CJK
                              + "\nAuthors: " + CJK + "\n\\\\\n  " + CJK + "\n\\\\\n").encode(),
        "kv-text-cjk": ("Title: " + CJK + "\nPDF: " + CJK + "\nDate: " + CJK + "\nSummary: "
                        + CJK + "\n---\nTitle: " + CJK + "\n").encode(),
        "jsonl-cjk": (json.dumps({"title": CJK, "abstract": CJK, "date": CJK + "x" * 38}) +
                      "\n").encode(),
        "json-cjk": json.dumps({"data": [{"title": CJK, "details": {"abstract": CJK}}]}).encode(),
        "json-no-abstract": json.dumps([{"title": CJK, "blurb": CJK}]).encode(),
    }
    paths = {}
    for name, content in files.items():
        path = tmp / name
        path.write_bytes(content)
        paths[name] = path
    paths["directory"] = tmp
    paths["missing"] = tmp / "missing.txt"
    return paths


# Rows: input -> expected exit code of parse, stats and filter (-q diffusion).
# 2: refused or rejected as a whole; 1: filter selected nothing; 0: read.
INPUT_OUTCOMES: Dict[str, Tuple[int, int, int]] = {
    "binary": (2, 2, 2),
    "nul-bytes": (2, 2, 2),
    "invalid-utf8": (0, 0, 1),
    "truncated-json": (0, 0, 1),
    "deep-json": (2, 2, 2),
    "huge-line": (2, 2, 2),
    "empty": (0, 0, 1),
    "yaml": (2, 2, 2),
    "readme-cjk": (2, 2, 2),
    "hf-text-cjk": (0, 0, 1),
    "hf-json-cjk": (0, 0, 1),
    "arxiv-jsonl-cjk": (0, 0, 1),
    "arxiv-atom-cjk": (0, 0, 1),
    "arxiv-mailing-cjk": (0, 0, 1),
    "kv-text-cjk": (0, 0, 1),
    "jsonl-cjk": (0, 0, 1),
    "json-cjk": (0, 0, 1),
    "json-no-abstract": (0, 0, 1),
    "directory": (2, 2, 2),
    "missing": (2, 2, 2),
}


def _main(argv: List[str]) -> Tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        with contextlib.redirect_stderr(err):  # where argparse writes usage errors
            code = cli.main(argv, out, err)
    except SystemExit as e:  # argparse: --help or a usage error
        code = int(e.code or 0)
    return code, out.getvalue(), err.getvalue()


def _check_stderr(code: int, err: str, what: str) -> None:
    assert "Traceback" not in err, what
    messages = [line for line in err.splitlines() if line.startswith("papersieve")]
    if code == 2:
        assert len(messages) == 1, f"{what}: {messages}"
        assert ": error: " in messages[0], what
    else:
        assert messages == [], f"{what}: {messages}"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Path]:
    return _inputs(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("name", sorted(INPUT_OUTCOMES))
def test_every_subcommand_over_a_hostile_input(name: str, inputs: Dict[str, Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = str(inputs[name])
    expected = INPUT_OUTCOMES[name]
    commands = [["parse", path], ["stats", path], ["filter", path, "-q", "diffusion"]]
    for command, want in zip(commands, expected):
        code, _, err = _main(command)
        assert code == want, f"{command}: {err[-500:]}"
        _check_stderr(code, err, f"{command}")
    # Read as every format by name: never a traceback, never exit 1 from parse.
    for fmt in cli.formats():
        code, _, err = _main(["stats", "-f", fmt, path])
        assert code in (0, 2), (fmt, err[-300:])
        _check_stderr(code, err, f"stats -f {fmt} {name}")


BAD_ARGUMENTS: List[List[str]] = [
    ["parse", "x", "-f", "pdf"],
    ["stats", "x", "--format", ""],
    ["filter", "x", "-q", "a", "--top", "-1"],
    ["filter", "x", "-q", "a", "--top", "0"],
    ["filter", "x", "-q", "a", "--top", "abc"],
    ["filter", "x", "-q", "a", "--top", "99999999999999999999999"],
    ["filter", "x", "-q", "a", "--threads", "-1"],
    ["parse", "x", "--threads", "two"],
    ["parse", "x", "--limit", "max_record_bytes=0"],
    ["parse", "x", "--limit", "max_record_bytes=abc"],
    ["parse", "x", "--limit", "max_record_bytes=99999999999999999999G"],
    ["parse", "x", "--limit", "nope=1"],
    ["check", "x", "--limit", "max_record_bytes=5"],
    ["filter", "x", "-q", "a", "--limit", "max_query_depth=5000"],
    ["filter", "x"],
    ["filter", "x", "-q", "a", "-r", "y"],
    ["frobnicate"],
    [],
]


@pytest.mark.parametrize("argv", BAD_ARGUMENTS, ids=lambda a: " ".join(a) or "(none)")
def test_bad_arguments_are_one_line_usage_errors(argv: List[str], tmp_path: Path) -> None:
    page = tmp_path / "x"
    page.write_text('{"title": "diffusion", "abstract": "a"}\n')
    argv = [str(page) if a == "x" else a for a in argv]
    code, _, err = _main(argv)
    assert code == 2, err
    _check_stderr(code, err, " ".join(argv))


def _rule_files(tmp: Path) -> Dict[str, Path]:
    chain = [{"name": f"r{i}", "query": f"@r{i + 1}", "weight": 0} for i in range(59_999)]
    chain.append({"name": "r59999", "query": "diffusion"})
    files = {
        "bad-json": b'{"rules": [{"name": "a"} {"name": "b"}]}',
        "two-problems": b'{"rules": [{"name": "a", "query": "("}, {"name": "b", "query": ")"}]}',
        "binary": bytes(range(256)) * 10,
        "invalid-utf8-name": b'{"rules": [{"name": "a\xff", "query": "x"}]}',
        "byte-regex": b'{"rules": [{"name": "c", "regex": ["\\\\C"]}]}',
        "chain-60000": json.dumps({"rules": chain}).encode(),
        "cycle": b'{"rules": [{"name": "a", "query": "@b"}, {"name": "b", "query": "@a"}]}',
        "empty": b"",
    }
    out = {}
    for name, content in files.items():
        (tmp / f"{name}.json").write_bytes(content)
        out[name] = tmp / f"{name}.json"
    return out


# Rows: rule file -> (exit of check, exit of filter over a page that mentions diffusion).
RULE_OUTCOMES: Dict[str, Tuple[int, int]] = {
    "bad-json": (2, 2),
    "two-problems": (2, 2),
    "binary": (2, 2),
    "invalid-utf8-name": (2, 2),
    "byte-regex": (0, 0),
    "chain-60000": (0, 0),
    "cycle": (2, 2),
    "empty": (2, 2),
}


@pytest.mark.parametrize("name", sorted(RULE_OUTCOMES))
def test_check_and_filter_over_hostile_rule_files(name: str, tmp_path: Path) -> None:
    rules = _rule_files(tmp_path)[name]
    page = tmp_path / "page.jsonl"
    page.write_text(json.dumps({"title": "Diffusion " + CJK, "abstract": CJK}) + "\n")
    want_check, want_filter = RULE_OUTCOMES[name]
    code, _, err = _main(["check", str(rules)])
    assert code == want_check, err[-500:]
    assert "Traceback" not in err
    code, out, err = _main(["filter", str(page), "-r", str(rules), "--to", "md"])
    assert code == want_filter, err[-500:]
    _check_stderr(code, err, f"filter -r {name}")
    out.encode("utf-8")  # valid text (a lone surrogate would fail here)


def test_a_wrong_format_names_the_likely_one_even_when_quiet(tmp_path: Path) -> None:
    page = tmp_path / "papers.json"
    page.write_text(json.dumps([{"title": "T", "abstract": "A"}]))
    code, _, err = _main(["stats", "--quiet", "-f", "kv-text", str(page)])
    assert code == 2
    assert err.splitlines()[-1] == (f"papersieve: error: {page}: every record was rejected as "
                                    "kv-text; the input looks like json (JSON (json keys)) "
                                    "(1 records)")


def test_byte_regex_digest_in_every_output(tmp_path: Path) -> None:
    page = tmp_path / "page.jsonl"
    page.write_text(json.dumps({"title": CJK, "abstract": "été " + CJK}) + "\n")
    for to in ("jsonl", "json", "csv", "md", "html"):
        code, out, err = _main(["filter", str(page), "-q", "/\\C/i", "--to", to])
        assert code == 0, err
        out.encode("utf-8")
    code, out, err = _main(["filter", str(page), "-q", "/\\C/i", "--explain"])
    assert code == 0 and "Traceback" not in err


def _run(*args: str, env: Dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "papersieve", *args], capture_output=True,
                          timeout=120, env=env)


def test_as_a_user_runs_it_with_lang_c(inputs: Dict[str, Path], tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    result = _run("stats", str(inputs["binary"]), env=env)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert result.stderr.count(b"\n") == 1, result.stderr
    assert b"no reader recognizes this input" in result.stderr
    result = _run("filter", str(inputs["hf-text-cjk"]), "-q", "/\\C/i", "--to", "md", env=env)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    result = _run("filter", str(inputs["yaml"]), "-q", "x", "--top", "-1", env=env)
    assert result.returncode == 2 and result.stderr.count(b"\n") == 1, result.stderr
