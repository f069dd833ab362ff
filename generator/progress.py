"""A progress line on a terminal: the current stage and how long it has run, on stderr, for long runs only.

Shown only when stderr is a terminal and diagnostics are not JSON, and only once a run has taken longer
than ``delay`` seconds, so short runs and piped or CI output stay exactly as they were.
"""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import TextIO

__all__ = ["DELAY", "StatusLine"]

DELAY = 1.0  # seconds a run takes before the line appears
_CLEAR = "\r\x1b[K"


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)


class StatusLine:
    """Call it with each stage's name (``format 2,211 files``); a thread redraws the line as time passes."""

    def __init__(
        self, stream: TextIO, *, enabled: bool, delay: float | None = None, interval: float = 0.25
    ) -> None:
        self._stream, self._enabled = stream, enabled
        self._delay, self._interval = DELAY if delay is None else delay, interval
        self._prefix = ""
        self._stage = "starting"
        self._started = self._stage_started = time.monotonic()
        self._stop = threading.Event()
        self._shown = False
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> StatusLine:
        if self._enabled:
            self._thread = threading.Thread(target=self._run, name="specsmith-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.clear()

    def for_client(self, name: str) -> StatusLine:
        """Prefix the following stages with the client's name (a run may generate several)."""
        self._prefix = _printable(name) + ": "
        return self

    def __call__(self, stage: str) -> None:
        with self._lock:
            self._stage, self._stage_started = _printable(stage), time.monotonic()

    def clear(self) -> None:
        """Erase the line (before other output is printed, and at the end)."""
        with self._lock:
            if self._shown:
                self._stream.write(_CLEAR)
                self._stream.flush()
                self._shown = False

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            now = time.monotonic()
            if now - self._started < self._delay:
                continue
            with self._lock:
                line = f"specsmith: {self._prefix}{self._stage} ({now - self._stage_started:.0f}s)"
                self._stream.write(_CLEAR + line)
                self._stream.flush()
                self._shown = True
