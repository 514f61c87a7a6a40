"""The CLI's ``--limit NAME=N`` option: engine limits (docs/reliability.md) by name."""

from __future__ import annotations

from . import _limit_names, _limit_table

TYPE_CHECKING = False
if TYPE_CHECKING:  # argparse and typing load only where needed (start-up time)
    import argparse
    from typing import Dict, List, Tuple

# Limits of reading inputs (parse, parse_file, iter_file keywords), by name.
PARSE_LIMITS = _limit_names("parse")
# Limits of compiling rules (RuleSet.from_query/from_json/from_file/check_json keywords).
RULE_LIMITS = _limit_names("rules")
_SUFFIXES = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
_MAX_LIMIT = (1 << 63) - 1  # what the engine's integer limits hold


def with_suffix(value: int) -> str:
    """`value` as --limit writes it: 65536 is 64K, 100000 stays 100000."""
    for suffix, scale in sorted(_SUFFIXES.items(), key=lambda item: -item[1]):
        if value >= scale and value % scale == 0:
            return f"{value // scale}{suffix}"
    return str(value)


def help_text() -> str:
    """--limit's help: every limit with its default, the parse limits first."""
    defaults = {name: default for scope in ("parse", "rules")
                for name, of, default, _ in _limit_table() if of == scope}
    return ("set an engine limit, e.g. --limit max_record_bytes=64M (suffixes K M G are powers "
            "of 1024); repeatable. Names and defaults: " +
            ", ".join(f"{name}={with_suffix(default)}" for name, default in defaults.items()))


def parse_limit(text: str) -> Tuple[str, int]:
    """argparse type for NAME=N."""
    from argparse import ArgumentTypeError
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or name not in PARSE_LIMITS + RULE_LIMITS:
        raise ArgumentTypeError(
            f"expected NAME=N with NAME one of {', '.join(PARSE_LIMITS + RULE_LIMITS)}; "
            f"got {text!r}")
    value = value.strip()
    scale = _SUFFIXES.get(value[-1:].upper(), 1)
    digits = value[:-1] if scale != 1 else value
    if not digits.isdigit() or int(digits) < 1:
        raise ArgumentTypeError(f"{name}: expected a positive integer, got {value!r}")
    if int(digits) * scale > _MAX_LIMIT:
        raise ArgumentTypeError(f"{name}: {value!r} is larger than {_MAX_LIMIT}")
    return name, int(digits) * scale


def add_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=parse_limit, action="append", default=[],
                        metavar="NAME=N", help=help_text())


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
