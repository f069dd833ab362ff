"""Request arguments → JSON values (models, enums, dates; OMIT-valued keys dropped)."""

from __future__ import annotations

import base64
import datetime as _dt
import enum
import uuid
from decimal import Decimal
from typing import Any

from ._types import OMIT, JsonPart, Omit

__all__ = ["deep_object", "json_part", "to_jsonable", "unknown_keys"]


def to_jsonable(value: Any) -> Any:
    """The JSON value for ``value``; dict entries whose value is ``OMIT`` are left out."""
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if value is None or isinstance(value, (str, int, float, bool, Omit)):
        return value
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items() if not isinstance(v, Omit)}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if callable(getattr(value, "to_dict", None)):
        return value.to_dict()
    if isinstance(value, (_dt.date, _dt.time)):  # datetime is a date subclass
        return value.isoformat()
    if isinstance(value, (uuid.UUID, Decimal)):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot send a {type(value).__name__} as JSON")


def json_part(value: Any) -> Any:
    """A multipart field sent as a JSON document, or ``OMIT`` when the argument was omitted."""
    return OMIT if isinstance(value, Omit) else JsonPart(to_jsonable(value))


def deep_object(name: str, value: Any) -> list[tuple[str, Any]]:
    """A deepObject form field as ``name[key]=value`` pairs (nested objects and lists flattened)."""
    if isinstance(value, (dict, list)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        return [p for k, v in items for p in deep_object(f"{name}[{k}]", v)]
    return [(name, value)]


def unknown_keys(data: Any, known: frozenset[str]) -> dict[str, Any]:
    """The entries of ``data`` a model does not declare (kept so they survive a round trip)."""
    return {} if known.issuperset(data) else {k: v for k, v in data.items() if k not in known}
