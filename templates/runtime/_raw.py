"""`with_raw_response` / `with_streaming_response`: any operation's httpx response, parsed on demand.

A wrapped method runs with a capture set in a context variable: the transport hands the 2xx response
back by raising `_Captured` instead of returning it to the method (so nothing is decoded, and with
streaming nothing is read). `parse()` runs the method again in replay mode: the transport returns the
captured response without any I/O and the method decodes it exactly as a plain call would.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, ParamSpec, TypeVar

import httpx

__all__ = [
    "AsyncRawResponse", "AsyncStreamedResponse", "RawResponse", "StreamedResponse", "async_raw_response",
    "async_streaming_response", "raw_response", "streaming_response",
]  # fmt: skip

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Capture:
    stream: bool = False
    replay: httpx.Response | None = None


CAPTURE: ContextVar[Capture | None] = ContextVar(__name__ + ".capture", default=None)


class Captured(BaseException):  # not an Exception: nothing in between may swallow it
    def __init__(self, response: httpx.Response) -> None:
        super().__init__()
        self.response = response


def _missing() -> RuntimeError:
    return RuntimeError("the wrapped method did not send a request")


def _capture(method: Callable[..., Any], args: Any, kwargs: Any, capture: Capture) -> Any:
    token = CAPTURE.set(capture)
    try:
        result = method(*args, **kwargs)
    except Captured as captured:
        return captured.response
    finally:
        CAPTURE.reset(token)
    if capture.replay is None:
        raise _missing()
    return result


async def _acapture(
    method: Callable[..., Awaitable[Any]], args: Any, kwargs: Any, capture: Capture
) -> Any:
    token = CAPTURE.set(capture)
    try:
        result = await method(*args, **kwargs)
    except Captured as captured:
        return captured.response
    finally:
        CAPTURE.reset(token)
    if capture.replay is None:
        raise _missing()
    return result


class _Base:
    def __init__(self, response: httpx.Response) -> None:
        self.http_response = response

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers


class RawResponse(_Base, Generic[R]):
    """A 2xx response: `status_code`, `headers`, `http_response`, and `parse()` for the typed result."""

    def __init__(self, response: httpx.Response, parse: Callable[[], R]) -> None:
        super().__init__(response)
        self._parse = functools.cache(parse)

    def parse(self) -> R:
        """What the plain method returns (decoded once, then cached)."""
        return self._parse()


class AsyncRawResponse(_Base, Generic[R]):
    """`RawResponse` of an async client: `await raw.parse()`."""

    def __init__(self, response: httpx.Response, parse: Callable[[], Awaitable[R]]) -> None:
        super().__init__(response)
        self._parse = parse
        self._parsed: list[R] = []

    async def parse(self) -> R:
        if not self._parsed:
            self._parsed.append(await self._parse())
        return self._parsed[0]


class StreamedResponse(_Base, Generic[R]):
    """A 2xx response whose body has not been read: iterate it, or `parse()` (reads it all)."""

    def __init__(self, response: httpx.Response, parse: Callable[[], R]) -> None:
        super().__init__(response)
        self._parse = parse

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.http_response.iter_lines()

    def read(self) -> bytes:
        return self.http_response.read()

    def parse(self) -> R:
        self.http_response.read()
        return self._parse()


class AsyncStreamedResponse(_Base, Generic[R]):
    """`StreamedResponse` of an async client: `aiter_bytes()`, `aiter_lines()`, `await parse()`."""

    def __init__(self, response: httpx.Response, parse: Callable[[], Awaitable[R]]) -> None:
        super().__init__(response)
        self._parse = parse

    def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        return self.http_response.aiter_bytes(chunk_size)

    def aiter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        return self.http_response.aiter_text(chunk_size)

    def aiter_lines(self) -> AsyncIterator[str]:
        return self.http_response.aiter_lines()

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def parse(self) -> R:
        await self.http_response.aread()
        return await self._parse()


class StreamedResponseManager(Generic[R]):
    """`with resource.with_streaming_response.method(...) as response:` (closes the connection on exit)."""

    def __init__(self, method: Callable[..., R], args: Any, kwargs: Any) -> None:
        self._call = (method, args, kwargs)
        self._response: httpx.Response | None = None

    def __enter__(self) -> StreamedResponse[R]:
        method, args, kwargs = self._call
        response: httpx.Response = _capture(method, args, kwargs, Capture(stream=True))
        self._response = response
        return StreamedResponse(
            response, lambda: _capture(method, args, kwargs, Capture(replay=response))
        )

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:  # fmt: skip
        if self._response is not None:
            self._response.close()


class AsyncStreamedResponseManager(Generic[R]):
    """`async with resource.with_streaming_response.method(...) as response:`."""

    def __init__(self, method: Callable[..., Awaitable[R]], args: Any, kwargs: Any) -> None:
        self._call = (method, args, kwargs)
        self._response: httpx.Response | None = None

    async def __aenter__(self) -> AsyncStreamedResponse[R]:
        method, args, kwargs = self._call
        response: httpx.Response = await _acapture(method, args, kwargs, Capture(stream=True))
        self._response = response

        async def parse() -> R:
            parsed: R = await _acapture(method, args, kwargs, Capture(replay=response))
            return parsed

        return AsyncStreamedResponse(response, parse)

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        traceback: TracebackType | None) -> None:  # fmt: skip
        if self._response is not None:
            await self._response.aclose()


def raw_response(method: Callable[P, R]) -> Callable[P, RawResponse[R]]:
    """`method`, returning a `RawResponse` (the body is read; `parse()` decodes it)."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> RawResponse[R]:
        response: httpx.Response = _capture(method, args, kwargs, Capture())
        return RawResponse(
            response, lambda: _capture(method, args, kwargs, Capture(replay=response))
        )

    return wrapped


def async_raw_response(
    method: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[AsyncRawResponse[R]]]:
    """`method`, returning an `AsyncRawResponse`."""

    @functools.wraps(method)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncRawResponse[R]:
        response: httpx.Response = await _acapture(method, args, kwargs, Capture())

        async def parse() -> R:
            parsed: R = await _acapture(method, args, kwargs, Capture(replay=response))
            return parsed

        return AsyncRawResponse(response, parse)

    return wrapped


def streaming_response(method: Callable[P, R]) -> Callable[P, StreamedResponseManager[R]]:
    """`method`, returning a context manager around a `StreamedResponse` (the body is not read)."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> StreamedResponseManager[R]:
        return StreamedResponseManager(method, args, kwargs)

    return wrapped


def async_streaming_response(
    method: Callable[P, Awaitable[R]],
) -> Callable[P, AsyncStreamedResponseManager[R]]:
    """`method`, returning an async context manager around an `AsyncStreamedResponse`."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncStreamedResponseManager[R]:
        return AsyncStreamedResponseManager(method, args, kwargs)

    return wrapped
