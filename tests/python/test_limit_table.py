"""The limits are declared once (core/include/papersieve/limits.def) and every layer reads
them from there: the reflected table (papersieve.PARSE_LIMITS, RULE_LIMITS) agrees with the
defaults the engine uses, the Python keywords, the stubs, the CLI's --limit, the C header
and the table in docs/reliability.md, "Limits"."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

import papersieve
from papersieve import PARSE_LIMITS, RULE_LIMITS, _cli_limits
from papersieve._core import limits as core_limits

ROOT = Path(__file__).resolve().parents[2]
RECORD = '{"title": "A title", "abstract": "Some abstract text."}\n'
UNITS = {"": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}


def test_the_table_is_the_engines() -> None:
    table = core_limits()
    assert [name for name, *_ in table] == [*PARSE_LIMITS, *RULE_LIMITS]
    assert [scope for _, scope, *_ in table] == ["parse"] * len(PARSE_LIMITS) + ["rules"] * len(
        RULE_LIMITS)
    for name, limit in {**PARSE_LIMITS, **RULE_LIMITS}.items():
        assert isinstance(limit, papersieve.Limit)
        assert isinstance(limit.default, int) and 0 < limit.default < 1 << 63, name
        assert limit.doc and "\n" not in limit.doc, name
    with pytest.raises(TypeError):
        RULE_LIMITS["max_rules"] = papersieve.Limit(1, "")  # type: ignore[index]


def test_rule_limits_are_a_fresh_rule_sets() -> None:
    limits = papersieve.RuleSet.from_query("a").limits
    assert list(limits) == list(RULE_LIMITS)  # same names, same order
    assert limits == {name: limit.default for name, limit in RULE_LIMITS.items()}
    for name in RULE_LIMITS:  # each is a keyword of the RuleSet constructors
        assert papersieve.RuleSet.from_query("a", **{name: 7}).limits[name] == 7


def test_parse_limits_are_the_parse_keywords(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(RECORD)
    for name, limit in PARSE_LIMITS.items():
        given = {name: limit.default}
        assert len(papersieve.parse(RECORD, "jsonl", **given)) == 1
        assert len(papersieve.parse_file(path, "jsonl", **given)) == 1
        assert sum(len(c) for c in papersieve.iter_file(path, format="jsonl", **given)) == 1
        stream = papersieve.PaperStream(str(path), "jsonl", **given)  # the binding's keyword
        assert sum(len(c) for c in stream) == 1
    with pytest.raises(TypeError, match="unknown limit 'max_rules'"):
        papersieve.parse(RECORD, max_rules=1)


def test_the_cli_reads_the_table() -> None:
    assert _cli_limits.PARSE_LIMITS == tuple(PARSE_LIMITS)
    assert _cli_limits.RULE_LIMITS == tuple(RULE_LIMITS)
    assert _cli_limits.with_suffix(65536) == "64K"
    assert _cli_limits.with_suffix(100_000) == "100000"
    assert _cli_limits.with_suffix(1 << 30) == "1G"
    for name, limit in {**PARSE_LIMITS, **RULE_LIMITS}.items():
        written = _cli_limits.with_suffix(limit.default)
        assert _cli_limits.parse_limit(f"{name}={written}") == (name, limit.default)
    result = subprocess.run([sys.executable, "-m", "papersieve", "filter", "--help"],
                            capture_output=True, text=True, check=True)
    help_text = " ".join(result.stdout.split())  # argparse wraps lines
    for name, limit in {**PARSE_LIMITS, **RULE_LIMITS}.items():
        assert f"{name}={_cli_limits.with_suffix(limit.default)}" in help_text


def doc_table(path: Path, heading: str) -> List[List[str]]:
    """The rows (cells) of the first table under `heading` in a markdown file."""
    text = path.read_text(encoding="utf-8")
    lines = text[text.index(f"\n{heading}\n"):].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    block = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        block.append(line)
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in block[2:]]


def doc_number(cell: str) -> int:
    """65,536 or 8 MiB or 100 (with a remark) as an int."""
    match = re.match(r"([\d,]+)\s*(KiB|MiB|GiB)?", cell)
    assert match, cell
    return int(match.group(1).replace(",", "")) * UNITS[match.group(2) or ""]


def test_the_reliability_doc_agrees() -> None:
    rows = doc_table(ROOT / "docs" / "reliability.md", "## Limits")
    documented: Dict[str, int] = {row[0].strip("`"): doc_number(row[1]) for row in rows}
    assert list(documented) == [*PARSE_LIMITS, *RULE_LIMITS]
    assert documented == {name: limit.default
                          for name, limit in {**PARSE_LIMITS, **RULE_LIMITS}.items()}


def test_the_c_header_repeats_no_default() -> None:
    header = (ROOT / "capi" / "include" / "papersieve.h").read_text(encoding="utf-8")
    for name, limit in {**PARSE_LIMITS, **RULE_LIMITS}.items():
        for line in header.splitlines():  # no number said next to a limit
            words = re.sub(r"\bu?int\d+_t\b|\bRE2\b", "", line)
            assert name not in line or not re.search(r"\d", words), line
        if limit.default >= 1000:  # nor a default anywhere (small ones are too common)
            assert re.search(rf"\b{limit.default}\b", header) is None, name
        for unit, scale in UNITS.items():
            if unit and limit.default % scale == 0:
                assert f"{limit.default // scale} {unit}" not in header, name
        assert re.search(rf"\b{name};", header), name  # the option field of that name


def stub_block() -> str:
    """The stub's limit keywords as generated from the table."""
    lines = ["class _ParseLimits(TypedDict, total=False):"]
    lines += [f"    {name}: Optional[int]" for name in PARSE_LIMITS]
    lines += ["class _RuleLimits(TypedDict, total=False):"]
    lines += [f"    {name}: int" for name in RULE_LIMITS]
    return "\n".join(lines)


def test_the_stubs_are_generated_from_the_table() -> None:
    stub = (ROOT / "python" / "papersieve" / "__init__.pyi").read_text(encoding="utf-8")
    begin = stub.index("\n", stub.index("# BEGIN generated from papersieve._core.limits()")) + 1
    block = stub[begin:stub.index("# END generated")].rstrip("\n")
    assert block == stub_block(), "replace the generated block of __init__.pyi with:\n" + (
        stub_block())
    # No limit is spelled out anywhere else in the stub but in PaperStream's constructor,
    # which mirrors its binding's positional parameters.
    paper_stream = stub[stub.index("class PaperStream:"):]
    paper_stream = paper_stream[:paper_stream.index(") -> None: ...")]
    for name in [*PARSE_LIMITS, *RULE_LIMITS]:
        assert stub.count(f"{name}:") - paper_stream.count(f"{name}:") == 1, name
