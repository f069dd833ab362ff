"""Issue 11 item 6: a generated client raises only its own errors on a hostile response body.

A real server (uvicorn on 127.0.0.1) answers with deeply nested JSON, a string where an array is
declared, null where an object is declared, a missing required property, a number where a string is
declared or a boolean where an integer is (issue 12: primitive kinds are checked): the client raises its
``DecodeError`` (a ``ClientError``) with the JSON path of the first mismatch and the raw body, on 200
and on 4xx alike, never ``RecursionError``, ``TypeError`` or a list of characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

uvicorn = pytest.importorskip("uvicorn")
starlette = pytest.importorskip("starlette.applications")

from starlette.requests import Request  # noqa: E402
from starlette.responses import Response  # noqa: E402
from starlette.routing import Route  # noqa: E402

from tests.e2e.live import serve  # noqa: E402
from tests.support import GeneratedClient, generate_client  # noqa: E402

SPEC = """
paths:
  /doc/{case}:
    get:
      operationId: getDoc
      parameters: [{name: case, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Doc'}}}}
        "422": {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Doc'}}}}
components:
  schemas:
    Doc:
      type: object
      required: [name, parts, tags]
      properties:
        name: {type: string}
        tags: {type: array, items: {type: string}}
        parts: {type: array, items: {$ref: '#/components/schemas/Part'}}
        owner: {$ref: '#/components/schemas/Part'}
        child: {$ref: '#/components/schemas/Doc'}
    Part:
      type: object
      required: [id, sizes]
      properties:
        id: {type: string}
        sizes: {type: array, items: {type: integer}}
"""

_GOOD_PART = {"id": "p", "sizes": [1]}
_BODIES: dict[str, bytes] = {
    "deep": b'{"name": "x", "tags": [], "parts": [], "child": ' * 5000 + b"1" + b"}" * 5000,
    "deep-array": b"[" * 100_000 + b"]" * 100_000,
    "string-list": b'{"name": "x", "tags": "auto", "parts": []}',
    "string-models": b'{"name": "x", "tags": [], "parts": "auto"}',
    "null-object": b'{"name": "x", "tags": [], "parts": [], "owner": null}',
    "missing": b'{"name": "x", "tags": [], "parts": [{"id": "p", "sizes": [1]}, {"id": "q"}]}',
    "inner-string": b'{"name": "x", "tags": [], "parts": [{"id": "p", "sizes": "12"}]}',
    "number-for-string": b'{"name": 12, "tags": [], "parts": []}',
    "bool-for-integer": b'{"name": "x", "tags": [], "parts": [{"id": "p", "sizes": [1, true]}]}',
    "number-in-strings": b'{"name": "x", "tags": ["a", 2], "parts": []}',
    "top-array": b"[1, 2]",
    "not-json": b"{nope",
}


def _app() -> Any:
    def answer(request: Request) -> Response:
        case = request.path_params["case"]
        status = 422 if case.startswith("err-") else 200
        return Response(_BODIES[case.removeprefix("err-")], status_code=status, media_type="application/json")

    return starlette.Starlette(routes=[Route("/doc/{case}", answer)])


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve(_app()) as url:
        yield url


_PATHS: dict[str, list[str | int]] = {
    "string-list": ["tags"],
    "string-models": ["parts"],
    "null-object": ["owner"],
    "missing": ["parts", 1],
    "inner-string": ["parts", 0, "sizes"],
    "number-for-string": ["name"],
    "bool-for-integer": ["parts", 0, "sizes", 1],
    "number-in-strings": ["tags", 1],
    "top-array": [],
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> GeneratedClient:
    return generate_client(SPEC, tmp_path_factory.mktemp("hostile_responses"))


@pytest.mark.parametrize("case", sorted(_BODIES))
def test_hostile_bodies_raise_the_clients_decode_error(case: str, base_url: str, client: GeneratedClient) -> None:
    errors = client.package
    with errors.Client(base_url) as api, pytest.raises(errors.ClientError) as caught:
        api.get_doc(case)
    error = caught.value
    assert isinstance(error, errors.DecodeError), repr(error)
    assert error.raw_body == _BODIES[case]
    if case in _PATHS:
        assert error.path == _PATHS[case], str(error)
        assert str(_PATHS[case][-1] if _PATHS[case] else "") in str(error)
    with errors.Client(base_url) as api, pytest.raises(errors.ApiError) as failed:  # on a 422: kept
        api.get_doc(f"err-{case}")
    assert failed.value.status_code == 422


def test_a_valid_body_still_decodes(client: GeneratedClient) -> None:
    models = client.models
    doc = models.Doc.from_dict({"name": "x", "tags": ["a"], "parts": [_GOOD_PART], "owner": _GOOD_PART})
    assert doc.tags == ["a"] and doc.parts[0].sizes == [1] and doc.owner.id == "p"
