"""black's layout of a statement, computed where it is certain, so the format stage need not run black.

black costs 1-2 ms of CPU per statement it lays out. For the shapes here the layout black chooses is
known, and `tests/unit/test_blackstyle.py` checks it against black itself over thousands of widths:
the renderer uses these to emit statements already laid out, and the format stage uses them for the
statements that were still too long.
"""

from __future__ import annotations

from collections.abc import Sequence

from .linewidth import line_width

__all__ = ["LINE_LENGTH", "call", "exploded"]

LINE_LENGTH = 100
_STEP = 4


def exploded(opening: str, items: Sequence[str], closing: str, *, indent: int) -> str:
    """One item per line, each with a trailing comma; ``closing`` on its own line at ``indent``."""
    body = "".join(f"{' ' * (indent + _STEP)}{item},\n" for item in items)
    return f"{opening}\n{body}{' ' * indent}{closing}"


def call(head: str, args: Sequence[str], *, indent: int, tail: str = "", closing: str = ")") -> str:
    """A statement ``head + args + closing + tail`` laid out as black lays it out, when that is certain.

    ``head`` ends with the opening bracket of the statement's last bracket pair (``x = f(``,
    ``return f(``, ``def f(``) and holds no other bracket; ``args`` are its items, each free of
    top-level commas; ``tail`` follows the closing bracket (`` from exc``, `` -> T:``). black keeps a
    line that fits; otherwise it splits at that last bracket: the items on one line between the
    head and the closing bracket when they fit there, else one item per line with a trailing comma.
    Where the head or the closing line would not fit, black decides otherwise (it may wrap the
    right-hand side in parentheses), and the one-line form is returned for the format stage to lay
    out.
    """
    inline = f"{head}{', '.join(args)}{closing}{tail}"
    if indent + line_width(inline) <= LINE_LENGTH or not args or not inline.isascii():
        return inline  # fits, or has wide characters whose width black and ruff may count otherwise
    pad, inner = " " * indent, " " * (indent + _STEP)
    if indent + line_width(head) > LINE_LENGTH or indent + line_width(closing + tail) > LINE_LENGTH:
        return inline
    body = ", ".join(args)
    if indent + _STEP + line_width(body) <= LINE_LENGTH:
        return f"{head}\n{inner}{body}\n{pad}{closing}{tail}"
    if any(indent + _STEP + line_width(arg) + 1 > LINE_LENGTH for arg in args):
        return inline
    return exploded(head, args, closing + tail, indent=indent)
