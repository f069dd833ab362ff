"""Responses: 204 and empty bodies, ``default`` responses (as the result and as the error model), status
ranges, text and binary bodies, and response headers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

RESPONSES = """
paths:
  /empty:
    delete:
      operationId: remove
      responses:
        '204': {description: gone}
        '404':
          description: missing
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
  /accepted:
    post:
      operationId: accept
      responses:
        '202': {description: queued, no body}
  /fallback:
    get:
      operationId: fallback
      responses:
        default:
          description: whatever the server says
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Status'}
  /checked:
    get:
      operationId: checked
      responses:
        '200':
          description: ok
          headers:
            X-Rate-Limit: {description: Calls left., schema: {type: integer}}
            ETag: {schema: {type: string}}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Status'}
        4XX:
          description: client error
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
        default:
          description: anything else
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Status'}
  /report:
    get:
      operationId: report
      responses:
        '200':
          description: a CSV
          content:
            text/csv:
              schema: {type: string}
  /download:
    get:
      operationId: download
      responses:
        '200':
          description: the file
          content:
            application/octet-stream:
              schema: {type: string, format: binary}
components:
  schemas:
    Status:
      type: object
      required: [state]
      properties: {state: {type: string}}
    Problem:
      type: object
      required: [detail]
      properties: {detail: {type: string}}
"""


def _client(c: Any, response: httpx.Response) -> tuple[Any, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return response

    http = httpx.Client(transport=httpx.MockTransport(handler))
    return c.package.Client("https://api.test", http_client=http, max_retries=0), seen


def test_no_content_returns_none(make_client: Any) -> None:
    c = make_client(RESPONSES)
    client, _ = _client(c, httpx.Response(204))
    assert client.remove() is None
    client, _ = _client(c, httpx.Response(202))
    assert client.accept() is None
    assert type(client).remove.__annotations__["return"] == "None"


def test_a_declared_error_body_is_decoded_into_api_error(make_client: Any) -> None:
    c = make_client(RESPONSES)
    client, _ = _client(c, httpx.Response(404, json={"detail": "no such thing"}, headers={"X-Trace": "t1"}))
    with pytest.raises(c.package.NotFoundError) as caught:
        client.remove()
    assert isinstance(caught.value.body, c.models.Problem)
    assert caught.value.body.detail == "no such thing"
    assert caught.value.headers["x-trace"] == "t1"  # response headers of errors are at hand


def test_default_response_is_the_result_when_there_is_no_2xx(make_client: Any) -> None:
    c = make_client(RESPONSES)
    client, _ = _client(c, httpx.Response(200, json={"state": "fine"}))
    assert client.fallback() == c.models.Status(state="fine")


def test_status_ranges_and_default_decode_error_bodies(make_client: Any) -> None:
    c = make_client(RESPONSES)
    client, _ = _client(c, httpx.Response(409, json={"detail": "conflict"}))
    with pytest.raises(c.package.ConflictError) as caught:
        client.checked()
    assert caught.value.body == c.models.Problem(detail="conflict")  # matched by 4XX
    client, _ = _client(c, httpx.Response(503, json={"state": "down"}))
    with pytest.raises(c.package.InternalServerError) as server_error:
        client.checked()
    assert server_error.value.body == c.models.Status(state="down")  # matched by default


def test_response_headers_are_documented(make_client: Any) -> None:
    c = make_client(RESPONSES)
    doc = c.package.Client.checked.__doc__
    assert "Response headers" in doc
    assert "X-Rate-Limit: Calls left." in doc
    assert "ETag: str" in doc
    seen: list[httpx.Headers] = []
    hooks = {"response": [lambda response: seen.append(response.headers)]}
    handler = httpx.MockTransport(lambda r: httpx.Response(200, json={"state": "ok"}, headers={"X-Rate-Limit": "9"}))
    client = c.package.Client("https://api.test", http_client=httpx.Client(transport=handler, event_hooks=hooks))
    client.checked()
    assert seen[0]["x-rate-limit"] == "9"  # the documented way to read them


def test_text_and_binary_responses(make_client: Any) -> None:
    c = make_client(RESPONSES)
    client, seen = _client(c, httpx.Response(200, text="a,b\n1,2\n"))
    assert client.report() == "a,b\n1,2\n"
    assert seen[0].headers["accept"] == "text/csv"
    client, seen = _client(c, httpx.Response(200, content=b"\x89PNG"))
    assert client.download() == b"\x89PNG"
    assert seen[0].headers["accept"] == "application/octet-stream"


def test_the_generated_package_type_checks(make_client: Any) -> None:
    c = make_client(RESPONSES)
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
    run = c.run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:]
