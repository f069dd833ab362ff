"""black on the statements where ruff may lay a file out differently, not on the whole file.

ruff formats every file first. Its layout equals black's for every logical line that fits the limit;
the two part ways only over a line that is too long. black lays out each logical line on its own
(the lines around it change only blank lines, which ruff already gets right), so:

* A *unit* is a simple statement, or the header of a compound one (`def f(...) -> T:`, `class C:`).
* A unit needs black when one of its lines is too long in the rendered text or in ruff's output (a
  string statement, such as a docstring, only when its closing line is: black never breaks the rest).
* Such a unit is formatted by black inside stand-in blocks that give it its real depth, parent kind
  and place (first in its block or not: black treats a block's first string as a docstring), and its
  lines are spliced back into ruff's output.
* A unit whose value is a list, set, dict or call exploded one item per line with a trailing comma
  keeps that layout in black (the magic trailing comma), and black lays out each item line on its
  own: then only the items that need it go through black, each inside a stand-in bracket.

What this cannot place with certainty (a long line outside any unit, such as an `except` line or a
decorator, `fmt:` pragmas, a stub `...` body, a parse failure) makes `format_long_statements` return
None, and the caller runs black over the whole file instead.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..certain import Block
from ..knownshapes import known_layout
from ..linewidth import has_long_line, line_width

__all__ = ["format_long_statements"]

_INDENT = 4
_PRAGMA = re.compile(r"#\s*(?:fmt|yapf):")
# An item black cannot split: atoms with no bracket to break at (a plain string, a dotted name, digits),
# optionally `key: value`, and its comma. black leaves such a line as it is, however long; the text
# comes from ruff, so spacing and quotes are already black's.
_ATOM = r'(?:"[^"\\\n]*"|\'[^\'\\\n]*\'|[A-Za-z_][A-Za-z0-9_.]*|-?[0-9]+)'
_UNSPLITTABLE_ITEM = re.compile(rf"^ *{_ATOM}(?:: {_ATOM})?,$")
_STAND_INS = {ast.ClassDef: "class _:", ast.FunctionDef: "def _():", ast.AsyncFunctionDef: "async def _():"}
_Span = tuple[int, int]  # first and last line, 1-based, inclusive


@dataclass(frozen=True, slots=True)
class _Unit:
    first: int  # 1-based line numbers, inclusive
    last: int
    node: ast.stmt
    parent: ast.AST
    first_in_block: bool
    header: bool  # the header of a compound statement: black needs a body after it
    string: bool  # a statement that is only a string (a docstring or an attribute docstring)


class _Text:
    """A file's lines (split as the parser counts them) and which of them are too long."""

    def __init__(self, text: str, limit: int) -> None:
        self.text = text
        self.lines = text.split("\n")
        if self.lines and not self.lines[-1]:
            self.lines.pop()
        half = limit // 2  # no character is wider than two columns
        self.long = {
            row
            for row, line in enumerate(self.lines, start=1)
            if len(line) > half and line_width(line) > limit
        }

    def code_long(self) -> list[str]:
        """The long lines that are not comments (neither formatter touches a comment line)."""
        return [line for row in sorted(self.long) if not (line := self.lines[row - 1]).lstrip().startswith("#")]

    def any_long(self, span: _Span) -> bool:
        return any(row in self.long for row in range(span[0], span[1] + 1))


def format_long_statements(
    rendered: str, ruffed: str, limit: int, black: Callable[[str], str], certain: Sequence[Block] = ()
) -> str | None:
    """`ruffed` (ruff's output for `rendered`) with every unit that needs black formatted by `black`.

    `black` formats a whole module (black.format_str with the caller's mode). None: do the whole file.
    `certain`: blocks of `rendered` laid out as black would (see `certain`); a long line inside one that
    ruff kept needs no black.
    """
    if "\r" in rendered or "\r" in ruffed:
        return None  # the parser counts a lone CR as a line break; leave such a file to black
    if not _may_be_long(ruffed, limit) and not _may_be_long(rendered, limit):
        return ruffed  # every line fits (seen without splitting the text): ruff's layout is black's
    after, before = _Text(ruffed, limit), _Text(rendered, limit)
    long_after, long_before = after.code_long(), before.code_long()
    if not long_after and not long_before:
        return ruffed  # every line fits: ruff's layout is black's
    if _PRAGMA.search(ruffed):
        return None  # `# fmt: off`/`skip` (or yapf's) change what black does around them
    # A long rendered line that ruff left as it was is judged in ruff's output. Only when ruff
    # changed one (broke it up) must the rendered text be parsed to find its statement.
    kept = Counter(long_before) <= Counter(long_after)
    if kept and _all_certain(after, certain):
        return ruffed  # every long line is one black leaves: no statement to find
    try:
        units = _units(after)
        twins = None if kept else _units(before)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if units is None or _long_outside(units, after):
        return None
    if twins is not None and (len(twins) != len(units) or _long_outside(twins, before)):
        return None
    lines = list(after.lines)
    for index in reversed(range(len(units))):
        unit, twin = units[index], twins[index] if twins is not None else None
        if twin is not None and type(twin.node) is not type(unit.node):
            return None
        replacement = _format_unit(unit, twin, after, before, black)
        if replacement is None:
            return None
        lines[unit.first - 1 : unit.last] = replacement
    return "\n".join(lines) + "\n"


def _format_unit(
    unit: _Unit, twin: _Unit | None, after: _Text, before: _Text, black: Callable[[str], str]
) -> list[str] | None:
    """The unit's lines as black leaves them (unchanged when it needs no black)."""
    own = after.lines[unit.first - 1 : unit.last]
    if not _needs_black(unit, after) and not (twin is not None and _needs_black(twin, before)):
        return own
    items, brackets = _items(unit, after)
    twin_items = _items(twin, before)[0] if twin is not None else items
    if items is None or twin_items is None or len(twin_items) != len(items):
        return known_layout(unit.node, after.lines, unit.first, unit.last) or _black_lines(unit, own, black)
    result = [own[0]]
    for span, twin_span in zip(items, twin_items, strict=True):
        item = after.lines[span[0] - 1 : span[1]]
        if after.any_long(span) or (twin is not None and before.any_long(twin_span)):
            formatted = _black_item(unit, brackets, item, black)
            if formatted is None:
                return None
            item = formatted
        result.extend(item)
    result.append(own[-1])
    return result


def _needs_black(unit: _Unit, text: _Text) -> bool:
    if unit.string:  # black never splits a string; it only moves the closing quotes of a long
        return unit.first != unit.last and unit.last in text.long  # multi-line docstring down
    return text.any_long((unit.first, unit.last))


def _may_be_long(text: str, limit: int) -> bool:
    """Whether a line of ``text`` may be too long: surely not when every character is ASCII (one column
    each) and no line has more than ``limit`` of them."""
    return not text.isascii() or has_long_line(text, limit)


def _all_certain(text: _Text, certain: Sequence[Block]) -> bool:
    """Whether black leaves every long line of ruff's output as it is, seen without parsing the file: each
    lies inside a block the renderer vouched for (and not on the closing line of a docstring of several
    lines, which black may break before its quotes), or is an item black cannot split in a bracket
    exploded one item per line."""
    covered: set[int] | None = None
    for row in sorted(text.long):
        line = text.lines[row - 1]
        if line.lstrip().startswith("#") or _lone_item(text.lines, row):
            continue
        if covered is None:
            covered = _covered(text, certain)
        if row not in covered or (line.endswith('"""') and not _one_line_docstring(line)):
            return False
    return True


def _one_line_docstring(line: str) -> bool:
    """A whole docstring on one line (black moves closing quotes only off a docstring of several lines)."""
    body = line.lstrip(" ")
    return len(body) >= 6 and body.startswith('"""') and '"""' not in body[3:-3]


def _lone_item(lines: list[str], row: int) -> bool:
    """An item line black cannot split (see `_UNSPLITTABLE_ITEM`) that is a whole item of a bracket holding
    at least two, or the lone item of a dict or set: the line before it ends the previous item (or opens
    the bracket), so the item neither continues a line nor stands alone where its comma would not be
    magic (a one-tuple, a subscript)."""
    if not _UNSPLITTABLE_ITEM.match(lines[row - 1]) or row < 2 or row >= len(lines):
        return False
    previous, following = lines[row - 2], lines[row]
    if "#" in previous or '"""' in previous:
        return False
    if previous.endswith(","):
        return True
    if previous.endswith("{") and following.strip() == "}":
        return True  # a dict's or set's lone item: its trailing comma is magic too
    another = following.endswith(",") and following.lstrip()[:1] not in (")", "]", "}") and "#" not in following
    return previous.endswith(("(", "[", "{")) and another


def _covered(text: _Text, certain: Sequence[Block]) -> set[int]:
    """The rows of ``text`` inside an occurrence of a vouched block (an anchored one from the start of a
    line to the end of one)."""
    starts = [0]
    for line in text.lines:
        starts.append(starts[-1] + len(line) + 1)
    rows: set[int] = set()
    source = text.text
    for block, anchored in certain:
        at = source.find(block)
        while at >= 0:
            end = at + len(block)
            whole = at == 0 or source[at - 1] == "\n"
            if not anchored or (whole and (end == len(source) or source[end] == "\n")):
                first = bisect_right(starts, at)
                rows.update(range(first, bisect_right(starts, max(at, end - 1)) + 1))
            at = source.find(block, at + 1)
    return rows


def _long_outside(units: list[_Unit], text: _Text) -> bool:
    """A too-long line that is not a comment and lies in no unit: black's business, not ours."""
    covered = {row for unit in units for row in range(unit.first, unit.last + 1)}
    return any(
        row not in covered and not text.lines[row - 1].lstrip().startswith("#") for row in text.long
    )


def _units(text: _Text) -> list[_Unit] | None:
    tree = ast.parse(text.text)
    units: list[_Unit] = []
    for parent, block in _blocks(tree):
        for index, node in enumerate(block):
            body = getattr(node, "body", None)
            if isinstance(node, ast.Match):  # `match x:` is a header; its cases hold the bodies
                body = [case.pattern for case in node.cases]
            string = (
                isinstance(node, ast.Expr)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            )
            if body is None:
                last = node.end_lineno or node.lineno
                units.append(_Unit(node.lineno, last, node, parent, index == 0, False, string))
                continue
            if _is_stub(body):
                return None  # black may pull `...` up onto the header line
            last = _header_end(text.lines, _first_line(body[0]))
            if last < node.lineno:
                return None
            units.append(_Unit(node.lineno, last, node, parent, index == 0, True, False))
    units.sort(key=lambda unit: unit.first)
    if any(a.last >= b.first for a, b in pairwise(units)):
        return None  # two statements on one line: leave it to black
    return units


def _items(unit: _Unit, text: _Text) -> tuple[tuple[_Span, ...] | None, str]:
    """The spans of the items of the unit's value if it is exploded one item per line, each with a
    trailing comma, between an opening line and a line holding only the closing bracket, both of
    which fit (black keeps those two lines and lays out each item line on its own); and the value's
    brackets: "[]", "{}" or "()"."""
    node, lines, first, last = unit.node, text.lines, unit.first, unit.last
    if unit.header or first in text.long or last in text.long:
        return None, ""
    value = getattr(node, "value", None)
    if isinstance(value, ast.Await):
        value = value.value
    spans: list[_Span]
    if isinstance(value, (ast.List, ast.Set)):
        brackets, spans = ("[]" if isinstance(value, ast.List) else "{}"), [_span(e) for e in value.elts]
    elif isinstance(value, ast.Dict):
        brackets = "{}"
        spans = [(_span(k)[0] if k is not None else _span(v)[0], _span(v)[1]) for k, v in zip(value.keys, value.values, strict=True)]
    elif isinstance(value, ast.Call):
        brackets, spans = "()", sorted(_span(a) for a in [*value.args, *value.keywords])
    else:
        return None, ""
    if not spans or value is None or value.end_lineno != last or lines[last - 1].strip() != brackets[1]:
        return None, ""
    if not lines[first - 1].endswith(brackets[0]) or spans[0][0] != first + 1 or spans[-1][1] != last - 1:
        return None, ""
    indent = len(lines[first - 1]) - len(lines[first - 1].lstrip(" ")) + _INDENT
    for span, following in zip(spans, [*spans[1:], (last, last)], strict=True):
        head, tail = lines[span[0] - 1], lines[span[1] - 1]
        if following[0] != span[1] + 1 or not tail.endswith(",") or len(head) - len(head.lstrip(" ")) != indent:
            return None, ""
    return tuple(spans), brackets


def _span(node: ast.AST) -> _Span:
    first = getattr(node, "lineno", 0)
    return first, getattr(node, "end_lineno", None) or first


def _blocks(node: ast.AST) -> Iterator[tuple[ast.AST, list[ast.stmt]]]:
    """Every statement list under `node`, with the node it belongs to (expressions are not entered)."""
    for name in ("body", "orelse", "finalbody"):
        block = getattr(node, name, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield node, block
            for child in block:
                yield from _blocks(child)
    for clause in (*getattr(node, "handlers", ()), *getattr(node, "cases", ())):
        yield from _blocks(clause)


def _first_line(node: ast.AST) -> int:
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    lineno: int = getattr(node, "lineno", 0)
    return min([lineno, *(decorator.lineno for decorator in decorators)])


def _header_end(lines: list[str], body_first: int) -> int:
    """The last line of a compound statement's header: before its body, comments and blank lines."""
    row = body_first - 1
    while row > 0 and (not lines[row - 1].strip() or lines[row - 1].lstrip().startswith("#")):
        row -= 1
    return row


def _is_stub(body: list[ast.stmt]) -> bool:
    return (
        len(body) == 1
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and body[0].value.value is Ellipsis
    )


def _black_lines(unit: _Unit, own: list[str], black: Callable[[str], str]) -> list[str] | None:
    """black's lines for the unit `own`, formatted inside stand-in blocks at its real depth."""
    indent = len(own[0]) - len(own[0].lstrip(" "))
    prefix = _stand_ins(unit, indent)
    if prefix is None:
        return None
    if not unit.first_in_block:
        prefix.append(" " * indent + "pass")
    suffix = [" " * (indent + _INDENT) + "pass"] if unit.header else []
    return _run(black, prefix, own, suffix)


def _black_item(unit: _Unit, brackets: str, item: list[str], black: Callable[[str], str]) -> list[str] | None:
    """black's lines for one item line of an exploded value, inside a stand-in bracket."""
    if len(item) == 1 and _UNSPLITTABLE_ITEM.match(item[0]):
        return item  # nothing black could break: the long `_MODULES` entries, long enum values
    indent = len(item[0]) - len(item[0].lstrip(" ")) - _INDENT
    prefix = _stand_ins(unit, indent)
    if prefix is None:
        return None
    opening, closing = brackets[0], brackets[1]
    prefix.append(" " * indent + ("_(" if opening == "(" else f"_ = {opening}"))
    return _run(black, prefix, item, [" " * indent + closing])


def _stand_ins(unit: _Unit, indent: int) -> list[str] | None:
    """Block headers that put a line at `indent`, the innermost of the unit's parent's kind."""
    if indent % _INDENT or indent < 0:
        return None
    depth = indent // _INDENT
    prefix = [" " * (level * _INDENT) + "if _:" for level in range(depth)]
    if depth:
        prefix[-1] = " " * (indent - _INDENT) + _STAND_INS.get(type(unit.parent), "if _:")
    return prefix


def _run(black: Callable[[str], str], prefix: list[str], own: list[str], suffix: list[str]) -> list[str] | None:
    """black over `prefix + own + suffix`; the lines it made of `own`, or None if it moved the rest."""
    try:
        out = black("\n".join([*prefix, *own, *suffix]) + "\n").split("\n")[:-1]
    except Exception:  # black's errors have no common base; the whole-file run will report it
        return None
    position = 0
    for line in prefix:  # black may put blank lines between the stand-ins: skip them
        while position < len(out) and not out[position].strip():
            position += 1
        if position == len(out) or out[position] != line:
            return None
        position += 1
    if len(out) - position < len(suffix) or out[len(out) - len(suffix) :] != suffix:
        return None
    body = out[position : len(out) - len(suffix)]
    while body and not body[0].strip():
        body.pop(0)
    return body or None
