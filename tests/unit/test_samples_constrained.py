"""Synthesised samples satisfy the validation keywords of the schema they stand for, checked with jsonschema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from specsmith import ir
from specsmith.builder.objects import constraints_of
from specsmith.pipeline import load_api
from specsmith.render.pytypes import Registry
from specsmith.render.samples import sample

from tests.support import complete_spec

PROPERTIES: dict[str, Any] = {
    "slug": {"type": "string", "pattern": "^[a-z]{3,8}$"},
    "key": {"type": "string", "pattern": "^sk_[A-Za-z0-9]{24}$"},
    "month": {"type": "string", "pattern": "^\\d{4}-\\d{2}$"},
    "choice": {"type": "string", "pattern": "^(foo|bar)-[0-9]+$"},
    "word": {"type": "string", "pattern": "[^\\s]+", "minLength": 12},
    "name": {"type": "string", "pattern": "^[A-Z][a-z]*$", "minLength": 5, "maxLength": 6},
    "code": {"type": "string", "minLength": 10},
    "short": {"type": "string", "maxLength": 3},
    "voice_id": {"type": "string", "pattern": "^[a-zA-Z0-9_-]{20}$"},
    "stability": {"type": "number", "minimum": 0, "maximum": 1},
    "speed": {"type": "number", "exclusiveMinimum": 0.7, "exclusiveMaximum": 1.2},
    "page": {"type": "integer", "minimum": 10, "maximum": 20},
    "size": {"type": "integer", "exclusiveMaximum": 0},
    "step": {"type": "integer", "multipleOf": 5, "minimum": 7},
    "tiny": {"type": "number", "multipleOf": 0.25, "minimum": 0.3, "maximum": 0.6},
    "tags": {"type": "array", "items": {"type": "string"}, "minItems": 3, "uniqueItems": True},
    "none": {"type": "array", "items": {"type": "integer"}, "maxItems": 0},
    "labels": {"type": "object", "additionalProperties": {"type": "string"}, "minProperties": 2},
    "highlights": {"anyOf": [{"type": "array", "items": {"type": "string", "minLength": 10, "maxLength": 70}},
                             {"type": "null"}]},
    "order": {"$ref": "#/components/schemas/OrderId"},  # the constraints of a $ref target count
}
SPEC = {
    "paths": {
        "/voices/{voice_id}": {
            "get": {
                "operationId": "get_voice",
                "parameters": [
                    {"name": "voice_id", "in": "path", "required": True, "schema": PROPERTIES["voice_id"]},
                    {"name": "page_size", "in": "query", "required": True, "schema": PROPERTIES["page"]},
                    {"name": "cursor", "in": "query", "required": True, "schema": PROPERTIES["key"]},
                ],
                "responses": {"200": {"description": "ok"}},
            }
        }
    },
    "components": {
        "schemas": {
            "Settings": {"type": "object", "required": sorted(PROPERTIES), "properties": PROPERTIES},
            "Optional": {"type": "object", "properties": PROPERTIES},
            "OrderId": {"type": "string", "pattern": "^prodorder_[a-z0-9]{26}$"},
        }
    },
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[ir.Api, Registry]:
    path = tmp_path_factory.mktemp("samples") / "spec.json"
    path.write_text(json.dumps(complete_spec(SPEC)), encoding="utf-8")
    api, diagnostics = load_api(Path(path), validate=True)
    assert api is not None, [str(d) for d in diagnostics]
    return api, Registry.of(api)


@pytest.mark.parametrize(("model", "filled"), [("Settings", False), ("Optional", True)])
def test_model_samples_satisfy_their_schema(built: tuple[ir.Api, Registry], model: str, filled: bool) -> None:
    _, reg = built
    value = sample(ir.ModelRef(model), reg, filled=filled)
    assert set(value) == set(PROPERTIES)
    errors = [f"{e.json_path}: {e.message}" for e in _validator({"$ref": f"#/components/schemas/{model}"})
              .iter_errors(value)]  # fmt: skip
    assert not errors, errors


def _validator(schema: dict[str, Any]) -> Any:
    """A JSON Schema validator for ``schema`` whose $refs resolve in the spec."""
    return jsonschema.Draft202012Validator(SPEC).evolve(schema=schema)


def test_a_30_boolean_exclusive_bound_is_exclusive() -> None:
    limits = constraints_of({"type": "integer", "minimum": 1, "exclusiveMinimum": True, "maximum": 3})
    assert limits is not None and (limits.minimum, limits.exclusive_minimum, limits.maximum) == (None, 1, 3)
    assert sample(ir.Primitive("integer"), Registry({}, {}, {}), constraints=limits) == 2


def test_parameter_samples_satisfy_their_schema(built: tuple[ir.Api, Registry]) -> None:
    api, reg = built
    [operation] = api.root.operations
    for param in operation.params:
        value = sample(param.type, reg, constraints=param.constraints, filled=param.location == "path")
        schema = PROPERTIES[{"voice_id": "voice_id", "page_size": "page", "cursor": "key"}[param.wire_name]]
        assert not list(_validator(schema).iter_errors(value)), (param.wire_name, value)
