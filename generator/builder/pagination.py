"""Which list operations page, and how: found from plain parameter and field names, or declared.

Shapes detected without extensions (the response must hold a list of items):

- cursor: a query parameter ``cursor``, ``page_token``, ``next_page_token``, ``after``, ``starting_after``,
  ``start_after_*``... fed by a response field ``next_cursor``, ``next_page_token``, ``last_*_id``..., or,
  with ``has_more`` and no such field, by the last item's ``id`` ("last_id");
- page: ``page`` / ``page_number`` (with ``page_size``/``per_page``);
- offset: ``offset`` / ``skip`` (with ``limit``);
- link: a declared ``Link`` response header (``rel="next"``), GitHub style.

``x-fern-pagination`` on the operation, or a per-operation entry in the config, overrides detection.
"""

from __future__ import annotations

import re
from typing import Any

from ..ir import ArrayOf, Model, ModelRef, Pagination, Param, Response, Type
from ..load.pointer import join
from .context import BuildContext

__all__ = ["detect_pagination"]

_CURSOR_PARAMS = ("cursor", "page_token", "next_page_token", "pagination_token", "next_token", "continuation_token",
                  "after", "starting_after", "page_cursor", "next_cursor")  # fmt: skip
_NEXT_FIELDS = ("next_cursor", "next_page_token", "next_token", "next_page_cursor", "cursor", "next",
                "continuation_token", "pagination_token")  # fmt: skip
_PAGE_PARAMS = ("page", "page_number", "page_num", "page_index")
_OFFSET_PARAMS = ("offset", "skip", "start")
_HAS_MORE = ("has_more", "has_next", "has_next_page", "more")
_REQUEST = re.compile(r"^\$request\.(?:query\.)?([A-Za-z0-9_.\-]+)$")
_RESPONSE = re.compile(r"^\$response\.(?:body\.)?([A-Za-z0-9_\-]+)$")


def detect_pagination(
    ctx: BuildContext, op: dict[str, Any], params: tuple[Param, ...], success: Response | None, *, pointer: str,
    setting: dict[str, Any] | bool | None = None,
) -> Pagination | None:  # fmt: skip
    """The operation's pagination, or None. ``setting`` is the config's entry for it (False: never)."""
    if setting is False or success is None or not success.status.startswith("2") or success.kind != "json":
        return None
    if isinstance(setting, dict):
        return _declared(ctx, setting, params, success, pointer=pointer, source="config")
    declared = op.get("x-fern-pagination")
    if isinstance(declared, dict):
        return _declared(ctx, declared, params, success, pointer=join(pointer, "x-fern-pagination"),
                         source="x-fern-pagination")  # fmt: skip
    if declared is False:
        return None
    query = {p.wire_name: p for p in params if p.location == "query"}
    fields, items, item_type = _items(ctx, success.type, None)
    if item_type is None:
        return None
    has_more = next((fields[n] for n in _HAS_MORE if n in fields), None)
    if any(h.wire_name.lower() == "link" for h in success.headers):
        return Pagination("link", None, items, item_type, has_more=has_more)
    if items is None:
        return None
    cursor = next((query[n] for n in _CURSOR_PARAMS if n in query), None)
    cursor = cursor or next((p for n, p in query.items() if n.startswith(("start_after", "starting_after"))), None)
    if cursor is not None:
        nxt = _next_field(cursor.wire_name, fields)
        if nxt is not None:
            return Pagination("cursor", cursor.name, items, item_type, next=nxt, has_more=has_more)
        if has_more is not None and _has_id(ctx, item_type):
            return Pagination("last_id", cursor.name, items, item_type, item_id="id", has_more=has_more)
        return None
    page = next((query[n] for n in _PAGE_PARAMS if n in query), None)
    if page is not None:
        return Pagination("page", page.name, items, item_type, has_more=has_more, first_page=_first_page(page))
    offset = next((query[n] for n in _OFFSET_PARAMS if n in query), None)
    if offset is not None:
        return Pagination("offset", offset.name, items, item_type, has_more=has_more)
    return None


def _model(ctx: BuildContext, t: Type | None) -> Model | None:
    if isinstance(t, ModelRef):
        found = ctx.definitions.get(t.name)
        return found if isinstance(found, Model) else None
    return None


def _items(ctx: BuildContext, t: Type | None, wanted: str | None) -> tuple[dict[str, str], str | None, Type | None]:
    """(response wire field → Python name, the items field's Python name, the item type)."""
    if isinstance(t, ArrayOf) and wanted is None:
        return {}, None, t.item
    model = _model(ctx, t)
    if model is None:
        return {}, None, None
    fields = {f.wire_name: f.name for f in model.fields}
    arrays = [f for f in model.fields if isinstance(f.type, ArrayOf) and (wanted is None or f.wire_name == wanted)]
    if not arrays:
        return fields, None, None
    chosen = arrays[0] if len(arrays) == 1 or wanted else _main_list(arrays)
    assert isinstance(chosen.type, ArrayOf)
    return fields, chosen.name, chosen.type.item


def _main_list(arrays: list[Any]) -> Any:
    """Of several list fields, the required one of models (``agents`` beside ``branches``: the first)."""
    return sorted(arrays, key=lambda f: (not f.required, not isinstance(f.type.item, ModelRef)))[0]


def _next_field(cursor: str, fields: dict[str, str]) -> str | None:
    if cursor in fields and cursor.startswith("next"):
        return fields[cursor]
    for name in _NEXT_FIELDS:
        if name in fields:
            return fields[name]
    if cursor.startswith(("start_after_", "starting_after_")):  # start_after_history_item_id → last_history_item_id
        last = "last_" + cursor.split("after_", 1)[1]
        if last in fields:
            return fields[last]
    return None


def _has_id(ctx: BuildContext, item: Type) -> bool:
    model = _model(ctx, item)
    return model is not None and any(f.name == "id" for f in model.fields)


def _first_page(param: Param) -> int:
    if param.default is not None and isinstance(param.default.value, int):
        return param.default.value
    minimum = param.constraints.minimum if param.constraints is not None else None
    return int(minimum) if isinstance(minimum, (int, float)) and minimum in (0, 1) else 1


def _declared(
    ctx: BuildContext, raw: dict[str, Any], params: tuple[Param, ...], success: Response, *, pointer: str,
    source: str,
) -> Pagination | None:  # fmt: skip
    """``x-fern-pagination`` ({cursor, next_cursor, results} or {offset, results}) or a config entry."""
    by_wire = {p.wire_name: p for p in params if p.location == "query"}

    def request(key: str) -> Param | None:
        value = raw.get(key)
        match = _REQUEST.match(value) if isinstance(value, str) else None
        name = match.group(1) if match else value if isinstance(value, str) else None
        return by_wire.get(name) if name else None

    def response(key: str) -> str | None:
        value = raw.get(key)
        match = _RESPONSE.match(value) if isinstance(value, str) else None
        return match.group(1) if match else value if isinstance(value, str) else None

    fields, items, item_type = _items(ctx, success.type, response("results") or response("items"))
    has_more = fields.get(response("has_more") or response("has-next-page") or "")
    if item_type is None:
        ctx.warn("pagination-invalid", "the results of this pagination are not a list field of the response; "
                 "the method returns one page", pointer)  # fmt: skip
        return None
    cursor, offset, page = request("cursor"), request("offset"), request("page")
    nxt = fields.get(response("next_cursor") or response("next") or "")
    if cursor is not None and nxt is not None:
        return Pagination("cursor", cursor.name, items, item_type, next=nxt, has_more=has_more, source=source)
    if cursor is not None and has_more is not None:
        return Pagination("last_id", cursor.name, items, item_type, item_id="id", has_more=has_more, source=source)
    fern_page = source == "x-fern-pagination" and offset is not None and "step" not in raw  # Fern: +1 per page
    if page is not None or fern_page:
        chosen = page or offset
        assert chosen is not None
        return Pagination("page", chosen.name, items, item_type, has_more=has_more, first_page=_first_page(chosen),
                          source=source)  # fmt: skip
    if offset is not None:
        return Pagination("offset", offset.name, items, item_type, has_more=has_more, source=source)
    if raw.get("link") or raw.get("kind") == "link":
        return Pagination("link", None, items, item_type, has_more=has_more, source=source)
    ctx.warn("pagination-invalid", "pagination needs a cursor with next_cursor (or has_more), a page or an "
             "offset request parameter; the method returns one page", pointer)  # fmt: skip
    return None
