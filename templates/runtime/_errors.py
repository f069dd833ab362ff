"""Everything a generated client raises.

ClientError                      base of every error the client raises
├── ApiError                     non-2xx response: status_code, headers, body, response
│   ├── BadRequestError          400
│   ├── AuthenticationError      401
│   ├── PermissionDeniedError    403
│   ├── NotFoundError            404
│   ├── ConflictError            409
│   ├── UnprocessableEntityError 422
│   ├── RateLimitError           429
│   └── InternalServerError      >= 500
├── ApiConnectionError           the request never got a response (wraps httpx errors)
│   └── ApiTimeoutError          ... because it timed out
└── DecodeError                  a 2xx body did not match the declared schema
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import httpx

__all__ = [
    "ApiConnectionError", "ApiError", "ApiTimeoutError", "AuthenticationError", "BadRequestError",
    "ClientError", "ConflictError", "DecodeError", "InternalServerError", "NotFoundError",
    "PermissionDeniedError", "RateLimitError", "UnprocessableEntityError", "error_class_for",
]  # fmt: skip

Decoders = Mapping[str, Callable[[Any], Any]]  # keyed by status "422", range "4XX" or "default"


class ClientError(Exception):
    """Base class of every exception raised by the client."""


class ApiError(ClientError):
    """The server answered with a non-2xx status.

    `body` is the declared error model when the status has one and it decoded, else the parsed
    JSON, else the response text.
    """

    def __init__(self, response: httpx.Response, body: Any = None) -> None:
        super().__init__(response.status_code, body)
        self.response = response
        self.status_code: int = response.status_code
        self.headers: httpx.Headers = response.headers
        self.body: Any = body

    def __str__(self) -> str:
        text = f"HTTP {self.status_code} {self.response.reason_phrase}".rstrip()
        if self.body is None or self.body == "":
            return text
        shown = self.body if isinstance(self.body, str) else repr(self.body)
        if len(shown) > 500:
            shown = shown[:497] + "..."
        return f"{text}: {shown}"


class BadRequestError(ApiError):
    """HTTP 400."""


class AuthenticationError(ApiError):
    """HTTP 401."""


class PermissionDeniedError(ApiError):
    """HTTP 403."""


class NotFoundError(ApiError):
    """HTTP 404."""


class ConflictError(ApiError):
    """HTTP 409."""


class UnprocessableEntityError(ApiError):
    """HTTP 422."""


class RateLimitError(ApiError):
    """HTTP 429."""


class InternalServerError(ApiError):
    """HTTP 500 and above."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError,
    409: ConflictError, 422: UnprocessableEntityError, 429: RateLimitError,
}  # fmt: skip


def error_class_for(status: int) -> type[ApiError]:
    """Return the `ApiError` subclass for an HTTP status (`ApiError` itself when none is specific)."""
    if status >= 500:
        return InternalServerError
    return _BY_STATUS.get(status, ApiError)


class ApiConnectionError(ClientError):
    """The request could not be completed (DNS, refused connection, dropped socket, ...)."""

    def __init__(self, message: str, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class ApiTimeoutError(ApiConnectionError):
    """The request timed out."""


class DecodeError(ClientError):
    """A 2xx body did not match the schema: `path` of the first mismatch (empty when the body is not
    JSON), `body` (parsed JSON, else text) and `raw_body` (the bytes); the cause is chained."""

    def __init__(self, message: str, *, response: httpx.Response, body: Any) -> None:
        super().__init__(message)
        self.response, self.body = response, body

    @property
    def path(self) -> list[str | int]:
        return list(getattr(self.__cause__, "path", []))

    @property
    def raw_body(self) -> bytes:
        return self.response.content

    def __str__(self) -> str:
        cause = self.__cause__
        if cause is None or not hasattr(cause, "path"):
            return super().__str__()
        return (
            f"Response body does not match the declared schema{' ' if cause.path else ': '}{cause}"
        )


def api_error_from(response: httpx.Response, errors: Decoders | None = None) -> ApiError:
    """Build the `ApiError` subclass for a non-2xx response.

    The body is decoded by the first of `errors["422"]`, `errors["4XX"]`, `errors["default"]`
    that exists; if there is none or it fails, the parsed JSON is kept, else the text.
    """
    cls, status = error_class_for(response.status_code), response.status_code
    try:
        body = json.loads(response.content)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser goes
        return cls(response, response.text)
    decode = errors and (
        errors.get(str(status)) or errors.get(f"{status // 100}XX") or errors.get("default")
    )
    try:
        return cls(response, decode(body) if decode else body)
    except Exception:  # RecursionError included: the error is raised with the parsed JSON
        return cls(response, body)


def connection_error_from(exc: httpx.RequestError, request: httpx.Request) -> ApiConnectionError:
    """Wrap an httpx request failure (timeouts become `ApiTimeoutError`)."""
    cls = ApiTimeoutError if isinstance(exc, httpx.TimeoutException) else ApiConnectionError
    return cls(str(exc) or type(exc).__name__, request)
