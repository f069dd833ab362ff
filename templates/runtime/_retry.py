"""When to retry and how long to wait: `retry-after-ms`, `Retry-After` (seconds or HTTP date), backoff."""

from __future__ import annotations

import math
import random
import time
from email.utils import mktime_tz, parsedate_tz

import httpx

__all__: list[str] = []

RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
RETRY_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
_LONGEST_WAIT = 60.0
_ABSURD = 366 * 86400.0  # beyond a year the header is broken: back off instead


def _seconds(value: str, scale: float = 1.0) -> float | None:
    try:
        seconds = float(value) * scale
    except ValueError:
        if scale != 1.0:
            return None
        parsed = parsedate_tz(value)
        if parsed is None:
            return None
        try:
            seconds = mktime_tz(parsed) - time.time()
        except (OverflowError, ValueError, OSError):
            return None
    if not math.isfinite(seconds) or abs(seconds) > _ABSURD:
        return None
    return min(max(seconds, 0.0), _LONGEST_WAIT)


def retry_after(headers: httpx.Headers) -> float | None:
    """The server's requested wait in seconds (clamped to [0, 60]); None when absent or unusable."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value:
            seconds = _seconds(value.strip(), scale)
            if seconds is not None:
                return seconds
    return None


def retry_delay(attempt: int, retries: int, outcome: httpx.Response | Exception) -> float | None:
    """Seconds to wait before retrying `outcome` (the server's wish, else jittered backoff); None = final."""
    if attempt >= retries:
        return None
    if isinstance(outcome, httpx.Response):
        if outcome.status_code not in RETRY_STATUSES:
            return None
        after = retry_after(outcome.headers)
        if after is not None:
            return after
    elif not isinstance(outcome, RETRY_ERRORS):
        return None
    return min(0.5 * 2.0**attempt, 8.0) * (1 - 0.25 * random.random())
