"""Every engine limit is configurable from Python (keywords) and the CLI (--limit) and,
set low, is enforced with its exact error (docs/reliability.md, "Limits"). The C++ and C
layers: tests/cpp/test_configurable_limits.cpp, tests/capi/test_capi_limits.c."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path
from typing import Dict

import pytest

import papersieve

RECORD = '{"title": "A title", "abstract": "Some abstract text."}'
RECORD_ERROR = "line of 55 bytes is longer than the limit of 40 bytes (max_record_bytes); skipped"
TWO_RULES = '{"rules": [{"name": "a", "query": "a"}, {"name": "b", "query": "b"}]}'

# limit, value, query or rule file, the error (its start for regex_max_mem)
RULE_CASES = [
    ("max_query_bytes", 8, "diffusion OR t2i",
     'rule "query": query column 9: query longer than 8 bytes'),
    ("max_query_depth", 2, "((( a )))",
     'rule "query": query column 3: query nested deeper than 2 levels'),
    ("max_rule_file_bytes", 16, '{"rules": [{"name": "a", "query": "a"}]}',
     "rule file is 40 bytes long; the limit is 16"),
    ("max_rules", 1, TWO_RULES, "rules: has 2 rules; the limit is 1"),
    ("max_patterns_per_rule", 2, '{"rules": [{"name": "k", "keywords": ["a", "b", "c"]}]}',
     'rule "k": keywords: has 3 items; the limit is 2'),
    ("max_pattern_bytes", 4, '{"rules": [{"name": "k", "keywords": ["diffusion"]}]}',
     'rule "k": keywords[0]: is 9 bytes long; the limit is 4'),
    ("max_pattern_bytes", 4, "diffusion", 'rule "query": query column 1: term longer than 4 bytes'),
    ("max_terms", 2, "a b c", 'rule "query": query column 5: more than 2 terms in the rule set'),
    ("regex_max_mem", 1024, '{"rules": [{"name": "r", "regex": ["a{100}b{100}"]}]}',
     'rule "r": regex[0]: regex needs more than the memory limit of 1024 bytes (RE2: '),
    ("regex_max_mem", 1024, "/a{100}b{100}/",
     'rule "query": query column 1: regex needs more than the memory limit of 1024 bytes'),
]


def compile_rules(source: str, **limits: int) -> papersieve.RuleSet:
    if source.startswith("{"):
        return papersieve.RuleSet.from_json(source, **limits)
    return papersieve.RuleSet.from_query(source, **limits)


@pytest.mark.parametrize("name,value,source,expected", RULE_CASES)
def test_rule_limit(name: str, value: int, source: str, expected: str) -> None:
    compile_rules(source)  # the default allows it
    with pytest.raises(papersieve.RuleError) as error:
        compile_rules(source, **{name: value})
    assert str(error.value).startswith(expected), str(error.value)
    if source.startswith("{"):
        assert papersieve.RuleSet.check_json(source, **{name: value})[0].startswith(expected)


def test_rule_limits_are_kept_and_pickled(tmp_path: Path) -> None:
    defaults = papersieve.RuleSet.from_query("a").limits
    assert defaults == {name: limit.default for name, limit in papersieve.RULE_LIMITS.items()}
    rules = papersieve.RuleSet.from_query("a b", max_terms=2)
    clone = pickle.loads(pickle.dumps(rules))
    assert clone.limits == {**defaults, "max_terms": 2}
    path = tmp_path / "rules.json"
    path.write_text(TWO_RULES)
    with pytest.raises(papersieve.RuleError, match="rules: has 2 rules; the limit is 1"):
        papersieve.RuleSet.from_file(str(path), max_rules=1)


def test_bad_limit_arguments() -> None:
    with pytest.raises(TypeError, match="unknown limit 'max_rulez'"):
        papersieve.RuleSet.from_query("a", max_rulez=1)
    with pytest.raises(ValueError, match="max_rules must be at least 1, not 0"):
        papersieve.RuleSet.from_query("a", max_rules=0)
    with pytest.raises(TypeError, match="max_terms must be an int, not str"):
        papersieve.RuleSet.from_query("a", max_terms="2")
    with pytest.raises(ValueError, match="max_record_bytes must be None or a positive int"):
        papersieve.parse(RECORD, max_record_bytes=0)
    with pytest.raises(TypeError, match="unknown limit 'max_records_bytes' "
                                        r"\(limits: max_record_bytes, max_document_bytes\)"):
        papersieve.parse(RECORD, max_records_bytes=1)


def test_max_record_bytes(tmp_path: Path) -> None:
    text = RECORD + "\n" + RECORD.replace("A title", "B title") + "\n"
    assert len(papersieve.parse(text, "jsonl")) == 2
    corpus = papersieve.parse(text, "jsonl", max_record_bytes=40)
    assert corpus.stats == {"records": 2, "papers": 0, "duplicates": 0, "rejected": 2}
    # The two rejections, then the note that the input was rejected as a whole.
    assert [d.message for d in corpus.diagnostics] == [RECORD_ERROR] * 2 + [
        "every record was rejected as jsonl"]
    path = tmp_path / "two.jsonl"
    path.write_text(text)
    assert papersieve.parse_file(str(path), max_record_bytes=40).stats["rejected"] == 2
    batches = list(papersieve.iter_file(str(path), max_record_bytes=40))
    assert sum(b.stats["rejected"] for b in batches) == 2


def test_max_document_bytes() -> None:
    with pytest.raises(papersieve.ParseError,
                       match=r"larger than the limit of 10 bytes \(max_document_bytes\)"):
        papersieve.parse("[" + RECORD + "]", "json", max_document_bytes=10)


def test_invalid_regex_in_a_regex_list_names_the_entry() -> None:
    rules = '{"rules": [{"name": "x", "regex": ["ok", "fine", "x[y"]}]}'
    expected = 'rule "x": regex[2] column 2: invalid regex: missing ]: [y'
    assert papersieve.RuleSet.check_json(rules) == [expected]
    with pytest.raises(papersieve.RuleError) as error:
        papersieve.RuleSet.from_json(rules)
    assert str(error.value) == expected


# ---- the CLI: --limit NAME=N -------------------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "papersieve", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture()
def files(tmp_path: Path) -> Dict[str, str]:
    (tmp_path / "two.jsonl").write_text(RECORD + "\n" + RECORD.replace("A", "B") + "\n")
    (tmp_path / "doc.json").write_text("[" + RECORD + "]")
    for i, (_, _, source, _) in enumerate(RULE_CASES):
        (tmp_path / f"rules{i}.json").write_text(source)
    return {"jsonl": str(tmp_path / "two.jsonl"), "json": str(tmp_path / "doc.json"),
            "dir": str(tmp_path)}


@pytest.mark.parametrize("case", range(len(RULE_CASES)))
def test_cli_rule_limit(case: int, files: Dict[str, str]) -> None:
    name, value, source, expected = RULE_CASES[case]
    limit = f"{name}={value}"
    if source.startswith("{"):
        rules = f"{files['dir']}/rules{case}.json"
        checked = cli("check", rules, "--limit", limit)
        assert checked.returncode == 2
        assert checked.stderr.startswith(f"{rules}: {expected}"), checked.stderr
        result = cli("filter", files["jsonl"], "-r", rules, "--limit", limit)
    else:
        result = cli("filter", files["jsonl"], "-q", source, "--limit", limit)
    assert result.returncode == 2
    assert result.stderr.startswith("papersieve: error: "), result.stderr
    assert expected in result.stderr, result.stderr


def test_cli_parse_limits(files: Dict[str, str]) -> None:
    result = cli("stats", files["jsonl"], "--json", "--limit", "max_record_bytes=40")
    assert result.returncode == 2, result.stderr  # every record rejected: the input as a whole
    assert '"rejected": 2' in result.stdout
    assert result.stderr.count(RECORD_ERROR) == 2, result.stderr
    assert "every record was rejected as jsonl (2 records)" in result.stderr
    result = cli("parse", files["json"], "--limit", "max_document_bytes=10")
    assert result.returncode == 2
    assert "larger than the limit of 10 bytes (max_document_bytes)" in result.stderr
    result = cli("filter", files["jsonl"], "-q", "title", "--limit", "max_record_bytes=1K",
                 "--limit", "max_terms=5")
    assert result.returncode == 0, result.stderr


def test_cli_bad_limits(files: Dict[str, str]) -> None:
    result = cli("stats", files["jsonl"], "--limit", "max_rules=3")
    assert result.returncode == 2
    assert "--limit max_rules: not a limit of 'stats'" in result.stderr
    result = cli("stats", files["jsonl"], "--limit", "max_recordbytes=3")
    assert result.returncode == 2 and "expected NAME=N" in result.stderr
    result = cli("stats", files["jsonl"], "--limit", "max_record_bytes=0")
    assert result.returncode == 2 and "expected a positive integer" in result.stderr
