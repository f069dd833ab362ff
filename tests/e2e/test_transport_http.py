"""Credentials, environments, redirects, retries, logging and async uploads through a generated client
against real uvicorn servers (a second server on another port is the "other origin")."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")
pytest.importorskip("multipart")

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse

from tests.e2e.live import serve

KEY = "sk-very-secret-key"
_HEADER = "{name: xi-api-key, in: header, required: false, schema: {type: string}}"
SPEC = f"""
paths:
  /whoami:
    get:
      operationId: whoami
      parameters: [{_HEADER}, {{name: to, in: query, schema: {{type: string}}}}]
      responses: {{"200": {{description: ok, content: {{application/json: {{schema: {{type: object}}}}}}}}}}
  /upload:
    post:
      operationId: upload
      parameters: [{_HEADER}]
      requestBody:
        content: {{multipart/form-data: {{schema: {{type: object, properties: {{file: {{type: string, format: binary}}}}}}}}}}
      responses: {{"200": {{description: ok, content: {{application/json: {{schema: {{type: object}}}}}}}}}}
  /busy:
    get:
      operationId: busy
      parameters: [{_HEADER}, {{name: mode, in: query, schema: {{type: string}}}}]
      responses: {{"200": {{description: ok, content: {{application/json: {{schema: {{type: object}}}}}}}}}}
"""
CALLS: dict[str, int] = {}


def _app(other: list[str]) -> FastAPI:
    app = FastAPI()

    @app.get("/whoami")
    async def whoami(request: Request, to: str | None = None) -> Any:
        if to == "away":
            return RedirectResponse(other[0] + "/whoami", status_code=307)
        if to == "home":
            return RedirectResponse("/whoami", status_code=307)
        headers = request.headers
        return {"key": headers.get("xi-api-key"), "cookie": headers.get("cookie"),
                "auth": headers.get("authorization"), "port": request.url.port}  # fmt: skip

    @app.post("/upload")
    async def upload(request: Request) -> Any:
        async with request.form() as form:
            part = form["file"]
            assert not isinstance(part, str)
            return {"size": len(await part.read()), "key": request.headers.get("xi-api-key")}

    @app.get("/busy")
    async def busy(mode: str) -> Any:
        CALLS[mode] = CALLS.get(mode, 0) + 1
        if CALLS[mode] > 1:
            return {"calls": CALLS[mode]}
        headers = {"ms": {"retry-after-ms": "20"}, "absurd": {"retry-after": "Fri, 31 Dec 99999 23:59:59 GMT"},
                   "garbage": {"retry-after": "soon", "retry-after-ms": "NaN"}}[mode]  # fmt: skip
        return JSONResponse({"detail": "busy"}, status_code=503, headers=headers)

    return app


@pytest.fixture(scope="module")
def urls() -> Iterator[tuple[str, str]]:
    other: list[str] = []
    with serve(_app(other)) as home, serve(_app([home])) as away:
        other.append(away)
        yield home, away


@pytest.fixture
def gen(make_client: Any) -> Any:
    CALLS.clear()
    return make_client(SPEC, package_name="demo_t_client", environments=(("eu", "https://eu.example.test"),))


def test_detected_header_becomes_client_api_key(gen: Any, urls: tuple[str, str]) -> None:
    found = [d for d in gen.result.diagnostics if d.code == "credential-detected"]
    assert found and "xi-api-key" in found[0].message
    with gen.package.Client(urls[0], api_key=KEY) as client:
        assert client.whoami()["key"] == KEY
        with pytest.raises(TypeError):
            client.whoami(xi_api_key="x")


def test_detection_is_noted_in_the_readme_and_can_be_turned_off(gen: Any, make_client: Any,
                                                                 urls: tuple[str, str]) -> None:  # fmt: skip
    readme = (gen.root / "README.md").read_text()
    assert "`Client(api_key=...)` sends the `xi-api-key` header" in readme and "DEMO_T_API_KEY" in readme
    plain = make_client(SPEC, package_name="demo_v_client", detect_credentials=False, base_url=urls[0])
    assert not plain.result.api.security_schemes
    with plain.package.Client() as client:
        assert client.whoami(xi_api_key="per-call")["key"] == "per-call"


def test_without_any_base_url_the_client_refuses_to_construct(make_client: Any) -> None:
    bare = make_client(SPEC, package_name="demo_u_sdk")
    assert [d.code for d in bare.result.diagnostics if d.code == "base-url-missing"] == ["base-url-missing"]
    with pytest.raises(ValueError, match=r"base_url=.*DEMO_U_BASE_URL"):
        bare.package.Client(api_key=KEY)


def test_environment_variables_are_read_at_construction(gen: Any, urls: tuple[str, str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    assert gen.package.Client().base_url == "https://eu.example.test"  # the first configured environment
    monkeypatch.setenv("DEMO_T_BASE_URL", urls[0])
    monkeypatch.setenv("DEMO_T_API_KEY", "from-env")
    with gen.package.Client() as client:
        assert client.whoami()["key"] == "from-env"
    with gen.package.Client(api_key=KEY) as client:  # an argument wins over the environment
        assert client.whoami()["key"] == KEY
    assert gen.package.Client(environment="eu").base_url == "https://eu.example.test"
    with pytest.raises(ValueError, match="unknown server or environment"):
        gen.package.Client(environment="mars")


def test_redirect_to_another_origin_drops_credentials(gen: Any, urls: tuple[str, str]) -> None:
    home, away = urls
    headers = {"Authorization": "Bearer tok", "Cookie": "session=1"}
    with gen.package.Client(home, api_key=KEY, headers=headers) as client:
        same = client.whoami(to="home")
        moved = client.whoami(to="away")
    assert (same["key"], same["auth"], same["cookie"]) == (KEY, "Bearer tok", "session=1")
    assert moved["port"] == int(away.rsplit(":", 1)[1])
    assert (moved["key"], moved["auth"], moved["cookie"]) == (None, None, None)

    async def run() -> Any:
        async with gen.package.AsyncClient(home, api_key=KEY, headers=headers) as client:
            return await client.whoami(to="away")

    moved = asyncio.run(run())
    assert (moved["key"], moved["auth"], moved["cookie"]) == (None, None, None)


@pytest.mark.parametrize(("mode", "low", "high"), [("ms", 0.02, 0.02), ("absurd", 0.3, 0.5), ("garbage", 0.3, 0.5)])
def test_retry_after_ms_and_broken_values(gen: Any, urls: tuple[str, str], mode: str, low: float,
                                          high: float) -> None:  # fmt: skip
    with gen.package.Client(urls[0], api_key=KEY) as client:
        sleeps: list[float] = []
        client._http._sleep = sleeps.append
        assert client.busy(mode=mode) == {"calls": 2}
    assert len(sleeps) == 1 and low <= sleeps[0] <= high  # broken values: the first backoff step


def test_requests_and_retries_are_logged_without_credentials(gen: Any, urls: tuple[str, str],
                                                             caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    with caplog.at_level(logging.DEBUG, logger="demo_t_client"), gen.package.Client(urls[0], api_key=KEY) as client:
        client._http._sleep = lambda seconds: None
        client.busy(mode="ms")
    records = [r for r in caplog.records if r.name == "demo_t_client"]
    assert [r.levelname for r in records] == ["DEBUG", "INFO", "DEBUG"]
    first, retry, last = (r.getMessage() for r in records)
    assert first.startswith(f"GET {urls[0]}/busy?mode=ms -> 503 in ") and first.endswith("(attempt 1)")
    assert "HTTP 503" in retry and "0.02s" in retry and "(attempt 2)" in retry
    assert "-> 200" in last and "(attempt 2)" in last
    assert all(KEY not in r.getMessage() for r in caplog.records)


def test_log_environment_variable_turns_on_stderr(gen: Any, urls: tuple[str, str], monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.setenv("DEMO_T_LOG", "debug")
    with gen.package.Client(urls[0], api_key=KEY) as client:
        client.whoami()
    logger = logging.getLogger("demo_t_client")
    for handler in list(logger.handlers):  # leave no handler behind for other tests
        logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)
    err = capsys.readouterr().err
    assert f"GET {urls[0]}/whoami -> 200" in err and KEY not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_async_upload_reads_the_file_off_the_event_loop(gen: Any, urls: tuple[str, str], tmp_path: Path) -> None:
    """The upload is a named pipe that a task on the same event loop fills: a blocking read would hang it."""
    pipe = tmp_path / "upload.pipe"
    os.mkfifo(pipe)
    rescued: list[bool] = []

    def rescue() -> None:  # if the loop is blocked, unblock the reader after a while so the test ends
        if not done.wait(20):
            rescued.append(True)
            with open(pipe, "wb") as handle:
                handle.write(b"x")

    done = threading.Event()
    threading.Thread(target=rescue, daemon=True).start()

    async def feed() -> None:
        while True:
            try:
                fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError:
                await asyncio.sleep(0.01)
        os.write(fd, b"y" * 1000)
        os.close(fd)

    async def run() -> Any:
        async with gen.package.AsyncClient(urls[0], api_key=KEY) as client:
            answer, _ = await asyncio.gather(client.upload(file=pipe), feed())
            return answer

    answer = asyncio.run(run())
    done.set()
    assert not rescued, "the async client blocked the event loop reading the file"
    assert answer == {"size": 1000, "key": KEY}
