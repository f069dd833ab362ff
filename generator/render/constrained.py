"""Sample values that satisfy a schema's validation keywords: lengths and ``pattern`` for strings, bounds and
``multipleOf`` for numbers, item counts for arrays. The generated tests then exercise valid calls.

A ``pattern`` is satisfied by generating a string from the regular expression itself (literals, classes,
repeats, groups, alternatives; anchors and lookarounds are skipped) and checking the result with
``re.search``, as JSON Schema does. When nothing fits, the plain value is kept (best effort).
"""

from __future__ import annotations

import importlib
import math
import re
import sys
from collections.abc import Callable
from typing import Any

from .. import ir

__all__ = ["constrained_items", "constrained_number", "constrained_string", "fits_string"]

_parser: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")
_STRETCH = 48  # extra repetitions tried per repeat while looking for a string of the right length
_CATEGORY = {"CATEGORY_DIGIT": "0", "CATEGORY_NOT_DIGIT": "a", "CATEGORY_SPACE": " ", "CATEGORY_NOT_SPACE": "a",
             "CATEGORY_WORD": "a", "CATEGORY_NOT_WORD": "-"}  # fmt: skip
_NEGATED = "aZ0_-x. "


class _Unsupported(Exception):
    """A regular-expression construct the generator does not produce strings for."""


def fits_string(value: str, c: ir.Constraints) -> bool:
    if c.min_length is not None and len(value) < c.min_length:
        return False
    if c.max_length is not None and len(value) > c.max_length:
        return False
    if c.pattern is None:
        return True
    try:
        return re.search(c.pattern, value) is not None
    except (re.error, RecursionError):  # not a Python regex: it cannot be checked here
        return True


def constrained_string(base: str, c: ir.Constraints) -> str:
    """``base`` if it fits ``c``, else a string that does (from the pattern, padded or cut to length)."""
    if fits_string(base, c):
        return base
    candidates: list[str] = []
    if c.pattern is not None:
        try:
            parsed = _parser.parse(c.pattern)
            candidates = [_generate(parsed, stretch) for stretch in range(_STRETCH)]
        except (_Unsupported, re.error, RecursionError, ValueError, TypeError):
            candidates = []
    low, high = c.min_length or 0, c.max_length
    padded = (base + "x" * max(0, low - len(base)))[: high if high is not None else None]
    for candidate in [*candidates, padded, *(p + "x" * max(0, low - len(p)) for p in candidates[:1])]:
        if fits_string(candidate, c):
            return candidate
    return padded


def _generate(parsed: Any, stretch: int) -> str:
    out: list[str] = []
    for op, av in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(av))
        elif name == "NOT_LITERAL":
            out.append("a" if av != ord("a") else "b")
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            out.append(_from_class(av))
        elif name == "BRANCH":
            out.append(_generate(av[1][0], stretch))
        elif name == "SUBPATTERN":
            out.append(_generate(av[-1], stretch))
        elif name == "ATOMIC_GROUP":
            out.append(_generate(av, stretch))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, inner = av
            count = low + stretch if high == _parser.MAXREPEAT else min(low + stretch, high)
            out.append("".join(_generate(inner, stretch) for _ in range(count)))
        elif name == "CATEGORY":
            out.append(_CATEGORY.get(str(av), "a"))
        elif name not in ("AT", "ASSERT", "ASSERT_NOT"):
            raise _Unsupported(name)
    return "".join(out)


def _from_class(items: list[Any]) -> str:
    if items and str(items[0][0]) == "NEGATE":
        return next((ch for ch in _NEGATED if not _in_class(ch, items[1:])), "a")
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            return chr(av)
        if name == "RANGE":
            return chr(av[0])
        if name == "CATEGORY":
            return _CATEGORY.get(str(av), "a")
    raise _Unsupported("IN")


def _in_class(ch: str, items: list[Any]) -> bool:
    for op, av in items:
        name = str(op)
        if (name == "LITERAL" and ch == chr(av)) or (name == "RANGE" and av[0] <= ord(ch) <= av[1]):
            return True
        if name == "CATEGORY" and re.fullmatch(_CATEGORY_REGEX.get(str(av), "."), ch):
            return True
    return False


_CATEGORY_REGEX = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                   "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}  # fmt: skip


def constrained_number(base: float, c: ir.Constraints, *, integer: bool) -> Any:
    """``base`` if it fits the bounds and ``multipleOf``, else the first simple value that does."""
    low = [v for v in (c.minimum, c.exclusive_minimum) if v is not None]
    high = [v for v in (c.maximum, c.exclusive_maximum) if v is not None]
    lo, hi = (max(low) if low else None), (min(high) if high else None)
    candidates: list[float] = [base, 0, 1]
    for bound in (lo, hi):
        if bound is not None:
            candidates += [bound, bound + 1, bound - 1, bound + 0.5, bound - 0.5]
    if lo is not None and hi is not None:
        candidates.append((lo + hi) / 2)
    step = c.multiple_of
    if step:
        anchors = [v for v in (base, lo, hi) if v is not None]
        candidates += [step * math.ceil(v / step) for v in anchors] + [step * math.floor(v / step) for v in anchors]
        candidates.append(step)
    for value in candidates:
        if integer and value != int(value):
            continue
        typed = int(value) if integer else float(value)
        if _fits_number(typed, c):
            return typed
    return int(base) if integer else base


def _fits_number(value: float, c: ir.Constraints) -> bool:
    if (c.minimum is not None and value < c.minimum) or (c.maximum is not None and value > c.maximum):
        return False
    if c.exclusive_minimum is not None and value <= c.exclusive_minimum:
        return False
    if c.exclusive_maximum is not None and value >= c.exclusive_maximum:
        return False
    if c.multiple_of:
        ratio = value / c.multiple_of
        return abs(ratio - round(ratio)) < 1e-9
    return True


def constrained_items(make: Callable[[], Any], c: ir.Constraints, cut: list[Any] | None) -> list[Any]:
    """A list of sample items (one, or ``cut`` deep in a recursion) within ``minItems``/``maxItems``."""
    count = max(c.min_items or 0, 0 if cut is not None else 1)
    if c.max_items is not None:
        count = min(count, c.max_items)
    if count == 0:
        return [] if cut is None else cut
    items = [make() for _ in range(count)]
    if c.unique_items:
        items = [_distinct(item, index) for index, item in enumerate(items)]
    return items


def _distinct(item: Any, index: int) -> Any:
    if index == 0 or isinstance(item, bool):
        return item
    if isinstance(item, int | float):
        return item + index
    return f"{item}{index}" if isinstance(item, str) else item
