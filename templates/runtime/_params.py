"""OpenAPI parameter serialisation: path, query, header and cookie styles.

`None` and `OMIT` values are not sent for query, header and cookie parameters (a query string
cannot say "null"); in a list or object, `None` renders as an empty string. A path parameter
must have a non-empty value. Every path value is percent-encoded so it stays inside its segment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any
from urllib.parse import quote

from ._types import OMIT, Param

__all__ = ["build_cookie", "build_headers", "build_path", "build_query", "to_json", "to_text"]

_PLACEHOLDER = re.compile(r"\{([^{}/]+)\}")
# RFC 3986 reserved characters kept by `allowReserved`, minus "#" and "&", which would end
# the query or the parameter instead of being part of the value.
_RESERVED = ":/?[]@!$'()*+,;="
_COOKIE_SAFE = "!#$&'()*+-./:<=>?@[]^_`{|}~"
_DELIMITERS = {"spaceDelimited": "%20", "pipeDelimited": "|"}
_PLAIN = re.compile(r"[\w.~-]*", re.ASCII).fullmatch  # nothing to percent-encode


def to_json(value: Any) -> str:
    """Encode a value as compact JSON text (content-encoded parameters and JSON parts)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def to_text(value: Any) -> str:
    """Render a wire scalar as parameter text: bools as true/false, None as ""."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _flat(value: Any) -> list[Any]:
    if isinstance(value, Mapping):
        return [part for pair in value.items() for part in pair]
    return list(value) if isinstance(value, list | tuple) else [value]


def _encode(value: Any, safe: str = "") -> str:
    text = value if type(value) is str else to_text(value)
    return text if _PLAIN(text) else quote(text, safe=safe)


_reserved: Callable[[Any], str] = partial(_encode, safe=_RESERVED)
_cookie_text: Callable[[Any], str] = partial(_encode, safe=_COOKIE_SAFE)


def _simple(param: Param, encode: Callable[[Any], str] = to_text) -> str:
    value = param.value
    if param.content_type is not None:
        return encode(to_json(value))
    if isinstance(value, str | int | float):
        return encode(value)
    if isinstance(value, Mapping) and param.explode:
        return ",".join(f"{encode(k)}={encode(v)}" for k, v in value.items())
    return ",".join(encode(v) for v in _flat(value))


def _path_value(param: Param) -> str:
    value, name, style, explode = param.value, param.name, param.style, param.explode
    if not value and not isinstance(value, int | float):  # "", None, OMIT, [] or {}
        raise ValueError(f"Expected a non-empty value for `{name}`")
    if style not in ("label", "matrix") or param.content_type is not None:
        return _simple(param, _encode)
    if isinstance(value, Mapping) and explode:
        items = [f"{_encode(k)}={_encode(v)}" for k, v in value.items()]
    else:
        items = [_encode(v) for v in _flat(value)]
        if style == "matrix":
            items = (
                [f"{name}={item}" for item in items] if explode else [f"{name}=" + ",".join(items)]
            )
    if style == "matrix":
        return ";" + ";".join(items)
    return "." + ("." if explode else ",").join(items)


def build_path(template: str, params: Sequence[Param]) -> str:
    """Fill `{name}` placeholders; "." and ".." segments are encoded so a value cannot move up."""
    path = template
    for param in params:
        path = path.replace(f"{{{param.name}}}", _path_value(param))
    missing = _PLACEHOLDER.search(path)
    if missing:
        raise ValueError(f"Missing path parameter `{missing.group(1)}`")
    if "/." in path:
        segments = path.split("/")
        path = "/".join(s.replace(".", "%2E") if s in (".", "..") else s for s in segments)
    return path


def _form(params: Sequence[Param], cookie: bool) -> list[str]:
    """Form-family styles: form, spaceDelimited, pipeDelimited, deepObject (query or cookie)."""
    out: list[str] = []
    for param in params:
        value = param.value
        if value is OMIT or value is None:
            continue
        if cookie:
            name, key, encode = param.name, to_text, _cookie_text
        else:
            name, key = _encode(param.name, "[]"), _encode
            encode = _reserved if param.allow_reserved else _encode
        if param.content_type is not None:
            value = to_json(value)
        if isinstance(value, str | int | float):  # scalars (incl. bool) first: the common case
            out.append(f"{name}={encode(value)}")
        elif isinstance(value, Mapping | list | tuple) and value and param.style == "deepObject":
            out.extend(f"{path}={encode(v)}" for path, v in _deep(name, value, key))
        elif isinstance(value, Mapping) and value and param.explode:
            out.extend(f"{key(k)}={encode(v)}" for k, v in value.items())
        elif isinstance(value, list | tuple) and value and param.explode:
            out.extend(f"{name}={encode(v)}" for v in value)
        else:
            sep = _DELIMITERS.get(param.style, ",")
            out.append(f"{name}=" + sep.join(encode(v) for v in _flat(value)))
    return out


def _deep(name: str, value: Any, key: Callable[[Any], str]) -> list[tuple[str, Any]]:
    """deepObject pairs: `name[key]` per object entry, `name[]` per list item (Stripe's form)."""
    if isinstance(value, Mapping):
        return [p for k, v in value.items() for p in _deep(f"{name}[{key(k)}]", v, key)]
    if isinstance(value, list | tuple):
        return [p for v in value for p in _deep(f"{name}[]", v, key)]
    return [(name, value)]


def build_query(params: Sequence[Param]) -> str:
    """Serialise query parameters (form, spaceDelimited, pipeDelimited, deepObject) to a string."""
    return "&".join(_form(params, cookie=False))


def build_cookie(params: Sequence[Param]) -> str:
    """Serialise cookie parameters (form style) into one `Cookie` header value; "" if none."""
    return "; ".join(_form(params, cookie=True))


def build_headers(params: Sequence[Param]) -> list[tuple[str, str]]:
    """Serialise header parameters in the simple style (no percent-encoding)."""
    return [(p.name, _simple(p)) for p in params if p.value is not OMIT and p.value is not None]
