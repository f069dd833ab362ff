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


def _problem(ctx: BuildContext, schema: dict[str, Any], value: Any) -> str | None:
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
