"""``default`` of every type: applied when a value is absent on the wire and when a model is built in code."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import httpx

DEFAULTS = """
paths:
  /search:
    get:
      operationId: search
      parameters:
        - {name: limit, in: query, description: Page size., schema: {type: integer, default: 20}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Settings'}
components:
  schemas:
    Mode: {type: string, enum: [fast, slow]}
    Level: {type: integer, enum: [1, 2]}
    Point:
      type: object
      required: [x]
      properties: {x: {type: integer}, y: {type: integer}}
    Settings:
      type: object
      properties:
        name: {type: string, default: anonymous}
        retries: {type: integer, default: 3}
        ratio: {type: number, default: 0.5}
        enabled: {type: boolean, default: false}
        tags: {type: array, items: {type: string}, default: [a, b]}
        empty_list: {type: array, items: {$ref: '#/components/schemas/Point'}, default: []}
        labels: {type: object, additionalProperties: {type: string}, default: {k: v}}
        nothing: {type: [string, 'null'], default: null}
        mode: {allOf: [{$ref: '#/components/schemas/Mode'}], default: slow}
        level: {$ref: '#/components/schemas/Level', default: 2}
        day: {type: string, format: date, default: '2024-02-29'}
        at: {type: string, format: date-time, default: '2024-01-02T03:04:05Z'}
        id: {type: string, format: uuid, default: 00000000-0000-4000-8000-000000000001}
        origin: {allOf: [{$ref: '#/components/schemas/Point'}], default: {x: 1, y: 2}}
        kind: {const: settings, default: settings}
        loose: {default: {any: [1]}}
        wrong_date: {type: string, format: date, default: tomorrow}
        wrong_type: {type: integer, default: many}
"""

EXPECTED = {
    "name": "anonymous", "retries": 3, "ratio": 0.5, "enabled": False, "tags": ["a", "b"], "empty_list": [],
    "labels": {"k": "v"}, "nothing": None, "mode": "slow", "level": 2, "day": "2024-02-29",
    "at": "2024-01-02T03:04:05+00:00", "id": "00000000-0000-4000-8000-000000000001", "origin": {"x": 1, "y": 2},
    "kind": "settings", "loose": {"any": [1]},
}  # fmt: skip


def test_defaults_fill_in_absent_values_when_decoding(make_client: Any) -> None:
    c = make_client(DEFAULTS)
    settings = c.models.Settings.from_dict({})
    assert settings.day == datetime.date(2024, 2, 29)
    assert settings.at == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    assert settings.id == uuid.UUID("00000000-0000-4000-8000-000000000001")
    assert settings.origin == c.models.Point(x=1, y=2)
    assert settings.mode is c.models.Mode.SLOW
    assert settings.level is c.models.Level.VALUE_2
    assert settings.to_dict() == EXPECTED


def test_defaults_apply_to_models_built_in_code(make_client: Any) -> None:
    c = make_client(DEFAULTS)
    built = c.models.Settings()
    assert built == c.models.Settings.from_dict({})
    assert built.to_dict() == EXPECTED
    first, second = c.models.Settings(), c.models.Settings()
    first.tags.append("c")
    first.origin.x = 9
    assert second.tags == ["a", "b"] and second.origin.x == 1  # mutable defaults are never shared


def test_a_default_that_does_not_fit_its_type_is_ignored(make_client: Any) -> None:
    c = make_client(DEFAULTS)
    settings = c.models.Settings.from_dict({})
    assert settings.wrong_date is c.package.OMIT
    assert settings.wrong_type is c.package.OMIT
    assert c.models.Settings.from_dict({"wrong_date": "2020-01-01"}).wrong_date == datetime.date(2020, 1, 1)


def test_parameter_defaults_are_left_to_the_server_and_documented(make_client: Any) -> None:
    c = make_client(DEFAULTS)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = c.package.Client("https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    client.search()
    client.search(limit=5)
    assert "limit" not in seen[0].url.params
    assert seen[1].url.params["limit"] == "5"
    assert "limit: Page size. The server uses 20 when omitted." in type(client).search.__doc__


def test_the_generated_package_type_checks(make_client: Any) -> None:
    c = make_client(DEFAULTS)
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
    run = c.run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:]
