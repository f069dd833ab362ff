"""Streamed responses through a generated client against a real uvicorn server, sync and async.

The server holds every stream after its first part until the test opens the gate, so "the first item
arrived before the server sent the last" is checked by order, not by timing.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")

from fastapi import FastAPI
from fastapi.responses import JSONResponse, StreamingResponse

from tests.e2e.live import Gate, serve

SPEC = """
paths:
  /audio:
    post:
      operationId: speak
      x-fern-streaming: true
      responses:
        "200": {description: audio, content: {audio/mpeg: {schema: {type: string, format: binary}}}}
        "422": {description: bad, content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
  /timestamps:
    get:
      operationId: timestamps
      x-fern-streaming: true
      parameters: [{name: broken, in: query, schema: {type: boolean}}]
      responses:
        "200": {description: lines, content: {application/json: {schema: {$ref: "#/components/schemas/Chunk"}}}}
  /ndjson:
    get:
      operationId: ndjson
      responses:
        "200": {description: lines, content: {application/x-ndjson: {schema: {$ref: "#/components/schemas/Chunk"}}}}
  /events:
    get:
      operationId: events
      responses:
        "200": {description: sse, content: {text/event-stream: {schema: {$ref: "#/components/schemas/Chunk"}}}}
  /bad-events:
    get:
      operationId: bad_events
      responses:
        "200": {description: sse, content: {text/event-stream: {schema: {$ref: "#/components/schemas/Chunk"}}}}
  /flaky:
    get:
      operationId: flaky
      x-fern-streaming: true
      responses:
        "200": {description: audio, content: {audio/mpeg: {schema: {type: string, format: binary}}}}
components:
  schemas:
    Chunk:
      type: object
      required: [n]
      properties: {n: {type: integer}, text: {type: string}}
    Problem:
      type: object
      required: [detail]
      properties: {detail: {type: string}}
"""
GATE = Gate()
CALLS: dict[str, int] = {}


def _app() -> FastAPI:
    app = FastAPI()

    @app.post("/audio")
    async def speak(fail: bool = False) -> Any:
        if fail:
            return JSONResponse({"detail": "no voice"}, status_code=422)
        return StreamingResponse(GATE.parts([b"chunk-1", b"chunk-2", b"chunk-3"]), media_type="audio/mpeg")

    @app.get("/timestamps")
    async def timestamps(broken: bool = False) -> Any:
        lines = [json.dumps({"n": n, "text": f"t{n}"}).encode() + b"\n" for n in (1, 2, 3)]
        if broken:
            lines[1] = b'{"n": 2, oops\n'
        return StreamingResponse(GATE.parts(lines), media_type="application/json")

    @app.get("/ndjson")
    async def ndjson() -> Any:
        lines = [b'{"n": 1}\n', b'{"n": 2}\n']
        return StreamingResponse(GATE.parts(lines), media_type="application/x-ndjson")

    @app.get("/events")
    async def events() -> Any:
        parts = [b": comment\nevent: start\nid: 1\ndata: {\"n\": 1}\n\n", b"retry: 50\ndata: {\"n\":\ndata: 2}\n\n",
                 b"event: end\ndata: {\"n\": 3}\n\n"]  # fmt: skip
        return StreamingResponse(GATE.parts(parts), media_type="text/event-stream")

    @app.get("/bad-events")
    async def bad_events() -> Any:
        return StreamingResponse(GATE.parts([b"data: {\"n\": 1}\n\n", b"event: oops\ndata: {\"n\": \n\n"]),
                                 media_type="text/event-stream")  # fmt: skip

    @app.get("/flaky")
    async def flaky() -> Any:
        CALLS["flaky"] = CALLS.get("flaky", 0) + 1
        if CALLS["flaky"] == 1:
            return JSONResponse({"detail": "busy"}, status_code=503, headers={"retry-after": "0"})
        return StreamingResponse(GATE.parts([b"a", b"b"]), media_type="audio/mpeg")

    return app


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve(_app()) as url:
        yield url


@pytest.fixture
def sdk(make_client: Any) -> Any:
    GATE.reset()
    CALLS.clear()
    return make_client(SPEC).package


def test_binary_stream_yields_chunks_before_the_server_sends_the_last(sdk: Any, base_url: str) -> None:
    with sdk.Client(base_url) as client, client.speak() as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"] == "audio/mpeg"
        first = next(stream)
        assert GATE.sent == [0], "the client waited for more than the first part"
        GATE.open()
        assert first + b"".join(stream) == b"chunk-1chunk-2chunk-3"
    assert stream.http_response.is_closed


def test_binary_stream_async(sdk: Any, base_url: str) -> None:
    async def run() -> bytes:
        async with sdk.AsyncClient(base_url) as client:
            stream = await client.speak()
            async with stream:
                first = await stream.__anext__()
                assert GATE.sent == [0]
                GATE.open()
                return first + b"".join([chunk async for chunk in stream])

    assert asyncio.run(run()) == b"chunk-1chunk-2chunk-3"


def test_flagged_json_response_streams_decoded_lines(sdk: Any, base_url: str) -> None:
    with sdk.Client(base_url) as client, client.timestamps() as stream:
        first = next(stream)
        assert GATE.sent == [0]
        GATE.open()
        items = [first, *stream]
    assert [type(i).__name__ for i in items] == ["Chunk"] * 3
    assert [(i.n, i.text) for i in items] == [(1, "t1"), (2, "t2"), (3, "t3")]


def test_ndjson_async(sdk: Any, base_url: str) -> None:
    async def run() -> list[int]:
        async with sdk.AsyncClient(base_url) as client:
            stream = await client.ndjson()
            first = await stream.__anext__()
            assert GATE.sent == [0]
            GATE.open()
            rest = [item async for item in stream]
            return [first.n] + [i.n for i in rest]

    assert asyncio.run(run()) == [1, 2]


def test_malformed_line_raises_decode_error_naming_it(sdk: Any, base_url: str) -> None:
    GATE.open()
    with sdk.Client(base_url) as client, client.timestamps(broken=True) as stream:
        assert next(stream).n == 1
        with pytest.raises(sdk.DecodeError, match=r"line 2 .*oops"):
            next(stream)


def test_server_sent_events_sync_and_async(sdk: Any, base_url: str) -> None:
    with sdk.Client(base_url) as client, client.events() as stream:
        first = next(stream)
        assert GATE.sent == [0]
        GATE.open()
        events = [first, *stream]
    assert [(e.event, e.data.n, e.id) for e in events] == [("start", 1, "1"), ("message", 2, "1"), ("end", 3, "1")]
    assert events[1].retry == 50 and events[1].json() == {"n": 2}
    GATE.reset()
    GATE.open()

    async def run() -> list[str]:
        async with sdk.AsyncClient(base_url) as client:
            async with await client.events() as stream:
                return [e.event async for e in stream]

    assert asyncio.run(run()) == ["start", "message", "end"]


def test_malformed_event_raises_decode_error_naming_it(sdk: Any, base_url: str) -> None:
    GATE.open()

    async def run() -> list[int]:
        seen: list[int] = []
        async with sdk.AsyncClient(base_url) as client:
            async for event in await client.bad_events():
                seen.append(event.data.n)
        return seen

    with pytest.raises(sdk.DecodeError, match=r"event 'oops' at line 3"):
        asyncio.run(run())


def test_error_status_raises_typed_error_before_any_item(sdk: Any, base_url: str) -> None:
    with sdk.Client(base_url, max_retries=0) as client:
        with pytest.raises(sdk.UnprocessableEntityError) as raised:
            client.speak(options={"extra_query": {"fail": "true"}})
    assert raised.value.body.detail == "no voice"

    async def run() -> None:
        async with sdk.AsyncClient(base_url, max_retries=0) as client:
            await client.speak(options={"extra_query": {"fail": "true"}})

    with pytest.raises(sdk.UnprocessableEntityError):
        asyncio.run(run())


def test_retry_happens_before_the_first_byte(sdk: Any, base_url: str) -> None:
    GATE.open()
    with sdk.Client(base_url, max_retries=2) as client, client.flaky() as stream:
        assert b"".join(stream) == b"ab"
    assert CALLS["flaky"] == 2
