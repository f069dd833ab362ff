"""Statements whose black layout is known without running black (the rules are in `blackstyle`).

black costs 1-2 ms of CPU per statement it lays out. For the shapes the generator emits most (a call
assigned, returned, raised, asserted or standing alone; an atom or annotation assigned; a comprehension
assigned or returned; a long `if`/`while` condition; a `class` header; a `from ... import`), the layout
black would choose is computed here from the statement's parsed parts, each part taken as one line of
source. Two users:

* the renderer (`fit_statement`, `fit_item`: Jinja filters), so that a template's long statement is
  emitted already laid out and the format stage finds nothing too long in the file;
* the format stage (`known_layout`), for the statements still too long after ruff.

Anything else, or any part that spans lines or holds a comment, is left to black.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence

from .blackstyle import (
    LINE_LENGTH,
    Bars,
    Call,
    annotation,
    atom_assignment,
    certain_call,
    class_header,
    comprehension,
    condition_header,
    conditional,
    from_import,
    parameter,
)
from .certain import vouch

__all__ = ["fit_call", "fit_item", "fit_parameter", "fit_returns", "fit_statement", "known_layout"]


def known_layout(node: ast.stmt, lines: list[str], first: int, last: int) -> list[str] | None:
    """black's lines for the statement ``node`` (on ``lines[first - 1 : last]``), or None."""
    if any("#" in line for line in lines[first - 1 : last]):
        return None  # a comment somewhere in the statement: black places it
    laid = _laid_out(node, lines, node.col_offset)
    return None if laid is None else (" " * node.col_offset + laid).split("\n")


def fit_statement(line: str, indent: int) -> str:
    """A statement written on one line (after any spaces that indent it further), to be placed at
    ``indent``, laid out as black would where this module knows how, continuation lines carrying their
    full indentation; as it is otherwise (the format stage then decides)."""
    if indent + len(line) <= LINE_LENGTH or "#" in line or "\n" in line:
        return line
    statement = line.lstrip(" ")
    lead = len(line) - len(statement)
    try:  # a block's header (`class C(...):`) parses with a body
        tree = ast.parse(statement + "\n    pass" if statement.endswith(":") else statement)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return line
    if len(tree.body) != 1:
        return line
    laid = _laid_out(tree.body[0], [statement], indent + lead)
    if laid is None:
        return line
    vouch(" " * lead + laid, column=indent, limit=LINE_LENGTH, anchored=True)
    return " " * lead + laid


_KEYWORD = re.compile(r"([A-Za-z_]\w*)=(?!=)")
_KEY = re.compile(r'"(?:[^"\\\n]|\\.)*": ')  # a dict item's plain string key


def fit_item(item: str, indent: int) -> str:
    """One item of a bracket exploded one item per line (``value``, ``name=value`` or ``key: value``), at
    ``indent``, with its trailing comma: a call or display black would split laid out as black would; as
    it is otherwise."""
    line = f"{item},"
    if indent + len(line) <= LINE_LENGTH or "#" in item or "\n" in item:
        return line
    keyword = _KEYWORD.match(item) or _KEY.match(item)
    prefix = keyword.group(0) if keyword else ""
    source = item[len(prefix) :]
    try:
        value = ast.parse(source, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return line
    laid: str | None = None
    if isinstance(value, ast.IfExp) and prefix and not prefix.endswith("="):
        laid = _conditional(prefix, value, [source], indent, ",")  # a dict value: black parenthesises it
    elif (bracketed := _bracketed(value, [source], prefix)) is not None:
        laid = certain_call(bracketed.head, bracketed.args, indent=indent, tail=",", closing=bracketed.closing)
    if laid is None or "\n" not in laid:
        return line
    vouch(laid, column=indent, limit=LINE_LENGTH, anchored=True)
    return laid


def fit_parameter(name: str, hint: str, default: str | None, indent: int) -> str:
    """One parameter line of a signature exploded one parameter per line, with its trailing comma, as
    black lays it out where that is certain (see `blackstyle.parameter`); as written otherwise."""
    union: list[str | Call] = []
    if " | " in hint:
        try:
            union = _union(ast.parse(hint, mode="eval").body, [hint])
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            union = []
    laid = parameter(name, hint, default, indent=indent, union=union)
    if laid is None:
        return f"{name}: {hint}{f' = {default}' if default is not None else ''},"
    vouch(laid, column=indent, limit=LINE_LENGTH, anchored=True)
    return laid


def fit_returns(returns: str, indent: int) -> str:
    """The closing line ``) -> returns:`` of a signature exploded one parameter per line, at ``indent``: a
    subscripted return type too long for it split at its brackets as black would, where that is certain."""
    line = f") -> {returns}:"
    if indent + len(line) <= LINE_LENGTH:
        return line
    subscript = _subscript(returns)
    if subscript is None:
        return line
    laid = certain_call(f") -> {subscript.head}", subscript.args, indent=indent, tail=":", closing="]")
    if laid is None:
        return line
    vouch(laid, column=indent, limit=LINE_LENGTH, anchored=True)
    return laid


def _subscript(source: str) -> Call | None:
    """``Name[a, b]`` (a dotted name subscripted, nothing after it) as a `Call` split at its brackets."""
    try:
        node = ast.parse(source, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if not isinstance(node, ast.Subscript) or not source.endswith("]"):
        return None
    return _bracketed(node, [source], "")


def fit_call(head: str, args: Sequence[str | Call], indent: int, tail: str = "", closing: str = ")") -> str:
    """`blackstyle.call` for templates: ``head + args + closing + tail`` at ``indent``, laid out as black
    would where that is certain (and then vouched for: see `certain`), on one line otherwise."""
    laid = certain_call(head, args, indent=indent, tail=tail, closing=closing)
    if laid is None:
        return Call(head, tuple(args), closing).flat + tail  # on one line: the format stage decides
    vouch(laid, column=indent, limit=LINE_LENGTH, anchored=True)
    return laid


def _laid_out(node: ast.stmt, lines: list[str], indent: int) -> str | None:
    for shape in (_call_lines, _atom_lines, _comprehension_lines, _header_lines, _conditional_lines):
        laid = shape(node, lines, indent)
        if laid is not None:
            return laid
    return None


# The statement heads whose layout `blackstyle.call` knows (checked against black in its tests): a
# dotted callee, after an optional plain, subscripted or annotated assignment target, `return`, `raise`,
# `assert` (`assert x == `).
_CALL_HEAD = re.compile(
    r'(?:[A-Za-z_][\w.]*(?:\["[^"\\]*"\])? = |[A-Za-z_]\w*: [\w.\[\], |]+ = |return |raise |assert (?:[A-Za-z_]\w* == )?)?'
    r"[A-Za-z_][\w.]*\("
)


def _call_lines(node: ast.stmt, text: list[str], indent: int) -> str | None:
    """The statement's lines as black lays them out, when it is a call statement `blackstyle.call` knows
    and each of its arguments sits on one line; else None."""
    tail = ""
    lead: str | None = ""
    value: ast.expr | None = None
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        value, lead = node.value, _one_line(node.targets[0], text)
        lead = None if lead is None else lead + " = "
    elif isinstance(node, ast.AnnAssign) and node.value is not None and node.simple:
        target, hint = _one_line(node.target, text), _one_line(node.annotation, text)
        value, lead = node.value, None if target is None or hint is None else f"{target}: {hint} = "
    elif isinstance(node, (ast.Return, ast.Expr)):
        value, lead = node.value, "return " if isinstance(node, ast.Return) else ""
    elif isinstance(node, ast.Raise) and (node.cause is None or isinstance(node.cause, ast.Name)):
        value, lead = node.exc, "raise "
        tail = f" from {node.cause.id}" if isinstance(node.cause, ast.Name) else ""
    elif isinstance(node, ast.Assert) and node.msg is None:
        value, lead = node.test, "assert "
        test = node.test
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
            left = test.left
            value, lead = test.comparators[0], f"assert {left.id} == " if isinstance(left, ast.Name) else None
    if not isinstance(value, ast.Call) or lead is None:
        return None
    callee = _one_line(value.func, text)
    head = f"{lead}{callee}(" if callee is not None else ""
    args = _call_args(value, text) if _CALL_HEAD.fullmatch(head) else None
    if args is None:
        return None
    if isinstance(node, ast.Assert) and lead != "assert " and indent + len(head) > LINE_LENGTH:
        return None  # `assert x == f(` too long: black wraps the comparison in parentheses
    laid = certain_call(head, args, indent=indent, tail=tail)
    if laid is None or "\n" not in laid:
        return None  # one line, or a layout black might choose otherwise: black decides
    return laid


def _atom_lines(node: ast.stmt, text: list[str], indent: int) -> str | None:
    """The statement's lines as black lays them out, when it assigns an atom black cannot break (see
    `blackstyle.atom_assignment`) or is an annotation too long for its line (`blackstyle.annotation`),
    its parts each on one line; else None."""
    if isinstance(node, ast.AnnAssign):
        target, hint = _one_line(node.target, text), _one_line(node.annotation, text)
        value = _one_line(node.value, text) if node.value is not None else None
        if target is None or hint is None or (node.value is not None and value is None):
            return None
        laid = annotation(target, hint, value, indent=indent, union=_union(node.annotation, text))
    elif isinstance(node, ast.Assign) and len(node.targets) == 1:
        target, value = _one_line(node.targets[0], text), _one_line(node.value, text)
        if target is None or value is None:
            return None
        laid = atom_assignment(target, value, indent=indent, annotated=False)
    else:
        return None
    return laid


def _conditional_lines(node: ast.stmt, text: list[str], indent: int) -> str | None:
    """A conditional expression returned or assigned to one target, as black lays it out (see
    `blackstyle.conditional`); else None."""
    lead: str | None = None
    if isinstance(node, ast.Return):
        lead = "return "
    elif isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = _one_line(node.targets[0], text)
        lead = None if target is None else f"{target} = "
    value = getattr(node, "value", None)
    return None if lead is None or not isinstance(value, ast.IfExp) else _conditional(lead, value, text, indent, "")


def _conditional(lead: str, node: ast.IfExp, text: list[str], indent: int, tail: str) -> str | None:
    choice = _choice(node, text)
    return None if choice is None else conditional(lead, *choice, indent=indent, tail=tail)


def _choice(node: ast.IfExp, text: list[str]) -> tuple[str, str, str | Call] | None:
    """A conditional expression's value, test and alternative (a call or display as a `Call`), as
    `blackstyle.conditional` takes them; None when a part spans lines or is itself conditional."""
    if any(isinstance(part, (ast.IfExp, ast.Lambda, ast.NamedExpr)) for part in (node.body, node.test, node.orelse)):
        return None
    body, test = _one_line(node.body, text), _one_line(node.test, text)
    orelse = _bracketed(node.orelse, text, "") or _one_line(node.orelse, text)
    return None if body is None or test is None or orelse is None else (body, test, orelse)


def _is_union(node: ast.expr) -> bool:
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr)


def _union(node: ast.expr, text: list[str]) -> list[str | Call]:
    """The operands of ``a | b | ...`` (each on one line of source, a subscript as a `Call`), left to
    right; [] for anything else."""
    operands: list[ast.expr] = []
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        operands.append(node.right)
        node = node.left
    operands.append(node)
    found: list[str | Call] = []
    for operand in reversed(operands):
        item = _bracketed(operand, text, "") if isinstance(operand, ast.Subscript) else _one_line(operand, text)
        if item is None:
            return []
        found.append(item)
    return found


def _split_element(value: ast.ListComp | ast.SetComp | ast.DictComp, text: list[str], indent: int) -> str | None:
    """A comprehension's element laid out at ``indent`` over several lines, as black splits one too long
    for its line: a call (or a dict comprehension's call value) at its brackets, a conditional expression
    in parentheses; None for anything else."""
    if isinstance(value, ast.DictComp):
        key = _one_line(value.key, text)
        call = _bracketed(value.value, text, f"{key}: ") if key is not None else None
    elif isinstance(value.elt, ast.IfExp):
        choice = _choice(value.elt, text)
        return None if choice is None else conditional("", *choice, indent=indent)
    else:
        call = _bracketed(value.elt, text, "")
    if call is None or not call.head.endswith("("):
        return None  # a display black would explode differently from a call
    return certain_call(call.head, call.args, indent=indent, closing=call.closing)


def _header_lines(node: ast.stmt, text: list[str], indent: int) -> str | None:
    """A `class` header or a `from ... import` as black lays it out (see `blackstyle`); else None."""
    laid: str | None = None
    if isinstance(node, ast.ClassDef) and not node.keywords and not getattr(node, "type_params", None):
        bases = [_one_line(base, text) for base in node.bases]
        if all(base is not None for base in bases):
            laid = class_header(node.name, [base for base in bases if base is not None], indent=indent)
    elif isinstance(node, (ast.If, ast.While)) and isinstance(node.test, ast.BoolOp):
        operands = [_operand(value, text) for value in node.test.values]
        if all(operand is not None for operand in operands):
            keyword = "while" if isinstance(node, ast.While) else _if_keyword(node, text)
            operator = "and" if isinstance(node.test.op, ast.And) else "or"
            laid = condition_header(keyword, operator, [o for o in operands if o is not None], indent=indent)
    elif isinstance(node, ast.ImportFrom) and node.names and node.names[0].name != "*":
        names = [f"{alias.name} as {alias.asname}" if alias.asname else alias.name for alias in node.names]
        module = "." * node.level + (node.module or "")
        laid = from_import(module, names, indent=indent)
    return laid


def _if_keyword(node: ast.If, text: list[str]) -> str:
    return "elif" if text[node.lineno - 1][node.col_offset :].startswith("elif") else "if"


def _operand(value: ast.expr, text: list[str]) -> tuple[str, str] | None:
    """An operand of ``and``/``or`` as `blackstyle.condition_header` takes it; None if it spans lines or
    is itself a boolean operation (black would nest its parentheses)."""
    source = _one_line(value, text)
    if source is None or isinstance(value, (ast.BoolOp, ast.IfExp, ast.Lambda, ast.NamedExpr)):
        return None
    if isinstance(value, ast.Compare) and len(value.ops) == 1:
        left = _one_line(value.left, text)
        if left is not None and source.startswith(left + " "):
            return left, source[len(left) + 1 :]
    return source, ""


_BRACKETS = {ast.ListComp: ("[", "]"), ast.SetComp: ("{", "}"), ast.DictComp: ("{", "}")}


def _comprehension_lines(node: ast.stmt, text: list[str], indent: int) -> str | None:
    """The statement's lines as black lays them out, when it assigns or returns a comprehension whose parts
    each sit on one line (see `blackstyle.comprehension`); else None."""
    lead: str | None = None
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = _one_line(node.targets[0], text)
        lead = None if target is None else f"{target} = "
    elif isinstance(node, ast.Return):
        lead = "return "
    value = getattr(node, "value", None)
    brackets = _BRACKETS.get(type(value))
    if lead is None or brackets is None or not isinstance(value, (ast.ListComp, ast.SetComp, ast.DictComp)):
        return None
    parts = [value.key, value.value] if isinstance(value, ast.DictComp) else [value.elt]
    if any(isinstance(part, (ast.Lambda, ast.NamedExpr)) for part in parts):
        return None  # black may parenthesise these (a conditional one only when it must split it: never here)
    if isinstance(value, ast.DictComp):
        key, item = _one_line(value.key, text), _one_line(value.value, text)
        element = None if key is None or item is None else f"{key}: {item}"
    else:
        element = _one_line(value.elt, text)
    clauses: list[str] = []
    for generator in value.generators:
        target, source = _one_line(generator.target, text), _one_line(generator.iter, text)
        conditions = [_one_line(condition, text) for condition in generator.ifs]
        if generator.is_async or target is None or source is None or None in conditions:
            return None
        clauses.append(f"for {target} in {source}")
        clauses.extend(f"if {condition}" for condition in conditions)
    if element is None:
        return None
    split = _split_element(value, text, indent + 4)
    laid = comprehension(lead + brackets[0], element, clauses, brackets[1], indent=indent, split=split)
    return laid


_CALLEE = re.compile(r"[A-Za-z_][\w.]*\(")


def _one_line(node: ast.expr | ast.keyword, text: list[str]) -> str | None:
    """The source of an expression that sits on one line; None if it spans more, or if its line is not
    ASCII (the parser's columns count UTF-8 bytes, not characters)."""
    line = text[node.lineno - 1]
    if node.end_lineno != node.lineno or not line.isascii():
        return None
    return line[node.col_offset : node.end_col_offset]


def _call_args(value: ast.Call, text: list[str]) -> list[str | Call | Bars] | None:
    """The call's arguments as `blackstyle.call` takes them: each one line of source, or a bracketed
    item black may split in turn (see `_bracketed`); None for anything else."""
    pieces: list[ast.expr | ast.keyword] = [*value.args, *value.keywords]
    pieces.sort(key=lambda piece: (piece.lineno, piece.col_offset))
    return _items(pieces, text)


def _items(pieces: list[ast.expr | ast.keyword], text: list[str]) -> list[str | Call | Bars] | None:
    args: list[str | Call | Bars] = []
    for piece in pieces:
        if isinstance(piece, ast.keyword) and piece.arg is not None:
            item: str | Call | None = _bracketed(piece.value, text, f"{piece.arg}=")
        else:
            item = _bracketed(piece, text, "") if isinstance(piece, ast.expr) else None
        if item is None:
            item = _one_line(piece, text)
        if item is None:
            return None
        args.append(item)
    return args


_OPENING = {ast.List: ("[", "]"), ast.Set: ("{", "}"), ast.Tuple: ("(", ")"), ast.Dict: ("{", "}")}


def _bracketed(node: ast.expr, text: list[str], prefix: str) -> Call | None:
    """``prefix`` + ``node`` as a `Call` black splits at its brackets: a call to a dotted name or such a name
    subscripted, or a list,
    set or dict display, or a parenthesised tuple of two items or more (a one-tuple's comma is not black's
    magic one), its items each such or one line of source; None otherwise."""
    if isinstance(node, ast.Call):
        callee = _one_line(node.func, text)
        if callee is None or not _CALLEE.fullmatch(callee + "("):
            return None
        args = _call_args(node, text)
        return None if args is None else Call(f"{prefix}{callee}(", tuple(args))
    if isinstance(node, ast.Subscript):
        name = _one_line(node.value, text)
        if name is None or not _CALLEE.fullmatch(name + "("):
            return None
        sliced = _one_line(node.slice, text)
        if sliced is None or sliced.startswith("(") or isinstance(node.slice, ast.Slice):
            return None
        if _is_union(node.slice):  # `X[a | b]`: black splits a lone union at its bars
            operands = _union(node.slice, text)
            if len(operands) > 1 and all(isinstance(operand, str) for operand in operands):
                return Call(f"{prefix}{name}[", (Bars(tuple(str(operand) for operand in operands)),), "]")
        args = _items(list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice], text)
        return None if args is None else Call(f"{prefix}{name}[", tuple(args), "]")
    brackets = _OPENING.get(type(node))
    source = _one_line(node, text)
    if brackets is None or source is None or not source.startswith(brackets[0]):
        return None
    if isinstance(node, ast.Dict):
        if not node.keys or any(key is None for key in node.keys):
            return None
        items: list[str | Call | Bars] = []
        for key, item in zip(node.keys, node.values, strict=True):
            key_source = _one_line(key, text) if key is not None else None
            if key_source is None:
                return None
            found = _bracketed(item, text, f"{key_source}: ") or _joined(key_source, _one_line(item, text))
            if found is None:
                return None
            items.append(found)
        return Call(prefix + brackets[0], tuple(items), brackets[1])
    elements: list[ast.expr] = getattr(node, "elts", [])
    if not elements or (isinstance(node, ast.Tuple) and len(elements) < 2):
        return None
    args = _items(list(elements), text)
    return None if args is None else Call(prefix + brackets[0], tuple(args), brackets[1])


def _joined(key: str, value: str | None) -> str | None:
    return None if value is None else f"{key}: {value}"
