"""Load a spec file (YAML or JSON) into a Document; syntax and hostile-input problems become diagnostics."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostics, Severity
from .safeyaml import MAX_DEPTH, YAMLLimitError, load_yaml

__all__ = ["MAX_FILE_BYTES", "Document", "load_document", "parse_bytes", "read_capped"]

MAX_FILE_BYTES = 100_000_000  # per spec file (root or $ref'd); --max-file-bytes / max-file-bytes changes it
_CHUNK = 1 << 20

_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed root spec file. ``data`` is plain JSON-compatible Python (dict/list/str/int/float/bool/None)."""

    path: Path  # absolute path of the root file
    display: str  # how diagnostics name the file (path as the user gave it)
    data: Any
    sha256: str  # of the root file's bytes


def read_capped(path: str | Path, max_bytes: int = MAX_FILE_BYTES, *, regular_only: bool = True) -> bytes:
    """The bytes of the file at ``path``; raise ``OSError`` for a device, named pipe or socket (unless
    not ``regular_only``: a root spec may come from a pipe) and for more than ``max_bytes``.

    Opened without blocking and checked on the open descriptor: a FIFO cannot hang the open, and
    nothing can be swapped in between the check and the read."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            if regular_only:
                raise OSError(errno.EINVAL, "not a regular file (a device, named pipe or socket)")
            os.set_blocking(descriptor, True)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(descriptor, _CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise OSError(errno.EFBIG, f"larger than the {max_bytes:,}-byte limit (raise it with --max-file-bytes)")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def load_document(path: str | Path, diagnostics: Diagnostics, display: str | None = None,
                  max_bytes: int = MAX_FILE_BYTES) -> Document | None:  # fmt: skip
    """Read and parse the root spec file at ``path``.

    JSON is recognised by content and parsed with :mod:`json`; anything else is parsed as YAML with
    string keys and no timestamp conversion. Problems are appended to ``diagnostics``
    (``file-unreadable``, ``syntax-error`` with line and column, ``nesting-too-deep``,
    ``yaml-alias-bomb``, ``yaml-alias-cycle``, ``not-openapi``) and ``None`` is returned.
    ``display`` is how diagnostics and generated headers name the file (default: ``path`` as given).
    """
    display = display or str(path)
    try:
        raw = read_capped(path, max_bytes, regular_only=False)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        diagnostics.error("file-unreadable", f"cannot read {display}: {reason}", file=display)
        return None
    is_parsed, data = parse_bytes(raw, display, diagnostics)
    if not is_parsed:
        return None
    if not isinstance(data, dict):
        found = "empty" if data is None else f"a {_json_type(data)}, not a mapping"
        diagnostics.error(
            "not-openapi",
            f"the document root is {found}; an OpenAPI document is a mapping",
            file=display,
            hint="check that this is the OpenAPI file (it starts with `openapi: 3.x`)",
        )
        return None
    digest = hashlib.sha256(raw).hexdigest()
    return Document(Path(path).absolute(), display, data, digest)


def parse_bytes(raw: bytes, display: str, diagnostics: Diagnostics) -> tuple[bool, Any]:
    """Parse JSON or YAML bytes into JSON-like data; returns ``(False, None)`` after reporting a problem.

    Used for the root file and for every file a ``$ref`` pulls in (whose root may be any value).
    """
    stripped = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        is_json_file = display.lower().endswith(".json")
        try:
            return _parse_json(raw, display, diagnostics)
        except json.JSONDecodeError as exc:
            if is_json_file:
                message = f"invalid JSON: {exc.msg}"
                line, column = exc.lineno, exc.colno
                diagnostics.add(
                    Severity.ERROR, "syntax-error", message, file=display, line=line, column=column
                )
                return False, None
        except UnicodeDecodeError as exc:
            diagnostics.error(
                "syntax-error", f"the file is not UTF-8 text: {exc.reason}", file=display
            )
            return False, None
    return _parse_yaml(raw, display, diagnostics)


def _parse_json(raw: bytes, display: str, diagnostics: Diagnostics) -> tuple[bool, Any]:
    try:
        data = json.loads(raw)
    except RecursionError:
        data = None
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer past Python's 4,300-digit conversion limit
        found = re.search(rb"\d{4300,}", raw)
        position = raw[: found.start()] if found else b""
        at = (position.count(b"\n") + 1, len(position) - position.rfind(b"\n")) if found else (None, None)
        diagnostics.add(Severity.ERROR, "number-too-large", "integer with more than 4,300 digits", file=display,
                        line=at[0], column=at[1])  # fmt: skip
        return False, None
    else:
        if _depth_within(data, MAX_DEPTH):
            return True, data
    line_column = _deep_json_position(raw)
    line, column = line_column if line_column else (None, None)
    diagnostics.add(
        Severity.ERROR,
        "nesting-too-deep",
        f"containers nested deeper than {MAX_DEPTH} levels",
        file=display,
        line=line,
        column=column,
    )
    return False, None


def _parse_yaml(raw: bytes, display: str, diagnostics: Diagnostics) -> tuple[bool, Any]:
    duplicates: list[tuple[str, int, int]] = []
    try:
        data = load_yaml(raw, duplicates)
        for pointer, key_line, key_column in duplicates:
            diagnostics.add(Severity.WARNING, "yaml-duplicate-key", "this key repeats an earlier key of the same "
                            "mapping; the earlier value is ignored", file=display, pointer=pointer,
                            line=key_line or None, column=key_column or None)  # fmt: skip
        return True, data
    except YAMLLimitError as exc:
        code, message = exc.code, str(exc.problem)
        mark = exc.problem_mark
    except yaml.MarkedYAMLError as exc:
        code, mark = "syntax-error", exc.problem_mark or exc.context_mark
        message = str(exc.problem or exc.context or "invalid YAML")
        if exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
    except yaml.YAMLError as exc:  # ReaderError: bad encoding or control characters
        code, message, mark = "syntax-error", str(exc), None
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    diagnostics.add(Severity.ERROR, code, message, file=display, line=line, column=column)
    return False, None


def _depth_within(data: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if type(node) is dict else node if type(node) is list else ()
        for child in children:
            if type(child) is dict or type(child) is list:
                if depth >= limit:
                    return False
                stack.append((child, depth + 1))
    return True


def _deep_json_position(raw: bytes) -> tuple[int, int] | None:
    depth = 0
    for match in _JSON_TOKEN.finditer(raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > MAX_DEPTH:
                offset = match.start()
                line_start = raw.rfind(b"\n", 0, offset) + 1
                return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1
        elif token in (b"]", b"}"):
            depth -= 1
    return None


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "string"
