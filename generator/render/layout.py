"""black's layout for the long bracketed expressions the generator builds from many items.

An expression that fits its line stays on one line. One that does not is exploded: one item per line,
each with a trailing comma. black keeps that layout as it is (the magic trailing comma), and so does
ruff, so the format stage has nothing left to decide for it; without this, every such line would
have to go through black (see `generator/emit/statements.py`). A single item still too long for its
line is laid out as black would where that is certain (`knownshapes.fit_item`), else left for the
format stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..blackstyle import exploded
from ..knownshapes import fit_item
from ..linewidth import line_width
from .filters import LINE_LENGTH
from .pytypes import py_literal

__all__ = ["bracketed", "exploded", "json_literal"]

_STEP = 4


def bracketed(opening: str, items: Sequence[str], closing: str, *, indent: int, column: int,
              tail: int = 0) -> str:  # fmt: skip
    """``opening + items + closing``, exploded when it does not fit.

    ``column`` is where ``opening`` starts, ``indent`` the indentation of its line, ``tail`` the
    number of characters that follow ``closing`` on its line.
    """
    inline = f"{opening}{', '.join(items)}{closing}"
    if not items or column + line_width(inline) + tail <= LINE_LENGTH:
        return inline
    inner = indent + _STEP
    body = "".join(f"{' ' * inner}{fit_item(item, inner)}\n" for item in items)  # an item black splits, split
    return f"{opening}\n{body}{' ' * indent}{closing}"


def json_literal(value: Any, *, indent: int, column: int, tail: int = 0) -> str:
    """Python source for a JSON value (see `py_literal`), exploded level by level where too long."""
    if not value or not isinstance(value, (dict, list)):
        return py_literal(value)
    inline = _bounded_literal(value, LINE_LENGTH - column - tail)
    if inline is not None and column + line_width(inline) + tail <= LINE_LENGTH:
        return inline
    inner = indent + _STEP
    items: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            prefix = f"{py_literal(str(key))}: "
            items.append(prefix + json_literal(item, indent=inner, column=inner + line_width(prefix), tail=1))
    else:
        items = [json_literal(item, indent=inner, column=inner, tail=1) for item in value]
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    return exploded(opening, items, closing, indent=indent)


def _bounded_literal(value: Any, budget: int) -> str | None:
    """``py_literal(value)`` when it is at most ``budget`` characters long, else None, found without
    writing out more than the budget (a big value asked at every level of its nesting stays linear)."""
    if isinstance(value, (dict, list)):
        parts: list[str] = []
        used = 2
        if used > budget:
            return None
        pairs = value.items() if isinstance(value, dict) else ((None, item) for item in value)
        for key, item in pairs:
            lead = "" if key is None else f"{py_literal(str(key))}: "
            rest = _bounded_literal(item, budget - used - len(lead))
            if rest is None:
                return None
            used += len(lead) + len(rest) + (2 if parts else 0)
            if used > budget:
                return None
            parts.append(lead + rest)
        opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
        return opening + ", ".join(parts) + closing
    literal = py_literal(value)
    return literal if len(literal) <= budget else None
