"""OpenAPI/JSON Schema constructs the generated client does not model: each becomes one warning.

The rest of the document is still generated; the warning names the JSON pointer of the construct so the
user can see exactly what the client ignores or approximates.
"""

from __future__ import annotations

from typing import Any

from ..load.pointer import join
from .context import BuildContext

__all__ = ["report_document", "report_operation", "report_response", "report_stream", "report_unsupported"]

# Schema keyword → what the client does instead.
_SCHEMA_KEYWORDS = {
    "not": "`not` is not checked; values are accepted as the other keywords describe",
    "if": "`if`/`then`/`else` is not applied; only the schema's other keywords shape the type",
    "then": "`if`/`then`/`else` is not applied; only the schema's other keywords shape the type",
    "else": "`if`/`then`/`else` is not applied; only the schema's other keywords shape the type",
    "patternProperties": "`patternProperties` is not modelled; matching keys are kept as untyped extra values",
    "dependentSchemas": "`dependentSchemas` is not applied; the properties it adds are kept as extra values",
}


def report_unsupported(ctx: BuildContext, schema: dict[str, Any], pointer: str) -> None:
    """Warn (once per pointer) about schema keywords the generated types ignore."""
    for keyword, message in _SCHEMA_KEYWORDS.items():
        if keyword in schema:
            if keyword in ("then", "else") and "if" in schema:
                continue  # reported once, at `if`
            ctx.warn_once("schema-unsupported", message, join(pointer, keyword))


def report_document(ctx: BuildContext, data: dict[str, Any]) -> None:
    """Top-level constructs: ``webhooks`` (3.1), which describe requests the API sends, not receives."""
    webhooks = data.get("webhooks")
    if isinstance(webhooks, dict) and webhooks:
        ctx.warn_once(
            "webhook-unsupported",
            f"{len(webhooks)} webhook(s) are requests the API sends to you; no client code is generated for them",
            "/webhooks",
        )


def report_operation(ctx: BuildContext, op: dict[str, Any], pointer: str) -> None:
    """Operation constructs: ``callbacks`` (requests the API makes back to you)."""
    callbacks = op.get("callbacks")
    if isinstance(callbacks, dict) and callbacks:
        ctx.warn_once(
            "callback-unsupported",
            "callbacks are requests the API sends to you; the operation is generated without them",
            join(pointer, "callbacks"),
        )


def report_response(ctx: BuildContext, response: dict[str, Any], pointer: str) -> None:
    """Response constructs: ``links`` (follow-up operations), which the client does not wire up."""
    links = response.get("links")
    if isinstance(links, dict) and links:
        ctx.warn_once(
            "link-unsupported",
            "response links are not followed; call the linked operation yourself",
            join(pointer, "links"),
        )


def report_stream(ctx: BuildContext, pointer: str, instead: str | None) -> None:
    """A ``text/event-stream`` success response: server-sent events are not parsed into events."""
    if instead is None:
        message = "server-sent events are not parsed; the method returns the whole stream as one text"
    else:
        message = f"server-sent events are not supported; the method decodes {instead} only"
    ctx.warn_once("stream-unsupported", message, pointer)
