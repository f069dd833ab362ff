"""Transport of the vendored runtime: bodies, auth, retries, error mapping, sync + async."""

from __future__ import annotations

import asyncio
import base64
import email
import email.policy
import importlib
import io
import json
import shutil
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

RUNTIME = Path(__file__).resolve().parents[2] / "templates" / "runtime"

Outcome = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


@pytest.fixture(scope="module")
def rt(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """The runtime copied into a throwaway package, exactly as the generator vendors it."""
    root = tmp_path_factory.mktemp("vendored")
    package = root / "rt_http_client"
    shutil.copytree(RUNTIME, package / "_runtime", ignore=shutil.ignore_patterns("__pycache__"))
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module("rt_http_client._runtime")
    finally:
        sys.path.remove(str(root))


class Server:
    """Scripted MockTransport handler: replays outcomes in order (the last one repeats)."""

    def __init__(self, *outcomes: Outcome) -> None:
        self.outcomes = list(outcomes) or [httpx.Response(200, json={"ok": True})]
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        outcome = self.outcomes.pop(0) if len(self.outcomes) > 1 else self.outcomes[0]
        if isinstance(outcome, Exception):
            raise outcome
        if isinstance(outcome, httpx.Response):  # a fresh copy: a response can be read once
            return httpx.Response(
                outcome.status_code, headers=outcome.headers, content=outcome.content
            )
        return outcome(request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


def make_sync(rt: ModuleType, server: Server, **kwargs: Any) -> tuple[Any, list[float]]:
    """A SyncHTTP over `server`; returns it and the list its (patched) sleeps are recorded in."""
    client = httpx.Client(transport=httpx.MockTransport(server))
    http = rt.SyncHTTP(
        base_url=kwargs.pop("base_url", "https://api.test/v1"), http_client=client, **kwargs
    )
    sleeps: list[float] = []
    http._sleep = sleeps.append
    return http, sleeps


def make_async(rt: ModuleType, server: Server, **kwargs: Any) -> tuple[Any, list[float]]:
    client = httpx.AsyncClient(transport=httpx.MockTransport(server))
    http = rt.AsyncHTTP(base_url="https://api.test/v1", http_client=client, **kwargs)
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    http._sleep = sleep
    return http, sleeps


def parts_of(request: httpx.Request) -> list[tuple[str, str | None, str | None, bytes]]:
    """(name, filename, content type, payload) of every multipart part, in order."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.message_from_bytes(head + request.content, policy=email.policy.HTTP)
    return [
        (
            part.get_param("name", header="content-disposition"),
            part.get_filename(),
            part.get("content-type"),
            part.get_payload(decode=True),
        )
        for part in message.iter_parts()
    ]


# --- URL and JSON ------------------------------------------------------------------------


def test_base_url_prefix_and_json_body(rt: ModuleType) -> None:
    server = Server()
    http, _ = make_sync(rt, server, base_url="https://api.test/api/v2/")
    response = http.send("POST", "/items/{id}", path_params=[rt.Param("id", 7)], json={"a": None})
    assert response.json() == {"ok": True}
    assert str(server.last.url) == "https://api.test/api/v2/items/7"
    assert server.last.content == b'{"a":null}'
    assert server.last.headers["content-type"] == "application/json"


def test_json_omit_sends_no_body_and_extra_body_merges(rt: ModuleType) -> None:
    server = Server()
    http, _ = make_sync(rt, server)
    http.send("POST", "/x")
    assert server.last.content == b""
    assert "content-type" not in server.last.headers
    http.send("POST", "/x", json={"a": 1, "b": 2}, options={"extra_body": {"b": 3, "c": "é"}})
    assert json.loads(server.last.content) == {"a": 1, "b": 3, "c": "é"}
    http.send("POST", "/x", options={"extra_body": {"only": True}})
    assert json.loads(server.last.content) == {"only": True}
    http.send("POST", "/x", json=[1, 2], content_type="application/merge-patch+json")
    assert server.last.headers["content-type"] == "application/merge-patch+json"


def test_timeout_and_retries_options(rt: ModuleType) -> None:
    server = Server(httpx.Response(503))
    http, sleeps = make_sync(rt, server, timeout=12.0, max_retries=1)
    with pytest.raises(rt.InternalServerError):
        http.send("GET", "/x")
    assert server.last.extensions["timeout"]["read"] == 12.0
    assert len(server.requests) == 2
    with pytest.raises(rt.InternalServerError):
        http.send("GET", "/x", options={"timeout": 3.5, "max_retries": 0})
    assert server.last.extensions["timeout"]["read"] == 3.5
    assert len(server.requests) == 3
    assert len(sleeps) == 1
    server.outcomes = [httpx.Response(200)]
    http.send("GET", "/x", options={"timeout": None})
    assert server.last.extensions["timeout"]["read"] is None


# --- multipart, forms, raw content -------------------------------------------------------


def test_multipart_with_every_file_input(rt: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"from disk")
    handle = (tmp_path / "photo.png").open("w+b")
    handle.write(b"\x89PNG")
    handle.seek(0)
    server = Server()
    http, _ = make_sync(rt, server)
    with handle:
        http.send(
            "POST",
            "/upload",
            files=[
                ("raw", b"raw bytes"),
                ("path", path),
                ("handle", handle),
                ("anon", io.BytesIO(b"anonymous")),
                ("pair", ("a.csv", b"x,y")),
                ("triple", ("b.bin", io.BytesIO(b"\x00"), "application/x-custom")),
                ("many", [b"one", ("two.txt", b"two")]),
                ("skipped", rt.OMIT),
            ],
            data=[
                ("name", "doc"),
                ("flag", True),
                ("count", 3),
                ("ratio", 0.5),
                ("tags", ["a", "b"]),
                ("meta", rt.JsonPart({"k": [1]})),
                ("obj", {"x": 1}),
                ("nothing", None),
                ("omitted", rt.OMIT),
            ],
        )
    assert server.last.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert parts_of(server.last) == [
        ("name", None, None, b"doc"),
        ("flag", None, None, b"true"),
        ("count", None, None, b"3"),
        ("ratio", None, None, b"0.5"),
        ("tags", None, None, b"a"),
        ("tags", None, None, b"b"),
        ("meta", None, "application/json", b'{"k":[1]}'),
        ("obj", None, "application/json", b'{"x":1}'),
        ("raw", "raw", "application/octet-stream", b"raw bytes"),
        ("path", "notes.txt", "text/plain", b"from disk"),
        ("handle", "photo.png", "image/png", b"\x89PNG"),
        ("anon", "anon", "application/octet-stream", b"anonymous"),
        ("pair", "a.csv", "text/csv", b"x,y"),
        ("triple", "b.bin", "application/x-custom", b"\x00"),
        ("many", "many", "application/octet-stream", b"one"),
        ("many", "two.txt", "text/plain", b"two"),
    ]


def test_multipart_is_resent_identically_on_retry(rt: ModuleType) -> None:
    server = Server(httpx.Response(502), httpx.Response(200))
    http, sleeps = make_sync(rt, server)
    http.send("POST", "/upload", files=[("f", io.BytesIO(b"stream once"))])
    first, second = server.requests
    assert parts_of(first)[0][3] == parts_of(second)[0][3] == b"stream once"
    assert len(sleeps) == 1


def test_multipart_flag_forces_multipart_without_files(rt: ModuleType) -> None:
    server = Server()
    http, _ = make_sync(rt, server)
    http.send("POST", "/form", data=[("a", "1")], multipart=True)
    assert parts_of(server.last) == [("a", None, None, b"1")]
    http.send("POST", "/form", data=[("a", rt.OMIT)], multipart=True)
    assert server.last.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert parts_of(server.last) == []


def test_urlencoded_form(rt: ModuleType) -> None:
    server = Server()
    http, _ = make_sync(rt, server)
    http.send(
        "POST",
        "/form",
        data=[("q", "a b&c"), ("on", False), ("ids", [1, 2]), ("j", rt.JsonPart([1])), ("n", None)],
        options={"extra_body": {"extra": "yes"}},
    )
    assert server.last.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(server.last.content.decode(), keep_blank_values=True) == [
        ("q", "a b&c"), ("on", "false"), ("ids", "1"), ("ids", "2"), ("j", "[1]"), ("extra", "yes"),
    ]  # fmt: skip


def test_raw_content(rt: ModuleType, tmp_path: Path) -> None:
    server = Server()
    http, _ = make_sync(rt, server)
    http.send("PUT", "/blob", content=b"\x00\x01", content_type="audio/mpeg")
    assert (server.last.content, server.last.headers["content-type"]) == (b"\x00\x01", "audio/mpeg")
    http.send("PUT", "/blob", content="héllo")
    assert server.last.content == "héllo".encode()
    assert server.last.headers["content-type"] == "text/plain; charset=utf-8"
    path = tmp_path / "clip.wav"
    path.write_bytes(b"RIFF")
    http.send("PUT", "/blob", content=path)
    assert (server.last.content, server.last.headers["content-type"]) == (
        b"RIFF", "application/octet-stream",
    )  # fmt: skip
    http.send("PUT", "/blob", content=io.BytesIO(b"io"), content_type="application/pdf")
    assert server.last.content == b"io"
    http.send("PUT", "/blob", content=("x.json", b"{}", "application/json"))
    assert server.last.headers["content-type"] == "application/json"


# --- auth --------------------------------------------------------------------------------

SCHEMES = {
    "KeyHeader": ("apiKey", "header", "xi-api-key", None),
    "KeyQuery": ("apiKey", "query", "api_key", None),
    "KeyCookie": ("apiKey", "cookie", "sid", None),
    "Bearer": ("http", None, None, "bearer"),
    "Basic": ("http", None, None, "basic"),
    "OAuth": ("oauth2", None, None, None),
    "OIDC": ("openIdConnect", None, None, None),
}


def authed(rt: ModuleType, credentials: dict[str, Any], **kwargs: Any) -> tuple[Any, Server]:
    server = Server()
    schemes = {name: rt.SecurityScheme(*args) for name, args in SCHEMES.items()}
    http, _ = make_sync(rt, server, schemes=schemes, credentials=credentials, **kwargs)
    return http, server


def test_api_key_locations(rt: ModuleType) -> None:
    http, server = authed(rt, {"KeyHeader": "h", "KeyQuery": "q&1", "KeyCookie": "c"})
    http.send("GET", "/a", security=[["KeyHeader"]])
    assert server.last.headers["xi-api-key"] == "h"
    http.send("GET", "/a", query=[rt.Param("x", 1)], security=[["KeyQuery"]])
    assert server.last.url.query == b"x=1&api_key=q%261"
    http.send("GET", "/a", cookies=[rt.Param("theme", "dark")], security=[["KeyCookie"]])
    assert server.last.headers["cookie"] == "theme=dark; sid=c"


def test_bearer_basic_oauth(rt: ModuleType) -> None:
    http, server = authed(
        rt, {"Bearer": "tok", "Basic": ("user", "pä:ss"), "OAuth": "o", "OIDC": "i"}
    )
    http.send("GET", "/a", security=[["Bearer"]])
    assert server.last.headers["authorization"] == "Bearer tok"
    http.send("GET", "/a", security=[["Basic"]])
    expected = base64.b64encode("user:pä:ss".encode()).decode()
    assert server.last.headers["authorization"] == f"Basic {expected}"
    http.send("GET", "/a", security=[["OAuth"]])
    assert server.last.headers["authorization"] == "Bearer o"
    http.send("GET", "/a", security=[["OIDC"]])
    assert server.last.headers["authorization"] == "Bearer i"


def test_security_alternatives(rt: ModuleType) -> None:
    http, server = authed(
        rt,
        {"KeyHeader": "h", "KeyQuery": "q", "Bearer": None},
        default_security=[["Bearer"], ["KeyHeader"]],
    )
    http.send("GET", "/a")  # default: Bearer has no credential, so the API key is used
    assert server.last.headers["xi-api-key"] == "h"
    assert "authorization" not in server.last.headers
    http.send("GET", "/a", security=[["Bearer", "KeyHeader"], ["KeyHeader", "KeyQuery"]])
    assert server.last.headers["xi-api-key"] == "h"
    assert server.last.url.query == b"api_key=q"
    http.send("GET", "/a", security=[[], ["KeyHeader"]])  # optional auth: first alternative wins
    assert "xi-api-key" not in server.last.headers
    http.send("GET", "/a", security=[])
    assert "xi-api-key" not in server.last.headers
    http.send("GET", "/a", security=[["Bearer"], ["Unknown"]])  # nothing satisfiable
    assert "authorization" not in server.last.headers
    http.credentials["Bearer"] = "late"
    http.send("GET", "/a")
    assert server.last.headers["authorization"] == "Bearer late"
    http.send("GET", "/a", options={"extra_headers": {"authorization": "Custom x"}})
    assert server.last.headers.get_list("authorization") == ["Custom x"]


# --- retries -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retryable_statuses_back_off(rt: ModuleType, status: int) -> None:
    server = Server(httpx.Response(status), httpx.Response(status), httpx.Response(200))
    http, sleeps = make_sync(rt, server)
    assert http.send("GET", "/x").status_code == 200
    assert len(server.requests) == 3
    assert 0.375 <= sleeps[0] <= 0.5
    assert 0.75 <= sleeps[1] <= 1.0


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422, 501])
def test_other_statuses_are_not_retried(rt: ModuleType, status: int) -> None:
    server = Server(httpx.Response(status))
    http, sleeps = make_sync(rt, server)
    with pytest.raises(rt.ApiError):
        http.send("GET", "/x")
    assert len(server.requests) == 1
    assert sleeps == []


def test_backoff_is_capped(rt: ModuleType) -> None:
    server = Server(httpx.Response(500))
    http, sleeps = make_sync(rt, server, max_retries=7)
    with pytest.raises(rt.InternalServerError):
        http.send("GET", "/x")
    assert len(server.requests) == 8
    assert all(6.0 <= delay <= 8.0 for delay in sleeps[4:])


def test_retry_after_seconds_and_date(rt: ModuleType) -> None:
    when = datetime.now(timezone.utc) + timedelta(seconds=30)
    server = Server(
        httpx.Response(429, headers={"Retry-After": "2.5"}),
        httpx.Response(503, headers={"Retry-After": format_datetime(when, usegmt=True)}),
        httpx.Response(503, headers={"Retry-After": "3600"}),
        httpx.Response(503, headers={"Retry-After": "soon"}),
        httpx.Response(200),
    )
    http, sleeps = make_sync(rt, server, max_retries=4)
    http.send("GET", "/x")
    assert sleeps[0] == 2.5
    assert 27 <= sleeps[1] <= 30
    assert sleeps[2] == 60.0
    assert 3.0 <= sleeps[3] <= 4.0  # unparsable: back-off for attempt 3


def test_connection_errors_are_retried_then_wrapped(rt: ModuleType) -> None:
    server = Server(httpx.ConnectError("refused"))
    http, sleeps = make_sync(rt, server)
    with pytest.raises(rt.ApiConnectionError) as caught:
        http.send("GET", "/x")
    assert not isinstance(caught.value, rt.ApiTimeoutError)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert caught.value.request.url == "https://api.test/v1/x"
    assert len(server.requests) == 3
    assert len(sleeps) == 2


def test_timeouts_become_api_timeout_error(rt: ModuleType) -> None:
    server = Server(httpx.ReadTimeout("slow"), httpx.Response(200))
    http, _ = make_sync(rt, server)
    assert http.send("GET", "/x").status_code == 200
    server = Server(httpx.ReadTimeout("slow"))
    http, _ = make_sync(rt, server, max_retries=0)
    with pytest.raises(rt.ApiTimeoutError):
        http.send("GET", "/x")


def test_non_transient_transport_errors_are_not_retried(rt: ModuleType) -> None:
    server = Server(httpx.UnsupportedProtocol("nope"))
    http, sleeps = make_sync(rt, server)
    with pytest.raises(rt.ApiConnectionError):
        http.send("GET", "/x")
    assert (len(server.requests), sleeps) == (1, [])


# --- errors and decoding -----------------------------------------------------------------


def test_error_body_decoded_with_declared_model(rt: ModuleType) -> None:
    detail = {"detail": [{"loc": ["body", "name"], "msg": "field required"}]}
    server = Server(httpx.Response(422, json=detail))
    http, _ = make_sync(rt, server)
    decoded = object()
    with pytest.raises(rt.UnprocessableEntityError) as caught:
        http.send("POST", "/x", errors={"422": lambda data: decoded, "4XX": lambda data: 1 / 0})
    error = caught.value
    assert error.body is decoded
    assert (error.status_code, error.response.status_code) == (422, 422)
    assert error.headers["content-type"] == "application/json"
    assert str(error).startswith("HTTP 422 Unprocessable Entity: <object object")


def test_error_decoder_lookup_order_and_fallbacks(rt: ModuleType) -> None:
    server = Server(httpx.Response(404, json={"m": "gone"}))
    http, _ = make_sync(rt, server)
    with pytest.raises(rt.NotFoundError) as caught:
        http.send(
            "GET", "/x", errors={"4XX": lambda d: ("range", d), "default": lambda d: "default"}
        )
    assert caught.value.body == ("range", {"m": "gone"})
    with pytest.raises(rt.NotFoundError) as caught:
        http.send("GET", "/x", errors={"default": lambda d: "default"})
    assert caught.value.body == "default"
    with pytest.raises(rt.NotFoundError) as caught:
        http.send("GET", "/x", errors={"404": lambda d: d["missing"]})  # decoder fails
    assert caught.value.body == {"m": "gone"}
    assert str(caught.value) == "HTTP 404 Not Found: {'m': 'gone'}"


def test_error_text_body_and_truncation(rt: ModuleType) -> None:
    server = Server(httpx.Response(500, text="x" * 2000), httpx.Response(401, content=b""))
    http, _ = make_sync(rt, server, max_retries=0)
    with pytest.raises(rt.InternalServerError) as caught:
        http.send("GET", "/x", errors={"500": lambda d: 1 / 0})
    assert caught.value.body == "x" * 2000
    message = str(caught.value)
    assert message.startswith("HTTP 500 Internal Server Error: xxx")
    assert len(message) - len("HTTP 500 Internal Server Error: ") == 500
    with pytest.raises(rt.AuthenticationError) as caught:
        http.send("GET", "/x")
    assert (caught.value.body, str(caught.value)) == ("", "HTTP 401 Unauthorized")


def test_decode_helpers(rt: ModuleType) -> None:
    ok = httpx.Response(200, json={"id": "1"})
    assert rt.decode_json(ok, lambda d: d["id"]) == "1"
    assert rt.decode_text(httpx.Response(200, text="héllo")) == "héllo"
    assert rt.decode_bytes(httpx.Response(200, content=b"\x00")) == b"\x00"
    with pytest.raises(rt.DecodeError) as caught:
        rt.decode_json(ok, lambda d: d["missing"])
    assert isinstance(caught.value.__cause__, KeyError)
    assert (caught.value.body, caught.value.response) == ({"id": "1"}, ok)
    bad = httpx.Response(200, text="<html>")
    with pytest.raises(rt.DecodeError) as caught:
        rt.decode_json(bad, lambda d: d)
    assert caught.value.body == "<html>"
    assert isinstance(caught.value.__cause__, ValueError)


def test_close_only_closes_owned_clients(rt: ModuleType) -> None:
    borrowed = httpx.Client(transport=httpx.MockTransport(Server()))
    rt.SyncHTTP(base_url="https://h", http_client=borrowed).close()
    assert not borrowed.is_closed
    borrowed.close()
    owned = rt.SyncHTTP(base_url="https://h")
    owned.close()
    assert owned._client.is_closed


# --- async twin --------------------------------------------------------------------------


def test_async_send_json_auth_and_multipart(rt: ModuleType) -> None:
    server = Server()
    schemes = {"Bearer": rt.SecurityScheme("http", scheme="bearer")}
    http, _ = make_async(
        rt, server, schemes=schemes, credentials={"Bearer": "t"}, default_security=[["Bearer"]]
    )

    async def run() -> None:
        response = await http.send(
            "PATCH", "/docs/{id}", path_params=[rt.Param("id", "a/b")], json={"x": 1}
        )
        assert response.json() == {"ok": True}
        assert server.last.url.raw_path == b"/v1/docs/a%2Fb"
        assert server.last.headers["authorization"] == "Bearer t"
        await http.send("POST", "/up", files=[("f", ("a.txt", b"hi"))], data=[("n", 1)])
        assert parts_of(server.last) == [
            ("n", None, None, b"1"),
            ("f", "a.txt", "text/plain", b"hi"),
        ]
        await http.aclose()

    asyncio.run(run())


def test_async_retries_and_errors(rt: ModuleType) -> None:
    server = Server(
        httpx.ConnectError("down"),
        httpx.Response(429, headers={"Retry-After": "1"}),
        httpx.Response(422, json={"e": 1}),
    )
    http, sleeps = make_async(rt, server)

    async def run() -> None:
        with pytest.raises(rt.UnprocessableEntityError) as caught:
            await http.send("GET", "/x", errors={"422": lambda d: ("decoded", d)})
        assert caught.value.body == ("decoded", {"e": 1})
        assert len(server.requests) == 3
        assert sleeps[1] == 1.0
        failing = Server(httpx.ReadTimeout("slow"))
        slow, _ = make_async(rt, failing, max_retries=0)
        with pytest.raises(rt.ApiTimeoutError):
            await slow.send("GET", "/x")

    asyncio.run(run())


def test_async_rejects_empty_path_value_before_io(rt: ModuleType) -> None:
    server = Server()
    http, _ = make_async(rt, server)

    async def run() -> None:
        with pytest.raises(ValueError, match="non-empty"):
            await http.send("GET", "/d/{id}", path_params=[rt.Param("id", "")])

    asyncio.run(run())
    assert server.requests == []


def test_async_close_only_closes_owned_clients(rt: ModuleType) -> None:
    async def run() -> None:
        borrowed = httpx.AsyncClient(transport=httpx.MockTransport(Server()))
        await rt.AsyncHTTP(base_url="https://h", http_client=borrowed).aclose()
        assert not borrowed.is_closed
        await borrowed.aclose()
        owned = rt.AsyncHTTP(base_url="https://h")
        await owned.aclose()
        assert owned._client.is_closed

    asyncio.run(run())
