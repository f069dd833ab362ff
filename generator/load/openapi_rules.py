"""openapi-spec-validator's rules (``openapi_spec_validator.validation.keywords``) over plain dicts.

Duplicate tag names; per path item and operation, duplicate parameters, duplicate ``operationId``s and path
parameters that do not match the template; every schema reached from ``components/schemas``, parameters
and response media types is checked against its dialect's meta-schema, its ``pattern``s compile, an
``allOf`` does not require properties nobody defines, and its ``default`` is valid for it. Same walk,
same findings and the same ``rule`` names as the reference, without its per-step registry lookups.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .spec_validator import LocatedError

__all__ = ["Rules"]

Path = tuple[str | int, ...]
MetaCheck = Callable[[Any, Path], Iterator[LocatedError]]
_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_DOCUMENT = "urn:specsmith:document"  # the spec's base URI while a default is checked against its schema


class Rules:
    """openapi-spec-validator's keyword rules over the bundled document (refs are local pointers)."""

    def __init__(self, version: str, data: Mapping[str, Any], meta: MetaCheck) -> None:
        self.version, self.data = version, data
        self.meta = meta
        self.meta_checked: set[int] = set()
        self.visited: set[int] = set()
        self.operation_ids: set[Any] = set()
        self.defaults = _Defaults(version, data)

    def run(self) -> Iterator[LocatedError]:
        data = self.data
        yield from self._tags(data.get("tags"))
        paths, where = self._deref(data.get("paths"), ("paths",))
        if isinstance(paths, Mapping):
            for url, item in paths.items():
                yield from self._path_item(str(url), *self._deref(item, (*where, url)))
        components, where = self._deref(data.get("components"), ("components",))
        if isinstance(components, Mapping):
            schemas, where = self._deref(components.get("schemas"), (*where, "schemas"))
            if isinstance(schemas, Mapping):
                for name, schema in schemas.items():
                    yield from self._schema(schema, (*where, name))

    def _deref(self, node: Any, where: Path) -> tuple[Any, Path]:
        """Follow ``$ref`` chains (local pointers after bundling) to the node they name."""
        seen: set[str] = set()
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#"):
            ref = node["$ref"]
            if ref in seen:
                break
            seen.add(ref)
            target = _pointer(self.data, ref[1:])
            if target is None:
                break
            node, where = target
        return node, where

    def _tags(self, tags: Any) -> Iterator[LocatedError]:
        seen: set[Any] = set()
        for tag in tags if isinstance(tags, list) else ():
            name = tag.get("name") if isinstance(tag, Mapping) else None
            if name in seen:
                yield LocatedError(f"Duplicate tag name '{name}'", ("tags",))
            seen.add(name)

    def _path_item(self, url: str, item: Any, where: Path) -> Iterator[LocatedError]:
        if not isinstance(item, Mapping):
            return
        shared, shared_at = self._deref(item.get("parameters"), (*where, "parameters"))
        shared_names: list[str] = []
        if isinstance(shared, list):
            shared_names = list(self._path_names(shared, shared_at))
            yield from self._parameters(shared, shared_at)
        for method, operation in item.items():
            if method in _OPERATIONS:
                yield from self._operation(url, str(method), *self._deref(operation, (*where, method)), shared_names)

    def _operation(self, url: str, method: str, operation: Any, where: Path, shared: list[str]) -> Iterator[LocatedError]:
        if not isinstance(operation, Mapping):
            return
        if "operationId" in operation:
            operation_id = operation["operationId"]
            if operation_id is not None and operation_id in self.operation_ids:
                message = f"Operation ID '{operation_id}' for '{method}' in '{url}' is not unique"
                yield LocatedError(message, where, "DuplicateOperationIDError")
            self.operation_ids.add(operation_id)
        responses, responses_at = self._deref(operation.get("responses"), (*where, "responses"))
        for code, response in (responses.items() if isinstance(responses, Mapping) else ()):
            yield from self._response(*self._deref(response, (*responses_at, code)))
        names = list(shared)
        parameters, parameters_at = self._deref(operation.get("parameters"), (*where, "parameters"))
        if isinstance(parameters, list):
            yield from self._parameters(parameters, parameters_at)
            names = list(self._path_names(parameters, parameters_at)) + names
        declared, in_url = set(names), {n for _, n, _, _ in string.Formatter().parse(url) if n}
        for name in sorted(in_url ^ declared):
            message = f"Path parameter '{name}' for '{method}' operation in '{url}' was not resolved"
            yield LocatedError(message, where, "UnresolvableParameterError")

    def _path_names(self, parameters: list[Any], where: Path) -> Iterator[str]:
        for index, written in enumerate(parameters):
            parameter, _ = self._deref(written, (*where, index))
            if isinstance(parameter, Mapping) and parameter.get("in") == "path":
                yield str(parameter.get("name"))

    def _parameters(self, parameters: list[Any], where: Path) -> Iterator[LocatedError]:
        seen: set[tuple[Any, Any]] = set()
        for index, written in enumerate(parameters):
            parameter, at = self._deref(written, (*where, index))
            if not isinstance(parameter, Mapping):
                continue
            if "schema" in parameter:
                yield from self._schema(parameter["schema"], (*at, "schema"))
            key = (parameter.get("name"), parameter.get("in"))
            if key in seen:
                yield LocatedError(f"Duplicate parameter '{key[0]}'", where, "ParameterDuplicateError")
            seen.add(key)

    def _response(self, response: Any, where: Path) -> Iterator[LocatedError]:
        content, content_at = self._deref(response.get("content") if isinstance(response, Mapping) else None,
                                          (*where, "content"))  # fmt: skip
        for media, written in (content.items() if isinstance(content, Mapping) else ()):
            media_type, at = self._deref(written, (*content_at, media))
            if isinstance(media_type, Mapping) and "schema" in media_type:
                yield from self._schema(media_type["schema"], (*at, "schema"))

    def _schema(self, node: Any, where: Path, *, require_properties: bool = True,
                meta_checked: bool = False) -> Iterator[LocatedError]:  # fmt: skip
        schema, where = self._deref(node, where)
        if not isinstance(schema, (Mapping, bool)):
            yield LocatedError(f"{schema!r} is not of type 'object', 'boolean'", where)
            return
        if not meta_checked and id(schema) not in self.meta_checked:
            self.meta_checked.add(id(schema))
            problems = list(self.meta(schema, where)) or self._bad_pattern(schema, where)
            if problems:
                yield from problems
                return
        if id(schema) in self.visited or isinstance(schema, bool):
            return
        self.visited.add(id(schema))
        nested: set[str] = set()
        for keyword in ("allOf", "anyOf", "oneOf"):
            for index, inner in enumerate(schema.get(keyword) or ()):
                yield from self._schema(inner, (*where, keyword, index), require_properties=False, meta_checked=True)
                if keyword == "allOf":
                    nested |= self._properties(inner)
        for keyword in ("not", "items"):
            if keyword in schema:
                yield from self._schema(schema[keyword], (*where, keyword), require_properties=False, meta_checked=True)
        properties = schema.get("properties")
        for name, inner in (properties.items() if isinstance(properties, Mapping) else ()):
            yield from self._schema(inner, (*where, "properties", name), require_properties=False, meta_checked=True)
        if "allOf" in schema and require_properties:
            extra = set(schema.get("required") or ()) - set(properties or ()) - nested
            if extra:
                message = f"Required list has not defined properties: {sorted(extra)}"
                yield LocatedError(message, where, "ExtraParametersError")
        if "default" in schema and (schema["default"] is not None or schema.get("nullable") is not True):
            yield from self.defaults.errors(schema, where)

    def _properties(self, node: Any) -> set[str]:
        """Every property name reachable from a schema (through allOf/anyOf/oneOf, items, not)."""
        schema, _ = self._deref(node, ())
        if not isinstance(schema, Mapping):
            return set()
        found = set(schema["properties"]) if isinstance(schema.get("properties"), Mapping) else set()
        for keyword in ("allOf", "anyOf", "oneOf"):
            for inner in schema.get(keyword) or ():
                found |= self._properties(inner)
        for keyword in ("items", "not"):
            if keyword in schema:
                found |= self._properties(schema[keyword])
        return found

    @staticmethod
    def _bad_pattern(schema: Mapping[str, Any] | bool, where: Path) -> list[LocatedError]:
        """A ``pattern`` must compile as a Python regex: the one format the reference's meta-check asserts."""
        for pattern, at in _patterns(schema, where):
            try:
                re.compile(pattern)
            except re.error as error:
                return [LocatedError(f"{pattern!r} is not a 'regex' ({error})", at, "schema", "format")]
        return []


_INSTANCE_KEYWORDS = frozenset({"default", "example", "examples", "enum", "const"})


def _patterns(schema: Any, where: Path) -> Iterator[tuple[str, Path]]:
    """``pattern`` strings and ``patternProperties`` keys in a schema's own tree (not through $ref)."""
    stack: list[tuple[Any, Path]] = [(schema, where)]
    while stack:
        node, at = stack.pop()
        if isinstance(node, Mapping):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    yield value, (*at, key)
                elif key == "patternProperties" and isinstance(value, Mapping):
                    yield from ((str(k), (*at, key, k)) for k in value)
                if key not in _INSTANCE_KEYWORDS and isinstance(value, (Mapping, list)):
                    stack.append((value, (*at, key)))
        elif isinstance(node, list):
            stack.extend((item, (*at, index)) for index, item in enumerate(node))


def _pointer(data: Any, pointer: str) -> tuple[Any, Path] | None:
    node, path = data, list[str | int]()
    for raw in pointer.split("/")[1:] if pointer else ():
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and token in node:
            node = node[token]
            path.append(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
            path.append(int(token))
        else:
            return None
    return node, tuple(path)


class _Defaults:
    """A schema's ``default`` validated against the schema as openapi-schema-validator does (OAS30Validator /
    OAS31Validator with their format checkers), the document's ``$ref``s resolved through one registry."""

    def __init__(self, version: str, data: Any) -> None:
        self.version, self.data = version, data
        self._registry: Any = None

    def errors(self, schema: Mapping[str, Any], where: Path) -> Iterator[LocatedError]:
        pointer = "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in where)
        validator = self._validator({"$ref": f"{_DOCUMENT}#{pointer}"})
        for error in validator.iter_errors(schema["default"]):
            yield LocatedError(str(error.message), (*where, "default"), "default", str(error.validator))

    def _validator(self, schema: Mapping[str, Any]) -> Any:
        from openapi_schema_validator import (
            OAS30Validator,
            OAS31Validator,
            oas30_format_checker,
            oas31_format_checker,
        )

        cls, checker = (OAS30Validator, oas30_format_checker) if self.version == "3.0" else (OAS31Validator, oas31_format_checker)
        return cls(schema, registry=self._documents(), format_checker=checker)

    def _documents(self) -> Any:
        if self._registry is None:
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT4, DRAFT202012

            spec = DRAFT4 if self.version == "3.0" else DRAFT202012
            self._registry = Registry().with_resource(_DOCUMENT, Resource.from_contents(self.data, default_specification=spec))
        return self._registry
