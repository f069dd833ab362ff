"""RFC 6901 JSON pointers: building, escaping and walking."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

__all__ = ["escape", "is_valid", "join", "locate_origin", "parse", "resolve_pointer", "unescape"]

_BAD_ESCAPE = re.compile(r"~(?![01])")


def escape(token: str | int) -> str:
    text = token if type(token) is str else str(token)
    return text.replace("~", "~0").replace("/", "~1") if "~" in text or "/" in text else text


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~") if "~" in token else token


def join(pointer: str, *tokens: str | int) -> str:
    """Append tokens to a pointer: join("/a", "b/c") == "/a/b~1c"."""
    if len(tokens) == 1:  # the common case, without a generator
        return f"{pointer}/{escape(tokens[0])}"
    return pointer + "".join("/" + escape(t) for t in tokens)


def parse(pointer: str) -> list[str]:
    """Split a pointer (optionally URI-fragment encoded, with or without '#') into raw tokens."""
    if pointer.startswith("#"):
        pointer = unquote(pointer[1:])
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"JSON pointer must start with '/': {pointer!r}")
    return [unescape(t) for t in pointer[1:].split("/")]


def resolve_pointer(document: Any, pointer: str) -> Any:
    """Walk ``pointer`` in ``document``; raises KeyError/IndexError/ValueError when it does not exist."""
    node = document
    for token in parse(pointer):
        if isinstance(node, list):
            if not token.isdigit():
                raise KeyError(token)
            node = node[int(token)]
        elif isinstance(node, dict):
            node = node[token]
        else:
            raise KeyError(token)
    return node


def is_valid(pointer: str) -> bool:
    """Whether ``pointer`` (decoded, without '#') is well-formed: empty, or '/'-led with only ~0/~1 escapes."""
    return (not pointer or pointer.startswith("/")) and not _BAD_ESCAPE.search(pointer)


def locate_origin(origins: Mapping[str, str], display: str, pointer: str) -> tuple[str, str]:
    """Map ``pointer`` through ``origins`` (pointer prefix → ``"file#/pointer"``) to ``(file, pointer)``.

    The longest prefix that ends on a token boundary wins; without one the pointer is in ``display``.
    """
    probe = pointer
    while True:
        origin = origins.get(probe)
        if origin is not None:
            file, _, base = origin.partition("#")
            return file, base + pointer[len(probe) :]
        if not probe:
            return display, pointer
        probe = probe[: probe.rfind("/")]
