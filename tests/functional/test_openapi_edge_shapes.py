"""Shapes from real specs that used to stop the generator with an internal error or produce wrong code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from specsmith.diagnostics import Severity

from tests.cli.cli_run import run_cli
from tests.support import complete_spec

# A one-part allOf alias of a discriminated base whose children extend it through allOf (KeyError before).
ALIAS_OF_POLYMORPHIC_BASE = """
paths:
  /pets:
    get:
      operationId: list_pets
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Alias'}}}}
components:
  schemas:
    Alias:
      description: Another name for Pet.
      allOf: [{$ref: '#/components/schemas/Pet'}]
    Pet:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
      discriminator: {propertyName: kind}
    Dog:
      allOf: [{$ref: '#/components/schemas/Pet'}, {type: object, properties: {bark: {type: boolean}}}]
    Cat:
      allOf: [{$ref: '#/components/schemas/Pet'}, {type: object, properties: {meow: {type: boolean}}}]
"""


def test_a_one_part_alias_of_a_discriminated_base_is_the_same_union(make_client: Any) -> None:
    c = make_client(ALIAS_OF_POLYMORPHIC_BASE)
    for module in ("models.alias", "models.pet"):
        decode = c.module(module).decode
        assert decode({"kind": "Dog", "bark": True}) == c.models.Dog(kind="Dog", bark=True)
        assert decode({"kind": "Cat", "meow": False}) == c.models.Cat(kind="Cat", meow=False)
        assert isinstance(decode({"kind": "Alias"}), c.package.UnknownVariant)  # the alias is no variant
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout


DEFAULTS_THAT_DO_NOT_FIT = """
components:
  schemas:
    Settings:
      type: object
      properties:
        size: {anyOf: [{type: string}, {type: number}], default: {}}
        stop: {type: [string, integer], default: []}
        ratio: {type: integer, default: 1.5}
        ids: {type: array, items: {type: integer}, default: [x]}
        point: {$ref: '#/components/schemas/Point', default: {}}
        words: {oneOf: [{type: string}, {type: array, items: {type: string}}], default: [a]}
        limit: {anyOf: [{type: integer}, {type: 'null'}], default: 5}
    Point: {type: object, required: [x], properties: {x: {type: integer}}}
"""


def test_a_default_that_does_not_fit_its_schema_is_dropped_with_a_warning(make_client: Any) -> None:
    c = make_client(DEFAULTS_THAT_DO_NOT_FIT)
    warned = {d.pointer for d in c.result.diagnostics if d.code == "default-mismatch"}
    where = "/components/schemas/Settings/properties"
    assert warned == {f"{where}/{name}/default" for name in ("size", "stop", "ratio", "ids", "point")}
    settings = c.models.Settings()
    for name in ("size", "stop", "ratio", "ids", "point"):
        assert getattr(settings, name) is c.package.OMIT
    assert settings.words == ["a"] and settings.limit == 5  # defaults that fit are kept
    assert settings.to_dict() == {"words": ["a"], "limit": 5}
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout


MALFORMED_KEYWORDS = """
openapi: 3.0.3
paths:
  /things:
    get:
      operationId: list_things
      parameters:
        - {name: q, in: query, schema: {type: string, minLength: -1}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
components:
  schemas:
    Thing:
      type: object
      required: true
      properties:
        name: {description: Any value., nullable: 3}
        tags: {type: array, items: 5}
        kind: {type: string, enum: 3}
        size: 7
        inner: {type: object, properties: [], required: {a: 1}}
"""


def test_malformed_keyword_values_are_diagnostics_at_their_pointer(tmp_path: Path, make_client: Any) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(complete_spec(MALFORMED_KEYWORDS)), encoding="utf-8")
    run = run_cli("generate", path, "-o", tmp_path / "out", "--package-name", "p", "--no-validate", "-v")
    assert run.code == 0, run.output
    where = "spec.json#/components/schemas/Thing"
    for pointer, words in [
        ("/required", "`required` must be a list of names, not a boolean; ignored"),
        ("/properties/name/nullable", "`nullable` must be a boolean, not a number"),
        ("/properties/tags/items", "`items` must be a schema, not a number"),
        ("/properties/kind/enum", "`enum` must be a list"),
        ("/properties/size", "must be a schema, not a number"),
        ("/properties/inner/properties", "`properties` must be an object, not a list"),
        ("/properties/inner/required", "`required` must be a list of names, not an object"),
    ]:
        assert f"{where}{pointer}: warning[schema-invalid]: {words}" in run.stderr
    assert "spec.json#/paths/~1things/get/parameters/0/schema/minLength: warning[schema-invalid]" in run.stderr
    c = make_client(MALFORMED_KEYWORDS)
    assert not [d for d in c.result.diagnostics if d.severity is Severity.ERROR]
    assert c.models.Thing.from_dict({"name": {"any": 1}, "kind": "x"}).to_dict() == {"name": {"any": 1}, "kind": "x"}
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout


# OpenAI's file-search filters: a compound filter lists itself through `$recursiveRef: '#'`; a tree names
# its nodes with `$dynamicAnchor`; a union with an untyped variant keeps an unknown tag's object as is.
DYNAMIC_REFS = """
paths:
  /search:
    post:
      operationId: search
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/CompoundFilter'}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Tree'}}}}
components:
  schemas:
    ComparisonFilter:
      type: object
      required: [type, key]
      properties: {type: {type: string, enum: [eq, ne]}, key: {type: string}}
    CompoundFilter:
      type: object
      required: [type, filters]
      properties:
        type: {type: string, enum: [and, or]}
        filters:
          type: array
          items: {oneOf: [{$ref: '#/components/schemas/ComparisonFilter'}, {$recursiveRef: '#'}]}
    Tree:
      $dynamicAnchor: node
      type: object
      properties:
        value: {type: integer}
        children: {type: array, items: {$dynamicRef: '#node'}}
        elsewhere: {$dynamicRef: 'https://example.com/tree#node'}
    Event:
      oneOf: [{$ref: '#/components/schemas/ComparisonFilter'}, {$ref: '#/components/schemas/CompoundFilter'}, {}]
      discriminator: {propertyName: type, mapping: {eq: '#/components/schemas/ComparisonFilter'}}
"""


def test_recursive_and_dynamic_refs_are_followed(make_client: Any) -> None:
    c = make_client(DYNAMIC_REFS)
    [warning] = [d for d in c.result.diagnostics if d.code == "dynamic-ref-unsupported"]
    assert warning.pointer == "/components/schemas/Tree/properties/elsewhere/$dynamicRef"
    nested = {"type": "and", "filters": [{"type": "eq", "key": "a"}, {"type": "or", "filters": []}]}
    decoded = c.models.CompoundFilter.from_dict(nested)
    assert decoded.filters[1] == c.models.CompoundFilter(type="or", filters=[])  # the variant is the model
    assert decoded.to_dict() == nested
    tree = c.models.Tree.from_dict({"value": 1, "children": [{"value": 2, "children": []}]})
    assert tree.children[0] == c.models.Tree(value=2, children=[])
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
    run = c.run_generated_tests()  # the unknown-tag test agrees with the decoder for Event's untyped variant
    assert run.returncode == 0, run.stdout[-3000:]
    unknown = {"type": "specsmith-unknown-tag", "key": "k"}
    assert c.module("models.event").decode(unknown) == unknown


@pytest.mark.parametrize("bad_type", ["{a: 1}", "[]", "[[]]", "[string, 3]"])
def test_a_malformed_type_is_an_error_at_its_pointer(tmp_path: Path, bad_type: str) -> None:
    """The type of the value would be a guess: refused, as the validator refuses it (not an internal error)."""
    path = tmp_path / "spec.json"
    spec = complete_spec(f"components: {{schemas: {{Thing: {{type: object, properties: {{name: {{type: {bad_type}}}}}}}}}}}")
    path.write_text(json.dumps(spec), encoding="utf-8")
    run = run_cli("generate", path, "-o", tmp_path / "out", "--package-name", "p", "--no-validate")
    assert run.code == 1, run.output
    assert "spec.json#/components/schemas/Thing/properties/name/type: error[schema-invalid]: `type` must be" in run.stderr
    assert "internal error" not in run.output and not (tmp_path / "out").exists()
