"""One item per fact, media types as a set, components no operation uses, and the parts of the client
surface beside bodies: response headers, callbacks, webhooks, per-operation security, server names.
Spec pairs through the real loader, each with the strict and the specsmith expectation."""

from __future__ import annotations

import json
from collections.abc import Callable

from specsmith.diff import Change, DiffResult, format_json, format_text

Snippets = Callable[[str, str], DiffResult]


def _only(result: DiffResult, rule: str) -> Change:
    found = [change for change in result.changes if change.rule_id == rule]
    assert len(found) == 1, [(c.rule_id, c.message) for c in result.changes]
    return found[0]


def _rating(change: Change) -> tuple[str, str, str]:
    return change.severity, change.severity_specsmith, change.kind


NODES = """
    And: {type: object, required: [type], properties: {type: {const: and}, left: {type: string}}}
    Or: {type: object, required: [type], properties: {type: {const: or}, right: {type: string}}}
    Llm: {type: object, required: [type], properties: {type: {const: llm}, prompt: {type: string}}}
"""


def _rules(first: str, second: str, extra: str = "") -> str:
    return f"""
paths:
  /rules:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Rules'}}
components:
  schemas:
    Rules:
      type: object
      properties:
        first: {first}
        second: {second}
{NODES}{extra}"""


NAMED = "{$ref: '#/components/schemas/Node'}"
NODE = """    Node:
      oneOf: [{$ref: '#/components/schemas/And'}, {$ref: '#/components/schemas/Or'},
              {$ref: '#/components/schemas/Llm'}]
      discriminator: {propertyName: type}
"""
INLINE = (
    "{oneOf: [{$ref: '#/components/schemas/And'}, {$ref: '#/components/schemas/Or'}], "
    "discriminator: {propertyName: type}}"
)


def test_a_named_union_split_into_inline_copies_reports_each_lost_variant_once(
    diff_snippets: Snippets,
) -> None:
    """ElevenLabs 04-02 → 03-17: ``ASTNode`` became one inline copy per use, each without ``llm``."""
    old = _rules(NAMED, NAMED, NODE)
    new = _rules(INLINE, INLINE).replace(
        "    Llm: {type: object, required: [type], properties: {type: {const: llm}, prompt: {type: string}}}\n",
        "",
    )

    result = diff_snippets(old, new)

    lost = [c for c in result.changes if "`llm`" in c.message]
    assert len(lost) == 1, [c.message for c in lost]
    assert _rating(lost[0]) == ("breaking", "breaking", "source")
    assert len(lost[0].applies_to) == 2  # both inline copies, by their class names
    assert all(place.startswith("`Rules") for place in lost[0].applies_to)
    assert "      applies to: `Rules" in format_text(result)
    assert json.loads(format_json(result))["changes"][0]["applies_to"] == list(lost[0].applies_to)


def test_inline_copies_merged_into_one_named_union_report_each_fact_once(
    diff_snippets: Snippets,
) -> None:
    result = diff_snippets(_rules(INLINE, INLINE), _rules(NAMED, NAMED, NODE))

    added = [c for c in result.changes if "`llm`" in c.message]
    assert len(added) == 1
    assert _rating(added[0]) == ("risky", "safe", "wire")


def _audio(*media: str) -> str:
    content = ", ".join(f"{m}: {{schema: {{type: string, format: binary}}}}" for m in media)
    return f"""
paths:
  /speech:
    post:
      responses:
        '200':
          description: audio
          content: {{{content}}}
"""


def test_reordered_response_media_types_are_no_change(diff_snippets: Snippets) -> None:
    result = diff_snippets(_audio("audio/mpeg", "audio/wav"), _audio("audio/wav", "audio/mpeg"))

    assert result.changes == ()


def test_another_set_of_response_media_types_is_reported(diff_snippets: Snippets) -> None:
    change = _only(
        diff_snippets(_audio("audio/mpeg"), _audio("audio/wav")), "response-content-type-changed"
    )

    assert _rating(change) == ("risky", "risky", "wire")


def _unused(settings: str, extra: str = "") -> str:
    return f"""
paths:
  /ping:
    get:
      responses:
        '204': {{description: pong}}
components:
  schemas:
    Settings: {settings}
    Profile: {{type: object, properties: {{settings: {{$ref: '#/components/schemas/Settings'}}}}}}
    Account: {{type: object, properties: {{profile: {{$ref: '#/components/schemas/Profile'}}}}}}
{extra}"""


def test_a_component_no_operation_uses_is_compared_with_the_models_it_affects(
    diff_snippets: Snippets,
) -> None:
    old = _unused("{type: object, properties: {theme: {type: string}}}")
    new = _unused("{type: object, required: [locale], properties: {locale: {type: string}}}")

    result = diff_snippets(old, new)

    assert result.semver_bump == "major"
    added = _only(result, "request-property-added-required")
    removed = _only(result, "request-property-removed")
    # nothing sends or receives Settings: what breaks is code that builds it or reads its fields
    assert _rating(added) == ("breaking", "breaking", "source")
    assert _rating(removed) == ("breaking", "breaking", "source")
    assert added.python == "`Settings.locale`: added (required)"
    assert added.used_in == ("model `Account`", "model `Profile`")


def test_a_used_model_reached_from_an_unused_one_is_not_reported_twice(
    diff_snippets: Snippets,
) -> None:
    """``Voice`` is returned by an operation and held by the unused ``Library``: one fact, one item."""

    def spec(voice: str) -> str:
        return f"""
paths:
  /voice:
    get:
      responses:
        '200':
          description: ok
          content: {{application/json: {{schema: {{$ref: '#/components/schemas/Voice'}}}}}}
components:
  schemas:
    Voice: {voice}
    Library: {{type: object, properties: {{voices: {{type: array, items: {{$ref: '#/components/schemas/Voice'}}}}}}}}
"""

    result = diff_snippets(
        spec("{type: object, properties: {id: {type: string}, age: {type: integer}}}"),
        spec("{type: object, properties: {id: {type: string}}}"),
    )

    assert [c.rule_id for c in result.changes] == ["response-optional-property-removed"]
    assert result.changes[0].used_in == ("response of get_voice",)


def test_a_removed_or_added_component_no_operation_uses_is_reported(
    diff_snippets: Snippets,
) -> None:
    legacy = "    Legacy: {type: object, properties: {x: {type: string}}}\n"
    settings = "{type: object, properties: {theme: {type: string}}}"

    removed = _only(diff_snippets(_unused(settings, legacy), _unused(settings)), "type-removed")
    added = _only(diff_snippets(_unused(settings), _unused(settings, legacy)), "type-added")

    assert _rating(removed) == ("breaking", "breaking", "source")
    assert removed.python == "class `Legacy` is no longer generated"
    assert _rating(added) == ("safe", "safe", "")


def _surface(headers: str = "", callbacks: str = "", security: str = "", top: str = "") -> str:
    return f"""
servers: [{{url: 'https://api.example.com', description: Production}}]
components:
  securitySchemes:
    key: {{type: apiKey, in: header, name: x-api-key}}
    bearer: {{type: http, scheme: bearer}}
security: [{{key: []}}]
paths:
  /jobs:
    post:
      {security}
      {callbacks}
      responses:
        '200':
          description: ok
          {headers}
          content:
            application/json:
              schema: {{type: object, properties: {{id: {{type: string}}}}}}
{top}"""


REQUEST_ID = "headers: {X-Request-Id: {required: true, schema: {type: string}}}"
CALLBACK = """callbacks:
        done:
          '{$request.body#/url}':
            post:
              responses: {'200': {description: ok}}"""
WEBHOOK = """webhooks:
  jobFinished:
    post:
      responses: {'200': {description: ok}}"""


def test_response_headers_are_compared(diff_snippets: Snippets) -> None:
    removed = _only(diff_snippets(_surface(REQUEST_ID), _surface()), "response-header-removed")
    optional = REQUEST_ID.replace("required: true", "required: false")
    became = _only(
        diff_snippets(_surface(REQUEST_ID), _surface(optional)), "response-header-became-optional"
    )
    retyped = diff_snippets(_surface(REQUEST_ID), _surface(REQUEST_ID.replace("string", "integer")))

    assert _rating(removed) == ("risky", "risky", "wire")
    assert "`X-Request-Id`" in removed.message
    assert _rating(became) == ("risky", "risky", "wire")
    assert _only(retyped, "response-property-type-changed").message.endswith(
        "header `X-Request-Id`: type changed from str to int"
    )
    assert _rating(
        _only(diff_snippets(_surface(), _surface(REQUEST_ID)), "response-header-added")
    ) == (
        "safe",
        "safe",
        "",
    )


def test_callbacks_and_webhooks_are_compared_by_name(diff_snippets: Snippets) -> None:
    callback = _only(diff_snippets(_surface(callbacks=CALLBACK), _surface()), "callback-removed")
    webhook = _only(diff_snippets(_surface(top=WEBHOOK), _surface()), "webhook-removed")

    assert "callback `done` removed" in callback.message
    assert webhook.message == "webhook `jobFinished` removed"
    assert _rating(callback) == _rating(webhook) == ("safe", "safe", "")
    assert _only(diff_snippets(_surface(), _surface(top=WEBHOOK)), "webhook-added")


def test_per_operation_security_is_compared(diff_snippets: Snippets) -> None:
    result = diff_snippets(_surface(), _surface(security="security: [{bearer: []}]"))

    change = _only(result, "security-requirement-changed")
    assert _rating(change) == ("breaking", "breaking", "wire")
    assert change.operation == "POST /jobs"


def test_a_server_renamed_for_the_client_is_a_source_break(diff_snippets: Snippets) -> None:
    old = _surface()
    new = old.replace("description: Production", "description: Live")

    change = _only(diff_snippets(old, new), "server-renamed")

    assert _rating(change) == ("breaking", "breaking", "source")
    assert change.python == 'client: `server="production"` is now `server="live"`'


def test_a_property_of_a_body_two_calls_flatten_is_one_fact(diff_snippets: Snippets) -> None:
    """``ToolRequest`` is the body of create and update (flattened into arguments) and a public class."""

    def spec(properties: str) -> str:
        body = "requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/ToolRequest'}}}}"
        return f"""
paths:
  /tools:
    post: {{operationId: create_tool, {body}, responses: {{'204': {{description: ok}}}}}}
  /tools/{{id}}:
    put:
      operationId: update_tool
      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]
      {body}
      responses: {{'204': {{description: ok}}}}
components:
  schemas:
    ToolRequest: {{type: object, required: [name], properties: {{{properties}}}}}
"""

    result = diff_snippets(
        spec("name: {type: string}, mocks: {type: boolean}"), spec("name: {type: string}")
    )

    (change,) = result.changes
    assert change.rule_id == "request-property-removed"
    assert _rating(change) == ("breaking", "breaking", "source")
    assert len(change.applies_to) == 2
    assert all("argument `mocks`" in place for place in change.applies_to)
    assert change.operation == ""
