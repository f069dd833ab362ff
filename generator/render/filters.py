"""The only ways spec text reaches generated source: string literals, docstrings and comments."""

from __future__ import annotations

import ast
import functools
import re
import textwrap

from ..blackstyle import LINE_LENGTH
from ..certain import vouch
from ..linewidth import line_width

__all__ = ["LINE_LENGTH", "assign", "py_comment", "py_doc", "py_str"]



def assign(target: str, value: str, indent: int = 0) -> str:
    """``target = value`` (``value`` a string literal) as black lays it out: one line, or the value
    wrapped in parentheses. A string too long for its own line there is cut into adjacent literals at
    `` | `` (a union alias) or spaces, one per line: black and ruff keep that, and the value is the same
    (a string too long for any line would make the format stage parse the whole file)."""
    line = f"{target} = {value}"
    if line_width(line) + indent <= LINE_LENGTH:
        return line
    pad = " " * indent
    parts = [value]
    if line_width(value) + indent + 4 > LINE_LENGTH and value.isascii():
        parts = [py_str(part) for part in _cut(ast.literal_eval(value), LINE_LENGTH - indent - 6)]
    body = "\n".join(f"{pad}    {part}" for part in parts)
    laid = f"{target} = (\n{body}\n{pad})"
    if laid.isascii():  # black measures wide characters as two columns: then the format stage decides
        vouch(laid, column=indent, limit=LINE_LENGTH, anchored=True)
    return laid


def _cut(text: str, width: int) -> list[str]:
    """``text`` in pieces of at most ``width`` characters where it can, each new piece starting at a
    `` | `` separator (or else a space)."""
    separator = " | " if " | " in text else " "
    words = text.split(separator)
    pieces = [words[0]]
    for word in words[1:]:
        piece = separator + word
        if len(pieces[-1]) + len(piece) <= width:
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return pieces


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u0085]")
# Lone surrogate halves: JSON allows "\ud800", but a UTF-8 source file cannot hold one.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _printable(text: str) -> str:
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def py_str(value: object) -> str:
    """A Python string literal for ``value``: repr-escaped, double-quoted the way black prefers."""
    return _literal(value if type(value) is str else str(value))


@functools.lru_cache(maxsize=8192)  # one spec repeats its names and keys many times over
def _literal(value: str) -> str:
    text = repr(value)
    if "'" not in text[1:-1] and '"' not in text:  # no quote inside: only the outer quotes change
        return f'"{text[1:-1]}"'
    if text.startswith('"'):
        return text
    body = text[1:-1]
    swapped = body.replace("\\'", "'").replace('"', '\\"')
    if swapped.count('\\"') > body.count("\\'"):
        return text
    return f'"{swapped}"'


def py_comment(value: object) -> str:
    """Text safe inside a ``#`` comment: one line, no control characters."""
    return _printable(str(value).replace("\n", " ").replace("\r", " "))


def py_doc(value: object, indent: int = 0, column: int | None = None) -> str:
    """Docstring body: escapes backslashes and triple quotes, strips control characters, and lays the
    text out the way black leaves docstrings (first line flush, later lines dedented then indented).

    Prose lines too long for the line are wrapped at spaces (the first one from ``column``, where the
    text starts: by default just after an opening triple quote at ``indent``), leaving room for the
    closing quotes; fenced code, tables and indented blocks keep their lines. black never wraps a
    docstring, so wrapping here is what keeps the format stage from having to parse the file."""
    doc = _doc(value if type(value) is str else str(value), indent, column)
    vouch(doc, column=indent + 3 if column is None else column, limit=LINE_LENGTH - _CLOSING, anchored=False)
    return doc


@functools.lru_cache(maxsize=1 << 14)  # a description recurs: the sync and async methods, each model field
def _doc(value: str, indent: int, column: int | None) -> str:
    text = _printable(str(value).replace("\r\n", "\n").replace("\r", "\n")).expandtabs(4)
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    # black measures a docstring's indentation with str.lstrip (any Unicode space): make it plain spaces
    lines = [_LEADING_SPACE.sub(lambda lead: " " * len(lead.group()), line).rstrip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return ""
    first = lines[0].strip()
    rest = textwrap.dedent("\n".join(lines[1:])).split("\n") if len(lines) > 1 else []
    wrapped = _wrap_prose([first, *rest], indent, indent + 3 if column is None else column)
    pad = " " * indent
    first, rest = wrapped[0], wrapped[1:]
    body = "\n".join([first, *[(pad + line) if line.strip() else "" for line in rest]])
    # A quote next to the triple quotes: black pads it with a space (ruff does not, if escaped), and an
    # unescaped last one would merge with the closing quotes. Written as \x22 it is neither.
    if body.endswith('"'):
        escaped = (len(body) - 1 - len(body[:-1].rstrip("\\"))) % 2 == 1
        body = body[: -2 if escaped else -1] + "\\x22"
    if body.startswith('"'):
        body = "\\x22" + body[1:]
    return body


_CLOSING = 3  # room for closing triple quotes after any line
_LEADING_SPACE = re.compile(r"^[^\S\n]+")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _wrap_prose(lines: list[str], indent: int, start: int) -> list[str]:
    """``lines``, placed at ``indent`` (the first one from column ``start``), with each too-long
    prose line wrapped at spaces; continuation lines keep the line's own leading whitespace."""
    width = LINE_LENGTH - indent - _CLOSING
    out: list[str] = []
    fenced = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        lead = line[: len(line) - len(line.lstrip(" "))]
        offset = max(start - indent, 0) if index == 0 else 0  # the first line starts further right
        if fenced or line_width(line) + offset <= width or len(lead) >= 4 or line.lstrip().startswith("|"):
            out.append(line)
            continue
        pieces = textwrap.wrap(line, width=max(width, 20), initial_indent="\0" * offset, subsequent_indent=lead,
                               break_long_words=False, break_on_hyphens=False)  # fmt: skip
        if not pieces:
            out.append(line)
            continue
        out.extend([pieces[0][offset:], *pieces[1:]])
    return out
