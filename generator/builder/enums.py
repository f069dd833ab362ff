"""``enum`` schemas → ``ir.Enum`` with safe, unique member names."""

from __future__ import annotations

import contextlib
from typing import Any

from ..ir import Enum, EnumMember
from .context import BuildContext
from .naming import Scope, number_name, snake_case

__all__ = ["build_enum", "member_name", "value_kind"]

_RESERVED_MEMBERS = frozenset({"MRO", "NAME", "VALUE"})


def value_kind(values: list[Any]) -> str:
    """"string", "integer", "number", "boolean" or "mixed" for a list of enum values."""
    if all(isinstance(v, str) for v in values):
        return "string"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "number"
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    return "mixed"


def member_name(value: Any) -> str:
    """UPPER_SNAKE name for an enum value (before uniqueness)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_name(value)
    if value is None:
        return "NONE"
    text = str(value)
    return snake_case(text, fallback="value").upper() if text.strip() else "EMPTY"


def build_enum(ctx: BuildContext, schema: dict[str, Any], pointer: str, name: str, module: str) -> None:
    """Define enum ``name``; ``x-enum-varnames`` / ``x-enumNames`` give member names when present."""
    values = [v for v in schema["enum"] if v is not None]
    unique: list[Any] = []
    first: dict[Any, Any] = {}  # equal values hash alike (True == 1 == 1.0): one look-up per value
    for value in values:
        try:
            same = [first[value]] if value in first else []
        except TypeError:  # an object or array value: compared one by one (skipped below anyway)
            same = [u for u in unique if value == u]
        if same and type(same[0]) is not type(value):
            # Python enums alias members with equal values (True == 1 == 1.0): keep the first one.
            ctx.warn("enum-value-clash", f"enum value {value!r} equals {same[0]!r} in Python; it is dropped", pointer)
        elif not same:
            unique.append(value)
            with contextlib.suppress(TypeError):
                first[value] = value
    if not all(isinstance(v, (str, int, float, bool)) for v in unique):
        ctx.warn("enum-unsupported-value", "enum has object or array values; those are skipped", pointer)
        unique = [v for v in unique if isinstance(v, (str, int, float, bool))]
    names = schema.get("x-enum-varnames") or schema.get("x-enumNames")
    descriptions = schema.get("x-enum-descriptions") or schema.get("x-enumDescriptions")
    scope = Scope(reserved=_RESERVED_MEMBERS)
    members = []
    for index, value in enumerate(unique):
        wanted = member_name(value)
        if isinstance(names, list) and index < len(names) and isinstance(names[index], str):
            wanted = snake_case(names[index], fallback="value").upper()
        member, _ = scope.claim(wanted)
        text = descriptions[index] if isinstance(descriptions, list) and index < len(descriptions) else None
        members.append(EnumMember(member, value, text if isinstance(text, str) else None))
    description = schema.get("description")
    ctx.add(
        Enum(
            name=name,
            module=module,
            members=tuple(members),
            value_kind=value_kind(unique),
            pointer=pointer,
            description=description if isinstance(description, str) else None,
            deprecated=schema.get("deprecated") is True,
        )
    )
