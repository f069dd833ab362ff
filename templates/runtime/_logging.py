"""The client's logger (named after the package): DEBUG per request, INFO per retry, never a credential."""

from __future__ import annotations

import logging
import sys

import httpx

__all__ = ["enable_logging"]

PACKAGE = __name__.rsplit("._runtime", 1)[0]
logger = logging.getLogger(PACKAGE)
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
_handler: logging.Handler | None = None


def enable_logging(level: str | None) -> None:
    """`<PREFIX>_LOG=debug|info`: log to stderr at that level (once; an unknown value does nothing)."""
    global _handler
    wanted = _LEVELS.get((level or "").strip().lower())
    if wanted is None:
        return
    if _handler is None:
        _handler = logging.StreamHandler(sys.stderr)
        _handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(_handler)
    logger.setLevel(wanted)


def shown_url(url: httpx.URL, secret_params: frozenset[str]) -> str:
    """The URL with the values of credential query parameters replaced by `***`."""
    if not secret_params or not url.query:
        return str(url)
    params = [(k, "***" if k in secret_params else v) for k, v in url.params.multi_items()]
    return str(url.copy_with(params=params))


def log_response(request: httpx.Request, status: int | str, elapsed: float, attempt: int,
                 secret_params: frozenset[str]) -> None:  # fmt: skip
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("%s %s -> %s in %.3fs (attempt %d)", request.method, shown_url(request.url, secret_params),
                     status, elapsed, attempt + 1)  # fmt: skip


def log_retry(request: httpx.Request, outcome: httpx.Response | Exception, delay: float, attempt: int,
              secret_params: frozenset[str]) -> None:  # fmt: skip
    if logger.isEnabledFor(logging.INFO):
        why = (
            f"HTTP {outcome.status_code}"
            if isinstance(outcome, httpx.Response)
            else type(outcome).__name__
        )
        logger.info("retrying %s %s after %s in %.2fs (attempt %d)", request.method,
                    shown_url(request.url, secret_params), why, delay, attempt + 2)  # fmt: skip
