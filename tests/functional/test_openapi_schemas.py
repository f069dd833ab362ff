"""Schema shapes: enums (integer, mixed, x-enum-varnames), readOnly/writeOnly, deprecated, free-form and
empty schemas, nullable in 3.0 and 3.1 spellings, prefixItems."""

from __future__ import annotations

import datetime
import json
import warnings
from typing import Any

import httpx
import pytest


def _client(c: Any, answer: Any = None, status: int = 200) -> tuple[Any, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json=answer) if answer is not None else httpx.Response(status)

    return c.package.Client("https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler))), seen


ENUMS = """
paths:
  /jobs:
    get:
      operationId: listJobs
      parameters:
        - {name: priority, in: query, schema: {$ref: '#/components/schemas/Priority'}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Job'}
components:
  schemas:
    Priority: {type: integer, enum: [1, 2, 3]}
    Status:
      type: integer
      enum: [200, 404]
      x-enum-varnames: [Found, NotFound]
    Size: {enum: [1, auto, 2.5]}
    Job:
      type: object
      properties:
        priority: {$ref: '#/components/schemas/Priority'}
        status: {$ref: '#/components/schemas/Status'}
        size: {$ref: '#/components/schemas/Size'}
"""


def test_integer_enums_decode_to_members_and_are_sent_as_numbers(make_client: Any) -> None:
    c = make_client(ENUMS)
    client, seen = _client(c, {"priority": 2, "status": 404})
    job = client.list_jobs(priority=c.models.Priority.VALUE_3)
    assert seen[0].url.params["priority"] == "3"
    assert job.priority is c.models.Priority.VALUE_2
    assert job.status is c.models.Status.NOT_FOUND  # named by x-enum-varnames
    assert c.models.Status.FOUND.value == 200
    assert job.to_dict() == {"priority": 2, "status": 404}
    assert c.models.Job.from_dict({"priority": 7}).priority == 7  # a value from a newer server is kept


def test_mixed_type_enums_keep_each_value_and_its_type(make_client: Any) -> None:
    c = make_client(ENUMS)
    size = c.models.Size
    job = c.models.Job.from_dict({"size": "auto"})
    assert job.size is size.AUTO
    assert c.models.Job.from_dict({"size": 2.5}).size is size.VALUE_2_5
    assert c.models.Job.from_dict({"size": 1}).to_dict() == {"size": 1}
    assert c.models.Job.from_dict({"size": True}).size is True  # True == 1 in Python, but not here
    assert c.models.Job.__annotations__["size"] == "Size | float | int | str | Omit"


DIRECTIONS = """
paths:
  /accounts:
    post:
      operationId: createAccount
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Account'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Account'}
  /receipts/{id}:
    get:
      operationId: getReceipt
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Receipt'}
  /signups:
    post:
      operationId: signUp
      deprecated: true
      parameters:
        - {name: ref, in: query, deprecated: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Signup'}
      responses:
        '204': {description: done}
components:
  schemas:
    Account:
      type: object
      required: [id, name, password]
      properties:
        id: {type: string, readOnly: true}
        name: {type: string}
        password: {type: string, writeOnly: true}
        nickname: {type: string, deprecated: true}
    Receipt:
      type: object
      deprecated: true
      required: [id]
      properties:
        id: {type: string, readOnly: true}
    Signup:
      type: object
      required: [password]
      properties:
        password: {type: string, writeOnly: true}
        coupon: {type: string, deprecated: true}
"""


def test_read_only_properties_are_not_arguments_and_not_sent(make_client: Any) -> None:
    c = make_client(DIRECTIONS)
    client, seen = _client(c, {"id": "a1", "name": "Ann"}, status=201)
    account = client.create_account(name="Ann", password="s3cret")
    assert json.loads(seen[0].content) == {"name": "Ann", "password": "s3cret"}
    with pytest.raises(TypeError):
        client.create_account(id="a1", name="Ann", password="x")
    assert account.id == "a1"  # the response carries it; the write-only password is absent and allowed
    assert account.password is c.package.OMIT


def test_read_only_and_write_only_are_required_only_where_they_travel(make_client: Any) -> None:
    c = make_client(DIRECTIONS)
    annotations = {name: getattr(c.models, name).__annotations__ for name in ("Account", "Receipt", "Signup")}
    assert annotations["Account"]["id"] == "str | Omit"  # used in both directions: optional
    assert annotations["Account"]["password"] == "str | Omit"
    assert annotations["Receipt"]["id"] == "str"  # only in responses: the server always sends it
    assert annotations["Signup"]["password"] == "str"  # only in requests: the client must send it
    with pytest.raises(ValueError, match=r"required property 'id' of Receipt is missing"):
        c.models.Receipt.from_dict({})
    assert "Read-only" in c.models.Account.__doc__ and "Write-only" in c.models.Account.__doc__


def test_deprecated_operations_arguments_and_fields(make_client: Any) -> None:
    c = make_client(DIRECTIONS)
    client, seen = _client(c)
    with pytest.warns(DeprecationWarning, match="deprecated") as caught:
        client.sign_up(password="p")
    assert len(caught) == 1  # the operation only: no deprecated argument was passed
    with pytest.warns(DeprecationWarning) as caught:
        client.sign_up(password="p", ref="friend", coupon="c1")
    assert sorted(str(w.message) for w in caught) == [
        "POST /signups is deprecated",
        "argument 'coupon' is deprecated",
        "argument 'ref' is deprecated",
    ]
    assert seen[1].url.params["ref"] == "friend"
    assert "nickname: Deprecated." in c.models.Account.__doc__
    assert "Deprecated: the API may stop using it." in c.models.Receipt.__doc__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c.models.Account.from_dict({"name": "n", "nickname": "old"})  # decoding never warns


SHAPES = """
components:
  schemas:
    Bag:
      type: object
      properties:
        anything: {}
        free: {type: object}
        counts: {type: object, additionalProperties: {type: integer}}
        dates: {type: object, additionalProperties: {type: string, format: date}}
        pair: {type: array, prefixItems: [{type: string, format: date}, {type: integer}], items: false}
        open: {type: array, prefixItems: [{type: integer}, {type: integer}], items: {type: integer}}
    Dated:
      type: object
      properties: {name: {type: string}}
      additionalProperties: {type: string, format: date-time}
"""


def test_free_form_and_empty_schemas(make_client: Any) -> None:
    c = make_client(SHAPES)
    data = {"anything": [1, {"a": None}], "free": {"x": [1, 2], "y": "z"}, "counts": {"a": 1},
            "dates": {"start": "2024-05-06"}}  # fmt: skip
    bag = c.models.Bag.from_dict(data)
    assert bag.anything == [1, {"a": None}]
    assert bag.free == {"x": [1, 2], "y": "z"}
    assert bag.dates == {"start": datetime.date(2024, 5, 6)}
    assert bag.to_dict() == data
    annotations = c.models.Bag.__annotations__
    assert annotations["anything"] == "Any | Omit"
    assert annotations["free"] == "dict[str, Any] | Omit"
    assert annotations["counts"] == "dict[str, int] | Omit"
    dated = c.models.Dated.from_dict({"name": "n", "at": "2024-01-02T03:04:05Z"})
    assert dated.extra["at"] == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    assert dated.to_dict() == {"name": "n", "at": "2024-01-02T03:04:05+00:00"}


def test_prefix_items(make_client: Any) -> None:
    c = make_client(SHAPES)
    bag = c.models.Bag.from_dict({"pair": ["2024-01-02", 5], "open": [1, 2, 3]})
    assert bag.pair == (datetime.date(2024, 1, 2), 5)
    assert bag.open == [1, 2, 3]  # further items are allowed: a list
    assert bag.to_dict() == {"pair": ["2024-01-02", 5], "open": [1, 2, 3]}
    assert c.models.Bag.__annotations__["pair"] == "tuple[date, int] | Omit"
    assert c.models.Bag.__annotations__["open"] == "list[int] | Omit"


NULLABLE_30 = """
openapi: 3.0.3
components:
  schemas:
    Tag: {type: object, properties: {name: {type: string}}}
    Item:
      type: object
      required: [note, tag]
      properties:
        note: {type: string, nullable: true}
        tag:
          allOf: [{$ref: '#/components/schemas/Tag'}]
          nullable: true
        tags: {type: array, nullable: true, items: {$ref: '#/components/schemas/Tag'}}
        color: {type: string, enum: [red, blue], nullable: true}
"""
NULLABLE_31 = """
components:
  schemas:
    Tag: {type: object, properties: {name: {type: string}}}
    Item:
      type: object
      required: [note, tag]
      properties:
        note: {type: [string, 'null']}
        tag:
          anyOf: [{$ref: '#/components/schemas/Tag'}, {type: 'null'}]
        tags:
          oneOf: [{type: array, items: {$ref: '#/components/schemas/Tag'}}, {type: 'null'}]
        color: {enum: [red, blue, null]}
"""


@pytest.mark.parametrize("spec", [NULLABLE_30, NULLABLE_31], ids=["3.0", "3.1"])
def test_nullable_in_both_spellings(make_client: Any, spec: str) -> None:
    c = make_client(spec)
    item = c.models.Item.from_dict({"note": None, "tag": None, "tags": None, "color": None})
    assert (item.note, item.tag, item.tags, item.color) == (None, None, None, None)
    assert item.to_dict() == {"note": None, "tag": None, "tags": None, "color": None}
    full = c.models.Item.from_dict({"note": "n", "tag": {"name": "a"}, "tags": [{"name": "b"}], "color": "red"})
    assert isinstance(full.tag, c.models.Tag)  # the referenced class, not a copy
    assert full.tags[0].name == "b"
    annotations = c.models.Item.__annotations__
    assert annotations["note"] == "str | None"
    assert annotations["tag"] == "Tag | None"
    assert annotations["tags"] == "list[Tag] | None | Omit"
    assert sorted(n for n in dir(c.models) if n[:1].isupper()) == ["Item", "ItemColor", "Tag"]


def test_generated_packages_type_check(make_client: Any) -> None:
    for spec in (ENUMS, DIRECTIONS, SHAPES, NULLABLE_30):
        c = make_client(spec)
        checked = c.mypy()
        assert checked.returncode == 0, checked.stdout
        run = c.run_generated_tests()
        assert run.returncode == 0, run.stdout[-3000:]
