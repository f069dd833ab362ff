"""How wide a line of generated source may be, as black and ruff measure it against the line length."""

from __future__ import annotations

__all__ = ["line_width"]


def line_width(line: str) -> int:
    """An upper bound of the width black and ruff give `line`: a non-ASCII character counts two
    columns. The two disagree about some characters (ruff counts an emoji as two, black as one); no
    character is wider than two for either, so a line this says fits, fits for both."""
    if line.isascii():
        return len(line)
    return len(line) + sum(1 for char in line if not char.isascii())
