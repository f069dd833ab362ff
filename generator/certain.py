"""Rendered text whose black layout is certain, collected file by file while the file renders.

The renderer lays out most long statements the way black would (`knownshapes`, `blackstyle`, the
docstring filter). Where such a statement still holds a line too long for the limit (an atom black
cannot break), the format stage would have to parse the whole file to find that statement and ask
black about it. Instead, each filter that produced such text with certainty *vouches* for it here, and
the format stage accepts a long line that lies inside a vouched block found verbatim in ruff's output.

A block is ``(text, anchored)``: an anchored block is a whole statement from the start of its first
line (indentation included); a docstring block may start mid-line (after the opening quotes).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["Block", "collecting", "vouch"]

Block = tuple[str, bool]
_BLOCKS: ContextVar[list[Block] | None] = ContextVar("specsmith_certain_blocks", default=None)


@contextmanager
def collecting() -> Iterator[list[Block]]:
    """The blocks vouched for while the ``with`` block runs (one file's rendering)."""
    blocks: list[Block] = []
    token = _BLOCKS.set(blocks)
    try:
        yield blocks
    finally:
        _BLOCKS.reset(token)


def vouch(text: str, *, column: int, limit: int, anchored: bool) -> None:
    """Record ``text`` (its first line starting at ``column``, later lines carrying their indentation) as
    laid out the way black leaves it, if one of its lines is too long for ``limit`` (no other line needs
    vouching for). Anchored text is recorded with its first line's indentation."""
    blocks = _BLOCKS.get()
    if blocks is None or column + len(text) <= limit:
        return
    lines = text.split("\n")
    if column + len(lines[0]) <= limit and all(len(line) <= limit for line in lines[1:]):
        return
    blocks.append((" " * column + text if anchored else text, anchored))
