"""``python -m papersieve`` is the ``papersieve`` command."""

import sys

from .cli import main

sys.exit(main())
