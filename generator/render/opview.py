"""Template contexts for resource modules: method signatures, request arguments, decoders, docstrings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import ir
from ..linewidth import line_width
from .filters import LINE_LENGTH
from .imports import imports_for
from .layout import bracketed, exploded
from .pytypes import (
    Needs,
    Registry,
    annotation,
    builtin,
    decode,
    is_identity,
    py_literal,
)

__all__ = ["Argument", "MethodView", "alternative_bodies", "is_file", "resource_context", "runtime_prefix"]


@dataclass(frozen=True)
class Argument:
    name: str
    annotation: str
    default: str | None  # None: required
    is_positional: bool
    description: str | None
    deprecated: bool = False


@dataclass
class MethodView:
    name: str
    arguments: list[Argument]
    send: list[tuple[str, str]]  # keyword → expression of the runtime ``send`` call
    returns: str  # annotation
    result: str | None  # expression returned after the call; None for "-> None"
    summary: str
    description: str | None
    deprecated: bool
    deprecation: str
    warn_args: list[tuple[str, str]] = field(default_factory=list)  # deprecated arguments: (name, message)
    response_headers: list[tuple[str, str]] = field(default_factory=list)  # (wire name, description)
    content_type: str | None = None  # the request content type, when the operation accepts several
    alternatives: list[tuple[str, str]] = field(default_factory=list)  # (method name, content type)
    async_returns: str | None = None  # when the async twin returns another type (a stream)
    async_result: str | None = None
    pager: dict[str, str] | None = None  # paginated: token (argument), page (type), paging (expression)


def runtime_prefix(path: tuple[str, ...], is_package: bool) -> str:
    """Relative import prefix from a resource module to the package root."""
    return "." * (len(path) + (2 if is_package else 1))


def is_file(t: ir.Type) -> bool:
    return (isinstance(t, ir.Primitive) and t.format == "binary") or (
        isinstance(t, ir.ArrayOf) and is_file(t.item)
    )


def _file_annotation(t: ir.Type, needs: Needs) -> str:
    needs.runtime.add("FileInput")
    return "FileInput" if isinstance(t, ir.Primitive) else f"{builtin('list', needs)}[FileInput]"  # never null


def _argument(name: str, type_: ir.Type, required: bool, reg: Registry, needs: Needs, *, file: bool,
              positional: bool = False, description: str | None = None, deprecated: bool = False) -> Argument:  # fmt: skip
    text = _file_annotation(type_, needs) if file else annotation(type_, reg, needs)
    if required:
        return Argument(name, text, None, positional, description, deprecated)
    needs.runtime.update({"OMIT", "Omit"})
    return Argument(name, f"{text} | Omit", "OMIT", positional, description, deprecated)


def _wire(name: str, type_: ir.Type, reg: Registry, needs: Needs) -> str:
    if is_identity(type_, reg):
        return name
    needs.runtime.add("to_jsonable")
    return f"to_jsonable({name})"


def _param(p: ir.Param, reg: Registry, needs: Needs) -> str:
    needs.runtime.add("Param")
    extra = ", allow_reserved=True" if p.allow_reserved else ""
    if p.content_type:
        extra += f", content_type={py_literal(p.content_type)}"
    value = _wire(p.name, p.type, reg, needs)
    return f"Param({py_literal(p.wire_name)}, {value}, {py_literal(p.style)}, {p.explode}{extra})"


def _body_send(body: ir.Body, reg: Registry, needs: Needs, indent: int) -> list[tuple[str, str]]:
    if body.kind in ("multipart", "form") and not body.fields:  # a free-form object: its items are the fields
        needs.runtime.update({"Omit", "to_jsonable"})
        send = [("data", "[] if isinstance(body, Omit) else list(to_jsonable(body).items())")]
        return [*send, ("multipart", "True")] if body.kind == "multipart" else send
    if body.kind in ("multipart", "form"):
        files = [f for f in body.fields if is_file(f.type)]
        encodings, styles = dict(body.encodings), dict(body.styles)
        data = []
        for f in body.fields:
            if f in files:
                continue
            if styles.get(f.wire_name) == "deepObject" and not _is_flat(f.type, reg):
                needs.runtime.update({"deep_object", "to_jsonable"})
                data.append(f"*deep_object({py_literal(f.wire_name)}, to_jsonable({f.name}))")
                continue
            is_json = "json" in encodings.get(f.wire_name, "") or (body.kind == "multipart" and not _is_flat(f.type, reg))
            if is_json:
                needs.runtime.add("json_part")
                data.append(f"({py_literal(f.wire_name)}, json_part({f.name}))")
            else:
                data.append(f"({py_literal(f.wire_name)}, {_wire(f.name, f.type, reg, needs)})")
        send = []
        if files:
            send.append(("files", _send_list("files", [f"({py_literal(f.wire_name)}, {f.name})" for f in files], indent)))
        if data:
            send.append(("data", _send_list("data", data, indent)))
        if body.kind == "multipart":
            send.append(("multipart", "True"))
        return send
    if body.kind == "json":
        needs.runtime.add("to_jsonable")
        pairs = [f"{py_literal(f.wire_name)}: {f.name}" for f in body.fields]
        send = [("json", _send_jsonable(pairs, indent) if body.fields else "to_jsonable(body)")]
        media = body.content_type.split(";", 1)[0].strip().lower()
        if media != "application/json" and "*" not in media:
            send.append(("content_type", py_literal(body.content_type)))
        return send
    return [("content", "body"), ("content_type", py_literal(body.content_type))]


# Where templates/_macros/method.jinja puts the keyword arguments of `self._http.send(...)`: in the method,
# or one level deeper in a pager's `fetch`.
_SEND_INDENT = 12
_PAGED_SEND_INDENT = 16


def _send_list(key: str, items: list[str], indent: int) -> str:
    """A list argument of `send`, exploded one item per line when too long (see `layout`)."""
    return bracketed("[", items, "]", indent=indent, column=indent + len(key) + 1, tail=1)


def _send_jsonable(pairs: list[str], indent: int) -> str:
    """`to_jsonable({...})` of the body's fields; too long, it takes black's three-level layout."""
    inline = f"to_jsonable({{{', '.join(pairs)}}})"
    if indent + len("json=") + line_width(inline) + len(",") <= LINE_LENGTH:
        return inline
    inner = indent + 4
    body = exploded("{", pairs, "}", indent=inner)
    return f"to_jsonable(\n{' ' * inner}{body}\n{' ' * indent})"


def _is_flat(t: ir.Type, reg: Registry) -> bool:
    """A value a form field can carry as text (scalars, enums, lists of those)."""
    match t:
        case ir.Primitive() | ir.EnumRef() | ir.Literal():
            return True
        case ir.ArrayOf(item=item):
            return _is_flat(item, reg)
        case ir.UnionRef(name=name):  # a union of simple types (anyOf [boolean, enum]) is simple too
            return all(_is_flat(v, reg) for v in reg.unions[name].variants)
    return False


class _Decoders:
    """Module-level decoder functions of a resource module, shared by the sync and async classes."""

    def __init__(self, reg: Registry) -> None:
        self.reg = reg
        self.by_expr: dict[tuple[str, str], str] = {}
        self.functions: list[dict[str, Any]] = []

    def name_for(self, t: ir.Type, needs: Needs) -> str:
        expr = decode(t, "data", self.reg, needs)
        returns = annotation(t, self.reg, needs)
        key = (expr, returns)
        if key not in self.by_expr:
            name = f"_decode_{len(self.functions)}"
            self.by_expr[key] = name
            self.functions.append({"name": name, "returns": returns, "expr": expr,
                                   "returns_any": expr == "data" and returns != "Any"})  # fmt: skip
        return self.by_expr[key]


def alternative_bodies(op: ir.Operation) -> list[tuple[str, ir.Body]]:
    """The extra methods for an operation's other request content types, as the IR builder named them."""
    return [(body.method_name, body) for body in op.other_bodies if body.method_name]


def _method(op: ir.Operation, reg: Registry, needs: Needs, decoders: _Decoders, *,
            variant: tuple[str, ir.Body] | None = None, helpers: _PagerHelpers | None = None) -> MethodView:  # fmt: skip
    """The method for ``op``; with ``variant`` (name, body), the method sending that alternative body."""
    name, body = variant if variant is not None else (op.name, op.body)
    args: list[Argument] = []
    for p in op.params:
        args.append(_argument(p.name, p.type, p.required, reg, needs, file=False, positional=p.location == "path",
                              description=_param_doc(p), deprecated=p.deprecated))  # fmt: skip
    paged = op.pagination is not None and helpers is not None and variant is None
    indent = _PAGED_SEND_INDENT if paged else _SEND_INDENT
    send: list[tuple[str, str]] = [("method", py_literal(op.method)), ("path", py_literal(op.path))]
    for location, keyword in (("path", "path_params"), ("query", "query"), ("header", "headers"), ("cookie", "cookies")):
        items = [_param(p, reg, needs) for p in op.params if p.location == location]
        if items:
            send.append((keyword, _send_list(keyword, items, indent)))
    if body is not None:
        args.extend(_body_arguments(body, reg, needs))
        send.extend(_body_send(body, reg, needs, indent))
    if op.security is not None:
        send.append(("security", py_literal([list(s) for s in op.security])))
    errors = [(r.status, decoders.name_for(r.type, needs)) for r in op.responses
              if r.type is not None and not r.status.startswith("2") and r is not op.success]  # fmt: skip
    if errors:
        send.append(("errors", "{" + ", ".join(f"{py_literal(s)}: {d}" for s, d in errors) + "}"))
    result: str | None
    if op.stream is not None:
        returns, result = _stream_result(op, reg, needs, decoders, send)
    else:
        returns, result = _result(op.success, reg, needs, decoders, send)
    args.sort(key=lambda a: (not a.is_positional, a.default is not None))
    summary = op.summary or op.description or f"{op.method} {op.path}"
    description = op.description if op.description and op.description != summary else None
    headers = op.success.headers if op.success is not None else ()
    pager = None
    if op.pagination is not None and helpers is not None and variant is None:  # paged
        send.append(("next_url", "next_url"))
        pager = helpers.pager(op.pagination, returns, needs)
        returns = f"SyncPager[{returns}, {pager['item']}]"
    view = MethodView(name, args, send, returns, result, summary, description, op.deprecated,
                      f"{op.method} {op.path} is deprecated",
                      [(a.name, f"argument {a.name!r} is deprecated") for a in args if a.deprecated and a.default],
                      response_headers=[(h.wire_name, h.description or _type_doc(h.type, reg)) for h in headers],
                      content_type=body.content_type if body is not None and op.other_bodies else None,
                      async_returns=f"Async{returns}" if op.stream else returns.replace("Sync", "Async", 1) if pager else None,
                      async_result=f"Async{result}" if op.stream else None, pager=pager)  # fmt: skip
    return view


class _PagerHelpers:
    """Module-level functions a resource's pagers read pages with (shared by the sync and async class)."""

    def __init__(self, reg: Registry) -> None:
        self.reg = reg
        self.functions: list[dict[str, str]] = []

    def _add(self, prefix: str, param: str, returns: str, expr: str) -> str:
        name = f"_{prefix}_{len(self.functions)}"
        self.functions.append({"name": name, "param": param, "returns": returns, "expr": expr})
        return name

    def pager(self, paging: ir.Pagination, page_type: str, needs: Needs) -> dict[str, str]:
        needs.runtime.update({"SyncPager", "AsyncPager", "Paging"})
        item = annotation(paging.item_type, self.reg, needs)
        items_of = f"page.{paging.items}" if paging.items else "page"
        parts = [py_literal(paging.kind),
                 self._add("items", f"page: {page_type}", f"{builtin('list', needs)}[{item}] | None", f"{items_of} or None")]  # fmt: skip
        if paging.next:
            parts.append(f"next={self._add('next', f'page: {page_type}', 'Any', f'page.{paging.next}')}")
        if paging.item_id:
            parts.append(f"item_id={self._add('item_id', f'item: {item}', 'Any', f'item.{paging.item_id}')}")
        if paging.has_more:
            parts.append(f"has_more={self._add('has_more', f'page: {page_type}', 'Any', f'page.{paging.has_more}')}")
        if paging.kind == "page" and paging.first_page != 1:
            parts.append(f"first_page={paging.first_page}")
        token = paging.param or "_token"
        return {"token": token, "start": paging.param or "None", "page": page_type, "item": item,
                "paging": f"Paging({', '.join(parts)})"}  # fmt: skip


def _body_arguments(body: ir.Body, reg: Registry, needs: Needs) -> list[Argument]:
    if not body.fields:
        body_type = body.type or (ir.MapOf(ir.AnyValue()) if body.kind in ("multipart", "form") else ir.AnyValue())
        return [_argument("body", body_type, body.required, reg, needs, file=body.kind == "binary",
                          description=body.description)]  # fmt: skip
    return [_argument(f.name, f.type, f.required, reg, needs, file=is_file(f.type) and body.kind != "json",
                      description=f.description, deprecated=f.deprecated) for f in body.fields]  # fmt: skip


def _param_doc(p: ir.Param) -> str | None:
    if p.default is None:
        return p.description
    note = f"The server uses {py_literal(p.default.value)} when omitted."
    return f"{p.description} {note}" if p.description else note


def _type_doc(t: ir.Type, reg: Registry) -> str:
    return annotation(t, reg, Needs())


def _result(success: ir.Response | None, reg: Registry, needs: Needs, decoders: _Decoders,
            send: list[tuple[str, str]]) -> tuple[str, str | None]:  # fmt: skip
    if success is None or success.kind == "empty":
        return "None", None
    if success.kind == "json":
        needs.runtime.add("decode_json")
        return annotation(success.type or ir.AnyValue(), reg, needs), f"decode_json(response, {decoders.name_for(success.type or ir.AnyValue(), needs)})"
    if success.content_type and "*" not in success.content_type:
        send.append(("accept", py_literal(success.content_type)))
    if success.kind == "binary":
        needs.runtime.add("decode_bytes")
        return "bytes", "decode_bytes(response)"
    needs.runtime.add("decode_text")
    return "str", "decode_text(response)"


def _stream_result(op: ir.Operation, reg: Registry, needs: Needs, decoders: _Decoders,
                   send: list[tuple[str, str]]) -> tuple[str, str]:  # fmt: skip
    """``Stream[T]`` and the expression building it; the async twin prefixes both with ``Async``."""
    success = op.success
    send.append(("stream", "True"))
    if success is not None and success.content_type and "*" not in success.content_type:
        send.append(("accept", py_literal(success.content_type)))
    needs.runtime.update({"Stream", "AsyncStream"})
    item_type = success.type if success is not None else None
    if op.stream == "lines":
        item = item_type or ir.AnyValue()
        needs.runtime.add("json_lines")
        return f"Stream[{annotation(item, reg, needs)}]", f"Stream(response, json_lines({decoders.name_for(item, needs)}))"
    if op.stream == "events":
        needs.runtime.add("ServerSentEvent")
        if item_type is None or (isinstance(item_type, ir.Primitive) and item_type.kind == "string"):
            needs.runtime.add("sse_text")
            return "Stream[ServerSentEvent[str]]", "Stream(response, sse_text())"
        needs.runtime.add("sse_events")
        decoder = decoders.name_for(item_type, needs)
        return f"Stream[ServerSentEvent[{annotation(item_type, reg, needs)}]]", f"Stream(response, sse_events({decoder}))"
    if op.stream == "text":
        needs.runtime.add("text_chunks")
        return "Stream[str]", "Stream(response, text_chunks())"
    needs.runtime.add("binary_chunks")
    return "Stream[bytes]", "Stream(response, binary_chunks())"


def resource_context(resource: ir.Resource, reg: Registry, is_package: bool) -> dict[str, Any]:
    """Context of ``resources/.../<name>.py``: the sync class, its async twin and shared decoders."""
    prefix = runtime_prefix(resource.module_path, is_package)
    members = {op.name for op in resource.operations} | {c.name for c in resource.children}
    needs = Needs(typing={"Any"}, runtime={"SyncHTTP", "AsyncHTTP", "RequestOptions"}, shadowed=frozenset(members))
    decoders = _Decoders(reg)
    helpers = _PagerHelpers(reg)
    methods = []
    for op in resource.operations:
        variants = alternative_bodies(op)
        method = _method(op, reg, needs, decoders, helpers=helpers)
        method.alternatives = [(n, b.content_type) for n, b in variants]
        methods.append(method)
        methods.extend(_method(op, reg, needs, decoders, variant=variant) for variant in variants)
    raw_methods = [m for m in methods if m.pager is None]
    if raw_methods:
        needs.runtime.update({"raw_response", "streaming_response", "async_raw_response", "async_streaming_response"})
    children = [(c.name, c.class_name, f"Async{c.class_name}", c.description, c.module_path[-1])
                for c in resource.children]  # fmt: skip
    if children:
        needs.typing.add("TYPE_CHECKING")
    block = imports_for(needs, reg, to_root=prefix, to_models=f"{prefix}models.")
    typing_only = list(block.typing_only) + [f"from .{m} import {c}, {a}" for _, c, a, _, m in children]
    return {
        "resource": resource,
        "methods": methods,
        "children": children,
        "decoders": decoders.functions,
        "pager_helpers": helpers.functions,
        "raw_methods": raw_methods,
        "uses_httpx": bool(helpers.functions),
        "plain_imports": block.plain,
        "typing_only": sorted(typing_only),
        "uses_warnings": any(m.deprecated or m.warn_args for m in methods),
        "uses_functools": bool(children) or bool(raw_methods),
    }
