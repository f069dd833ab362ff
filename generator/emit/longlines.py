"""Where ruff and black may disagree: code lines longer than the limit.

For lines that fit, ruff's formatting equals black's; the two differ only in how they break (or leave) a
line that is too long. Comments, the inside of multi-line strings and a string standing alone on its line
(a one-line docstring, a list item) are never broken by either, so they do not count.
"""

from __future__ import annotations

import io
import tokenize

__all__ = ["has_long_code_line"]

_SKIP = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT, tokenize.ENDMARKER}


def has_long_code_line(text: str, limit: int) -> bool:
    """True when a line longer than ``limit`` holds code black might lay out differently from ruff."""
    long_rows = {n for n, line in enumerate(text.splitlines(), start=1) if len(line) > limit}
    if not long_rows:
        return False
    exempt: set[int] = set()
    code_rows: dict[int, int] = {}  # row → number of non-string code tokens on it
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type in _SKIP:
                continue
            (start, _), (end, _) = token.start, token.end
            if token.type == tokenize.STRING:
                exempt.update(range(start, end))  # inside a multi-line string, but not its closing line
                code_rows.setdefault(end, 0)
            elif token.type == tokenize.OP and token.string == ",":
                code_rows.setdefault(start, 0)
            else:
                code_rows[start] = code_rows.get(start, 0) + 1
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return True  # let black (the reference) say what is wrong
    for row in long_rows - exempt:
        if code_rows.get(row, 0) > 0 or _closes_long_docstring(text, row):
            return True
    return False


def _closes_long_docstring(text: str, row: int) -> bool:
    line = text.splitlines()[row - 1].rstrip()
    return line.endswith(('"""', "'''")) and not line.lstrip().startswith(('"""', "'''"))
