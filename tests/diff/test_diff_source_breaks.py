"""Source-level breaks (the wire is compatible, code written against the old client fails after
regeneration) and the request property that stops accepting null: spec pairs through the real loader, each
with the strict and the specsmith expectation and the kind of break."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from specsmith.diff import Change, DiffResult

Snippets = Callable[[str, str], DiffResult]


def _only(result: DiffResult, rule: str) -> Change:
    found = [change for change in result.changes if change.rule_id == rule]
    assert len(found) == 1, [(c.rule_id, c.message) for c in result.changes]
    return found[0]


def _rating(change: Change) -> tuple[str, str, str]:
    return change.severity, change.severity_specsmith, change.kind


def _tools(variants: str, extra_schemas: str = "") -> str:
    return f"""
paths:
  /tools:
    get:
      operationId: list_tools
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Tool'}}
components:
  schemas:
    Tool:
      oneOf: [{variants}]
      discriminator: {{propertyName: type}}
    Webhook: {{type: object, required: [type], properties: {{type: {{const: webhook}}, url: {{type: string}}}}}}
    Memory: {{type: object, required: [type], properties: {{type: {{const: memory}}, size: {{type: integer}}}}}}
    {extra_schemas}
"""


BOTH = "{$ref: '#/components/schemas/Webhook'}, {$ref: '#/components/schemas/Memory'}"
WEBHOOK = "{$ref: '#/components/schemas/Webhook'}"
LOAD = "Load: {type: object, required: [type], properties: {type: {const: load}, name: {type: string}}}"


def test_a_returned_variant_whose_class_vanishes_is_a_source_break(diff_snippets: Snippets) -> None:
    old = _tools(BOTH + ", {$ref: '#/components/schemas/Load'}", LOAD)

    change = _only(diff_snippets(old, _tools(BOTH)), "response-union-variant-removed")

    assert _rating(change) == ("breaking", "breaking", "source")
    assert "`load` (Load)" in change.python and "no longer generated" in change.python


def test_a_returned_variant_whose_class_is_still_generated_is_safe(diff_snippets: Snippets) -> None:
    """The variant is gone from the union but ``Load`` is still a public class: code naming it runs."""
    still = (
        LOAD
        + "\n    Holder: {type: object, properties: {load: {$ref: '#/components/schemas/Load'}}}"
    )
    old = _tools(BOTH + ", {$ref: '#/components/schemas/Load'}", still)

    change = _only(diff_snippets(old, _tools(BOTH, still)), "response-union-variant-narrowed")

    assert _rating(change) == ("safe", "safe", "")


def _colors(values: str) -> str:
    return f"""
paths:
  /things:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{type: object, properties: {{color: {{$ref: '#/components/schemas/Color'}}}}}}
components:
  schemas:
    Color: {{type: string, enum: [{values}]}}
"""


def test_a_removed_response_enum_value_is_a_source_break(diff_snippets: Snippets) -> None:
    change = _only(
        diff_snippets(_colors("red, green, blue"), _colors("red, green")),
        "response-enum-value-removed",
    )

    assert _rating(change) == ("breaking", "breaking", "source")
    assert change.python.startswith("`Color.BLUE` removed")


def test_an_enum_narrowed_to_one_literal_loses_its_members(diff_snippets: Snippets) -> None:
    """A one-value enum is a ``Literal``: the class ``Color`` and its member ``BLUE`` are gone."""
    result = diff_snippets(_colors("red, blue"), _colors("red"))

    assert _rating(_only(result, "response-enum-value-removed")) == (
        "breaking",
        "breaking",
        "source",
    )


def test_a_literal_value_no_longer_returned_is_safe(diff_snippets: Snippets) -> None:
    """No enum class was generated for an inline ``anyOf`` of constants: nothing to name, nothing breaks."""
    old = _colors("red").replace(
        "$ref: '#/components/schemas/Color'", "anyOf: [{const: red}, {const: blue}]"
    )
    new = _colors("red").replace("$ref: '#/components/schemas/Color'", "const: red")

    assert _rating(_only(diff_snippets(old, new), "response-literal-value-removed")) == (
        "safe",
        "safe",
        "",
    )


def _create(properties: str, required: str = "[name]") -> str:
    return f"""
paths:
  /dubbing:
    post:
      operationId: create_dubbing
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: {required}
              properties: {{{properties}}}
      responses:
        '204': {{description: done}}
"""


def test_a_removed_optional_argument_is_a_source_break(diff_snippets: Snippets) -> None:
    old = _create("name: {type: string}, hcaptcha_token: {type: string}")

    change = _only(diff_snippets(old, _create("name: {type: string}")), "request-property-removed")

    assert _rating(change) == ("breaking", "breaking", "source")
    assert "argument `hcaptcha_token`: removed (passing it raises TypeError)" in change.python


def _listing(query: str, fields: str, required: str = "[id]") -> str:
    return f"""
paths:
  /things:
    get:
      parameters: [{query}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Thing'}}
components:
  schemas:
    Thing: {{type: object, required: {required}, properties: {{{fields}}}}}
"""


QUERY = "{name: page, in: query, schema: {type: integer}}"


@pytest.mark.parametrize(
    ("rule", "old", "new", "rating"),
    [
        ("parameter-removed", _listing(QUERY, "id: {type: string}"), _listing("", "id: {type: string}"),
         ("breaking", "breaking", "source")),
        ("response-optional-property-removed", _listing("", "id: {type: string}, spooled: {type: boolean}"),
         _listing("", "id: {type: string}"), ("breaking", "breaking", "source")),
        # for contrast, a wire break: the old client's decoder needs the property
        ("response-required-property-removed", _listing("", "id: {type: string}, name: {type: string}",
                                                        "[id, name]"),
         _listing("", "id: {type: string}"), ("breaking", "breaking", "wire")),
    ],
)  # fmt: skip
def test_removed_arguments_and_fields(
    diff_snippets: Snippets, rule: str, old: str, new: str, rating: tuple[str, str, str]
) -> None:
    assert _rating(_only(diff_snippets(old, new), rule)) == rating


def test_a_request_property_that_stops_accepting_null_is_reported(diff_snippets: Snippets) -> None:
    """The reverse of ElevenLabs 2026-06-01 → 07-18: ``name`` optional and nullable → required, not null."""
    old = _create("name: {anyOf: [{type: string}, {type: 'null'}]}", required="[]")
    new = _create("name: {type: string}")

    result = diff_snippets(old, new)

    assert sorted(c.rule_id for c in result.changes) == [
        "request-property-became-non-nullable",
        "request-property-became-required",
    ]
    assert _rating(_only(result, "request-property-became-non-nullable")) == (
        "breaking",
        "breaking",
        "wire",
    )
    reverse = diff_snippets(new, old)
    assert _rating(_only(reverse, "request-property-became-nullable")) == ("safe", "safe", "")


def test_a_response_property_turning_optional_and_nullable_is_one_fact(
    diff_snippets: Snippets,
) -> None:
    """An optional response attribute is ``None`` when missing anyway: "may be missing" says it all."""
    old = _listing("", "id: {type: string}, name: {type: string}", "[id, name]")
    new = _listing("", "id: {type: string}, name: {type: [string, 'null']}")

    assert [c.rule_id for c in diff_snippets(old, new).changes] == [
        "response-property-became-optional"
    ]
