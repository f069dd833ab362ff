"""OpenAPI validation at compiled speed: the document schema and the schema dialect checked by jsonschema-rs,
openapi-spec-validator's rules re-implemented over plain dicts (``openapi_rules.py``).

Same checks and the same findings as openapi-spec-validator (the reference: ``SPECSMITH_VALIDATOR=reference``
selects it, and the tests compare the two), at a small fraction of its cost: the reference walks the
document through ``jsonschema-path`` objects that re-resolve their registry at every step.

1. The whole document against the official OpenAPI 3.0 / 3.1 JSON Schema (shipped by openapi-spec-validator).
2. The rules, each schema meta-checked against its dialect (draft 4 for 3.0, the OAS 3.1 base dialect).

A failing ``oneOf``/``anyOf`` is reported as the errors of the alternative that matched best, as the
reference does (``spec_validator._leaves``): the deepest error decides, and where alternatives tie, the one
that is not a Reference Object (``$ref`` missing) is taken.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from collections.abc import Iterator, Mapping
from typing import Any

from .openapi_rules import Rules
from .spec_validator import LocatedError

__all__ = ["iter_errors", "version"]

Path = tuple[str | int, ...]
_OAS31_DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base"
_OAS31_VOCABULARY = "https://spec.openapis.org/oas/3.1/meta/base"
_WEAK = frozenset({"anyOf", "oneOf"})
_MESSAGE_LIMIT = 2_000


def version() -> str:
    """What validates (for cache keys): jsonschema-rs's version and the version of these rules."""
    import importlib.metadata

    return f"jsonschema-rs {importlib.metadata.version('jsonschema-rs')}, rules 1"


def iter_errors(version: str, data: Any) -> Iterator[LocatedError]:
    """Validate ``data`` as OpenAPI ``version`` ("3.0" or "3.1") and yield every problem found."""
    for error in _document_validator(version).iter_errors(data):
        yield from _leaves(error, ())
    if isinstance(data, Mapping):  # like the reference, the rules run even where the shape is wrong
        yield from Rules(version, data, functools.partial(_meta_errors, version)).run()


def _meta_errors(version: str, schema: Any, where: Path) -> Iterator[LocatedError]:
    """Every meta-schema error of ``schema``. The reference reports one per schema and finds the next once
    the caller has removed what it tolerated (``validate._run`` revalidates): the verdict is the same."""
    for error in _meta_validator(version).iter_errors(schema):
        yield from _leaves(error, where)


def _relevance(error: Any) -> tuple[int, bool]:
    """jsonschema's ``best_match`` order: deeper errors first, then any keyword before oneOf/anyOf."""
    return len(error.instance_path), error.kind.name not in _WEAK


def _leaves(error: Any, where: Path) -> Iterator[LocatedError]:
    """The innermost errors explaining ``error``: for a ``oneOf``/``anyOf``, those of its best branch."""
    branches = getattr(error.kind, "context", None) if error.kind.name in _WEAK else None
    branch = _best_branch(branches) if branches else None
    if branch is None:
        yield _located(error, where)
        return
    for inner in branch:
        yield from _leaves(inner, where)


def _best_branch(branches: list[list[Any]]) -> list[Any] | None:
    scored = [(max(_relevance(e) for e in branch), index) for index, branch in enumerate(branches) if branch]
    if not scored:
        return None
    best = max(score for score, _ in scored)
    winners = [index for score, index in scored if score == best]
    if len(winners) > 1:  # a tie: the one alternative that is not a Reference Object, if there is one
        winners = [i for i in winners if not any(_names(e) == ("$ref",) for e in branches[i])]
    return branches[winners[0]] if len(winners) == 1 else None


def _located(error: Any, where: Path) -> LocatedError:
    message = str(error.message)
    if len(message) > _MESSAGE_LIMIT:
        message = message[:_MESSAGE_LIMIT] + " …"
    return LocatedError(message, (*where, *error.instance_path), "schema", error.kind.name, _names(error))


def _names(error: Any) -> tuple[str, ...]:
    """Unexpected property names (additional/unevaluated properties) or the missing one (required)."""
    details = error.kind.as_dict()
    if error.kind.name in ("additionalProperties", "unevaluatedProperties"):
        return tuple(str(name) for name in details.get("unexpected", ()))
    if error.kind.name == "required":
        return (str(details.get("property")),)
    return ()


@functools.cache
def _resource(package: str, *parts: str) -> Any:
    return json.loads(importlib.resources.files(package).joinpath(*parts).read_text(encoding="utf-8"))


@functools.cache
def _document_validator(version: str) -> Any:
    import jsonschema_rs

    schema = _resource("openapi_spec_validator", "resources", "schemas", f"v{version}", "schema.json")
    return jsonschema_rs.validator_for(schema)


@functools.cache
def _meta_validator(version: str) -> Any:
    """The schema dialect's meta-schema: draft 4 for OpenAPI 3.0, the OAS base dialect for 3.1.

    Formats are not asserted here: the reference asserts only ``regex`` (a ``pattern`` must compile as a
    Python regex), which the rules check themselves, with Python's ``re`` as the reference does.
    """
    import jsonschema_rs

    if version == "3.0":
        meta = _resource("jsonschema_specifications", "schemas", "draft4", "metaschema.json")
        return jsonschema_rs.Draft4Validator(meta, validate_formats=False)
    dialect = _resource("openapi_schema_validator", "schemas", "oas3.1", "metaschema.json")
    vocabulary = _resource("openapi_schema_validator", "schemas", "oas3.1", "vocabularies", "base")
    registry = jsonschema_rs.Registry([(_OAS31_DIALECT, dialect), (_OAS31_VOCABULARY, vocabulary)])
    return jsonschema_rs.validator_for(dialect, registry=registry, validate_formats=False)
