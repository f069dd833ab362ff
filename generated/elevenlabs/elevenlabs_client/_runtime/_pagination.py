"""Pagers: iterate the items of every page, fetching the next page only when the last one is used up."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx

from ._errors import ClientError
from ._types import Omit

__all__ = ["AsyncPager", "Paging", "SyncPager"]

PageT = TypeVar("PageT")
ItemT = TypeVar("ItemT")
_STOP: Any = object()


@dataclass(frozen=True, slots=True)
class Paging(Generic[PageT, ItemT]):
    """How one operation pages (see the builder's `pagination` module for the kinds)."""

    kind: str  # "cursor" | "last_id" | "page" | "offset" | "link"
    items: Callable[[PageT], Sequence[ItemT] | None]
    next: Callable[[PageT], Any] | None = None  # cursor: the next cursor
    item_id: Callable[[ItemT], Any] | None = None  # last_id: the next cursor from the last item
    has_more: Callable[[PageT], Any] | None = None
    first_page: int = 1

    def next_token(
        self, page: PageT, response: httpx.Response, items: Sequence[ItemT], token: Any
    ) -> Any:
        """The next page's cursor / page number / offset / URL, or `_STOP`."""
        if self.has_more is not None and self.has_more(page) is False:
            return _STOP
        if self.kind == "link":
            return _next_link(response)
        if self.kind == "cursor" and self.next is not None:
            following = self.next(page)
            empty = following is None or isinstance(following, Omit) or following == ""
            return _STOP if empty or following == token else following
        if not items:
            return _STOP
        if self.kind == "last_id" and self.item_id is not None:
            return self.item_id(items[-1])
        if self.kind == "page":
            return (token if isinstance(token, int) else self.first_page) + 1
        return (token if isinstance(token, int) else 0) + len(items)  # offset


def _next_link(response: httpx.Response) -> Any:
    following = response.links.get("next", {}).get("url")
    if not following:
        return _STOP
    url = response.url.join(following)
    if (url.scheme, url.host, url.port) != (
        response.url.scheme,
        response.url.host,
        response.url.port,
    ):
        raise ClientError(
            f"the next page is on another origin ({url.scheme}://{url.host}); not followed"
        )
    return str(url)


class SyncPager(Generic[PageT, ItemT]):
    """`for item in pager` (every page's items), `pager.pages()` (each page's response model).

    Nothing is fetched until you iterate; each page is fetched when the previous one is used up.
    """

    def __init__(self, fetch: Callable[[Any, str | None], tuple[PageT, httpx.Response]], start: Any,
                 paging: Paging[PageT, ItemT]) -> None:  # fmt: skip
        self._fetch, self._start, self._paging = fetch, start, paging

    def pages(self) -> Iterator[PageT]:
        token, url = self._start, None
        while True:
            page, response = self._fetch(token, url)
            yield page
            items = self._paging.items(page) or ()
            following = self._paging.next_token(page, response, items, token)
            if following is _STOP:
                return
            if self._paging.kind == "link":
                url = following
            else:
                token = following

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.pages():
            yield from self._paging.items(page) or ()

    def first_page(self) -> PageT:
        """Only the first page."""
        return next(iter(self.pages()))


class AsyncPager(Generic[PageT, ItemT]):
    """`async for item in pager`, `async for page in pager.pages()`, `await pager` (the first page)."""

    def __init__(self, fetch: Callable[[Any, str | None], Awaitable[tuple[PageT, httpx.Response]]], start: Any,
                 paging: Paging[PageT, ItemT]) -> None:  # fmt: skip
        self._fetch, self._start, self._paging = fetch, start, paging

    async def pages(self) -> AsyncIterator[PageT]:
        token, url = self._start, None
        while True:
            page, response = await self._fetch(token, url)
            yield page
            items = self._paging.items(page) or ()
            following = self._paging.next_token(page, response, items, token)
            if following is _STOP:
                return
            if self._paging.kind == "link":
                url = following
            else:
                token = following

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.pages():
            for item in self._paging.items(page) or ():
                yield item

    async def _first(self) -> PageT:
        page, _ = await self._fetch(self._start, None)
        return page

    def __await__(self) -> Generator[Any, None, PageT]:
        return self._first().__await__()
