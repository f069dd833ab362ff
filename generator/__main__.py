"""``python -m generator`` is the ``specsmith`` command."""

from __future__ import annotations

import sys

from generator.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main())
