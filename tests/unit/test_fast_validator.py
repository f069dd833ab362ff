"""The fast validator (jsonschema-rs + our rules) against openapi-spec-validator, the reference: same verdicts."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from specsmith.diagnostics import Diagnostics
from specsmith.load import ResolvedSpec, fast_validator, spec_validator, validate_spec

from tests.support import require_snapshots

Doc = dict[str, Any]
OK = {"responses": {"200": {"description": "ok"}}}
STRING = {"type": "string"}


def _doc(version: str, **top: Any) -> Doc:
    return {"openapi": version, "info": {"title": "t", "version": "1"}, "paths": {}, **top}


def _op(**fields: Any) -> Doc:
    return {**copy.deepcopy(OK), **fields}


def _schemas(**schemas: Any) -> Doc:
    return {"schemas": schemas}


def _query(name: str) -> Doc:
    return {"name": name, "in": "query", "schema": STRING}


def _json(schema: Any) -> Doc:
    return {"content": {"application/json": {"schema": schema}}}


# name → (fields of the document, whether the reference finds it invalid)
SHAPES: dict[str, tuple[Doc, bool]] = {
    "dup-opid": ({"paths": {"/a": {"get": _op(operationId="x")}, "/b": {"get": _op(operationId="x")}}}, True),
    "undeclared-path-param": ({"paths": {"/a/{id}": {"get": _op()}}}, True),
    "extra-path-param": ({"paths": {"/a": {"get": _op(parameters=[
        {"name": "id", "in": "path", "required": True, "schema": STRING}])}}}, True),
    "path-param-on-path-item": ({"paths": {"/a/{id}": {"parameters": [
        {"name": "id", "in": "path", "required": True, "schema": STRING}], "get": _op()}}}, False),
    "dup-param": ({"paths": {"/a": {"get": _op(parameters=[_query("q"), _query("q")])}}}, True),
    "dup-tag": ({"tags": [{"name": "a"}, {"name": "a"}]}, True),
    "bad-default": ({"components": _schemas(A={"type": "string", "default": 3})}, True),
    "format-default": ({"components": _schemas(A={"type": "integer", "format": "int32", "default": 2**40})}, True),
    "nullable-null-default": ({"components": _schemas(A={"type": "string", "nullable": True, "default": None})}, False),
    "bad-pattern": ({"components": _schemas(A={"type": "string", "pattern": "([a-z"})}, True),
    "allof-required": ({"components": _schemas(A={"allOf": [{"type": "object", "properties": {"a": STRING}}],
                                                   "required": ["a", "b"]})}, True),
    "allof-required-ok": ({"components": _schemas(A={"allOf": [{"type": "object", "properties": {"a": STRING}}],
                                                      "required": ["a"]})}, False),
    "bad-type": ({"components": _schemas(A={"type": "strin"})}, True),
    "bad-min-length": ({"components": _schemas(A={"type": "object", "properties": {"b": {"minLength": -1}}})}, True),
    "default-through-ref": ({"components": _schemas(A={"type": "object", "properties": {
        "x": {"$ref": "#/components/schemas/B"}}}, B={"type": "string", "default": 5})}, True),
    "array-default": ({"components": _schemas(A={"type": "array", "items": STRING, "default": ["a", 1]})}, True),
    "response-default": ({"paths": {"/a": {"get": _op(responses={"200": {
        "description": "ok", **_json({"type": "string", "default": 1})}})}}}, True),
    "request-body-default-not-checked": ({"paths": {"/a": {"post": _op(requestBody=_json(
        {"type": "string", "default": 1}))}}}, False),
    "discriminator-without-property": ({"components": _schemas(A={"type": "object",
                                                                 "discriminator": {"mapping": {}}})}, True),
    "enum-default": ({"components": _schemas(A={"type": "string", "enum": ["a"], "default": "b"})}, True),
    "one-of-default": ({"components": _schemas(A={"oneOf": [STRING, {"type": "integer"}], "default": []})}, True),
    "date-time-default": ({"components": _schemas(A={"type": "string", "format": "date-time",
                                                      "default": "yesterday"})}, True),
    "additional-properties-default-not-checked": ({"components": _schemas(A={
        "type": "object", "additionalProperties": {"type": "string", "default": 1}})}, False),
    "schema-not-an-object": ({"components": _schemas(A=5)}, True),
    "path-without-slash": ({"paths": {"a": {}}}, True),
    "response-without-description": ({"paths": {"/a": {"get": {"responses": {"200": {}}}}}}, True),
    "parameter-in-nowhere": ({"paths": {"/a": {"get": _op(parameters=[{"name": "q", "in": "nowhere"}])}}}, True),
    "valid-refs-everywhere": ({"paths": {"/a/{id}": {"get": _op(parameters=[
        {"$ref": "#/components/parameters/Id"}], responses={"200": {"$ref": "#/components/responses/Ok"}})}},
        "components": {"parameters": {"Id": {"name": "id", "in": "path", "required": True, "schema": STRING}},
                       "responses": {"Ok": {"description": "ok", **_json({"$ref": "#/components/schemas/A"})}},
                       "schemas": {"A": {"type": "object", "properties": {"n": {"type": "integer", "default": 1}}}}}},
     False),
}  # fmt: skip
VERSIONS = ("3.0.3", "3.1.0")
CASES = [(f"{name}-{version}", version, shape) for name, shape in SHAPES.items() for version in VERSIONS]


def _verdicts(doc: Doc) -> tuple[list[spec_validator.LocatedError], list[spec_validator.LocatedError]]:
    version = doc["openapi"][:3]
    return list(fast_validator.iter_errors(version, copy.deepcopy(doc))), list(spec_validator.iter_errors(version, doc))


def _outcome(doc: Doc, monkeypatch: pytest.MonkeyPatch, validator: str) -> tuple[set[tuple[str, str]], Any]:
    """What validation tells the user and hands the builder: (severity, pointer) of each diagnostic, and
    the document left after tolerated values are removed."""
    monkeypatch.setenv("SPECSMITH_VALIDATOR", validator)
    diagnostics = Diagnostics()
    checked = validate_spec(ResolvedSpec(copy.deepcopy(doc), "api.yaml", "0" * 64), diagnostics, cache_dir=None)
    return {(d.severity.name, d.pointer) for d in diagnostics.items}, checked.data


@pytest.mark.parametrize(("name", "version", "shape"), CASES, ids=[c[0] for c in CASES])
def test_the_fast_validator_agrees_with_the_reference(
    name: str, version: str, shape: tuple[Doc, bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    fields, invalid = shape
    doc = _doc(version, **copy.deepcopy(fields))
    fast, reference = _verdicts(doc)
    assert bool(reference) == invalid, reference  # the table itself is right about the reference
    assert bool(fast) == bool(reference), (fast, reference)
    assert all(e.message and "\n" not in e.message for e in fast)
    # what the user is told, and what the client is built from, are the same with either validator
    fast_said, fast_kept = _outcome(doc, monkeypatch, "fast")
    reference_said, reference_kept = _outcome(doc, monkeypatch, "reference")
    assert {s for s, _ in fast_said} == {s for s, _ in reference_said}
    assert fast_kept == reference_kept
    if fast_said != reference_said:  # the same node, reported at the same place or one level apart
        assert {p.rsplit("/", 1)[0] for _, p in fast_said} & {p for _, p in reference_said} or \
            {p for _, p in fast_said} & {p.rsplit("/", 1)[0] for _, p in reference_said}, (fast_said, reference_said)


def test_rule_errors_say_what_the_reference_says() -> None:
    for name in ("dup-opid", "undeclared-path-param", "allof-required", "bad-default", "enum-default"):
        fast, reference = _verdicts(_doc("3.1.0", **copy.deepcopy(SHAPES[name][0])))
        assert {(e.message, e.path, e.rule) for e in fast} == {(e.message, e.path, e.rule) for e in reference}, name


def test_a_self_referencing_schema_does_not_crash_the_fast_validator() -> None:
    for version in VERSIONS:
        doc = _doc(version, components=_schemas(A={"$ref": "#/components/schemas/A"}))
        assert list(fast_validator.iter_errors(version[:3], doc)) == []


@pytest.mark.slow
def test_the_real_snapshots_are_valid_for_both() -> None:
    for snapshot in require_snapshots():
        doc = json.loads(snapshot.read_text(encoding="utf-8"))
        fast, reference = _verdicts(doc)
        assert fast == reference == [], snapshot.name
