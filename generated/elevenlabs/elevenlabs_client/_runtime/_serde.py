"""Small, fast converters called from generated `from_dict` / `to_dict` code."""

from __future__ import annotations

import base64
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeAlias

__all__ = [
    "Mismatch", "VariantShape", "as_dict", "as_list", "b64decode", "b64encode", "expect", "format_date",
    "format_datetime", "format_time", "json_kind", "mismatch", "parse_date", "parse_datetime",
    "parse_decimal", "parse_time", "parse_uuid", "pick_variant", "wrong_kind",
]  # fmt: skip

VariantShape: TypeAlias = tuple[frozenset[str], frozenset[str], frozenset[str]]
"""(JSON kinds the variant accepts, its required keys, all its known keys)."""

_TIME = r"(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?"
_DATETIME_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[Tt ]" + _TIME)
_TIME_RE = re.compile(_TIME)
_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@lru_cache(maxsize=64)
def _zone(offset: str | None) -> tzinfo | None:
    if offset is None:
        return None
    if offset in "Zz" or offset.lstrip("+-").replace(":", "").strip("0") == "":
        return timezone.utc
    digits = offset[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    return timezone(-delta if offset[0] == "-" else delta)


def _clock(groups: Sequence[str | None]) -> tuple[int, int, int, int, tzinfo | None]:
    hour, minute, second, fraction, offset = groups
    micro = int(fraction[:6].ljust(6, "0")) if fraction else 0
    sec = int(second or 0)  # RFC 3339 allows a leap second (:60); Python does not
    return int(hour or 0), int(minute or 0), 59 if sec == 60 else sec, micro, _zone(offset)


def parse_datetime(value: str) -> datetime:
    """Parse an RFC 3339 date-time (`Z` or offset, any number of fraction digits; `T` or space).

    A value without an offset gives a naive datetime; a leap second (:60) becomes :59.
    """
    if _text(value)[10:11] in ("T", "t", " "):  # fast path; 3.10 lacks "Z" and > 6 fraction digits
        try:
            return datetime.fromisoformat(value[:-1] + "+00:00" if value[-1] in "Zz" else value)
        except ValueError:
            pass
    return _parse_rfc3339(value)


def _parse_rfc3339(value: str) -> datetime:
    match = _DATETIME_RE.fullmatch(value)
    if match is None:
        raise ValueError(f"Invalid RFC 3339 date-time: {value!r}")
    year, month, day = match.group(1, 2, 3)
    hour, minute, second, micro, zone = _clock(match.group(4, 5, 6, 7, 8))
    return datetime(int(year), int(month), int(day), hour, minute, second, micro, zone)


def format_datetime(value: datetime) -> str:
    """Render a datetime as ISO 8601 / RFC 3339 (`2024-05-01T12:00:00+00:00`)."""
    return value.isoformat()


def parse_date(value: str) -> date:
    """Parse an RFC 3339 full-date (`2024-05-01`)."""
    match = _DATE_RE.fullmatch(_text(value))
    if match is None:
        raise ValueError(f"Invalid RFC 3339 date: {value!r}")
    return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def format_date(value: date) -> str:
    """Render a date as `YYYY-MM-DD`."""
    return value.isoformat()


def parse_time(value: str) -> time:
    """Parse an RFC 3339 partial/full time (`12:30:00`, `12:30:00.5Z`, `12:30:00+02:00`)."""
    match = _TIME_RE.fullmatch(_text(value))
    if match is None:
        raise ValueError(f"Invalid RFC 3339 time: {value!r}")
    hour, minute, second, micro, zone = _clock(match.groups())
    return time(hour, minute, second, micro, zone)


def format_time(value: time) -> str:
    """Render a time as ISO 8601 (`12:30:00`, with offset when aware)."""
    return value.isoformat()


def parse_uuid(value: str) -> uuid.UUID:
    """Parse a UUID in any form `uuid.UUID` accepts."""
    return uuid.UUID(_text(value))


def b64decode(value: str) -> bytes:
    """Decode base64 (standard or URL-safe alphabet; missing padding tolerated)."""
    padded = _text(value) + "=" * (-len(value) % 4)
    if "-" in value or "_" in value:
        return base64.urlsafe_b64decode(padded)
    return base64.b64decode(padded)


def b64encode(value: bytes) -> str:
    """Encode bytes as standard, padded base64 text."""
    return base64.b64encode(value).decode("ascii")


def parse_decimal(value: str | float) -> Decimal:
    """Convert a JSON number or numeric string to `Decimal` without binary float noise."""
    return Decimal(repr(value) if isinstance(value, float) else value)


_KINDS: dict[type, str] = {
    bool: "boolean", dict: "object", list: "array", str: "string", int: "integer",
    float: "number", type(None): "null", tuple: "array", Mapping: "object",
}  # fmt: skip


def json_kind(value: Any) -> str:
    """Return the JSON Schema type name of a decoded JSON value (`"unknown"` for anything else).

    A bool is only `"boolean"`; an int is `"integer"` (which also satisfies `"number"`).
    """
    kind = _KINDS.get(type(value))
    if kind is None:  # subclasses such as IntEnum, other mappings
        kind = next((name for cls, name in _KINDS.items() if isinstance(value, cls)), "unknown")
    return kind


def _fits(value: Any, kind: str) -> bool:
    found = json_kind(value)
    return (
        found == kind
        or (found == "integer" and kind == "number")
        or (kind == "integer" and _whole(value))
    )


def _whole(value: Any) -> bool:
    """A float with no fraction, such as 3.0: JSON Schema counts it as an integer (decoded as `int`)."""
    return type(value) is float and value.is_integer()


def wrong_kind(value: Any, expected: str) -> Mismatch:
    """The `Mismatch` for a value that is not of the JSON kind(s) `expected` ("string", "integer|null")."""
    return Mismatch(f"expected {expected.replace('|', ' or ')}, got {json_kind(value)}", (), value)


def expect(data: Mapping[str, Any], key: str, expected: str) -> Any:
    """The slow half of a generated kind test, run when ``type(data[key])`` is not the exact type the
    fast test wanted: the value if it fits after all (a `str` or `int` subclass such as an enum member,
    an integer where a number is declared; 3.0 where an integer is becomes 3), else a `Mismatch` at `key`.
    """
    value = data[key]
    if not any(_fits(value, kind) for kind in expected.split("|")):
        raise Mismatch(wrong_kind(value, expected).message, [key], data)
    return int(value) if _whole(value) and "number" not in expected else value


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise wrong_kind(value, "string")


def pick_variant(data: Any, shapes: Sequence[VariantShape]) -> int:
    """Choose the variant of an undiscriminated union that `data` fits best; -1 if none fits.

    Variants are filtered by JSON kind (an integer also fits `"number"`); for an object, every
    required key must be present. Survivors score (keys they know) - (keys they do not know);
    the highest score wins and ties go to the lowest index. Deterministic, no trial decoding.
    """
    kind = json_kind(data)
    is_object = kind == "object"
    size = len(data) if is_object else 0
    best, best_score = -1, 0
    for index, (kinds, required, known) in enumerate(shapes):
        if kind not in kinds and not (kind == "integer" and "number" in kinds):
            continue
        score = 0
        if is_object:
            if not required.issubset(data):
                continue
            score = 2 * len(known.intersection(data)) - size
        if best < 0 or score > best_score:
            best, best_score = index, score
    return best


class Mismatch(ValueError):
    """A JSON value does not fit the schema; `path` (outermost first) says where, relative to `node`."""

    def __init__(self, message: str, path: Sequence[str | int] = (), node: Any = None) -> None:
        super().__init__(message)
        self.message, self.path, self.node = message, list(path), node

    def __str__(self) -> str:
        where = "".join(f"[{p}]" if isinstance(p, int) else f"[{p!r}]" for p in self.path)
        return f"at ${where}: {self.message}" if where else self.message


_ITEM_TESTS: dict[str, Any] = {"string": str.__instancecheck__, "boolean": bool.__instancecheck__}


def as_list(value: Any, items: str = "") -> list[Any]:
    """`value` if it is a JSON array (whose items are of the JSON kind `items`, if given), else a
    `Mismatch` (a string must not decode char by char)."""
    if type(value) is not list:
        raise Mismatch(f"expected an array, got {json_kind(value)}", (), value)
    if not items:
        return value
    test = _ITEM_TESTS.get(items)
    if test is not None and all(map(test, value)):
        return value
    _check_items(value, enumerate(value), items)
    return [int(item) for item in value] if items == "integer" else value


def as_dict(value: Any, items: str) -> dict[str, Any]:
    """`value` if it is a JSON object whose values are of the JSON kind `items`, else a `Mismatch`."""
    if type(value) is not dict:
        raise Mismatch(f"expected an object, got {json_kind(value)}", (), value)
    test = _ITEM_TESTS.get(items)
    if test is not None and all(map(test, value.values())):
        return value
    _check_items(value, value.items(), items)
    return {k: int(v) for k, v in value.items()} if items == "integer" else value


def _check_items(container: Any, pairs: Iterable[tuple[Any, Any]], items: str) -> None:
    for where, item in pairs:
        if not _fits(item, items):
            raise Mismatch(wrong_kind(item, items).message, [where], container)


def mismatch(error: BaseException, data: Any, key: str, schema: str) -> Mismatch:
    """`error`, raised while decoding property `key` ("" if none) of the object `data`, as a
    `Mismatch` whose path goes one level up (the failure path only: the index is found by identity).
    """
    if not isinstance(data, Mapping):
        return Mismatch(f"expected an object ({schema}), got {json_kind(data)}", (), data)
    if isinstance(error, Mismatch):
        value = data.get(key) if key else None
        if error.node is not data:
            items = (
                value.items()
                if isinstance(value, Mapping)
                else enumerate(value) if type(value) is list else ()
            )
            error.path[:0] = [key] * bool(key) + [i for i, item in items if item is error.node][:1]
        error.node = data
        return error
    if (
        isinstance(error, KeyError)
        and error.args
        and error.args[0] not in data
        and key in ("", error.args[0])
    ):
        return Mismatch(f"required property {error.args[0]!r} of {schema} is missing", (), data)
    detail = (
        "nested too deeply"
        if isinstance(error, RecursionError)
        else f"{type(error).__name__}: {error}"
    )
    return Mismatch(f"does not fit {schema} ({detail})", [key] if key else [], data)
