"""A schema's ``default``, kept only when it is a value of that schema.

``default: {}`` on a string/number union, ``default: []`` on a string: emitted, such a default is wrong
code (a ``field(default_factory=dict)`` on a ``str`` field). It is checked against its schema with a
JSON Schema validator for the spec's OpenAPI version (3.0 ``nullable`` understood, ``$ref``s followed
in the document); one that does not fit is a ``default-mismatch`` warning and is ignored.
"""

from __future__ import annotations

from typing import Any

from ..ir import Default
from ..load.pointer import join
from .context import BuildContext

__all__ = ["checked_default"]

_MESSAGE = 120
# Keywords that cannot make a value of the right JSON type fail (formats are not asserted).
_HARMLESS = frozenset({"type", "default", "description", "title", "example", "examples", "format", "enum",
                       "deprecated", "readOnly", "writeOnly", "nullable", "externalDocs", "items", "minLength",
                       "maxLength"})  # fmt: skip
_KINDS: dict[str, tuple[type, ...]] = {"string": (str,), "boolean": (bool,), "integer": (int,), "number": (int, float)}


def checked_default(ctx: BuildContext, schema: Any, pointer: str) -> Default | None:
    """``schema``'s default (found at ``pointer``), or None when it has none or one that does not fit."""
    if not isinstance(schema, dict) or "default" not in schema:
        return None
    value = schema["default"]
    problem = _problem(ctx, schema, value)
    if problem is None:
        return Default(value)
    ctx.warn_once("default-mismatch", f"`default` does not fit its schema ({problem}); ignored", join(pointer, "default"))
    return None


def _plainly_fits(schema: Any, value: Any) -> bool:
    """True when ``value`` obviously is a value of ``schema`` (a scalar of its one primitive type, in its
    enum if any and of a fitting length, or an array of such): most defaults, judged without loading a JSON
    Schema validator. False means "ask the validator"."""
    if not isinstance(schema, dict) or any(k not in _HARMLESS and not k.startswith("x-") for k in schema):
        return False
    kind = schema.get("type")
    if kind == "array":
        return isinstance(value, list) and all(_plainly_fits(schema.get("items"), item) for item in value)
    kinds = _KINDS.get(kind) if isinstance(kind, str) else None
    if kinds is None or type(value) not in kinds or (type(value) is bool) != (kind == "boolean"):
        return False
    if isinstance(value, str):
        shortest, longest = schema.get("minLength", 0), schema.get("maxLength", len(value))
        if not (type(shortest) is int and type(longest) is int and shortest <= len(value) <= longest):
            return False
    enum = schema.get("enum")
    return enum is None or (isinstance(enum, list) and any(v == value and type(v) is type(value) for v in enum))


def _problem(ctx: BuildContext, schema: dict[str, Any], value: Any) -> str | None:
    if _plainly_fits(schema, value):
        return None
    if ctx.default_checker is None:
        from openapi_schema_validator import OAS30Validator, OAS31Validator

        root = ctx.data if isinstance(ctx.data, dict) else {}
        ctx.default_checker = (OAS30Validator if ctx.is_openapi_30 else OAS31Validator)(root)
    try:
        error = next(iter(ctx.default_checker.evolve(schema=schema).iter_errors(value)), None)
    except Exception:  # third-party code on a schema it may not understand: the default cannot be judged
        return None
    if error is None:
        return None
    message = " ".join(str(error.message).split())
    return message if len(message) <= _MESSAGE else message[: _MESSAGE - 1] + "…"
