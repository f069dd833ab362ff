"""The transport: builds requests from `Param`s and bodies, authenticates, retries, maps errors."""

from __future__ import annotations

import base64
import json
import os
import time
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

import httpx

from ._errors import DecodeError, Decoders, api_error_from, connection_error_from
from ._logging import log_response, log_retry
from ._multipart import Body, encode_body
from ._raw import CAPTURE, Captured
from ._retry import retry_delay
from ._params import build_cookie, build_headers, build_path, build_query
from ._types import OMIT, Credential, FileInput, Omit, Param, RequestOptions, SecurityScheme

__all__ = ["AsyncHTTP", "SyncHTTP", "decode_bytes", "decode_json", "decode_text"]

T = TypeVar("T")
ClientT = TypeVar("ClientT", httpx.Client, httpx.AsyncClient)
ResultT = TypeVar("ResultT")
_ALWAYS_SECRET = frozenset({"authorization", "proxy-authorization", "cookie"})


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or {"http": 80, "https": 443}.get(url.scheme)


def _apply_scheme(
    scheme: SecurityScheme, credential: Credential | None, headers: httpx.Headers,
    query: list[Param], cookies: list[Param],
) -> None:  # fmt: skip
    token = credential if isinstance(credential, str) else ":".join(credential or ())
    kind, http_scheme = scheme.kind, (scheme.scheme or "bearer")
    if kind == "apiKey":
        param = Param(scheme.param_name or "", token)
        if scheme.location == "query":
            query.append(param)
        elif scheme.location == "cookie":
            cookies.append(param)
        else:
            headers[param.name] = token
    elif kind == "http" and http_scheme.lower() == "basic":
        headers["Authorization"] = "Basic " + base64.b64encode(token.encode()).decode("ascii")
    elif kind == "http" and http_scheme.lower() != "bearer":
        headers["Authorization"] = f"{http_scheme} {token}"
    else:
        headers["Authorization"] = f"Bearer {token}"


@dataclass(slots=True)
class _Prepared:
    method: str
    url: str
    headers: httpx.Headers
    encode: Callable[[], Body]  # reads files: async clients call it in a worker thread
    body: Body | None
    timeout: float | None
    max_retries: int
    errors: Decoders | None
    stream: bool = False

    def build(self, client: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        body = self.body if self.body is not None else self.encode()
        self.body = body
        headers = self.headers
        if body.content_type and "content-type" not in headers:
            headers = httpx.Headers(headers)
            headers["Content-Type"] = body.content_type
        return client.build_request(
            self.method, self.url, headers=headers, content=body.content,
            files=body.files, timeout=self.timeout,
        )  # fmt: skip


def _reads_files(files: Sequence[tuple[str, Any]], content: Any) -> bool:
    """Whether encoding the body opens or reads a file (a path or a file object)."""
    values = [
        content,
        *(item for _, file in files for item in (file if isinstance(file, list) else [file])),
    ]
    return any(isinstance(v, (os.PathLike, tuple)) or hasattr(v, "read") for v in values)


class _Transport(Generic[ClientT, ResultT]):
    """Configuration and request building shared by `SyncHTTP` and `AsyncHTTP`."""

    _new_client: Callable[[], ClientT]  # subclasses: create the httpx client we own
    _run: Callable[[_Prepared], ResultT]  # subclasses: send with retries
    _defer_files = False  # async: read upload files in a worker thread, not on the event loop

    def __init__(
        self, *, base_url: str, headers: Mapping[str, str] | None = None,
        timeout: float | None = 60.0, max_retries: int = 2, http_client: ClientT | None = None,
        schemes: Mapping[str, SecurityScheme] | None = None,
        credentials: Mapping[str, Credential | None] | None = None,
        default_security: Sequence[Sequence[str]] = (),
    ) -> None:  # fmt: skip
        self.base_url = base_url.rstrip("/")
        self.headers = dict(headers or {})
        self.timeout = timeout
        self.max_retries = max_retries
        self.schemes = dict(schemes or {})
        self.credentials = dict(credentials or {})
        self.default_security = default_security
        self._owns_client = http_client is None
        self._client: ClientT = self._new_client() if http_client is None else http_client
        self._secret_headers = _ALWAYS_SECRET | {
            s.param_name.lower() for s in self.schemes.values()
            if s.kind == "apiKey" and s.location == "header" and s.param_name
        }  # fmt: skip
        self._secret_params = frozenset(
            s.param_name for s in self.schemes.values() if s.location == "query" and s.param_name
        )

    def _next_request(self, response: httpx.Response, hops: int) -> httpx.Request | None:
        """The request a redirect leads to (None: not followed); credentials never leave their origin."""
        if not (response.has_redirect_location and self._client.follow_redirects):
            return None
        if hops >= self._client.max_redirects:
            raise httpx.TooManyRedirects(
                "Exceeded maximum allowed redirects.", request=response.request
            )
        following = response.next_request
        if following is None:
            return None
        if _origin(following.url) != _origin(response.request.url):
            for name in self._secret_headers:
                following.headers.pop(name, None)
        elif "cookie" in response.request.headers and "cookie" not in following.headers:
            following.headers["Cookie"] = response.request.headers[
                "cookie"
            ]  # httpx drops it on every hop
        return following

    def _authenticate(
        self, security: Sequence[Sequence[str]] | None, headers: httpx.Headers,
        query: list[Param], cookies: list[Param],
    ) -> None:  # fmt: skip
        """Apply the first alternative whose schemes all have credentials ([] = no auth)."""
        credentials, schemes = self.credentials, self.schemes
        for alternative in self.default_security if security is None else security:
            if all(credentials.get(name) is not None and name in schemes for name in alternative):
                for name in alternative:
                    _apply_scheme(schemes[name], credentials[name], headers, query, cookies)
                return

    def send(
        self, method: str, path: str, *, path_params: Sequence[Param] = (),
        query: Sequence[Param] = (), headers: Sequence[Param] = (), cookies: Sequence[Param] = (),
        json: Any = OMIT, files: Sequence[tuple[str, FileInput | list[FileInput] | Omit]] = (),
        data: Sequence[tuple[str, Any]] = (), content: bytes | str | FileInput | Omit = OMIT,
        content_type: str | None = None, multipart: bool = False, accept: str | None = None,
        security: Sequence[Sequence[str]] | None = None, errors: Decoders | None = None,
        options: RequestOptions | None = None, stream: bool = False, next_url: str | None = None,
    ) -> ResultT:  # fmt: skip
        """Send one operation; return the 2xx response (async: awaitable) or raise `ClientError`.

        Validation (e.g. an empty path value) raises `ValueError` before any I/O. `security`
        defaults to the transport's `default_security`; `errors` maps "422" / "4XX" / "default"
        to error-model decoders. With `stream`, the 2xx response is returned before its body is
        read (the caller closes it); retries happen only until then. `next_url` (a pager's next
        page from a `Link` header, same origin) replaces the URL built from `path` and `query`.
        """
        opts: RequestOptions = options or {}
        url = self.base_url + build_path(path if path.startswith("/") else "/" + path, path_params)
        merged = httpx.Headers(self.headers)
        for name, value in build_headers(headers):
            merged[name] = value
        query, cookies = list(query), list(cookies)
        self._authenticate(security, merged, query, cookies)
        extra_query = opts.get("extra_query")
        if extra_query:
            query = [p for p in query if p.name not in extra_query]
            query += [Param(name, value) for name, value in extra_query.items()]
        query_string = build_query(query)
        if next_url is not None:
            url = next_url
        elif query_string:
            url = f"{url}?{query_string}"
        cookie = build_cookie(cookies)
        if cookie:
            merged["Cookie"] = f"{merged['Cookie']}; {cookie}" if "Cookie" in merged else cookie
        if accept:
            merged["Accept"] = accept
        encode = partial(
            encode_body, json=json, files=files, data=data, content=content, content_type=content_type,
            multipart=multipart, extra_body=opts.get("extra_body"),
        )  # fmt: skip
        body = None if self._defer_files and _reads_files(files, content) else encode()
        extra = opts.get("extra_headers") or {}
        merged.update(extra)
        if (
            body is not None
            and body.content_type
            and not any(k.lower() == "content-type" for k in extra)
        ):
            merged["Content-Type"] = body.content_type
        timeout = opts.get("timeout", self.timeout)
        retries = opts.get("max_retries", self.max_retries)
        return self._run(
            _Prepared(method, url, merged, encode, body, timeout, retries, errors, stream)
        )


class SyncHTTP(_Transport[httpx.Client, httpx.Response]):
    """Blocking transport used by generated `Client` resources (tests may replace `_sleep`)."""

    _new_client = partial(httpx.Client, follow_redirects=True)
    _sleep = staticmethod(time.sleep)

    def _run(self, prepared: _Prepared) -> httpx.Response:
        capture = CAPTURE.get()
        if (
            capture is not None and capture.replay is not None
        ):  # with_raw_response: parse() decodes this
            return capture.replay
        stream = prepared.stream or (capture is not None and capture.stream)
        attempt = 0
        while True:
            request = prepared.build(self._client)
            started = time.monotonic()
            try:
                response = self._send(request, stream)
            except httpx.RequestError as exc:
                log_response(
                    request,
                    type(exc).__name__,
                    time.monotonic() - started,
                    attempt,
                    self._secret_params,
                )
                delay = retry_delay(attempt, prepared.max_retries, exc)
                if delay is None:
                    raise connection_error_from(exc, request) from exc
                outcome: httpx.Response | Exception = exc
            else:
                log_response(
                    request,
                    response.status_code,
                    time.monotonic() - started,
                    attempt,
                    self._secret_params,
                )
                if response.is_success:
                    if capture is not None:
                        raise Captured(response)
                    return response
                delay = retry_delay(attempt, prepared.max_retries, response)
                if delay is None:
                    response.read()
                    response.close()
                    raise api_error_from(response, prepared.errors)
                response.close()
                outcome = response
            log_retry(request, outcome, delay, attempt, self._secret_params)
            self._sleep(delay)
            attempt += 1

    def _send(self, request: httpx.Request, stream: bool) -> httpx.Response:
        hops = 0
        while True:
            response = self._client.send(request, stream=stream, follow_redirects=False)
            following = self._next_request(response, hops)
            if following is None:
                return response
            response.close()
            request, hops = following, hops + 1

    def close(self) -> None:
        """Close the underlying httpx client if this transport created it."""
        if self._owns_client:
            self._client.close()


async def _async_sleep(delay: float) -> None:
    import asyncio  # only async clients pay for importing asyncio

    await asyncio.sleep(delay)


async def _to_thread(function: Callable[[], T]) -> T:
    import asyncio

    return await asyncio.to_thread(function)


class AsyncHTTP(_Transport[httpx.AsyncClient, Coroutine[Any, Any, httpx.Response]]):
    """Asyncio transport used by generated `AsyncClient` resources: `await http.send(...)`."""

    _new_client = partial(httpx.AsyncClient, follow_redirects=True)
    _sleep = staticmethod(_async_sleep)
    _defer_files = True

    async def _run(self, prepared: _Prepared) -> httpx.Response:
        capture = CAPTURE.get()
        if (
            capture is not None and capture.replay is not None
        ):  # with_raw_response: parse() decodes this
            return capture.replay
        stream = prepared.stream or (capture is not None and capture.stream)
        if prepared.body is None:  # reading upload files would block the event loop
            prepared.body = await _to_thread(prepared.encode)
        attempt = 0
        while True:
            request = prepared.build(self._client)
            started = time.monotonic()
            try:
                response = await self._send(request, stream)
            except httpx.RequestError as exc:
                log_response(
                    request,
                    type(exc).__name__,
                    time.monotonic() - started,
                    attempt,
                    self._secret_params,
                )
                delay = retry_delay(attempt, prepared.max_retries, exc)
                if delay is None:
                    raise connection_error_from(exc, request) from exc
                outcome: httpx.Response | Exception = exc
            else:
                log_response(
                    request,
                    response.status_code,
                    time.monotonic() - started,
                    attempt,
                    self._secret_params,
                )
                if response.is_success:
                    if capture is not None:
                        raise Captured(response)
                    return response
                delay = retry_delay(attempt, prepared.max_retries, response)
                if delay is None:
                    await response.aread()
                    await response.aclose()
                    raise api_error_from(response, prepared.errors)
                await response.aclose()
                outcome = response
            log_retry(request, outcome, delay, attempt, self._secret_params)
            await self._sleep(delay)
            attempt += 1

    async def _send(self, request: httpx.Request, stream: bool) -> httpx.Response:
        hops = 0
        while True:
            response = await self._client.send(request, stream=stream, follow_redirects=False)
            following = self._next_request(response, hops)
            if following is None:
                return response
            await response.aclose()
            request, hops = following, hops + 1

    async def aclose(self) -> None:
        """Close the underlying httpx client if this transport created it."""
        if self._owns_client:
            await self._client.aclose()


def decode_json(response: httpx.Response, decode: Callable[[Any], T]) -> T:
    """Parse a 2xx JSON body and decode it; any failure becomes `DecodeError` (cause chained)."""
    try:
        data = json.loads(response.content)
    except (ValueError, RecursionError) as exc:
        raise DecodeError(
            "Response body is not valid JSON", response=response, body=response.text
        ) from exc
    try:
        return decode(data)
    except Exception as exc:
        message = f"Response body does not match the declared schema: {exc!r}"
        raise DecodeError(message, response=response, body=data) from exc


def decode_text(response: httpx.Response) -> str:
    """Return the body as text (charset from Content-Type, else detected)."""
    return response.text


def decode_bytes(response: httpx.Response) -> bytes:
    """Return the raw body bytes."""
    return response.content
