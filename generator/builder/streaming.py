"""Which operations stream their response, and how: byte chunks, text, JSON lines or server-sent events."""

from __future__ import annotations

from typing import Any

from ..ir import Response
from .context import BuildContext

__all__ = ["STREAM_MEDIA", "media_base", "stream_kind"]

# Success media types that are streams whatever the flags say.
STREAM_MEDIA = {
    "text/event-stream": "events",
    "application/x-ndjson": "lines",
    "application/ndjson": "lines",
    "application/jsonl": "lines",
    "application/x-jsonlines": "lines",
    "application/jsonlines": "lines",
    "application/json-seq": "lines",
    "application/stream+json": "lines",
}
_FLAGS = ("x-fern-streaming", "x-fern-sdk-streaming", "x-streaming")
_BY_RESPONSE_KIND = {"json": "lines", "text": "text", "binary": "bytes", "empty": "bytes", "stream": "events"}


def media_base(media: str | None) -> str:
    return (media or "").split(";", 1)[0].strip().lower()


def stream_kind(ctx: BuildContext, op: dict[str, Any], success: Response | None, pointer: str) -> str | None:
    """"bytes" | "text" | "lines" | "events" when the operation streams, else None.

    A stream media type decides by itself; an ``x-fern-streaming`` flag (true, or Fern's object form with
    ``format: sse|json``) makes a JSON response JSON lines and a binary one byte chunks.
    """
    if success is not None and not success.status.startswith("2"):
        success = None
    by_media = STREAM_MEDIA.get(media_base(success.content_type if success else None))
    if by_media:
        return by_media
    flag = next((op[name] for name in _FLAGS if name in op), None)
    if isinstance(flag, dict):
        if "stream-condition" in flag:
            ctx.warn_once("stream-unsupported", "a stream that depends on a request parameter "
                          "(stream-condition) is not supported; the method returns the whole body", pointer)  # fmt: skip
            return None
        fmt = flag.get("format")
        if fmt == "sse":
            return "events"
        if fmt == "json":
            return "lines"
        flag = True
    if flag is not True:
        return None
    return _BY_RESPONSE_KIND[success.kind if success is not None else "empty"]

