"""A default is judged without the JSON Schema validator only when it plainly fits (builder/defaults.py)."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator, OAS31Validator
from specsmith.builder.defaults import _plainly_fits

CASES: list[tuple[dict[str, Any], Any]] = [
    ({"type": "string"}, "a"),
    ({"type": "string", "enum": ["a", "b"], "description": "d", "x-extra": 1}, "b"),
    ({"type": "string", "enum": ["a"]}, "c"),
    ({"type": "string", "maxLength": 2}, "abc"),
    ({"type": "string", "minLength": 2, "maxLength": 4}, "abc"),
    ({"type": "string", "maxLength": "2"}, "abc"),
    ({"type": "string", "pattern": "^a$"}, "b"),
    ({"type": "string"}, 1),
    ({"type": "integer"}, 3),
    ({"type": "integer"}, True),
    ({"type": "integer"}, 1.5),
    ({"type": "integer", "minimum": 5}, 3),
    ({"type": "number"}, 2),
    ({"type": "number", "enum": [1.5]}, 1.5),
    ({"type": "boolean"}, False),
    ({"type": "boolean"}, 0),
    ({"type": "array", "items": {"type": "string", "enum": ["x"]}}, ["x"]),
    ({"type": "array", "items": {"type": "string"}}, ["x", 2]),
    ({"type": "array", "items": {"$ref": "#/components/schemas/X"}}, ["x"]),
    ({"type": "array", "maxItems": 1, "items": {"type": "string"}}, ["x", "y"]),
    ({"type": "array"}, []),
    ({"type": ["string", "null"]}, None),
    ({"type": "object"}, {}),
    ({"oneOf": [{"type": "string"}]}, "a"),
]


@pytest.mark.parametrize(("schema", "value"), CASES)
@pytest.mark.parametrize("validator", [OAS30Validator, OAS31Validator])
def test_a_default_judged_plainly_is_one_the_validator_accepts(schema: dict[str, Any], value: Any, validator: Any) -> None:
    if _plainly_fits(schema, value):
        assert validator({}).evolve(schema=schema).is_valid(value)


def test_common_defaults_are_judged_plainly() -> None:
    plain = [case for case in CASES if _plainly_fits(*case)]
    assert len(plain) == 9  # strings, enums, lengths, numbers, booleans and arrays of them
