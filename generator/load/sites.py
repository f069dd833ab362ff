"""Where the ``$ref``s of an OpenAPI document are, and what kind of object each position holds.

The walk follows the OpenAPI structure (a small table of "under this key of this kind of object sits that
kind of object"), so that

* names are never mistaken for keywords: a property called ``$ref``/``example``, a response called
  ``default`` are names inside a map, not keywords;
* literal values are not searched: ``example``, ``default``, ``enum``, ``const``, example ``value``s and
  ``x-`` extensions are data, and a ``$ref`` key inside them is not a reference;
* every reference knows whether it stands where a *schema* is expected (the bundler turns external schemas
  into ``components/schemas`` entries and inlines everything else);
* discriminator ``mapping`` values that look like references (a ``/``, a ``#`` or a ``.yaml``/``.yml``/
  ``.json`` suffix) are references too; bare schema names are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["OTHER", "ROOT", "SCHEMA", "RefSite", "find_sites", "get_path", "walk"]

Path = tuple[str | int, ...]

ROOT, SCHEMA, OTHER, LITERAL = "root", "schema", "other", "literal"
PATH_ITEM, OPERATION, PARAMETER, HEADER = "path item", "operation", "parameter", "header"
REQUEST_BODY, RESPONSE, MEDIA_TYPE, EXAMPLE = "request body", "response", "media type", "example"
ENCODING, LINK, COMPONENTS, DISCRIMINATOR, MAPPING = (
    "encoding",
    "link",
    "components",
    "discriminator",
    "mapping",
)

# Maps whose keys are names: kind of the map -> (kind of each value, whether `x-` keys are extensions).
_MAPS: dict[str, tuple[str, bool]] = {
    "paths": (PATH_ITEM, True),
    "callback": (PATH_ITEM, True),
    "responses": (RESPONSE, True),
    "path items": (PATH_ITEM, False),
    "response map": (RESPONSE, False),
    "parameter map": (PARAMETER, False),
    "header map": (HEADER, False),
    "request body map": (REQUEST_BODY, False),
    "content": (MEDIA_TYPE, False),
    "example map": (EXAMPLE, False),
    "encoding map": (ENCODING, False),
    "callback map": ("callback", False),
    "link map": (LINK, False),
    "schema map": (SCHEMA, False),
    "other map": (OTHER, False),
}
_SUBSCHEMA_KEYS = (
    "items additionalProperties not if then else contains propertyNames unevaluatedItems "
    "unevaluatedProperties additionalItems contentSchema allOf anyOf oneOf prefixItems"
).split()
_FILE_SUFFIXES = (".yaml", ".yml", ".json")
_OPERATION_KEYS = "get put post delete options head patch trace".split()
_MEDIA = {"example": LITERAL, "examples": "example map"}

# Keyword objects: kind -> {key: kind of the value}. Other keys hold OTHER, `x-` keys LITERAL.
_CHILDREN: dict[str, dict[str, str]] = {
    ROOT: {"paths": "paths", "webhooks": "path items", "components": COMPONENTS},
    COMPONENTS: {
        "schemas": "schema map",
        "responses": "response map",
        "parameters": "parameter map",
        "examples": "example map",
        "requestBodies": "request body map",
        "headers": "header map",
        "securitySchemes": "other map",
        "links": "link map",
        "callbacks": "callback map",
        "pathItems": "path items",
    },
    PATH_ITEM: {"parameters": PARAMETER, **dict.fromkeys(_OPERATION_KEYS, OPERATION)},
    OPERATION: {
        "parameters": PARAMETER,
        "requestBody": REQUEST_BODY,
        "responses": "responses",
        "callbacks": "callback map",
    },
    PARAMETER: {"schema": SCHEMA, "content": "content", **_MEDIA},
    HEADER: {"schema": SCHEMA, "content": "content", **_MEDIA},
    REQUEST_BODY: {"content": "content"},
    RESPONSE: {"headers": "header map", "content": "content", "links": "link map"},
    MEDIA_TYPE: {"schema": SCHEMA, "encoding": "encoding map", **_MEDIA},
    ENCODING: {"headers": "header map"},
    EXAMPLE: {"value": LITERAL},
    LINK: {"parameters": LITERAL, "requestBody": LITERAL},
    SCHEMA: {
        **dict.fromkeys(
            ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"],
            "schema map",
        ),
        **dict.fromkeys(_SUBSCHEMA_KEYS, SCHEMA),
        **dict.fromkeys(["example", "examples", "default", "enum", "const"], LITERAL),
        "discriminator": DISCRIMINATOR,
    },
    DISCRIMINATOR: {"mapping": MAPPING},
}


@dataclass(frozen=True, slots=True)
class RefSite:
    """A reference found by :func:`find_sites`.

    ``path`` leads from the walked node to the object holding ``$ref`` - or, for a discriminator mapping
    entry (``is_mapping``), to the string itself. ``kind`` says what the position holds (``"schema"``,
    ``"parameter"``, ...); ``ref`` is the raw ``$ref`` value (not necessarily a string).
    """

    path: Path
    ref: Any
    kind: str
    is_mapping: bool = False


def find_sites(node: Any, kind: str) -> list[RefSite]:
    """Every reference under ``node`` (which holds an object of ``kind``), in document order."""
    sites: list[RefSite] = []
    for path, found, found_kind in walk(node, kind):
        if found_kind == MAPPING:
            for key, value in found.items():
                if isinstance(value, str) and _looks_like_ref(value):
                    sites.append(RefSite((*path, key), value, SCHEMA, is_mapping=True))
        elif found_kind not in _MAPS and "$ref" in found:
            sites.append(RefSite(path, found["$ref"], found_kind))
        elif found_kind in _MAPS and isinstance(found.get("$ref"), str):
            sites.append(RefSite(path, found["$ref"], found_kind))
    return sites


def walk(node: Any, kind: str) -> Iterator[tuple[Path, dict[str, Any], str]]:
    """Every object under ``node`` (which holds an object of ``kind``), in document order, with its path
    and kind (``"schema"``, ``"parameter"``, a map kind, ...); literal values are not entered."""
    stack: list[tuple[Any, Path, str]] = [(node, (), kind)]
    while stack:
        node, path, kind = stack.pop()
        if isinstance(node, list):
            for index in range(len(node) - 1, -1, -1):
                item = node[index]
                if type(item) is dict or type(item) is list:
                    stack.append((item, (*path, index), kind))
            continue
        if not isinstance(node, dict):
            continue  # a reference may land on a scalar
        yield path, node, kind
        if kind in _MAPS:
            _walk_map(node, path, kind, stack)
        elif kind != MAPPING and not ("$ref" in node and kind != SCHEMA):  # a Reference Object's siblings
            table = _CHILDREN.get(kind, {})  # are summary/description only
            for key in reversed(node):
                value = node[key]
                if (type(value) is dict or type(value) is list) and key != "$ref":
                    child = table.get(key) or (LITERAL if key.startswith("x-") else OTHER)
                    if child != LITERAL:
                        stack.append((value, (*path, key), child))


def _walk_map(node: dict[str, Any], path: Path, kind: str, stack: list[tuple[Any, Path, str]]) -> None:
    value_kind, has_extensions = _MAPS[kind]
    if isinstance(node.get("$ref"), str):  # a whole map by reference; map entries are never strings
        return
    for key in reversed(node):
        value = node[key]
        if type(value) is dict or type(value) is list:
            if not (has_extensions and key.startswith("x-")):
                stack.append((value, (*path, key), value_kind))


def _looks_like_ref(value: str) -> bool:
    """A mapping value is a reference (not a schema name) when it has a path, fragment or file suffix."""
    return "/" in value or "#" in value or value.lower().endswith(_FILE_SUFFIXES)


def get_path(node: Any, path: Path) -> Any:
    """The value at ``path`` (tokens as produced by :func:`find_sites`) under ``node``."""
    for token in path:
        node = node[token]
    return node
