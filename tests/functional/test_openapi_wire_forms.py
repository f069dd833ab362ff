"""What form bodies, multipart parts and deepObject parameters look like on the wire (found by the
openapi-core oracle, tests/e2e/test_oracle.py)."""

from __future__ import annotations

import email
import email.policy
from typing import Any
from urllib.parse import parse_qsl

import httpx

WIRE = """
paths:
  /orders:
    post:
      operationId: create_order
      parameters:
        - {name: expand, in: query, style: deepObject, explode: true, schema: {type: array, items: {type: string}}}
        - name: filter
          in: query
          style: deepObject
          explode: true
          schema: {type: object, properties: {ids: {type: array, items: {type: string}}, at: {type: object, properties: {gte: {type: integer}}}}}
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                options: {type: object, properties: {a: {type: string}, b: {type: integer}}}
                lines: {type: array, items: {type: object, properties: {sku: {type: string}, qty: {type: integer}}}}
                meta: {type: object, properties: {k: {type: string}}}
            encoding:
              meta: {contentType: application/json}
      responses:
        '200': {description: ok}
  /speech:
    post:
      operationId: speak
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file, model]
              properties:
                file: {type: string, format: binary}
                model: {anyOf: [{type: boolean}, {type: string, enum: [music_v1, music_v2]}]}
                settings: {type: object, properties: {speed: {type: number}}}
      responses:
        '200': {description: ok}
"""


def _client(c: Any, seen: list[httpx.Request]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    return c.package.Client("https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler)))


def test_form_bodies_explode_objects_and_deep_object_arrays_use_brackets(make_client: Any) -> None:
    c = make_client(WIRE)
    seen: list[httpx.Request] = []
    models = c.models
    _client(c, seen).create_order(
        name="n",
        options_=models.CreateOrderRequestOptions(a="x", b=2),  # `options` is the per-request overrides
        lines=[models.CreateOrderRequestLinesItem(sku="s1", qty=1), models.CreateOrderRequestLinesItem(sku="s2")],
        meta=models.CreateOrderRequestMeta(k="v"),
        expand=["customer", "items.price"],
        filter=models.CreateOrderFilter(ids=["a", "b"], at=models.CreateOrderFilterAt(gte=3)),
    )
    [request] = seen
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(request.content.decode()) == [
        ("name", "n"), ("a", "x"), ("b", "2"), ("sku", "s1"), ("qty", "1"), ("sku", "s2"), ("meta", '{"k":"v"}'),
    ]  # fmt: skip
    assert parse_qsl(request.url.query.decode()) == [
        ("expand[]", "customer"), ("expand[]", "items.price"),
        ("filter[ids][]", "a"), ("filter[ids][]", "b"), ("filter[at][gte]", "3"),
    ]  # fmt: skip


def test_a_multipart_part_that_is_a_union_of_simple_types_is_plain_text(make_client: Any) -> None:
    c = make_client(WIRE)
    seen: list[httpx.Request] = []
    api = _client(c, seen)
    api.speak(file=("a.wav", b"RIFF", "audio/wav"), model="music_v1", settings=c.models.SpeakRequestSettings(speed=1.5))
    api.speak(file=b"RIFF", model=True)
    parts = []
    for request in seen:
        head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
        message = email.message_from_bytes(head + request.content, policy=email.policy.HTTP)
        parts.append({p.get_param("name", header="content-disposition"): p for p in message.iter_parts()})
    model, settings = parts[0]["model"], parts[0]["settings"]
    assert model.get_content_type() == "text/plain" and model.get_payload() == "music_v1"
    assert settings.get_content_type() == "application/json" and settings.get_payload() == '{"speed":1.5}'
    assert parts[1]["model"].get_payload() == "true"
