"""The only ways spec text reaches generated source: string literals, docstrings and comments."""

from __future__ import annotations

import functools
import re
import textwrap

from ..linewidth import line_width

__all__ = ["assign", "py_comment", "py_doc", "py_str"]

LINE_LENGTH = 100


def assign(target: str, value: str, indent: int = 0) -> str:
    """``target = value`` as black lays it out: one line, or the value wrapped in parentheses."""
    line = f"{target} = {value}"
    if line_width(line) + indent <= LINE_LENGTH:
        return line
    pad = " " * indent
    return f"{target} = (\n{pad}    {value}\n{pad})"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u0085]")
# Lone surrogate halves: JSON allows "\ud800", but a UTF-8 source file cannot hold one.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _printable(text: str) -> str:
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def py_str(value: object) -> str:
    """A Python string literal for ``value``: repr-escaped, double-quoted the way black prefers."""
    text = repr(value if type(value) is str else str(value))
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


def py_doc(value: object, indent: int = 0) -> str:
    """Docstring body: escapes backslashes and triple quotes, strips control characters, and lays the
    text out the way black leaves docstrings (first line flush, later lines dedented then indented)."""
    return _doc(value if type(value) is str else str(value), indent)


@functools.lru_cache(maxsize=1 << 14)  # a description recurs: the sync and async methods, each model field
def _doc(value: str, indent: int) -> str:
    text = _printable(str(value).replace("\r\n", "\n").replace("\r", "\n")).expandtabs(4)
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return ""
    first = lines[0].strip()
    rest = textwrap.dedent("\n".join(lines[1:])).split("\n") if len(lines) > 1 else []
    pad = " " * indent
    body = "\n".join([first, *[(pad + line) if line.strip() else "" for line in rest]])
    if body.endswith('"') and (len(body) - 1 - len(body[:-1].rstrip("\\"))) % 2 == 0:
        body = body[:-1] + '\\"'  # an unescaped last quote would merge with the closing triple quote
    return body
