"""Run an ASGI app on a real uvicorn server on 127.0.0.1 (a free port) for the length of a `with` block."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

__all__ = ["Gate", "serve"]


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """The base URL of ``app`` served by uvicorn in a daemon thread."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class Gate:
    """Lets a test hold a streaming server between its first part and the rest.

    The server records each part it sends in ``sent`` and waits (at most 20 s) for ``open()`` before
    sending the second: a client that hands out the first item while ``sent == [0]`` streams.
    """

    def __init__(self) -> None:
        self.sent: list[int] = []
        self._event = threading.Event()

    def reset(self) -> None:
        self.sent.clear()
        self._event.clear()

    def open(self) -> None:
        self._event.set()

    def holding(self) -> bool:
        """True while the server has sent nothing past the first part.

        Headers reach the client before the server's generator records part 0, so a client that has only
        seen the headers may find ``sent`` empty: that is still a client that has not read the body.
        """
        return self.sent in ([], [0])

    async def parts(self, parts: list[bytes]) -> Any:
        for index, part in enumerate(parts):
            if index == 1:
                deadline = time.monotonic() + 20
                while not self._event.is_set() and time.monotonic() < deadline:
                    await asyncio.sleep(0.005)
            self.sent.append(index)
            yield part
