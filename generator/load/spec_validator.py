"""openapi-spec-validator, adapted: imported lazily, every error located, nothing kept alive afterwards.

The library's JSON-Schema pass reports absolute paths, but its rule checks (duplicate operationIds,
unresolved path parameters, invalid ``default`` values, schema meta-checks) report errors without any
location. Here each rule checker is wrapped so that an error passing out of it is tagged with the
document path the checker was looking at; the innermost checker tags first.
"""

from __future__ import annotations

import ast
import functools
import importlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

__all__ = ["LocatedError", "iter_errors"]

_WHERE = "_specsmith_where"
_RULE = "_specsmith_rule"


@dataclass(frozen=True, slots=True)
class LocatedError:
    """One validation problem: a message and the document path it concerns (may pass through $refs).

    ``rule`` says which check found it: ``schema`` (the OpenAPI JSON schema, or a schema's meta-check;
    ``keyword`` is the failing JSON-schema keyword), ``default`` (a ``default`` that does not fit its
    schema; ``path`` ends at the ``default``), or the class name of one of the library's rule errors
    (``UnresolvableParameterError``, ``DuplicateOperationIDError``, ``ExtraParametersError``, ...).
    ``names`` lists the property names an ``additionalProperties``/``unevaluatedProperties`` error
    found unexpected, or a ``required`` error found missing.
    """

    message: str
    path: tuple[str | int, ...]
    rule: str = field(default="schema", compare=False)  # what a finding is = its message and path;
    keyword: str = field(default="", compare=False)  # these only help classify it (tolerance.py)
    names: tuple[str, ...] = field(default=(), compare=False)


_BACKEND = "OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND"


def iter_errors(version: str, data: Any) -> Iterator[LocatedError]:
    """Validate ``data`` as OpenAPI ``version`` ("3.0" or "3.1") and yield every problem found.

    The library switches its schema pass to jsonschema-rs whenever that is installed (it is: the fast
    validator uses it), and then loses the ``oneOf`` context its findings are classified by. As the
    reference it runs on plain jsonschema, whatever is installed, unless the user chose a backend.
    """
    os.environ.setdefault(_BACKEND, "jsonschema")
    validator_class = _validator_class(version)
    try:
        for error in validator_class(data).iter_errors():
            yield from _locate(error)
    finally:  # the library memoises results per validator instance for ever; let the spec go
        wrapped = getattr(validator_class.iter_errors, "__wrapped__", None)
        cache_clear = getattr(wrapped, "cache_clear", None)
        if cache_clear is not None:
            cache_clear()


def _locate(error: Any) -> Iterator[LocatedError]:
    where = getattr(error, _WHERE, None)
    rule = _rule(error, where)
    if rule == "default":  # the value validator's own path is inside the default value: report the default
        yield LocatedError(str(error.message), tuple(where or ()), rule, str(error.validator))
        return
    for leaf in _leaves(error):
        path = (*(where or ()), *leaf.absolute_path)
        yield LocatedError(str(leaf.message), path, rule, str(leaf.validator), _names(leaf))


def _rule(error: Any, where: tuple[str | int, ...] | None) -> str:
    name = type(error).__name__
    if name != "OpenAPIValidationError":
        return name
    return "default" if where is not None and getattr(error, _RULE, "") == "default" else "schema"


def _leaves(error: Any) -> list[Any]:
    """The innermost errors that explain ``error``: for a ``oneOf``/``anyOf`` failure, every error of the
    alternative that matched best (jsonschema's ``best_match`` names one error and hides its siblings)."""
    if not error.context:
        return [error]
    best_match = importlib.import_module("jsonschema.exceptions").best_match
    try:
        best = best_match([error])
    except Exception:  # a heuristic over third-party error objects; the outer error will do
        return [error]
    while best.parent is not None and best.parent is not error:
        best = best.parent
    if best.parent is error and best.relative_schema_path:
        branch = best.relative_schema_path[0]
    else:  # a tie: take the one alternative that is not a Reference Object (``$ref`` missing)
        branches = {e.relative_schema_path[0] for e in error.context if e.relative_schema_path}
        refs = {e.relative_schema_path[0] for e in error.context if e.relative_schema_path and "$ref" in _names(e)}
        if len(branches - refs) != 1:
            return [error]
        [branch] = branches - refs
    siblings = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == branch]
    return [leaf for sibling in siblings for leaf in _leaves(sibling)]


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def _names(error: Any) -> tuple[str, ...]:
    """Property names an ``additionalProperties``/``unevaluatedProperties`` error found unexpected, or
    that a ``required`` error found missing; only names the instance really has (or lacks)."""
    instance = error.instance
    if not isinstance(instance, dict):
        return ()
    if error.validator == "required" and isinstance(error.validator_value, list):
        return tuple(n for n in error.validator_value if isinstance(n, str) and n not in instance)
    if error.validator not in ("additionalProperties", "unevaluatedProperties"):
        return ()
    listed = str(error.message).rpartition("(")[2]
    found: list[str] = []
    for quoted in _QUOTED.findall(listed):
        try:
            name = ast.literal_eval(quoted)
        except (ValueError, SyntaxError):
            continue
        if isinstance(name, str) and name in instance and name not in found:
            found.append(name)
    return tuple(found)


@functools.cache
def _validator_class(version: str) -> Any:
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    base: Any = OpenAPIV30SpecValidator if version == "3.0" else OpenAPIV31SpecValidator
    try:
        from jsonschema_path import SchemaPath
        from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
        from openapi_spec_validator.validation.registries import KeywordValidatorRegistry
    except ImportError:  # pragma: no cover - library layout changed: plain errors, fewer locations
        return base

    class _Checker:
        """A rule checker whose errors carry the path of the first document node it was given."""

        def __init__(self, inner: Any, keyword: str) -> None:
            self._inner = inner
            self._keyword = keyword

        def __getattr__(self, name: str) -> Any:
            return getattr(self._inner, name)

        def __call__(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
            where = next((tuple(a.parts) for a in args if isinstance(a, SchemaPath)), None)
            if where is not None and self._keyword == "default":
                where = (*where, "default")
            for raw in self._inner(*args, **kwargs):
                error = raw
                if not isinstance(error, OpenAPIValidationError):
                    error = OpenAPIValidationError.create_from(raw)
                if where is not None and not hasattr(error, _WHERE):
                    setattr(error, _WHERE, where)
                    setattr(error, _RULE, self._keyword)
                yield error

    class _Registry(KeywordValidatorRegistry):
        def __missing__(self, keyword: str) -> Any:
            if keyword not in self.keyword_validators:
                raise KeyError(keyword)
            checker = _Checker(self.keyword_validators[keyword](self), keyword)
            cast(Any, self)[keyword] = checker
            return checker

    class _Located(base):  # type: ignore[misc]
        def __init__(self, schema: Any) -> None:
            super().__init__(schema)
            self.keyword_validators_registry = _Registry(self.keyword_validators)

    return _Located
