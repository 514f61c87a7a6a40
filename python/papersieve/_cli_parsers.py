"""The command line's argparse parsers, imported only when a command line needs argparse
(papersieve._cli_fast reads the plain ones without it; docs/performance.md, "Start-up")."""

from __future__ import annotations

import argparse

from .cli import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn


class Parser(argparse.ArgumentParser):
    """argparse with usage errors on one line (argparse itself prints the usage first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class RaisingParser(argparse.ArgumentParser):
    """A parser whose errors are UsageErrors (checking a digest config's filter options)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)
