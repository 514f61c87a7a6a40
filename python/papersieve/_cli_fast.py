"""Reading a plain command line without argparse (docs/performance.md, "Start-up").

Importing argparse (with re, gettext and enum) and building a parser cost about as much as the
interpreter's own start-up. A command line made only of a command, its positional arguments in
one run, and options spelled out in full each followed by its value is read here, from the very
`add_argument` calls the argparse parser is built from, to the same attributes argparse gives.
Anything else (help, ``--``, ``--opt=value``, abbreviations, a value that starts with ``-``, a
value argparse would refuse) returns None, and argparse reads the command line and says what
is wrong.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

    Declare = Callable[[Any], None]

# The add_argument keywords read here; an argument with any other is left to argparse.
_KEYWORDS = {"help", "metavar", "default", "choices", "type", "action", "nargs", "dest"}


class Args:
    """The options as attributes, as argparse.Namespace holds them."""

    def __init__(self, values: Dict[str, Any]) -> None:
        self.__dict__.update(values)


class _Argument:
    def __init__(self, flags: Tuple[str, ...], options: Dict[str, Any]) -> None:
        self.flags = flags
        self.action = options.get("action", "store")
        self.nargs = options.get("nargs")
        self.type = options.get("type")
        self.choices = options.get("choices")
        self.default = options.get("default", False if self.action == "store_true" else None)
        self.positional = not flags[0].startswith("-")
        # argparse's dest: the first long option (else the first), without dashes.
        long_flags = [flag for flag in flags if flag.startswith("--")]
        self.dest = options.get("dest") or (
            flags[0] if self.positional else (long_flags or list(flags))[0].lstrip("-")
            .replace("-", "_"))
        # What argparse does that is not done here (it reads such command lines itself).
        self.supported = (set(options) <= _KEYWORDS
                          and self.action in ("store", "store_true", "append")
                          and self.nargs in ((None, "+") if self.positional else (None,))
                          and not (isinstance(self.default, str) and self.type is not None))

    def value(self, text: str) -> Tuple[bool, Any]:
        """(True, the value) as argparse converts and checks it, or (False, None)."""
        try:
            value = self.type(text) if self.type is not None else text
        except Exception:  # argparse says what is wrong with it
            return False, None
        if self.choices is not None and value not in self.choices:
            return False, None
        return True, value


class _Recorder:
    """Takes the calls that build an argparse parser and keeps the arguments."""

    def __init__(self) -> None:
        self.arguments: List[_Argument] = []
        self.defaults: Dict[str, Any] = {}

    def add_argument(self, *flags: str, **options: Any) -> None:
        self.arguments.append(_Argument(flags, options))

    def add_argument_group(self, *args: Any, **options: Any) -> _Recorder:
        return self  # groups only change the help

    def set_defaults(self, **values: Any) -> None:
        self.defaults.update(values)


def read(argv: Sequence[str],
         commands: Mapping[str, Declare]) -> Optional[argparse.Namespace]:
    """The attributes `papersieve.cli`'s argparse parser gives for `argv`, or None when argv is
    not a plain command line. `commands`: each command's function that adds its arguments to
    a parser."""
    if not argv or argv[0] not in commands:
        return None
    recorder = _Recorder()
    commands[argv[0]](recorder)
    if not all(argument.supported for argument in recorder.arguments):
        return None
    options = {flag: argument for argument in recorder.arguments if not argument.positional
               for flag in argument.flags}
    values: Dict[str, Any] = {"command": argv[0]}
    for argument in recorder.arguments:
        values[argument.dest] = argument.default
    values.update(recorder.defaults)
    positionals: List[str] = []
    run = "before"  # the positional arguments: before, in or after their one run
    i = 1
    while i < len(argv):
        token = argv[i]
        if not token.startswith("-") or token == "-":
            if run == "after":
                return None
            run = "in"
            positionals.append(token)
            i += 1
            continue
        option = options.get(token)
        if option is None:
            return None
        run = "after" if run == "in" else run
        if option.action == "store_true":
            values[option.dest] = True
            i += 1
            continue
        if i + 1 == len(argv) or (argv[i + 1].startswith("-") and argv[i + 1] != "-"):
            return None
        ok, value = option.value(argv[i + 1])
        if not ok:
            return None
        if option.action == "append":
            values[option.dest] = [*(values[option.dest] or []), value]
        else:
            values[option.dest] = value
        i += 2
    if not _place(recorder.arguments, positionals, values):
        return None
    return Args(values)  # type: ignore[return-value]


def _place(arguments: List[_Argument], tokens: List[str], values: Dict[str, Any]) -> bool:
    """Gives the positional arguments their tokens, as argparse does for one run of them: one
    each, the rest to a last one of nargs "+"; False when they do not fit."""
    positional = [argument for argument in arguments if argument.positional]
    if any(argument.nargs == "+" for argument in positional[:-1]):
        return False
    last_takes_more = bool(positional) and positional[-1].nargs == "+"
    if len(tokens) < len(positional) or (len(tokens) > len(positional) and not last_takes_more):
        return False
    for i, argument in enumerate(positional):
        texts = tokens[i:] if argument.nargs == "+" else [tokens[i]]
        converted = []
        for text in texts:
            ok, value = argument.value(text)
            if not ok:
                return False
            converted.append(value)
        values[argument.dest] = converted if argument.nargs == "+" else converted[0]
    return True
