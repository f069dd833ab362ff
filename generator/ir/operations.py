"""Operations: parameters, bodies, responses, grouped into a resource tree."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Constraints, Default, Field
from .types import Type

__all__ = [
    "Body",
    "Operation",
    "Pagination",
    "Param",
    "Resource",
    "Response",
]


@dataclass(frozen=True, slots=True)
class Param:
    name: str  # Python argument name, unique within the operation's signature
    wire_name: str
    location: str  # "path" | "query" | "header" | "cookie"
    type: Type
    required: bool
    pointer: str
    style: str  # effective style (defaults filled in)
    explode: bool  # effective explode (defaults filled in)
    allow_reserved: bool = False
    content_type: str | None = None  # for ``content``-encoded parameters (JSON-serialised)
    default: Default | None = None
    description: str | None = None
    deprecated: bool = False
    examples: tuple[object, ...] = ()
    constraints: Constraints | None = None


@dataclass(frozen=True, slots=True)
class Body:
    """A request body in one content type.

    kind: "json" | "multipart" | "form" | "binary" | "text".
    When ``fields`` is non-empty the body's object properties are flattened into keyword arguments
    (multipart/form always; JSON when the body is an object whose names do not clash); otherwise the whole
    body is one ``body`` argument of ``type``.
    """

    content_type: str
    kind: str
    required: bool
    pointer: str
    type: Type | None = None
    fields: tuple[Field, ...] = ()
    encodings: tuple[tuple[str, str], ...] = ()  # (wire field name, content type) for multipart parts
    description: str | None = None
    styles: tuple[tuple[str, str], ...] = ()  # (wire field name, encoding style) for form fields
    method_name: str | None = None  # an alternative body's own method (``<method>_<kind>``); None: none


@dataclass(frozen=True, slots=True)
class Response:
    """One declared response. kind: "json" | "binary" | "text" | "empty" | "stream"."""

    status: str  # "200", "4XX", "default"
    kind: str
    pointer: str
    content_type: str | None = None
    type: Type | None = None
    description: str | None = None
    headers: tuple[Field, ...] = ()
    media_types: tuple[str, ...] = ()  # every declared content type, in spec order (``content_type`` is one)


@dataclass(frozen=True, slots=True)
class Pagination:
    """How a list operation pages. kind: "cursor" | "last_id" | "page" | "offset" | "link".

    ``param`` is the operation's Python argument that selects the page (None for "link": the next
    page's URL comes from the ``Link`` header); ``items`` the response field (Python name) holding
    the page's items, None when the response is the list itself.
    """

    kind: str
    param: str | None
    items: str | None
    item_type: Type
    next: str | None = None  # cursor: the response field holding the next cursor
    item_id: str | None = None  # last_id: the item attribute that is the next cursor
    has_more: str | None = None  # a boolean response field; False stops
    first_page: int = 1  # page: the number of the first page when the caller passes none
    source: str = "detected"  # "detected" | "x-fern-pagination" | "config"


@dataclass(frozen=True, slots=True)
class Operation:
    name: str  # Python method name, unique within its resource
    operation_id: str | None
    method: str  # upper-case HTTP verb
    path: str  # as in the spec, with {name} placeholders
    pointer: str
    params: tuple[Param, ...] = ()
    body: Body | None = None
    other_bodies: tuple[Body, ...] = ()  # alternative request content types
    success: Response | None = None  # the response the method returns
    responses: tuple[Response, ...] = ()  # all declared responses (errors included)
    summary: str | None = None
    description: str | None = None
    deprecated: bool = False
    security: tuple[tuple[str, ...], ...] | None = None  # None = inherit the document's
    tags: tuple[str, ...] = ()
    callbacks: tuple[str, ...] = ()  # names of declared callbacks (no code is generated for them)
    stream: str | None = None  # the success body streams: "bytes" | "text" | "lines" | "events"
    pagination: Pagination | None = None


@dataclass(frozen=True, slots=True)
class Resource:
    """A node of the client's resource tree (the root has name "")."""

    name: str  # attribute name on the parent (snake_case)
    class_name: str  # e.g. "DocumentResource"
    module_path: tuple[str, ...]  # e.g. ("conversational_ai", "knowledge_base", "document")
    operations: tuple[Operation, ...] = ()
    children: tuple[Resource, ...] = ()
    description: str | None = None
    attribute_path: tuple[str, ...] | None = None  # from the client, when not module_path (models → models_)

    @property
    def attributes(self) -> tuple[str, ...]:
        """The attribute chain from the client: ``client.<a>.<b>``."""
        return self.module_path if self.attribute_path is None else self.attribute_path
