"""How wide a line of generated source may be, as black and ruff measure it against the line length."""

from __future__ import annotations

import functools
import re

__all__ = ["has_long_line", "line_width"]


def line_width(line: str) -> int:
    """An upper bound of the width black and ruff give `line`: a non-ASCII character counts two
    columns. The two disagree about some characters (ruff counts an emoji as two, black as one); no
    character is wider than two for either, so a line this says fits, fits for both."""
    if line.isascii():
        return len(line)
    return len(line) + sum(1 for char in line if not char.isascii())


def has_long_line(text: str, limit: int) -> bool:
    """Whether a line of ``text`` has more than ``limit`` characters (found without splitting the text:
    the pattern is tried at line starts only)."""
    return _longer_than(limit).search(text) is not None


@functools.cache
def _longer_than(limit: int) -> re.Pattern[str]:
    return re.compile(f"^[^\\n]{{{limit + 1}}}", re.MULTILINE)
