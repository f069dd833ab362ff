"""Pagers through a generated client against a real uvicorn server: every detected shape, sync and async,
pages fetched only when needed."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tests.e2e.live import serve

_DOC = '{$ref: "#/components/schemas/Doc"}'
SPEC = f"""
servers: [{{url: "https://unused.example.test"}}]
paths:
  /docs:
    get:
      operationId: list_docs
      parameters:
        - {{name: cursor, in: query, schema: {{type: string}}}}
        - {{name: page_size, in: query, schema: {{type: integer}}}}
      responses:
        "200": {{description: ok, content: {{application/json: {{schema: {{$ref: "#/components/schemas/DocPage"}}}}}}}}
  /history:
    get:
      operationId: list_history
      parameters: [{{name: start_after_history_item_id, in: query, schema: {{type: string}}}}]
      responses:
        "200": {{description: ok, content: {{application/json: {{schema: {{$ref: "#/components/schemas/History"}}}}}}}}
  /numbered:
    get:
      operationId: numbered
      parameters: [{{name: page, in: query, schema: {{type: integer, default: 0}}}}, {{name: page_size, in: query, schema: {{type: integer}}}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {{type: object, required: [items], properties: {{items: {{type: array, items: {_DOC}}}, has_more: {{type: boolean}}}}}}
  /offset:
    get:
      operationId: by_offset
      parameters: [{{name: offset, in: query, schema: {{type: integer}}}}, {{name: limit, in: query, schema: {{type: integer}}}}]
      responses:
        "200":
          description: ok
          content: {{application/json: {{schema: {{type: object, properties: {{orders: {{type: array, items: {_DOC}}}}}}}}}}}
  /stripe:
    get:
      operationId: stripe
      parameters: [{{name: starting_after, in: query, schema: {{type: string}}}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {{type: object, required: [data, has_more], properties: {{data: {{type: array, items: {_DOC}}}, has_more: {{type: boolean}}}}}}
  /github:
    get:
      operationId: github
      parameters: [{{name: per_page, in: query, schema: {{type: integer}}}}]
      responses:
        "200":
          description: ok
          headers: {{Link: {{schema: {{type: string}}}}}}
          content: {{application/json: {{schema: {{type: array, items: {_DOC}}}}}}}
components:
  schemas:
    Doc: {{type: object, required: [id], properties: {{id: {{type: string}}}}}}
    DocPage:
      type: object
      required: [documents, has_more]
      properties: {{documents: {{type: array, items: {_DOC}}}, next_cursor: {{type: [string, "null"]}}, has_more: {{type: boolean}}}}
    History:
      type: object
      required: [history, has_more]
      properties: {{history: {{type: array, items: {_DOC}}}, last_history_item_id: {{type: [string, "null"]}}, has_more: {{type: boolean}}}}
"""
ALL = [f"d{n}" for n in range(7)]  # 7 items, 3 per page: pages of 3, 3, 1
SEEN: list[str] = []


def _slice(start: int) -> list[dict[str, str]]:
    return [{"id": i} for i in ALL[start : start + 3]]


def _app() -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.middleware("http")
    async def record(request: Request, call_next: Any) -> Any:
        SEEN.append(str(request.url.path) + ("?" + request.url.query if request.url.query else ""))
        return await call_next(request)

    @app.get("/docs")
    async def docs(cursor: str = "0") -> Any:
        start = int(cursor)
        more = start + 3 < len(ALL)
        return {"documents": _slice(start), "has_more": more, "next_cursor": str(start + 3) if more else None}

    @app.get("/history")
    async def history(start_after_history_item_id: str | None = None) -> Any:
        start = ALL.index(start_after_history_item_id) + 1 if start_after_history_item_id else 0
        page = _slice(start)
        return {"history": page, "has_more": start + 3 < len(ALL), "last_history_item_id": page[-1]["id"]}

    @app.get("/numbered")
    async def numbered(page: int = 0) -> Any:
        return {"items": _slice(page * 3), "has_more": page * 3 + 3 < len(ALL)}

    @app.get("/offset")
    async def offset(offset: int = 0) -> Any:
        return {"orders": _slice(offset)}  # no has_more: the pager stops at an empty page

    @app.get("/stripe")
    async def stripe(starting_after: str | None = None) -> Any:
        start = ALL.index(starting_after) + 1 if starting_after else 0
        return {"data": _slice(start), "has_more": start + 3 < len(ALL)}

    @app.get("/github")
    async def github(request: Request, page: int = 1) -> Any:
        headers = {}
        if page * 3 < len(ALL):
            headers["Link"] = f'<{request.base_url}github?page={page + 1}&per_page=3>; rel="next", <x>; rel="last"'
        return JSONResponse(_slice((page - 1) * 3), headers=headers)

    return app


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve(_app()) as url:
        yield url


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    import sys

    from tests.support import generate_client

    generated = generate_client(SPEC, tmp_path_factory.mktemp("paged"), package_name="paged_client")
    detected = sorted(d.message.split(" pages ")[1].split(";")[0] for d in generated.result.diagnostics
                      if d.code == "pagination-detected")  # fmt: skip
    assert detected == ["(cursor via cursor, detected)", "(cursor via start_after_history_item_id, detected)",
                        "(last_id via starting_after, detected)", "(link, detected)",
                        "(offset via offset, detected)", "(page via page, detected)"]  # fmt: skip
    yield generated.package
    for name in [m for m in sys.modules if m.startswith("paged_client")]:
        del sys.modules[name]
    sys.path.remove(str(generated.root))


@pytest.mark.parametrize("method", ["list_docs", "list_history", "numbered", "by_offset", "stripe", "github"])
def test_sync_pager_fetches_lazily_and_yields_every_item(sdk: Any, base_url: str, method: str) -> None:
    SEEN.clear()
    with sdk.Client(base_url) as client:
        pager = getattr(client, method)()
        assert SEEN == []
        items = iter(pager)
        assert [next(items).id for _ in range(3)] == ALL[:3]
        assert len(SEEN) == 1, "a second page was fetched before the first was used up"
        assert next(items).id == ALL[3] and len(SEEN) == 2
        assert [i.id for i in items] == ALL[4:]
    assert len(SEEN) == (4 if method == "by_offset" else 3)


def test_pages_yield_the_response_models(sdk: Any, base_url: str) -> None:
    with sdk.Client(base_url) as client:
        pages = list(client.list_docs(page_size=3).pages())
    assert [type(p).__name__ for p in pages] == ["DocPage"] * 3
    assert [p.next_cursor for p in pages] == ["3", "6", None]


@pytest.mark.parametrize("method", ["list_docs", "numbered", "github"])
def test_async_pager(sdk: Any, base_url: str, method: str) -> None:
    async def run() -> tuple[list[str], Any, int]:
        async with sdk.AsyncClient(base_url) as client:
            SEEN.clear()
            first = await getattr(client, method)()
            fetched_for_first = len(SEEN)
            ids = [item.id async for item in getattr(client, method)()]
            return ids, first, fetched_for_first

    ids, first, fetched = asyncio.run(run())
    assert ids == ALL and fetched == 1
    assert first is not None


def test_extension_and_config_override_detection(make_client: Any) -> None:
    import yaml

    spec = yaml.safe_load(SPEC)
    spec["paths"]["/history"]["get"]["x-fern-pagination"] = {
        "cursor": "$request.start_after_history_item_id", "next_cursor": "$response.last_history_item_id",
        "results": "$response.history",
    }  # fmt: skip
    spec["paths"]["/stripe"]["get"]["x-fern-pagination"] = False
    config = (("numbered", False), ("GET /offset", (("offset", "offset"), ("results", "orders"))))
    generated = make_client(spec, pagination=config)
    found = {op.name: (op.pagination.kind, op.pagination.source) if op.pagination else None
             for op in generated.result.api.operations()}  # fmt: skip
    assert found["list_history"] == ("cursor", "x-fern-pagination")
    assert found["by_offset"] == ("offset", "config")
    assert found["numbered"] is None and found["stripe"] is None
    assert found["list_docs"] == ("cursor", "detected")
