"""A rendered file's long one-line statements laid out as black would, before the format stage sees it.

Templates write most statements on one line. Where one is too long for the limit and `knownshapes`
knows the layout black would give it, that layout replaces the line here (and is vouched for: see
`certain`), so the format stage finds nothing it must decide in the file and need not parse it.

A line qualifies only when it is a whole statement: it starts and ends outside every bracket and string
and joins no other line with a backslash. One scan of the text's strings, comments and brackets (up to
the last long line) tells; `knownshapes` then parses the line alone and leaves any shape it does not
know as it is.
"""

from __future__ import annotations

import re

from ..blackstyle import LINE_LENGTH
from ..knownshapes import fit_statement
from ..linewidth import has_long_line

__all__ = ["prefit"]

# What can hide a bracket or a line break: strings (triple-quoted ones may span lines) and comments. The
# string patterns are unrolled (a run of plain characters, then an escape or a lone quote) for speed.
_TOKEN = re.compile(
    r"[()\[\]{}\n]"
    r'|"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""'
    r"|'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''"
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
    r"|'[^'\\\n]*(?:\\.[^'\\\n]*)*'"
    r"|#[^\n]*",
    re.S,
)
# A line ending so is not a whole statement (an item, an opened bracket, a continued line).
_OPEN_END = (",", "(", "[", "{", "\\")


def prefit(text: str, limit: int = LINE_LENGTH) -> str:
    """``text`` with each long line that is a whole statement of a shape `knownshapes` knows laid out."""
    if not has_long_line(text, limit):
        return text
    lines = text.split("\n")
    long_rows = [row for row, line in enumerate(lines) if len(line) > limit and not line.endswith(_OPEN_END)]
    if not long_rows:
        return text
    free = _free_starts(text, long_rows[-1] + 1)
    changed = False
    for row in long_rows:
        line = lines[row]
        if not (free[row] and row + 1 < len(free) and free[row + 1]):
            continue
        if row and lines[row - 1].endswith("\\"):
            continue
        statement = line.lstrip(" ")
        indent = len(line) - len(statement)
        laid = fit_statement(statement, indent)
        if laid != statement:
            lines[row] = " " * indent + laid
            changed = True
    return "\n".join(lines) if changed else text


def _free_starts(text: str, last: int) -> list[bool]:
    """For each line up to ``last + 1`` (0-based): whether it starts outside every bracket and string."""
    free = [True]
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first == "\n":
            free.append(depth == 0)
            if len(free) > last + 1:
                break
        elif first in "([{":
            depth += 1
        elif first in ")]}":
            depth -= 1
        elif first in "\"'":
            free.extend([False] * token.count("\n"))  # lines that start inside the string
    return free
