"""``python -m papersieve`` is the ``papersieve`` command."""

from .cli import run

run()
