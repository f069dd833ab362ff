"""black's layout of a statement, computed where it is certain, so the format stage need not run black.

black costs 1-2 ms of CPU per statement it lays out. For the shapes here the layout black chooses is
known, and `tests/unit/test_blackstyle.py` checks it against black itself over thousands of widths:
the renderer uses these to emit statements already laid out, and the format stage uses them for the
statements that were still too long.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "LINE_LENGTH",
    "Bars",
    "Call",
    "annotation",
    "atom_assignment",
    "call",
    "certain_call",
    "class_header",
    "comprehension",
    "condition_header",
    "conditional",
    "exploded",
    "from_import",
    "parameter",
]

LINE_LENGTH = 100
_STEP = 4


def exploded(opening: str, items: Sequence[str], closing: str, *, indent: int) -> str:
    """One item per line, each with a trailing comma; ``closing`` on its own line at ``indent``."""
    body = "".join(f"{' ' * (indent + _STEP)}{item},\n" for item in items)
    return f"{opening}\n{body}{' ' * indent}{closing}"


@dataclass(frozen=True, slots=True)
class Call:
    """A bracketed item: ``head`` (ending with its opening bracket, no other bracket), ``args``, ``closing``."""

    head: str
    args: tuple[str | Call | Bars, ...]
    closing: str = ")"

    @property
    def flat(self) -> str:
        return f"{self.head}{', '.join(_flat(arg) for arg in self.args)}{self.closing}"


@dataclass(frozen=True, slots=True)
class Bars:
    """A union ``a | b | ...`` inside a subscript: split, black puts each operand after the first on a
    line of its own led by ``|``."""

    operands: tuple[str, ...]

    @property
    def flat(self) -> str:
        return " | ".join(self.operands)


def _flat(item: str | Call | Bars) -> str:
    return item if isinstance(item, str) else item.flat


def _parenthesised(lead: str, parts: Sequence[str], indent: int, tail: str = "") -> str:
    """``lead(``, then each part on a line one level in (a part's own later lines already indented),
    then ``)tail`` at ``indent``: black's optional parentheses made visible."""
    lines = "\n".join(" " * (indent + _STEP) + part for part in parts)
    return f"{lead}(\n{lines}\n{' ' * indent}){tail}"


def _led(operator: str, operands: Sequence[str]) -> list[str]:
    """Operands one per line as black splits at an operator: each after the first led by it."""
    return [operands[0], *(f"{operator} {operand}" for operand in operands[1:])]


def call(head: str, args: Sequence[str | Call | Bars], *, indent: int, tail: str = "", closing: str = ")") -> str:
    """A statement ``head + args + closing + tail`` laid out as black lays it out, when that is certain.

    ``head`` is the statement up to the opening bracket of its last bracket pair (``x = f(``,
    ``return f(``, ``def f(``) and holds no other bracket but an assignment target's subscript;
    ``args`` are its items, each free of top-level commas, a bracketed item given as a `Call`;
    ``tail`` follows the closing bracket (`` from exc``, `` -> T:``). black keeps a line that fits.
    Otherwise it splits at that last bracket: the items on one line between the head and the closing
    bracket when they fit there; else a lone bracketed item split the same way one level deeper;
    else one item per line with a trailing comma, an item too long for its line split the same way.
    Where the head or the closing line would not fit, black decides otherwise (it may wrap the
    right-hand side in parentheses): then, and for wide characters, the one-line form is returned,
    for the format stage to lay out.
    """
    laid = certain_call(head, args, indent=indent, tail=tail, closing=closing)
    return laid if laid is not None else f"{head}{', '.join(map(_flat, args))}{closing}{tail}"


def certain_call(head: str, args: Sequence[str | Call | Bars], *, indent: int, tail: str = "", closing: str = ")") -> str | None:
    """`call`'s layout where it is certain; None where black decides."""
    if not args and indent + len(head + closing + tail) > LINE_LENGTH:
        returns = _RETURNS_ATOM.fullmatch(tail)
        if _DEF.match(head) and returns and head.isascii():  # `def f() -> None:`: the annotation is wrapped
            return _parenthesised(f"{head}{closing} -> ", [returns[1]], indent, ":")
        return _long_head(head, args, closing, tail, indent)  # `x = f()`: black may wrap the right-hand side
    laid = _lay(Call(head, tuple(args), closing), indent, tail)
    if laid is None and indent + len(head) > LINE_LENGTH:
        laid = _long_head(head, args, closing, tail, indent)
    return laid


def _long_head(head: str, args: Sequence[str | Call | Bars], closing: str, tail: str, indent: int) -> str | None:
    """`x = f(` itself too long: black puts the right-hand side in parentheses when all then fits;
    otherwise it keeps the long head and puts the items on one line below it, when they fit."""
    wrappable = _WRAPPABLE.fullmatch(head)
    if wrappable and not tail and indent + len(wrappable["prefix"]) < LINE_LENGTH:
        inner = _lay(Call(wrappable["callee"], tuple(args), closing), indent + _STEP, "")
        if inner is not None and all(len(line) <= LINE_LENGTH for line in inner.split("\n")):
            return _parenthesised(wrappable["prefix"], [inner], indent)
    body = ", ".join(map(_flat, args))
    if not args or (wrappable and wrappable["annotated"]):
        return None  # an annotated target: black would split the hint's brackets first
    lone_dotted = len(args) == 1 and _DOTTED.fullmatch(body) is not None  # black leaves it long on its line
    if (indent + _STEP + len(body) > LINE_LENGTH and not lone_dotted) or indent + len(closing + tail) > LINE_LENGTH:
        return None
    if not body.isascii():
        return None
    if _DEF.match(head):
        return None  # a def's parameters: not checked against black
    return f"{head}\n{' ' * (indent + _STEP)}{body}\n{' ' * indent}{closing}{tail}"


_DEF = re.compile(r"(?:async )?def ")
_RETURNS_ATOM = re.compile(r" -> ([A-Za-z_][\w.]*):")
_DISPLAY = re.compile(r"(?:^|[^\w)\]])[\[({]$")
# Atoms black cannot break: a dotted name (two names or more), a name, a number, a plain string.
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
_ATOM = re.compile(r'[A-Za-z_][\w.]*|-?\d+|"(?:[^"\\\n]|\\.)*"')
# An assignment to a name, attribute or subscript, or a return, of a call: what black can parenthesise.
_WRAPPABLE = re.compile(
    r'(?P<prefix>[A-Za-z_][\w.]*(?:\["[^"\\]*"\])? = |(?P<annotated>[A-Za-z_]\w*: [\w.\[\], |]+ = )|return )'
    r"(?P<callee>[A-Za-z_][\w.]*\()"
)


def _lay(item: Call, indent: int, tail: str) -> str | None:
    """``item + tail`` from column ``indent`` as black lays it out; None where that is not certain."""
    inline = item.flat + tail
    if not inline.isascii():
        return None  # wide characters, whose width black and ruff may count otherwise
    if indent + len(inline) <= LINE_LENGTH or not item.args:
        return inline
    head, closing = item.head, item.closing + tail
    if indent + len(head) > LINE_LENGTH or indent + len(closing) > LINE_LENGTH:
        return None
    pad, inner = " " * indent, indent + _STEP
    body = ", ".join(map(_flat, item.args))
    lone_parameter = len(item.args) == 1 and _DEF.match(head) is not None  # black adds its trailing comma
    # A split display (list, set, dict, tuple: its bracket opens an atom, not a call or a subscript) of
    # several items always goes one item per line.
    several_displayed = len(item.args) > 1 and _DISPLAY.search(head) is not None
    if inner + len(body) <= LINE_LENGTH and not lone_parameter and not several_displayed:
        return f"{head}\n{' ' * inner}{body}\n{pad}{closing}"
    if len(item.args) == 1 and isinstance(item.args[0], Call):
        nested = _lay(item.args[0], inner, "")
        return None if nested is None else f"{head}\n{' ' * inner}{nested}\n{pad}{closing}"
    if len(item.args) == 1 and isinstance(item.args[0], Bars):
        operands = item.args[0].operands
        parts = _led("|", operands)
        if any(inner + len(part) > LINE_LENGTH for part in parts):
            return None
        return "\n".join([head, *(" " * inner + part for part in parts), pad + closing])
    if len(item.args) == 1 and _ATOM.fullmatch(body) and not lone_parameter:
        return f"{head}\n{' ' * inner}{body}\n{pad}{closing}"  # an atom black cannot break, left long
    lines: list[str] = []
    for arg in item.args:
        text = _flat(arg) + ","
        if inner + len(text) > LINE_LENGTH and not (isinstance(arg, str) and _ATOM.fullmatch(arg)):
            nested = _lay(arg, inner, ",") if isinstance(arg, Call) else None
            if nested is None:
                return None
            text = nested
        lines.append(" " * inner + text)  # an atom too long for its line stays as it is
    return "\n".join([head, *lines, pad + closing])


def atom_assignment(target: str, value: str, *, indent: int, annotated: bool) -> str | None:
    """``target = value`` (``target`` with its annotation, if any) as black lays it out, for ``value``
    an atom black cannot break (a name, a dotted name, a number, a plain string); None where that is
    not certain.

    A line that fits stays. Otherwise black puts the value in parentheses on a line of its own when it
    fits there, or when the target is annotated or subscripted, or the value is a dotted name (even if
    the value is still too long there); a lone name, number or string is left on the long line.
    """
    inline = f"{target} = {value}"
    if not inline.isascii() or not _ATOM.fullmatch(value):
        return None
    if indent + len(inline) <= LINE_LENGTH:
        return inline
    if indent + len(target) + 4 > LINE_LENGTH:
        return None  # `target = (` itself too long
    wrap = indent + _STEP + len(value) <= LINE_LENGTH or annotated or "[" in target or _DOTTED.fullmatch(value)
    if not wrap:
        return inline
    return _parenthesised(f"{target} = ", [value], indent)


def annotation(target: str, hint: str, value: str | None, *, indent: int, union: Sequence[str | Call] = ()) -> str | None:
    """``target: hint`` (`` = value``, ``value`` an atom) as black lays it out; None where not certain.

    A line that fits stays. When ``target: hint = (`` fits, the value is what black wraps (see
    `atom_assignment`); otherwise the hint goes in parentheses (see `_parenthesised_hint`; ``union``: the
    hint's operands when it is ``a | b | ...``).
    """
    tail = f" = {value}" if value is not None else ""
    inline = f"{target}: {hint}{tail}"
    if not inline.isascii():
        return None
    if indent + len(inline) <= LINE_LENGTH:
        return inline
    if value is not None and indent + len(f"{target}: {hint} = (") <= LINE_LENGTH:
        return atom_assignment(f"{target}: {hint}", value, indent=indent, annotated=True)
    return _parenthesised_hint(target, hint, tail, indent, union)


def _parenthesised_hint(name: str, hint: str, tail: str, indent: int, union: Sequence[str | Call]) -> str | None:
    """``name: (`` + the hint + ``)`` + ``tail`` (`` = atom`` and/or a comma): the hint on a line of its own
    when it fits there, else a union one operand per line (``| b`` after the first), an operand too long
    for its line split at its brackets (a subscript, given as a `Call`)."""
    if indent + len(name) + 3 > LINE_LENGTH or indent + 1 + len(tail) > LINE_LENGTH:
        return None
    value = tail.removeprefix(" = ").removesuffix(",")
    if tail.startswith(" = ") and not _ATOM.fullmatch(value):
        return None
    inner = indent + _STEP
    if inner + len(hint) <= LINE_LENGTH:
        body = [hint]
    elif len(union) > 1 and " | ".join(map(_flat, union)) == hint:
        body = []
        for line, operand in zip(_led("|", [_flat(operand) for operand in union]), union, strict=True):
            laid: str | None = line
            if inner + len(line) > LINE_LENGTH:  # a subscript: split at its brackets
                lead = line[: len(line) - len(_flat(operand))]
                laid = None
                if isinstance(operand, Call):
                    laid = certain_call(lead + operand.head, operand.args, indent=inner, closing=operand.closing)
            if laid is None:
                return None
            body.append(laid)
    else:
        return None
    return _parenthesised(f"{name}: ", body, indent, tail)


def conditional(lead: str, value: str, test: str, orelse: str | Call, *, indent: int, tail: str = "") -> str | None:
    """``lead + value if test else orelse + tail`` (``lead``: ``return ``, ``x = ``, ``"key": ``) as black lays
    it out; None where that is not certain.

    A line that fits stays. Otherwise black puts the conditional expression in parentheses: on one line
    between them when it fits there, else ``value``, ``if test`` and ``else orelse`` each on a line of
    its own, ``orelse`` split as `call` splits it when it is a call too long for its line.
    """
    body = f"{value} if {test} else {_flat(orelse)}"
    inline = f"{lead}{body}{tail}"
    if not inline.isascii():
        return None
    if indent + len(inline) <= LINE_LENGTH:
        return inline
    inner = indent + _STEP
    if indent + len(lead) + 1 > LINE_LENGTH or indent + 1 + len(tail) > LINE_LENGTH:
        return None
    if inner + len(body) <= LINE_LENGTH:
        parts = [body]
    else:
        other: str | None = f"else {_flat(orelse)}"
        if inner + len(f"else {_flat(orelse)}") > LINE_LENGTH:
            other = None
            if isinstance(orelse, Call) and orelse.args:
                other = certain_call(f"else {orelse.head}", orelse.args, indent=inner, closing=orelse.closing)
        if other is None:
            return None
        parts = [value, f"if {test}", other]
        if inner + len(value) > LINE_LENGTH or inner + len(parts[1]) > LINE_LENGTH:
            return None
    return _parenthesised(lead, parts, indent, tail)


def from_import(module: str, names: Sequence[str], *, indent: int) -> str | None:
    """``from module import names`` as black lays it out: one line when it fits, else one name per line
    in parentheses with a trailing comma (however long a name's line is)."""
    inline = f"from {module} import {', '.join(names)}"
    if not inline.isascii():
        return None
    if indent + len(inline) <= LINE_LENGTH or not names:
        return inline
    return exploded(f"from {module} import (", names, ")", indent=indent)


def class_header(name: str, bases: Sequence[str], *, indent: int) -> str | None:
    """``class name(bases):`` as black lays it out; None where that is not certain."""
    inline = f"class {name}({', '.join(bases)}):"
    if not inline.isascii():
        return None
    if indent + len(inline) <= LINE_LENGTH or not bases:
        return inline
    body = ", ".join(bases)
    if indent + _STEP + len(body) > LINE_LENGTH:
        return None
    return f"class {name}(\n{' ' * (indent + _STEP)}{body}\n{' ' * indent}):"


def comprehension(head: str, element: str, clauses: Sequence[str], closing: str, *, indent: int,
                  split: str | None = None) -> str | None:  # fmt: skip
    """``head + element + clauses + closing`` as black lays it out, for a statement that ends with a
    list, set or dict comprehension: ``head`` is the statement up to the comprehension's opening bracket
    (``x = [``, ``return {``), ``element`` the item (``k: v`` for a dict), ``clauses`` its ``for ... in
    ...`` and ``if ...`` parts. None where that is not certain.

    A line that fits stays. Otherwise black splits at the brackets: the comprehension on one line
    between them when it fits there, else the element and each clause on a line of their own, each
    fitting but the element, which is then ``split``: its own layout one level in (a call split at its
    brackets, a conditional expression in parentheses), None if not known.
    """
    body = " ".join([element, *clauses])
    inline = f"{head}{body}{closing}"
    if not inline.isascii():
        return None
    if indent + len(inline) <= LINE_LENGTH:
        return inline
    if indent + len(head) > LINE_LENGTH:
        return None
    pad, inner = " " * indent, " " * (indent + _STEP)
    if indent + _STEP + len(body) <= LINE_LENGTH:
        return f"{head}\n{inner}{body}\n{pad}{closing}"
    if any(indent + _STEP + len(part) > LINE_LENGTH for part in clauses):
        return None
    if indent + _STEP + len(element) > LINE_LENGTH:
        if split is None or "\n" not in split:
            return None
        element = split
    return "\n".join([head, *(inner + part for part in (element, *clauses)), pad + closing])


def condition_header(keyword: str, operator: str, operands: Sequence[tuple[str, str]], *, indent: int) -> str | None:
    """``keyword a and b and ...:`` (``if``, ``elif``, ``while``; ``and`` or ``or``) as black lays it out;
    None where that is not certain. Each operand is ``(left, rest)``: a comparison ``x is not None`` as
    ``("x", "is not None")``, anything else as ``(text, "")``.

    A line that fits stays. Otherwise black puts the condition in parentheses: on one line between them
    when it fits there, else one operand per line (after the first, led by the operator), an operand
    still too long split before its comparison operator.
    """
    texts = [f"{left} {rest}" if rest else left for left, rest in operands]
    condition = f" {operator} ".join(texts)
    inline = f"{keyword} {condition}:"
    if not inline.isascii():
        return None
    if indent + len(inline) <= LINE_LENGTH:
        return inline
    inner = indent + _STEP
    if inner + len(condition) <= LINE_LENGTH:
        body = [condition]
    else:
        body = []
        for index, ((left, rest), text) in enumerate(zip(operands, texts, strict=True)):
            lead = f"{operator} " if index else ""
            if inner + len(lead + text) <= LINE_LENGTH:
                body.append(lead + text)
            elif rest and inner + len(lead + left) <= LINE_LENGTH and inner + len(rest) <= LINE_LENGTH:
                body.extend([lead + left, rest])
            else:
                return None
    return _parenthesised(f"{keyword} ", body, indent, ":")


def parameter(name: str, hint: str, default: str | None, *, indent: int, union: Sequence[str | Call] = ()) -> str | None:
    """One parameter line of a signature exploded one parameter per line (its trailing comma
    included), as black lays it out: when the line is too long, the hint in parentheses (see
    `_parenthesised_hint`); None where that is not certain."""
    tail = f" = {default}," if default is not None else ","
    inline = f"{name}: {hint}{tail}"
    if not inline.isascii():
        return None
    if indent + len(inline) <= LINE_LENGTH:
        return inline
    return _parenthesised_hint(name, hint, tail, indent, union)
