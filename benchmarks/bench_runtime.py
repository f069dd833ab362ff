"""Runtime throughput of a generated client beside plain httpx, in the same run (issue 8).

1. A 50 MB byte stream: `Stream[bytes]` from a flagged streaming operation vs `httpx.Client.stream`
   + `iter_bytes()`.
2. A 1,000-page cursor listing: the generated pager (decoding every page into models) vs a
   hand-written httpx loop (`json()` and the cursor, no models).

The server (uvicorn, one worker) runs in a subprocess so it does not share the client's GIL. Runs are
interleaved (alternating which goes first) and the median is reported, with MET/MISSED for >= 0.9x.
"""

from __future__ import annotations

import argparse
import importlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 64 * 1024
ITEMS_PER_PAGE = 10
SPEC = """
openapi: 3.1.0
info: {title: Bench, version: "1"}
servers: [{url: "http://127.0.0.1"}]
paths:
  /audio:
    get:
      operationId: audio
      x-fern-streaming: true
      parameters: [{name: size, in: query, schema: {type: integer}}]
      responses: {"200": {description: audio, content: {audio/mpeg: {schema: {type: string, format: binary}}}}}
  /items:
    get:
      operationId: list_items
      parameters:
        - {name: cursor, in: query, schema: {type: string}}
        - {name: pages, in: query, schema: {type: integer}}
      responses:
        "200":
          description: a page
          content: {application/json: {schema: {$ref: "#/components/schemas/ItemPage"}}}
components:
  schemas:
    Item:
      type: object
      required: [id, name, created_at_unix_secs]
      properties: {id: {type: string}, name: {type: string}, created_at_unix_secs: {type: integer}, tags: {type: array, items: {type: string}}}
    ItemPage:
      type: object
      required: [items, has_more]
      properties:
        items: {type: array, items: {$ref: "#/components/schemas/Item"}}
        next_cursor: {type: [string, "null"]}
        has_more: {type: boolean}
"""


def serve(port: int) -> None:
    import uvicorn
    from fastapi import FastAPI
    from fastapi.responses import StreamingResponse

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    block = b"\x00" * CHUNK

    @app.get("/audio")
    async def audio(size: int) -> Any:
        async def body() -> Any:
            for _ in range(size // CHUNK):
                yield block

        return StreamingResponse(body(), media_type="audio/mpeg")

    @app.get("/items")
    async def items(pages: int, cursor: str = "0") -> Any:
        page = int(cursor)
        more = page + 1 < pages
        rows = [{"id": f"i{page}_{n}", "name": "item", "created_at_unix_secs": 1700000000 + n, "tags": ["a"]}
                for n in range(ITEMS_PER_PAGE)]  # fmt: skip
        return {"items": rows, "has_more": more, "next_cursor": str(page + 1) if more else None}

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the benchmark server did not start")


def _generate(work: Path) -> Any:
    sys.path.insert(0, str(ROOT))
    from specsmith.config import ClientConfig
    from specsmith.pipeline import generate

    (work / "spec.yaml").write_text(SPEC)
    result = generate(ClientConfig(spec=work / "spec.yaml", output=work / "out", package_name="bench_client",
                                   with_tests=False), cache_dir=work / "cache")  # fmt: skip
    assert result.ok, [str(d) for d in result.diagnostics]
    sys.path.insert(0, str(work / "out"))
    return importlib.import_module("bench_client")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import httpx

    port = _free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port)])
    try:
        _wait(port)
        base = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryDirectory() as tmp:
            sdk = _generate(Path(tmp))
            size = args.megabytes * 1024 * 1024
            with sdk.Client(base) as client, httpx.Client(base_url=base) as plain:

                def ours_stream() -> int:
                    with client.audio(size=size) as stream:
                        return sum(len(chunk) for chunk in stream)

                def plain_stream() -> int:
                    with plain.stream("GET", "/audio", params={"size": size}) as response:
                        return sum(len(chunk) for chunk in response.iter_bytes())

                def ours_pages() -> int:
                    return sum(1 for _ in client.list_items(pages=args.pages))

                def plain_pages() -> int:
                    count, cursor = 0, None
                    while True:
                        params: dict[str, Any] = {"pages": args.pages}
                        if cursor is not None:
                            params["cursor"] = cursor
                        data = plain.get("/items", params=params).json()
                        count += len(data["items"])
                        if not data["has_more"] or not data.get("next_cursor"):
                            return count
                        cursor = data["next_cursor"]

                rows = [("50 MB byte stream" if args.megabytes == 50 else f"{args.megabytes} MB byte stream",
                         ours_stream, plain_stream, size / 1e6, "MB/s"),
                        (f"{args.pages}-page listing", ours_pages, plain_pages, float(args.pages), "pages/s")]  # fmt: skip
                print(f"runs: {args.runs} each, interleaved; server: uvicorn in a subprocess; python {sys.version.split()[0]}")
                print(f"{'case':<24} {'specsmith':>14} {'plain httpx':>14} {'ratio':>7}")
                for label, ours, theirs, amount, unit in rows:
                    assert ours() == theirs()  # warm-up, and both read everything
                    mine, peer = [], []
                    for run in range(args.runs):  # alternate who goes first: neither gets the warmer slot
                        pair = [(ours, mine), (theirs, peer)]
                        for fn, into in pair if run % 2 == 0 else pair[::-1]:
                            started = time.perf_counter()
                            fn()
                            into.append(time.perf_counter() - started)
                    a, b = amount / statistics.median(mine), amount / statistics.median(peer)
                    verdict = "MET" if a >= 0.9 * b else "MISSED"
                    print(f"{label:<24} {a:>9.1f} {unit:<4} {b:>9.1f} {unit:<4} {a / b:>6.2f}x  {verdict} (>= 0.9x)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        serve(int(sys.argv[2]))
    else:
        main()
