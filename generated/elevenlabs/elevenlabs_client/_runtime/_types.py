"""Value types shared by generated code and the transport: OMIT, parameters, files, options."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any, ClassVar, Literal, TypeAlias, TypedDict

__all__ = [
    "OMIT", "Credential", "FileContent", "FileInput", "JsonPart", "Omit", "Param",
    "RequestOptions", "SecurityScheme", "UnknownVariant",
]  # fmt: skip


class Omit:
    """Type of `OMIT`: "do not send this". Falsy; `None` instead means JSON null and is sent."""

    __slots__ = ()
    _instance: ClassVar[Omit | None] = None

    def __new__(cls) -> Omit:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "OMIT"

    def __reduce__(self) -> str:
        return "OMIT"


OMIT = Omit()

FileContent: TypeAlias = bytes | IO[bytes]
_Named: TypeAlias = tuple[str | None, FileContent] | tuple[str | None, FileContent, str | None]
FileInput: TypeAlias = FileContent | os.PathLike[str] | _Named
Credential: TypeAlias = str | tuple[str, str]


class RequestOptions(TypedDict, total=False):
    """Per-call overrides accepted by every generated method as `options=`."""

    timeout: float | None
    max_retries: int
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, Any]
    extra_body: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class UnknownVariant:
    """What a union decodes to when a newer server sends a variant this client does not know."""

    tag: Any
    raw: Any

    def to_dict(self) -> Any:
        """Return the JSON exactly as it was received."""
        return self.raw


@dataclass(frozen=True, slots=True)
class Param:
    """One path, query, header or cookie parameter with its OpenAPI serialisation settings.

    `value` is wire-shaped (scalar, list of scalars or dict of scalars) or `OMIT` (not sent).
    """

    name: str
    value: Any
    style: str = "form"
    explode: bool = True
    allow_reserved: bool = False
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class JsonPart:
    """A multipart or form field sent JSON-encoded (content type application/json)."""

    value: Any


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    """One entry of `components.securitySchemes`, reduced to what the transport needs."""

    kind: str
    location: str | None = None
    param_name: str | None = None
    scheme: str | None = None
