"""`papersieve digest CONFIG.toml`: reading the config (docs/digest.md).

Every problem is reported with its key and the line it is on, all of them at once.
Keys that are not the digest's own are passed to the `filter` options of the same
name (`state = "seen.db"` is `--state seen.db`), so the config follows the options
this papersieve has.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 only
    import tomli as tomllib

from ._outputs import RESULT_FORMATS

# Keys the digest reads itself; any other top-level key must name a filter option.
OWN_KEYS = {"title", "inputs", "format", "rules", "query", "rule", "min_score", "allow_empty",
            "explain", "full_abstracts", "feed_url", "output", "email"}
OUTPUT_KEYS = {"to", "path", "title"}
EMAIL_KEYS = {"to", "from", "smtp", "subject", "path"}
# Filter options whose value is a file, relative to the config like every path in it.
PATH_OPTIONS = {"state"}

class ConfigError(ValueError):
    """Every problem of a config, one per line: "digest.toml:7: output[1].to: ..."."""


@dataclass
class Output:
    to: str
    path: str  # "-" is standard output
    title: Optional[str] = None


@dataclass
class Email:
    to: List[str] = field(default_factory=list)
    sender: Optional[str] = None
    smtp: Optional[str] = None
    subject: Optional[str] = None
    path: Optional[str] = None


@dataclass
class Config:
    path: str
    title: str = "papersieve digest"
    inputs: List[Tuple[str, str]] = field(default_factory=list)  # (path or glob, format)
    rules_path: Optional[str] = None
    rules_json: Optional[str] = None  # from [[rule]] tables
    query: Optional[str] = None
    allow_empty: bool = False
    explain: Optional[str] = None  # "-" is standard error
    full_abstracts: bool = False
    feed_url: str = ""
    outputs: List[Output] = field(default_factory=list)
    email: Optional[Email] = None
    filter_options: List[Tuple[str, List[str]]] = field(default_factory=list)  # (key, argv)
    lines: Dict[str, int] = field(default_factory=dict)  # where each key is (key_lines)


def key_lines(text: str) -> Dict[str, int]:
    """Where each key is: "title", "email.smtp", "output[1].to" -> 1-based line."""
    lines: Dict[str, int] = {}
    table, counts = "", {}  # type: str, Dict[str, int]
    closing: Optional[str] = None  # the quotes that end a multi-line string
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if closing is not None:
            if closing in line:
                closing = None
            continue
        header = (re.match(r"^\[\[\s*([^\]]+?)\s*\]\]", line)
                  or re.match(r"^\[\s*([^\]]+?)\s*\]", line))
        if header:
            name = header.group(1)
            if line.startswith("[["):
                counts[name] = counts.get(name, -1) + 1
                name = f"{name}[{counts[name]}]"
            table = name
            lines.setdefault(table, number)
            continue
        assignment = re.match(r'^("[^"]*"|[A-Za-z0-9_-]+)\s*=', line)
        if assignment:
            key = assignment.group(1).strip('"')
            lines.setdefault(f"{table}.{key}" if table else key, number)
            rest = line[assignment.end():]
            for quotes in ('"""', "'''"):
                if rest.count(quotes) == 1:
                    closing = quotes
    return lines


class _Problems:
    def __init__(self, path: str, text: str) -> None:
        self.path, self.lines = path, key_lines(text)
        self.messages: List[Tuple[int, str]] = []

    def add(self, key: str, message: str) -> None:
        probe = key
        while probe not in self.lines:  # inputs[2] -> inputs, email.to -> email
            shorter = re.sub(r"(\[\d+\]|\.[^.\[\]]+)$", "", probe)
            if shorter == probe:
                break
            probe = shorter
        line = self.lines.get(probe, 1)
        self.messages.append((line, f"{self.path}:{line}: {key}: {message}"))

    def raise_any(self) -> None:
        if self.messages:
            raise ConfigError("\n".join(m for _, m in sorted(self.messages, key=lambda x: x[0])))


def _type_name(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "an array", dict: "a table"}.get(type(value), type(value).__name__)


def load(path: str, filter_options: Callable[[str, Any], Optional[str]],
         check_rule: Callable[[str], List[str]]) -> Config:
    """Reads and checks the config at `path`. `filter_options(key, value)` checks a
    pass-through key against the filter options (None when fine, else the problem);
    `check_rule(json)` returns the problems of one rule given as a rule file."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from None
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not UTF-8 (byte {e.start})") from None
    except tomllib.TOMLDecodeError as e:
        line = re.search(r"line (\d+)", str(e))
        raise ConfigError(f"{path}:{line.group(1) if line else 1}: TOML: {e}") from None
    base = os.path.dirname(os.path.abspath(path))
    problems = _Problems(path, text)
    config = Config(path=path, lines=problems.lines)

    def relative(value: str) -> str:
        value = os.path.expanduser(value)
        return value if value == "-" or os.path.isabs(value) else os.path.join(base, value)

    def string(table: Dict[str, Any], key: str, where: str) -> Optional[str]:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            problems.add(where, f"expected a non-empty string, found {_type_name(value)}")
            return None
        return value

    def boolean(key: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            problems.add(key, f"expected true or false, found {_type_name(value)}")
            return False
        return value

    config.title = string(data, "title", "title") or config.title
    default_format = string(data, "format", "format") or "auto"
    inputs = data.get("inputs")
    if inputs is None:
        problems.add("inputs", "missing: name the files to read (paths or globs)")
    elif not isinstance(inputs, list) or not inputs:
        problems.add("inputs", f"expected an array of paths or globs, found {_type_name(inputs)}")
    else:
        for i, item in enumerate(inputs):
            where = f"inputs[{i}]"
            if isinstance(item, str) and item:
                config.inputs.append((relative(item), default_format))
            elif isinstance(item, dict):
                unknown = set(item) - {"path", "format"}
                if unknown:
                    problems.add(where, f"unknown key {sorted(unknown)[0]!r} (keys: path, format)")
                p = string(item, "path", where + ".path")
                if p is None:
                    problems.add(where, "missing path")
                else:
                    config.inputs.append((relative(p), string(item, "format", where + ".format")
                                          or default_format))
            else:
                problems.add(where,
                             f"expected a path or {{path, format}}, found {_type_name(item)}")

    rules_path = string(data, "rules", "rules")
    config.rules_path = relative(rules_path) if rules_path else None
    config.query = string(data, "query", "query")
    inline = data.get("rule")
    if inline is not None:
        if config.rules_path:
            problems.add("rule", "give rules in a file (rules) or as [[rule]] tables, not both")
        elif not isinstance(inline, list) or not all(isinstance(r, dict) for r in inline):
            problems.add("rule", "expected [[rule]] tables")
        else:
            for i, rule in enumerate(inline):
                for message in check_rule(json.dumps({"rules": [rule], "min_score": 0})):
                    problems.add(f"rule[{i}]", message)
            document: Dict[str, Any] = {"rules": inline}
            if "min_score" in data:
                document["min_score"] = data["min_score"]
            config.rules_json = json.dumps(document)
    if "min_score" in data and config.rules_json is None:
        problems.add("min_score", "only with [[rule]] tables (a rule file sets its own)")
    if config.rules_path is None and config.rules_json is None and config.query is None:
        problems.add("rules", "missing: give a rule file (rules), [[rule]] tables or a query")

    config.allow_empty = boolean("allow_empty")
    config.full_abstracts = boolean("full_abstracts")
    config.feed_url = string(data, "feed_url", "feed_url") or ""
    explain = data.get("explain")
    if explain is True:
        config.explain = "-"
    elif isinstance(explain, str) and explain:
        config.explain = relative(explain)
    elif explain not in (None, False):
        problems.add("explain",
                     f"expected true (standard error) or a file, found {_type_name(explain)}")

    outputs = data.get("output", [])
    if not isinstance(outputs, list) or not all(isinstance(o, dict) for o in outputs):
        problems.add("output", "expected [[output]] tables")
        outputs = []
    for i, table in enumerate(outputs):
        where = f"output[{i}]"
        for unknown in sorted(set(table) - OUTPUT_KEYS):
            problems.add(f"{where}.{unknown}",
                         f"unknown key (keys: {', '.join(sorted(OUTPUT_KEYS))})")
        to = string(table, "to", where + ".to")
        if to is None:
            problems.add(where, "missing to (the format)")
        elif to not in RESULT_FORMATS or to == "email":
            formats = ", ".join(f for f in RESULT_FORMATS if f != "email")
            problems.add(where + ".to",
                         f"unknown format {to!r} (formats: {formats}; e-mail is [email])")
        out_path = string(table, "path", where + ".path")
        if out_path is None:
            problems.add(where, "missing path (a file, or \"-\" for standard output)")
        if to and out_path:
            config.outputs.append(Output(to, relative(out_path),
                                         string(table, "title", where + ".title")))

    email = data.get("email")
    if email is not None:
        if not isinstance(email, dict):
            problems.add("email", "expected an [email] table")
        else:
            for unknown in sorted(set(email) - EMAIL_KEYS):
                problems.add(f"email.{unknown}",
                             f"unknown key (keys: {', '.join(sorted(EMAIL_KEYS))})")
            to = email.get("to", [])
            recipients = [to] if isinstance(to, str) else to
            if not isinstance(recipients, list) or not all(
                    isinstance(r, str) and "@" in r for r in recipients):
                problems.add("email.to", "expected an address or an array of addresses")
                recipients = []
            config.email = Email(recipients, string(email, "from", "email.from"),
                                 string(email, "smtp", "email.smtp"),
                                 string(email, "subject", "email.subject"),
                                 string(email, "path", "email.path"))
            if config.email.path:
                config.email.path = relative(config.email.path)
            if config.email.smtp and not recipients:
                problems.add("email.to", "missing: smtp needs at least one address")
            if not config.email.smtp and not config.email.path:
                problems.add("email", "give smtp (to send it) or path (to write it), or both")
    if not config.outputs and config.email is None:
        problems.add("output", "missing: name at least one [[output]] or an [email]")

    for key, value in data.items():
        if key in OWN_KEYS:
            continue
        problem = filter_options(key, value)
        if problem is not None:
            problems.add(key, problem)
        else:
            if key in PATH_OPTIONS and isinstance(value, str):
                value = relative(value)
            config.filter_options.append((key, _option_argv(key, value)))
    problems.raise_any()
    return config


def _option_argv(key: str, value: Any) -> List[str]:
    """`top = 5` -> ["--top", "5"]; `strict = true` -> ["--strict"]; arrays repeat."""
    option = "--" + key.replace("_", "-")
    if value is True:
        return [option]
    if value is False:
        return []
    values = value if isinstance(value, list) else [value]
    argv: List[str] = []
    for item in values:
        argv += [option, str(item)]
    return argv
