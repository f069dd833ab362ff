"""Fixture pairs of spec snippets through the real loader and IR builder (``specsmith.pipeline.load_api``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from diff_factories import rule_ids
from specsmith.diff import DiffResult

Snippets = Callable[[str, str], DiffResult]

GET_THING = """
paths:
  /things/{id}:
    get:
      operationId: get_thing
      tags: [things]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: q, in: query, schema: {type: string, maxLength: 10}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [id]
                properties:
                  id: {type: string}
                  color: {type: string, enum: [red, green]}
"""

# The same API: the response schema and its enum moved into components, keys reordered.
GET_THING_NORMALISED = """
components:
  schemas:
    Color: {enum: [red, green], type: string}
    Thing:
      properties:
        color: {$ref: '#/components/schemas/Color'}
        id: {type: string}
      required: [id]
      type: object
paths:
  /things/{id}:
    get:
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
          description: ok
      parameters:
        - {in: path, name: id, required: true, schema: {type: string}}
        - {in: query, name: q, schema: {maxLength: 10, type: string}}
      tags: [things]
      operationId: get_thing
"""

CREATE_PET = """
paths:
  /pets:
    post:
      operationId: create_pet
      tags: [pets]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/PetRequest'}
      responses:
        '204': {description: created}
components:
  schemas:
    PetRequest:
      type: object
      required: [name]
      properties:
        name: {type: string}
        pet:
          oneOf:
            - {$ref: '#/components/schemas/Cat'}
            - {$ref: '#/components/schemas/Dog'}
            - {$ref: '#/components/schemas/Bird'}
    Cat: {type: object, required: [meows], properties: {meows: {type: boolean}}}
    Dog: {type: object, required: [barks], properties: {barks: {type: boolean}}}
    Bird: {type: object, required: [sings], properties: {sings: {type: boolean}}}
"""


def test_identical_specs_have_no_changes(diff_snippets: Snippets) -> None:
    assert diff_snippets(GET_THING, GET_THING).changes == ()


def test_moving_schemas_into_components_and_reordering_keys_changes_nothing_on_the_wire(
    diff_snippets: Snippets,
) -> None:
    result = diff_snippets(GET_THING, GET_THING_NORMALISED)

    assert set(rule_ids(result)) <= {"type-renamed"}
    # nothing changes on the wire: at most generated class names, a source break
    assert all(change.kind == "source" for change in result.changes)


@pytest.mark.parametrize(
    ("rule", "old", "new"),
    [
        (
            "parameter-became-required",
            "{name: q, in: query, schema",
            "{name: q, in: query, required: true, schema",
        ),
        ("request-constraint-tightened", "maxLength: 10", "maxLength: 5"),
        ("response-enum-value-added", "enum: [red, green]", "enum: [red, green, blue]"),
        (
            "response-optional-property-removed",
            "                  color: {type: string, enum: [red, green]}\n",
            "",
        ),
        (
            "response-property-became-nullable",
            "id: {type: string}",
            "id: {anyOf: [{type: string}, {type: 'null'}]}",
        ),
        ("operation-path-changed", "/things/{id}:", "/items/{id}:"),
        (
            "operation-deprecated",
            "operationId: get_thing",
            "operationId: get_thing\n      deprecated: true",
        ),
        (
            "operation-id-changed",
            "operationId: get_thing",
            "operationId: fetch_thing\n      x-fern-sdk-method-name: get_thing",
        ),
    ],
)
def test_a_get_operation_snippet_pair(
    diff_snippets: Snippets, rule: str, old: str, new: str
) -> None:
    assert old in GET_THING
    result = diff_snippets(GET_THING, GET_THING.replace(old, new))

    assert rule_ids(result) == [rule]


@pytest.mark.parametrize(
    ("rule", "old", "new"),
    [
        (
            "request-property-added-required",
            "required: [name]\n      properties:\n",
            "required: [name, age]\n      properties:\n        age: {type: integer}\n",
        ),
        ("request-union-variant-removed", "            - {$ref: '#/components/schemas/Dog'}\n", ""),
        ("request-property-type-changed", "name: {type: string}", "name: {type: integer}"),
        ("request-body-became-optional", "required: true", "required: false"),
    ],
)
def test_a_request_body_snippet_pair(
    diff_snippets: Snippets, rule: str, old: str, new: str
) -> None:
    assert old in CREATE_PET
    result = diff_snippets(CREATE_PET, CREATE_PET.replace(old, new, 1))

    assert rule_ids(result) == [rule]


def test_the_enum_value_added_is_risky_for_strict_clients_only(diff_snippets: Snippets) -> None:
    result = diff_snippets(GET_THING, GET_THING.replace("[red, green]", "[red, green, blue]"))

    (change,) = result.changes
    assert (change.severity, change.severity_specsmith) == ("risky", "safe")
    assert change.used_in == ("response of things.get_thing",)
    assert change.old_pointer.endswith("/properties/color")
