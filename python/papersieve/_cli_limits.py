"""The CLI's ``--limit NAME=N`` option: engine limits (docs/reliability.md) by name."""

from __future__ import annotations

import argparse
from typing import Dict, List, Tuple

# Limits of reading inputs (parse, parse_file, iter_file keywords).
PARSE_LIMITS = ("max_record_bytes", "max_document_bytes")
# Limits of compiling rules (RuleSet.from_query/from_json/from_file/check_json keywords).
RULE_LIMITS = ("max_query_bytes", "max_query_depth", "max_rule_file_bytes", "max_rules",
               "max_patterns_per_rule", "max_pattern_bytes", "max_terms", "regex_max_mem")
_SUFFIXES = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
_MAX_LIMIT = (1 << 63) - 1  # what the engine's integer limits hold

HELP = ("set an engine limit, e.g. --limit max_record_bytes=64M (suffixes K M G are powers "
        "of 1024); repeatable. Names: " + ", ".join(PARSE_LIMITS + RULE_LIMITS))


def parse_limit(text: str) -> Tuple[str, int]:
    """argparse type for NAME=N."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or name not in PARSE_LIMITS + RULE_LIMITS:
        raise argparse.ArgumentTypeError(
            f"expected NAME=N with NAME one of {', '.join(PARSE_LIMITS + RULE_LIMITS)}; "
            f"got {text!r}")
    value = value.strip()
    scale = _SUFFIXES.get(value[-1:].upper(), 1)
    digits = value[:-1] if scale != 1 else value
    if not digits.isdigit() or int(digits) < 1:
        raise argparse.ArgumentTypeError(f"{name}: expected a positive integer, got {value!r}")
    if int(digits) * scale > _MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{name}: {value!r} is larger than {_MAX_LIMIT}")
    return name, int(digits) * scale


def add_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=parse_limit, action="append", default=[],
                        metavar="NAME=N", help=HELP)


def select(given: List[Tuple[str, int]], allowed: Tuple[str, ...],
           command: str) -> Dict[str, int]:
    """The limits among `given` that `command` uses; ValueError for the others."""
    chosen: Dict[str, int] = {}
    for name, value in given:
        if name not in allowed:
            raise ValueError(
                f"--limit {name}: not a limit of '{command}' (its limits: {', '.join(allowed)})")
        chosen[name] = value
    return chosen
