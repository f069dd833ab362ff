"""Streamed responses: `Stream` / `AsyncStream` over byte chunks, text, JSON lines and server-sent events."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from types import TracebackType
from typing import Any, Generic, TypeVar

import httpx

from ._errors import DecodeError

__all__ = [
    "AsyncStream", "ItemDecoder", "ServerSentEvent", "Stream", "binary_chunks", "json_lines",
    "sse_events", "sse_text", "text_chunks",
]  # fmt: skip

T = TypeVar("T")
_RS = "\x1e"  # application/json-seq record separator


class ServerSentEvent(Generic[T]):
    """One server-sent event: `data` decoded into the declared schema (else the text), `raw` the text."""

    __slots__ = ("data", "event", "id", "raw", "retry")

    def __init__(self, data: T, raw: str, event: str = "message", id: str | None = None,
                 retry: int | None = None) -> None:  # fmt: skip
        self.data, self.raw, self.event, self.id, self.retry = data, raw, event, id, retry

    def json(self) -> Any:
        """The event's data parsed as JSON."""
        return json.loads(self.raw)

    def __repr__(self) -> str:
        return f"ServerSentEvent(event={self.event!r}, data={self.data!r}, id={self.id!r}, retry={self.retry!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServerSentEvent):
            return NotImplemented
        mine = (self.event, self.raw, self.id, self.retry)
        return mine == (other.event, other.raw, other.id, other.retry)

    __hash__ = None  # type: ignore[assignment]


class ItemDecoder(Generic[T]):
    """Turns a response body into items; by default one item per line (`line`), subclasses may chunk."""

    def iterate(self, response: httpx.Response) -> Iterator[T]:
        for number, text in enumerate(response.iter_lines(), 1):
            item = self.line(text, number, response)
            if item is not None:
                yield item
        last = self.end(response)
        if last is not None:
            yield last

    async def aiterate(self, response: httpx.Response) -> AsyncIterator[T]:
        number = 0
        async for text in response.aiter_lines():
            number += 1
            item = self.line(text, number, response)
            if item is not None:
                yield item
        last = self.end(response)
        if last is not None:
            yield last

    def line(self, text: str, number: int, response: httpx.Response) -> T | None:
        """The item a line completes, or None (blank line, or an event still accumulating)."""
        raise NotImplementedError

    def end(self, response: httpx.Response) -> T | None:
        """The item left when the body ends (an event without a trailing blank line)."""
        return None


class _Chunks(ItemDecoder[bytes]):
    def iterate(self, response: httpx.Response) -> Iterator[bytes]:
        return response.iter_bytes()

    def aiterate(self, response: httpx.Response) -> AsyncIterator[bytes]:
        return response.aiter_bytes()


class _Text(ItemDecoder[str]):
    def iterate(self, response: httpx.Response) -> Iterator[str]:
        return response.iter_text()

    def aiterate(self, response: httpx.Response) -> AsyncIterator[str]:
        return response.aiter_text()


class _JsonLines(ItemDecoder[T]):
    def __init__(self, decode: Callable[[Any], T]) -> None:
        self.decode = decode

    def line(self, text: str, number: int, response: httpx.Response) -> T | None:
        text = text.strip().lstrip(_RS).strip()
        if not text:
            return None
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise DecodeError(f"line {number} of the stream is not valid JSON: {text[:200]!r}",
                              response=response, body=text) from exc  # fmt: skip
        try:
            return self.decode(data)
        except Exception as exc:
            raise DecodeError(f"line {number} of the stream does not match the declared schema: {exc!r}",
                              response=response, body=data) from exc  # fmt: skip


class _Events(ItemDecoder[ServerSentEvent[T]]):
    """The text/event-stream format (WHATWG HTML §9.2): fields accumulate until a blank line."""

    def __init__(self, decode: Callable[[Any], T] | None) -> None:
        self.decode = decode
        self.event, self.first_line = "", 0
        self.data: list[str] = []
        self.id: str | None = None
        self.retry: int | None = None

    def line(self, text: str, number: int, response: httpx.Response) -> ServerSentEvent[T] | None:
        if not text:
            return self._dispatch(response)
        if not self.first_line:
            self.first_line = number
        if text.startswith(":"):
            return None
        name, _, value = text.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "data":
            self.data.append(value)
        elif name == "event":
            self.event = value
        elif name == "id" and "\0" not in value:
            self.id = value
        elif name == "retry" and value.isdigit():
            self.retry = int(value)
        return None

    def end(self, response: httpx.Response) -> ServerSentEvent[T] | None:
        return self._dispatch(response)

    def _dispatch(self, response: httpx.Response) -> ServerSentEvent[T] | None:
        event, data, number, retry = self.event or "message", self.data, self.first_line, self.retry
        self.event, self.data, self.retry, self.first_line = "", [], None, 0
        if not data:
            return None
        raw = "\n".join(data)
        if self.decode is None:
            return ServerSentEvent(raw, raw, event, self.id, retry)  # type: ignore[arg-type]
        try:
            value = self.decode(json.loads(raw))
        except Exception as exc:
            raise DecodeError(f"event {event!r} at line {number} of the stream does not match the declared "
                              f"schema: {raw[:200]!r}", response=response, body=raw) from exc  # fmt: skip
        return ServerSentEvent(value, raw, event, self.id, retry)


def binary_chunks() -> ItemDecoder[bytes]:
    """Items are the body's byte chunks as they arrive."""
    return _Chunks()


def text_chunks() -> ItemDecoder[str]:
    """Items are the body's text chunks as they arrive (charset from Content-Type)."""
    return _Text()


def json_lines(decode: Callable[[Any], T]) -> ItemDecoder[T]:
    """Items are JSON values, one per line (NDJSON, JSON Lines, json-seq), each decoded by `decode`."""
    return _JsonLines(decode)


def sse_events(decode: Callable[[Any], T]) -> ItemDecoder[ServerSentEvent[T]]:
    """Items are server-sent events whose JSON data is decoded by `decode`."""
    return _Events(decode)


def sse_text() -> ItemDecoder[ServerSentEvent[str]]:
    """Items are server-sent events whose data is kept as text."""
    return _Events(None)


class _Base(Generic[T]):
    def __init__(self, response: httpx.Response, decoder: ItemDecoder[T]) -> None:
        self.http_response = response
        self._decoder = decoder

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers


class Stream(_Base[T]):
    """The items of a streamed response as they arrive; close it (or use `with`) to free the connection."""

    def __init__(self, response: httpx.Response, decoder: ItemDecoder[T]) -> None:
        super().__init__(response, decoder)
        self._items = self._iterate()

    def _iterate(self) -> Generator[T, None, None]:
        try:
            yield from self._decoder.iterate(self.http_response)
        finally:
            self.http_response.close()

    def __iter__(self) -> Iterator[T]:
        return self._items

    def __next__(self) -> T:
        return next(self._items)

    def close(self) -> None:
        """Close the connection (unread data is discarded)."""
        self._items.close()
        self.http_response.close()

    def __enter__(self) -> Stream[T]:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:  # fmt: skip
        self.close()


class AsyncStream(_Base[T]):
    """`async for` over the items of a streamed response; `await stream.aclose()` or `async with`."""

    def __init__(self, response: httpx.Response, decoder: ItemDecoder[T]) -> None:
        super().__init__(response, decoder)
        self._items = self._iterate()

    async def _iterate(self) -> AsyncGenerator[T, None]:
        try:
            async for item in self._decoder.aiterate(self.http_response):
                yield item
        finally:
            await self.http_response.aclose()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items

    async def __anext__(self) -> T:
        return await self._items.__anext__()

    async def aclose(self) -> None:
        """Close the connection (unread data is discarded)."""
        await self._items.aclose()
        await self.http_response.aclose()

    async def __aenter__(self) -> AsyncStream[T]:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        traceback: TracebackType | None) -> None:  # fmt: skip
        await self.aclose()
