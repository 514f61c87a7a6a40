"""The command line's start-up (docs/performance.md, "Start-up"): a daily run loads none of the
heavy standard modules, and the reader of plain command lines (papersieve._cli_fast) gives
exactly what argparse gives, or leaves the command line to argparse. No timing is asserted
(bench/startup.py measures it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

from papersieve import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RULES = str(EXAMPLES / "rules" / "digest.json")
READERS = {name: add for name, (_, add) in cli.COMMANDS.items()}

# Command lines the fast reader reads: it must give argparse's attributes, value for value.
PLAIN = [
    ["filter", "page.txt", "-r", "rules.json", "-o", "out.jsonl"],
    ["filter", "-r", "rules.json", "a.txt", "b.txt", "--threads", "2", "--top", "5"],
    ["filter", "page.txt", "-q", "diffusion", "--to", "md", "--sort", "published", "--explain",
     "--allow-empty", "--to-address", "a@x.org", "--to-address", "b@x.org", "--quiet"],
    ["filter", "-", "-q", "", "-f", "hf-text", "--limit", "max_rules=10", "--limit",
     "max_record_bytes=1M", "--state", "s.db", "--forget-after", "90d", "--now", "2026-12-07"],
    ["filter", "page.txt", "-r", "-", "--from", "me@x.org", "--subject", "s", "--smtp", "h:25"],
    ["parse", "a.txt", "b.jsonl", "--to", "csv", "-o", "papers.csv", "--strict"],
    ["stats", "dumps/*.jsonl", "--json", "--join-abstracts", "abstracts.jsonl"],
    ["check", "a.json", "b.json", "--limit", "max_terms=5"],
    ["state", "prune", "digest.db", "--forget-after", "12w", "--now", "1765000000"],
    ["state", "list", "digest.db", "--json"],
    ["digest", "digest.toml"],
]

# Command lines left to argparse: help, errors, and what only argparse reads.
LEFT = [
    [], ["--version"], ["--help"], ["bogus"], ["filter"], ["filter", "-h"],
    ["filter", "page.txt", "--rules=rules.json"],     # --opt=value
    ["filter", "page.txt", "--ru", "rules.json"],     # an abbreviation
    ["filter", "page.txt", "-rrules.json"],           # a value glued to its option
    ["filter", "page.txt", "-r"],                     # a value missing
    ["filter", "page.txt", "-q", "-survey"],          # a value that starts with -
    ["filter", "page.txt", "--threads", "two"],       # refused by the option's type
    ["filter", "page.txt", "--to", "pdf"],            # not one of the choices
    ["filter", "a.txt", "-q", "x", "b.txt"],          # positionals in two runs
    ["filter", "--", "page.txt"],
    ["state", "list"], ["state", "show", "digest.db"], ["digest", "a.toml", "b.toml"],
    ["stats", "page.txt", "--json", "--version"],
]


def argparse_reads(argv: List[str]) -> Dict[str, Any]:
    return vars(cli._parser(argv).parse_args(argv))


@pytest.mark.parametrize("argv", PLAIN, ids=" ".join)
def test_plain_command_lines_read_as_argparse_reads_them(argv: List[str]) -> None:
    read = cli._cli_fast.read(argv, READERS)
    assert read is not None, "left to argparse"
    assert vars(read) == argparse_reads(argv)


@pytest.mark.parametrize("argv", LEFT, ids=" ".join)
def test_other_command_lines_are_left_to_argparse(argv: List[str]) -> None:
    assert cli._cli_fast.read(argv, READERS) is None


def test_the_parser_declares_only_the_named_command() -> None:
    parser = cli._parser(["--quiet", "filter", "x"])  # options before the command take no value
    commands = next(a for a in parser._actions if a.dest == "command").choices
    declared = {name for name, p in commands.items() if len(p._actions) > 1}  # beyond --help
    assert declared == {"filter"}


def test_the_names_made_on_first_use_are_there() -> None:
    import papersieve
    namespace: Dict[str, Any] = {}
    exec("from papersieve import *", namespace)
    assert set(papersieve.__all__) <= set(namespace)
    limit = namespace["PARSE_LIMITS"]["max_record_bytes"]
    assert isinstance(limit, papersieve.Limit) and limit == (limit.default, limit.doc)
    assert papersieve.Limit._fields == ("default", "doc") and papersieve.Limit.__doc__
    assert namespace["RULE_LIMITS"] is papersieve.RULE_LIMITS  # made once
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        getattr(papersieve, "nothing")


def imported_modules(command: List[str], tmp_path: Path) -> List[str]:
    """The modules a whole process imports, from -X importtime (PYTHONPROFILEIMPORTTIME)."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path,
                            timeout=60)
    assert result.returncode in (0, 1), result.stderr
    return [line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()
            if line.startswith("import time:") and "imported package" not in line]


def test_a_daily_run_imports_only_papersieve(tmp_path: Path) -> None:
    page = tmp_path / "page.jsonl"
    page.write_text('{"id": "2406.01234", "title": "Diffusion models for text to image", '
                    '"abstract": "A diffusion model.", "categories": "cs.CV"}\n'
                    '{"id": "2406.01235", "title": "Parsing", "abstract": "Trees.", '
                    '"categories": "cs.CL"}\n', encoding="utf-8")
    script = Path(sys.executable).parent / "papersieve"
    if not script.is_file():
        pytest.skip(f"{script} is not installed (scripts/setup)")
    daily = ["filter", str(page), "-r", RULES, "-o", "out.jsonl"]
    baseline = set(imported_modules([sys.executable, "-c", "pass"], tmp_path))
    # The console script: papersieve's own modules and nothing else (not even pip's `re`).
    extra = set(imported_modules([str(script), *daily], tmp_path)) - baseline
    assert "papersieve.cli" in extra
    assert sorted(m for m in extra if m.split(".")[0] not in ("papersieve", "__future__")) == []
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") == 1
    # python -m papersieve: runpy's own imports besides, none of the heavy ones.
    extra = set(imported_modules([sys.executable, "-m", "papersieve", *daily], tmp_path))
    assert sorted(extra & {"typing", "re", "argparse", "dataclasses", "json", "datetime", "glob",
                           "email", "smtplib", "ssl", "enum", "gettext", "shutil"}) == []
