"""RFC 6901 JSON pointers: building, escaping and walking."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

__all__ = ["escape", "join", "parse", "resolve_pointer", "unescape"]


def escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: str | int) -> str:
    """Append tokens to a pointer: join("/a", "b/c") == "/a/b~1c"."""
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
