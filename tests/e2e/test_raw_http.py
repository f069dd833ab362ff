"""`with_raw_response` and `with_streaming_response` through a generated client against a real server."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")

from fastapi import FastAPI
from fastapi.responses import JSONResponse, StreamingResponse

from tests.e2e.live import Gate, serve
from tests.support import mypy_command

SPEC = """
servers: [{url: "https://unused.example.test"}]
paths:
  /items/{item_id}:
    get:
      operationId: get_item
      parameters: [{name: item_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          headers: {request-id: {schema: {type: string}}}
          content: {application/json: {schema: {$ref: "#/components/schemas/Item"}}}
  /export:
    get:
      operationId: export
      responses: {"200": {description: zip, content: {application/zip: {schema: {type: string, format: binary}}}}}
components:
  schemas:
    Item:
      type: object
      required: [id, cost]
      properties: {id: {type: string}, cost: {type: integer}}
"""
GATE = Gate()
USER_CODE = """
from {package} import Client, AsyncClient

def sync_use(client: Client) -> None:
    raw = client.with_raw_response.get_item("a")
    cost: int = raw.parse().cost
    missing: str = raw.parse().nope  # error: no such field
    with client.with_streaming_response.export() as response:
        size: int = response.parse()  # error: parse() gives bytes

async def async_use(client: AsyncClient) -> None:
    raw = await client.with_raw_response.get_item(item_id="a")
    cost: int = (await raw.parse()).cost
    client.with_raw_response.get_item(itemid="a")  # error: no such argument
"""


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/items/{item_id}")
    async def get_item(item_id: str) -> Any:
        return JSONResponse({"id": item_id, "cost": 42}, headers={"request-id": "req_1", "character-cost": "7"})

    @app.get("/export")
    async def export() -> Any:
        return StreamingResponse(GATE.parts([b"PK\x03\x04", b"x" * 100_000, b"end"]), media_type="application/zip")

    return app


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve(_app()) as url:
        yield url


@pytest.fixture
def gen(make_client: Any) -> Any:
    GATE.reset()
    return make_client(SPEC)


def test_raw_response_gives_status_headers_and_typed_parse(gen: Any, base_url: str) -> None:
    with gen.package.Client(base_url) as client:
        raw = client.with_raw_response.get_item("a1")
        assert raw.status_code == 200
        assert raw.headers["request-id"] == "req_1" and raw.headers["character-cost"] == "7"
        assert raw.http_response.json() == {"id": "a1", "cost": 42}
        item = raw.parse()
    assert type(item).__name__ == "Item" and (item.id, item.cost) == ("a1", 42)
    assert raw.parse() is item


def test_raw_response_async(gen: Any, base_url: str) -> None:
    async def run() -> Any:
        async with gen.package.AsyncClient(base_url) as client:
            raw = await client.with_raw_response.get_item(item_id="a2")
            return raw.headers["request-id"], await raw.parse()

    request_id, item = asyncio.run(run())
    assert request_id == "req_1" and item.cost == 42


def test_streaming_response_does_not_read_the_body_first(gen: Any, base_url: str) -> None:
    with gen.package.Client(base_url) as client:
        with client.with_streaming_response.export() as response:
            assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
            assert GATE.holding(), "the body was read before the block began"
            GATE.open()
            body = b"".join(response.iter_bytes())
        assert response.http_response.is_closed
        GATE.reset()
        GATE.open()
        with client.with_streaming_response.export() as response:
            parsed = response.parse()
    assert body == parsed == b"PK\x03\x04" + b"x" * 100_000 + b"end"


def test_streaming_response_async(gen: Any, base_url: str) -> None:
    async def run() -> bytes:
        async with gen.package.AsyncClient(base_url) as client:
            async with client.with_streaming_response.export() as response:
                assert GATE.holding()
                GATE.open()
                return b"".join([chunk async for chunk in response.aiter_bytes()])

    assert asyncio.run(run()).startswith(b"PK\x03\x04")


def test_mypy_sees_the_real_types(gen: Any, tmp_path: Path) -> None:
    user = gen.root / "user_code.py"
    user.write_text(USER_CODE.format(package=gen.name))
    run = subprocess.run(mypy_command("user_code.py"),
                         cwd=gen.root, capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    errors = sorted(line.split(":")[1] for line in run.stdout.splitlines() if ": error:" in line)
    expected = sorted(str(n) for n, line in enumerate(USER_CODE.splitlines(), 1) if "# error" in line)
    assert errors == expected, run.stdout
