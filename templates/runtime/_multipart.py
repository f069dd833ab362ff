"""Request bodies: JSON, multipart/form-data, application/x-www-form-urlencoded and raw content.

Files are read into memory up front so a retried request can send the same bytes again.
Form fields whose value is `OMIT` or `None` are not sent; lists repeat; objects are exploded
(`a=x&b=2`) in urlencoded bodies and JSON-encoded in multipart ones and wherever `JsonPart` says.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from ._params import to_json, to_text
from ._types import OMIT, FileInput, JsonPart, Omit

__all__ = ["Body", "Part", "encode_body"]

Part = tuple[str, tuple[str | None, bytes, str | None]]  # (name, (filename, content, type))


@dataclass(frozen=True, slots=True)
class Body:
    """An encoded request body: raw `content` or multipart `files`, plus its content type."""

    content: bytes | None = None
    files: list[Part] | None = None
    content_type: str | None = None


def _file_part(name: str, file: FileInput) -> tuple[str | None, bytes, str | None]:
    if isinstance(file, tuple):
        body = file[1] if isinstance(file[1], bytes) else file[1].read()
        return file[0], body, file[2] if len(file) == 3 else None
    if isinstance(file, bytes):
        return name, file, None
    if isinstance(file, os.PathLike):
        path = os.fspath(file)
        with open(path, "rb") as handle:
            return os.path.basename(path), handle.read(), None
    filename = getattr(file, "name", None)
    return os.path.basename(filename) if isinstance(filename, str) else name, file.read(), None


def _fields(data: Sequence[tuple[str, Any]], explode: bool = False) -> Iterator[Any]:
    """Yield (name, value, content type) per form field (see the module docstring)."""
    for name, value in data:
        for item in value if isinstance(value, list | tuple) else [value]:
            if item is OMIT or item is None:
                continue
            if explode and isinstance(item, Mapping):
                yield from _fields(list(item.items()))
            elif isinstance(item, JsonPart | Mapping | list):
                raw = item.value if isinstance(item, JsonPart) else item
                yield name, to_json(raw), "application/json"
            else:
                yield name, item if isinstance(item, bytes) else to_text(item), None


def _file_parts(files: Sequence[tuple[str, FileInput | list[FileInput] | Omit]]) -> list[Part]:
    parts: list[Part] = []
    for name, file in files:
        if isinstance(file, Omit):
            continue
        for item in file if isinstance(file, list) else [file]:
            parts.append((name, _file_part(name, item)))
    return parts


def encode_body(
    *,
    json: Any,
    files: Sequence[tuple[str, FileInput | list[FileInput] | Omit]],
    data: Sequence[tuple[str, Any]],
    content: bytes | str | FileInput | Omit,
    content_type: str | None,
    multipart: bool,
    extra_body: Mapping[str, Any] | None,
) -> Body:
    """Encode whichever body the operation has; `extra_body` is merged into JSON objects/forms."""
    if extra_body:
        if isinstance(json, Mapping):
            json = {**json, **extra_body}
        elif files or data or multipart:
            data = [*data, *extra_body.items()]
        elif json is OMIT and content is OMIT:
            json = dict(extra_body)
    if json is not OMIT:
        return Body(to_json(json).encode(), None, content_type or "application/json")
    if files or multipart:
        parts: list[Part] = [
            (name, (None, value if isinstance(value, bytes) else value.encode(), part_type))
            for name, value, part_type in _fields(data)
        ]
        parts += _file_parts(files)
        if parts:
            return Body(None, parts, None)
        boundary = os.urandom(16).hex()
        return Body(
            f"--{boundary}--\r\n".encode(), None, f"multipart/form-data; boundary={boundary}"
        )
    if data:
        encoded = urlencode([(n, v) for n, v, _ in _fields(data, explode=True)]).encode("ascii")
        return Body(encoded, None, "application/x-www-form-urlencoded")
    if isinstance(content, str):
        return Body(content.encode(), None, content_type or "text/plain; charset=utf-8")
    if isinstance(content, Omit):
        return Body()
    _, raw, part_type = _file_part("", content)
    return Body(raw, None, content_type or part_type or "application/octet-stream")
