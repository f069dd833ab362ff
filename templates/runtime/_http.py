"""The transport: builds requests from `Param`s and bodies, authenticates, retries, maps errors."""

from __future__ import annotations

import base64
import json
import math
import random
import time
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from email.utils import mktime_tz, parsedate_tz
from functools import partial
from typing import Any, Generic, TypeVar

import httpx

from ._errors import DecodeError, Decoders, api_error_from, connection_error_from
from ._multipart import Body, encode_body
from ._params import build_cookie, build_headers, build_path, build_query
from ._types import OMIT, Credential, FileInput, Omit, Param, RequestOptions, SecurityScheme

__all__ = ["AsyncHTTP", "SyncHTTP", "decode_bytes", "decode_json", "decode_text"]

T = TypeVar("T")
ClientT = TypeVar("ClientT", httpx.Client, httpx.AsyncClient)
ResultT = TypeVar("ResultT")
_RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
_RETRY_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


def _retry_after(value: str) -> float | None:
    """Retry-After in seconds (a number or an HTTP date), clamped to [0, 60]; None if unusable."""
    try:
        seconds = float(value)
    except ValueError:
        parsed = parsedate_tz(value)
        if parsed is None:
            return None
        seconds = mktime_tz(parsed) - time.time()
    return min(max(seconds, 0.0), 60.0) if math.isfinite(seconds) else None


def _retry_delay(attempt: int, retries: int, outcome: httpx.Response | Exception) -> float | None:
    """Seconds to wait before retrying `outcome` (Retry-After, else jittered backoff); None = final."""
    if attempt >= retries:
        return None
    if isinstance(outcome, httpx.Response):
        if outcome.status_code not in _RETRY_STATUSES:
            return None
        after = _retry_after(outcome.headers.get("retry-after", ""))
        if after is not None:
            return after
    elif not isinstance(outcome, _RETRY_ERRORS):
        return None
    return min(0.5 * 2.0**attempt, 8.0) * (1 - 0.25 * random.random())


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
    body: Body
    timeout: float | None
    max_retries: int
    errors: Decoders | None
    stream: bool = False

    def build(self, client: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        return client.build_request(
            self.method, self.url, headers=self.headers, content=self.body.content,
            files=self.body.files, timeout=self.timeout,
        )  # fmt: skip


class _Transport(Generic[ClientT, ResultT]):
    """Configuration and request building shared by `SyncHTTP` and `AsyncHTTP`."""

    _new_client: Callable[[], ClientT]  # subclasses: create the httpx client we own
    _run: Callable[[_Prepared], ResultT]  # subclasses: send with retries

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
        options: RequestOptions | None = None, stream: bool = False,
    ) -> ResultT:  # fmt: skip
        """Send one operation; return the 2xx response (async: awaitable) or raise `ClientError`.

        Validation (e.g. an empty path value) raises `ValueError` before any I/O. `security`
        defaults to the transport's `default_security`; `errors` maps "422" / "4XX" / "default"
        to error-model decoders. With `stream`, the 2xx response is returned before its body is
        read (the caller closes it); retries happen only until then.
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
        if query_string:
            url = f"{url}?{query_string}"
        cookie = build_cookie(cookies)
        if cookie:
            merged["Cookie"] = f"{merged['Cookie']}; {cookie}" if "Cookie" in merged else cookie
        if accept:
            merged["Accept"] = accept
        body = encode_body(
            json=json, files=files, data=data, content=content, content_type=content_type,
            multipart=multipart, extra_body=opts.get("extra_body"),
        )  # fmt: skip
        if body.content_type:
            merged["Content-Type"] = body.content_type
        merged.update(opts.get("extra_headers") or {})
        timeout = opts.get("timeout", self.timeout)
        retries = opts.get("max_retries", self.max_retries)
        return self._run(_Prepared(method, url, merged, body, timeout, retries, errors, stream))


class SyncHTTP(_Transport[httpx.Client, httpx.Response]):
    """Blocking transport used by generated `Client` resources (tests may replace `_sleep`)."""

    _new_client = partial(httpx.Client, follow_redirects=True)
    _sleep = staticmethod(time.sleep)

    def _run(self, prepared: _Prepared) -> httpx.Response:
        attempt = 0
        while True:
            request = prepared.build(self._client)
            try:
                response = self._client.send(request, stream=prepared.stream)
            except httpx.RequestError as exc:
                delay = _retry_delay(attempt, prepared.max_retries, exc)
                if delay is None:
                    raise connection_error_from(exc, request) from exc
            else:
                if response.is_success:
                    return response
                delay = _retry_delay(attempt, prepared.max_retries, response)
                if delay is None:
                    response.read()
                    response.close()
                    raise api_error_from(response, prepared.errors)
                response.close()
            self._sleep(delay)
            attempt += 1

    def close(self) -> None:
        """Close the underlying httpx client if this transport created it."""
        if self._owns_client:
            self._client.close()


async def _async_sleep(delay: float) -> None:
    import asyncio  # only async clients pay for importing asyncio

    await asyncio.sleep(delay)


class AsyncHTTP(_Transport[httpx.AsyncClient, Coroutine[Any, Any, httpx.Response]]):
    """Asyncio transport used by generated `AsyncClient` resources: `await http.send(...)`."""

    _new_client = partial(httpx.AsyncClient, follow_redirects=True)
    _sleep = staticmethod(_async_sleep)

    async def _run(self, prepared: _Prepared) -> httpx.Response:
        attempt = 0
        while True:
            request = prepared.build(self._client)
            try:
                response = await self._client.send(request, stream=prepared.stream)
            except httpx.RequestError as exc:
                delay = _retry_delay(attempt, prepared.max_retries, exc)
                if delay is None:
                    raise connection_error_from(exc, request) from exc
            else:
                if response.is_success:
                    return response
                delay = _retry_delay(attempt, prepared.max_retries, response)
                if delay is None:
                    await response.aread()
                    await response.aclose()
                    raise api_error_from(response, prepared.errors)
                await response.aclose()
            await self._sleep(delay)
            attempt += 1

    async def aclose(self) -> None:
        """Close the underlying httpx client if this transport created it."""
        if self._owns_client:
            await self._client.aclose()


def decode_json(response: httpx.Response, decode: Callable[[Any], T]) -> T:
    """Parse a 2xx JSON body and decode it; any failure becomes `DecodeError` (cause chained)."""
    try:
        data = json.loads(response.content)
    except ValueError as exc:
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
