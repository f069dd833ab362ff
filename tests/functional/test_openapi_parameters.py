"""Parameters in path, query, header and cookie, in every style/explode, and ``content``-encoded: the exact
URL and headers that are sent."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
import pytest

PARAMS = """
paths:
  /simple/{ids}/{point}/{pointx}:
    get:
      operationId: simple
      parameters:
        - {name: ids, in: path, required: true, schema: {type: array, items: {type: integer}}}
        - {name: point, in: path, required: true, schema: {$ref: '#/components/schemas/Point'}}
        - {name: pointx, in: path, required: true, explode: true, schema: {$ref: '#/components/schemas/Point'}}
      responses: {'204': {description: ok}}
  /label/{a}/{b}/{c}:
    get:
      operationId: label
      parameters:
        - {name: a, in: path, required: true, style: label, schema: {type: string}}
        - {name: b, in: path, required: true, style: label, schema: {type: array, items: {type: string}}}
        - {name: c, in: path, required: true, style: label, explode: true, schema: {type: array, items: {type: string}}}
      responses: {'204': {description: ok}}
  /matrix/{a}/{b}/{c}/{d}:
    get:
      operationId: matrix
      parameters:
        - {name: a, in: path, required: true, style: matrix, schema: {type: string}}
        - {name: b, in: path, required: true, style: matrix, schema: {type: array, items: {type: string}}}
        - {name: c, in: path, required: true, style: matrix, explode: true, schema: {type: array, items: {type: string}}}
        - {name: d, in: path, required: true, style: matrix, explode: true, schema: {$ref: '#/components/schemas/Point'}}
      responses: {'204': {description: ok}}
  /query:
    get:
      operationId: query
      parameters:
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
        - {name: csv, in: query, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: spaced, in: query, style: spaceDelimited, explode: false, schema: {type: array, items: {type: string}}}
        - {name: piped, in: query, style: pipeDelimited, explode: false, schema: {type: array, items: {type: string}}}
        - {name: point, in: query, schema: {$ref: '#/components/schemas/Point'}}
        - {name: box, in: query, explode: false, schema: {$ref: '#/components/schemas/Point'}}
        - {name: filter, in: query, style: deepObject, explode: true, schema: {$ref: '#/components/schemas/Filter'}}
        - name: where
          in: query
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Filter'}
        - {name: since, in: query, schema: {type: string, format: date-time}}
        - {name: order, in: query, schema: {type: string, enum: [asc, desc]}}
        - {name: flag, in: query, schema: {type: boolean}}
        - {name: q, in: query, schema: {type: string}}
        - {name: raw, in: query, allowReserved: true, schema: {type: string}}
      responses: {'204': {description: ok}}
  /headers:
    get:
      operationId: headers
      parameters:
        - {name: X-Request-Id, in: header, required: true, schema: {type: string}}
        - {name: X-Ids, in: header, schema: {type: array, items: {type: integer}}}
        - {name: X-Point, in: header, schema: {$ref: '#/components/schemas/Point'}}
        - {name: X-Point-Exploded, in: header, explode: true, schema: {$ref: '#/components/schemas/Point'}}
        - name: X-Meta
          in: header
          content:
            application/json:
              schema: {type: object, additionalProperties: {type: integer}}
        - {name: session, in: cookie, schema: {type: string}}
        - {name: prefs, in: cookie, explode: false, schema: {type: array, items: {type: string}}}
      responses: {'204': {description: ok}}
components:
  schemas:
    Point:
      type: object
      properties: {x: {type: integer}, y: {type: integer}}
    Filter:
      type: object
      properties:
        min: {type: integer}
        name: {type: string}
"""


@pytest.fixture
def sent(make_client: Any) -> tuple[Any, Any, list[httpx.Request]]:
    c = make_client(PARAMS)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    client = c.package.Client("https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    return c, client, seen


def _target(request: httpx.Request) -> str:
    return request.url.raw_path.decode("ascii")


def test_path_simple_style(sent: Any) -> None:
    c, client, seen = sent
    point = c.models.Point(x=1, y=2)
    client.simple([3, 4, 5], point, point)
    assert _target(seen[0]) == "/simple/3,4,5/x,1,y,2/x=1,y=2"


def test_path_label_style(sent: Any) -> None:
    _, client, seen = sent
    client.label("v", ["a", "b"], ["c", "d"])
    assert _target(seen[0]) == "/label/.v/.a,b/.c.d"


def test_path_matrix_style(sent: Any) -> None:
    c, client, seen = sent
    client.matrix("v", ["a", "b"], ["c", "d"], c.models.Point(x=1, y=2))
    assert _target(seen[0]) == "/matrix/;a=v/;b=a,b/;c=c;c=d/;x=1;y=2"


def test_path_values_are_escaped_into_their_segment(sent: Any) -> None:
    _, client, seen = sent
    client.label("a/b c", ["../x"], ["?"])
    assert _target(seen[0]) == "/label/.a%2Fb%20c/...%2Fx/.%3F"


def test_query_styles(sent: Any) -> None:
    c, client, seen = sent
    client.query(
        tags=["a", "b"], csv=[1, 2], spaced=["x", "y"], piped=["x", "y"], point=c.models.Point(x=1, y=2),
        box=c.models.Point(x=3, y=4), filter=c.models.Filter(min=5, name="n m"),
    )  # fmt: skip
    assert seen[0].url.query.decode() == (
        "tags=a&tags=b&csv=1,2&spaced=x%20y&piped=x|y&x=1&y=2&box=x,3,y,4&filter[min]=5&filter[name]=n%20m"
    )


def test_query_scalars_content_encoding_and_omitted_values(sent: Any) -> None:
    c, client, seen = sent
    client.query(
        where=c.models.Filter(min=1), since=datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
        order=c.models.QueryOrder.DESC, flag=False, q="a&b=c", raw="a/b?c",
    )  # fmt: skip
    assert seen[0].url.query.decode() == (
        "where=%7B%22min%22%3A1%7D&since=2024-01-02T03%3A04%3A05%2B00%3A00&order=desc&flag=false"
        "&q=a%26b%3Dc&raw=a/b?c"
    )
    client.query()
    assert seen[1].url.query == b""  # omitted parameters are not sent at all


def test_header_and_cookie_parameters(sent: Any) -> None:
    c, client, seen = sent
    client.headers(
        x_request_id="r1", x_ids=[1, 2], x_point=c.models.Point(x=1, y=2),
        x_point_exploded=c.models.Point(x=3, y=4), x_meta={"a": 1}, session="s 1", prefs=["p", "q"],
    )  # fmt: skip
    headers = seen[0].headers
    assert headers["x-request-id"] == "r1"
    assert headers["x-ids"] == "1,2"
    assert headers["x-point"] == "x,1,y,2"
    assert headers["x-point-exploded"] == "x=3,y=4"
    assert headers["x-meta"] == '{"a":1}'
    assert headers["cookie"] == "session=s%201; prefs=p,q"
    client.headers(x_request_id="r2")
    assert "x-ids" not in seen[1].headers and "cookie" not in seen[1].headers


def test_the_generated_package_type_checks(sent: Any) -> None:
    c, _, _ = sent
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
    run = c.run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:]
