"""openapi-spec-validator, adapted: imported lazily, every error located, nothing kept alive afterwards.

The library's JSON-Schema pass reports absolute paths, but its rule checks (duplicate operationIds,
unresolved path parameters, invalid ``default`` values, schema meta-checks) report errors without any
location. Here each rule checker is wrapped so that an error passing out of it is tagged with the
document path the checker was looking at; the innermost checker tags first.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

__all__ = ["LocatedError", "iter_errors"]

_WHERE = "_specsmith_where"


@dataclass(frozen=True, slots=True)
class LocatedError:
    """One validation problem: a message and the document path it concerns (may pass through $refs)."""

    message: str
    path: tuple[str | int, ...]


def iter_errors(version: str, data: Any) -> Iterator[LocatedError]:
    """Validate ``data`` as OpenAPI ``version`` ("3.0" or "3.1") and yield every problem found."""
    validator_class = _validator_class(version)
    try:
        for error in validator_class(data).iter_errors():
            yield _locate(error)
    finally:  # the library memoises results per validator instance for ever; let the spec go
        wrapped = getattr(validator_class.iter_errors, "__wrapped__", None)
        cache_clear = getattr(wrapped, "cache_clear", None)
        if cache_clear is not None:
            cache_clear()


def _locate(error: Any) -> LocatedError:
    best_match = importlib.import_module("jsonschema.exceptions").best_match
    best = error
    if error.context:
        try:
            best = best_match([error])
        except Exception:  # a heuristic over third-party error objects; the outer error will do
            best = error
    where = getattr(error, _WHERE, ())
    return LocatedError(str(best.message), (*where, *best.absolute_path))


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
