"""Template contexts for the generated tests: one call per operation, one round trip per model."""

from __future__ import annotations

import json
import zlib
from typing import Any

from .. import ir
from ..knownshapes import fit_call
from ..linewidth import line_width
from .filters import LINE_LENGTH, py_str
from .heights import needed_definitions
from .layout import exploded, json_literal
from .opview import alternative_bodies, is_file
from .pytypes import Needs, Registry, decode, is_identity, py_literal, union_decoder
from .samples import sample
from .shapes import json_kinds

__all__ = ["models_test_files", "resource_test_context"]

_TEST_FILE_CHARS = 256 * 1024  # above this, the model tests are split over several files


def _argument_value(t: ir.Type, file: bool, reg: Registry, needs: Needs, *, examples: tuple[Any, ...] = (),
                    filled: bool = False, constraints: ir.Constraints | None = None) -> tuple[str, Any]:  # fmt: skip
    if file:
        return ('b"content"' if isinstance(t, ir.Primitive) else '[b"content"]'), None
    value = sample(t, reg, examples=examples, filled=filled, constraints=constraints)
    if is_identity(t, reg):
        return py_literal(value), value
    return decode(t, f"_json({py_literal(value)})", reg, needs), value  # _json: typed as Any for mypy


def _path_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _credential_checks(op: ir.Operation, api: ir.Api) -> list[str]:
    requirements = op.security if op.security is not None else api.security
    schemes = {s.name: s for s in api.security_schemes}
    checks = []
    for name in requirements[0] if requirements else ():
        scheme = schemes.get(name)
        if scheme and scheme.kind == "apiKey" and scheme.location == "header" and scheme.param_name:
            checks.append(f'assert request.headers[{py_literal(scheme.param_name)}] == "test-credential"')
    return checks


def _operation(op: ir.Operation, chain: str, reg: Registry, needs: Needs, *, api: ir.Api,
               variant: tuple[str, ir.Body] | None = None) -> dict[str, Any]:  # fmt: skip
    args: list[tuple[str, str]] = []
    path = op.path
    checks: list[str] = [f"assert request.method == {py_literal(op.method)}", *_credential_checks(op, api)]
    for p in op.params:
        if not p.required:
            continue
        expr, value = _argument_value(p.type, False, reg, needs, examples=p.examples, filled=p.location == "path",
                                      constraints=p.constraints)  # fmt: skip
        args.append((p.name, expr))
        if p.location == "path":
            path = path.replace("{" + p.wire_name + "}", _path_text(value))
        elif p.location == "query" and isinstance(value, (str, int)) and not isinstance(value, bool):
            checks.append(f"assert request.url.params[{py_literal(p.wire_name)}] == {py_literal(str(value))}")
    if all(c.isalnum() or c in "/-_.~" for c in path):
        checks.append(fit_call("assert request.url.path.endswith(", [py_literal(path)], indent=4))
    name, body = variant if variant is not None else (op.name, op.body)
    if body is not None:
        args.extend(_body_args(body, reg, needs, checks))
    expected, response = _response(op.success, reg, needs)
    stream = _stream(op, reg, needs) if op.stream else None
    pager = _pager(op, op.pagination, reg) if op.pagination and variant is None else None
    return {"name": name, "chain": chain, "args": args, "checks": checks, "response": response,
            "expected": expected, "deprecated": op.deprecated, "stream": stream, "pager": pager}  # fmt: skip


def _pager(op: ir.Operation, paging: ir.Pagination, reg: Registry) -> dict[str, Any]:
    """Two pages (the second the last) and what the second request must carry."""
    item = sample(paging.item_type, reg, filled=True)
    page_type = op.success.type if op.success is not None else None
    model = reg.models.get(page_type.name) if isinstance(page_type, ir.ModelRef) else None
    fields = {f.name: f for f in model.fields} if model is not None else {}
    first: Any = [item] if paging.items is None else sample(page_type or ir.AnyValue(), reg)
    last: Any = [item]
    if paging.items is not None and isinstance(first, dict):
        first[fields[paging.items].wire_name] = [item]
        last = dict(first)
    more, nxt = fields.get(paging.has_more or ""), fields.get(paging.next or "")
    if more is not None:
        first[more.wire_name], last[more.wire_name] = True, False
    if nxt is not None:
        first[nxt.wire_name] = "c2"
        if more is None and not nxt.required:
            last.pop(nxt.wire_name, None)
        elif more is None:
            last[nxt.wire_name] = None if getattr(nxt.type, "nullable", False) else ""
    if more is None and nxt is None and paging.kind in ("page", "offset"):
        last = [] if paging.items is None else {**last, fields[paging.items].wire_name: []}
    count = 1 + (1 if (last if paging.items is None else last[fields[paging.items].wire_name]) else 0)
    wire = next((p.wire_name for p in op.params if p.name == paging.param), None)
    second = {"cursor": "c2", "last_id": str(item.get("id") if isinstance(item, dict) else ""),
              "page": str(paging.first_page + 1), "offset": "1"}.get(paging.kind)  # fmt: skip
    check = (f"assert seen[1].url.params[{py_literal(wire)}] == {py_literal(second)}" if wire and second is not None
             else 'assert str(seen[1].url) == f"{BASE_URL}/next?page=2"')  # fmt: skip
    link = py_str('<https://api.example.test/next?page=2>; rel="next"') if paging.kind == "link" else None
    return {"pages": [json_literal(first, indent=8, column=8, tail=1), json_literal(last, indent=8, column=8, tail=1)],
            "count": count, "check": check, "link": link}  # fmt: skip


def _stream(op: ir.Operation, reg: Registry, needs: Needs) -> dict[str, Any]:
    """Two body parts sent one at a time, and what the two streamed items must be."""
    item = op.success.type if op.success is not None else None
    status = op.success.status if op.success is not None and op.success.status.isdigit() else "200"
    if op.stream in ("lines", "events"):
        item = item or ir.AnyValue()
        value = sample(item, reg)
        text = json.dumps(value, separators=(",", ":"))
        plain = op.stream == "events" and isinstance(item, ir.Primitive) and item.kind == "string"
        if plain:
            text, expected = "hello", py_str("hello")
        else:
            expected = decode(item, f"_json({py_literal(value)})", reg, needs)
        part = text + "\n" if op.stream == "lines" else f"event: update\ndata: {text}\n\n"
        return {"status": status, "parts": [py_str(part)] * 2, "expected": f"[{expected}, {expected}]",
                "project": ".data" if op.stream == "events" else ""}  # fmt: skip
    parts = [py_str("part-1"), py_str("part-2")]
    expected = "[b\"part-1\", b\"part-2\"]" if op.stream == "bytes" else "[\"part-1\", \"part-2\"]"
    return {"status": status, "parts": parts, "expected": expected, "project": ""}


def _body_args(body: ir.Body, reg: Registry, needs: Needs, checks: list[str]) -> list[tuple[str, str]]:
    args = []
    if body.kind == "json":
        media = body.content_type.split(";", 1)[0].strip()
        media = media if "*" not in media else "application/json"
        checks.append(f'assert request.headers["content-type"] == {py_literal(media)}')
        checks.append("sent = json.loads(request.content)")
    elif body.kind == "multipart":
        checks.append('assert request.headers["content-type"].startswith("multipart/form-data")')
    elif body.kind == "form":
        checks.append('assert request.headers["content-type"].startswith("application/x-www-form-urlencoded")')
    if not body.fields:  # the whole body is one argument: always send it, so the checks hold
        expr, value = _argument_value(body.type or ir.AnyValue(), body.kind == "binary", reg, needs)
        if body.kind == "text":
            expr = '"text"'
        elif body.kind in ("multipart", "form"):
            expr = '{"key": "value"}'
        args.append(("body", expr))
        return args
    for f in body.fields:
        if not f.required:
            continue
        file = is_file(f.type) and body.kind != "json"
        expr, value = _argument_value(f.type, file, reg, needs, constraints=f.constraints)
        args.append((f.name, expr))
        key = py_literal(f.wire_name)
        if body.kind == "json" and is_identity(f.type, reg):
            checks.append(f"assert sent[{key}] == {py_literal(value)}")
        elif body.kind == "json":
            checks.append(f"assert {key} in sent")
        elif body.kind == "multipart":
            checks.append(f"assert {py_literal('name=' + chr(34) + f.wire_name + chr(34))}.encode() in request.content")
    return args


def _response(success: ir.Response | None, reg: Registry, needs: Needs) -> tuple[str, dict[str, str]]:
    if success is None or success.kind == "empty":
        return "None", {"status": success.status if success and success.status.isdigit() else "204"}
    status = success.status if success.status.isdigit() else "200"
    if success.kind == "json":
        value = sample(success.type or ir.AnyValue(), reg)
        literal = json_literal(value, indent=4, column=len("    answer: Any = "))  # see test_resource.py.jinja
        return decode(success.type or ir.AnyValue(), "answer", reg, needs), {"status": status, "json": literal}
    if success.kind == "binary":
        return 'b"binary"', {"status": status, "content": 'b"binary"'}
    return '"text"', {"status": status, "content": 'b"text"'}


def resource_test_context(resource: ir.Resource, reg: Registry, api: ir.Api) -> dict[str, Any]:
    needs = Needs()
    chain = ".".join(["client", *resource.attributes])
    operations = []
    for op in (op for op in resource.operations if _has_examples(op, reg)):
        operations.append(_operation(op, chain, reg, needs, api=api))
        operations.extend(_operation(op, chain, reg, needs, api=api, variant=v) for v in alternative_bodies(op))
    return {
        "resource": resource,
        "operations": operations,
        "uses_models": needs.uses_models,
        "runtime_names": sorted(needs.runtime),
        "uses_json": any(any(c.startswith("sent =") for c in op["checks"]) for op in operations),
        "uses_streams": any(op["stream"] for op in operations),
        "uses_pagers": any(op["pager"] for op in operations),
    }


def _has_examples(op: ir.Operation, reg: Registry) -> bool:
    """Whether every value a test of ``op`` must build has a finite example (recursive types may not)."""
    types = [p.type for p in op.params if p.required]
    if op.body is not None:
        types += [f.type for f in op.body.fields if f.required] or ([op.body.type] if op.body.type else [])
    if op.success is not None and op.success.type is not None:
        types.append(op.success.type)
    return all(name in reg.heights for t in types for name in needed_definitions(t))


def _model_rows(api: ir.Api, reg: Registry) -> dict[str, list[tuple[str, str]]]:
    """``(definition name, test row)`` per kind: ``models``, ``unions`` and ``enums``."""
    finite = reg.heights  # a definition without a finite example gets no round-trip test
    models = [(m.name, _row(py_str(m.name), sample(ir.ModelRef(m.name), reg), str(isinstance(m.extra, ir.AnyValue))))
              for m in api.models if m.name in finite]  # fmt: skip
    unions = []
    for u in (u for u in api.unions if u.name in finite):
        tag = "None"
        if u.discriminator is not None and u.discriminator.mapping:  # over objects: a tag to test
            # An unknown tag becomes UnknownVariant unless an untagged variant takes any object (then it is that).
            untagged = [v for v in u.variants if not isinstance(v, ir.ModelRef)]
            takes_objects = any("object" in json_kinds(v, reg) for v in untagged)
            tag = f"({py_literal(u.discriminator.property)}, {not takes_objects})"
        unions.append((u.name, _row(py_str(union_decoder(u)), sample(ir.UnionRef(u.name), reg), tag)))
    enums = [(e.name, _tuple_row([py_str(e.name), py_literal(e.members[0].value), py_literal(_unknown(e))]))
             for e in api.enums if e.members]  # fmt: skip
    return {"models": models, "unions": unions, "enums": enums}


def models_test_files(api: ir.Api, reg: Registry) -> list[tuple[str, dict[str, Any]]]:
    """The model tests as ``(file stem, context)``: ``test_models`` when they are small, else split over 2,
    4, 8, ... files ``test_models_<n>``, a models module's tests in the file its name hashes to (so a change
    of one schema changes one file). A 4 MB test file cost 200 MB to parse when the format stage checks it."""
    named = _model_rows(api, reg)
    size = sum(len(row) for rows in named.values() for _, row in rows)
    count = 1
    while size / count > _TEST_FILE_CHARS and count < 256:
        count *= 2
    if count == 1:
        return [("test_models", {kind: [row for _, row in rows] for kind, rows in named.items()})]
    buckets: list[dict[str, list[str]]] = [{kind: [] for kind in named} for _ in range(count)]
    definitions: list[ir.Model | ir.Enum | ir.UnionDef] = [*api.models, *api.enums, *api.unions]
    modules = {d.name: d.module for d in definitions}
    for kind, rows in named.items():
        for name, row in rows:
            buckets[zlib.crc32(modules[name].encode()) % count][kind].append(row)
    digits = len(str(count - 1))
    return [(f"test_models_{index:0{digits}d}", dict(bucket)) for index, bucket in enumerate(buckets) if any(bucket.values())]


def _unknown(enum: ir.Enum) -> Any:
    """A value of the enum's JSON kind that is none of its members (decoding keeps it as it is)."""
    numbers = [m.value for m in enum.members if type(m.value) in (int, float)]
    if enum.value_kind in ("integer", "number") and numbers:
        return max(numbers) + (1 if enum.value_kind == "integer" else 1.5)
    return "specsmith-unknown-value"


def _tuple_row(items: list[str]) -> str:
    """A tuple row of a test table (an item of a list, at indent 4), exploded when too long."""
    inline = f"({', '.join(items)})"
    if line_width(inline) + len("    ,") <= LINE_LENGTH:
        return inline
    return exploded("(", items, ")", indent=4)


def _row(name: str, data: Any, last: str) -> str:
    """One ``(name, data, flag)`` row of a test table (an item of a list, at indent 4)."""
    inline = f"({name}, {py_literal(data)}, {last})"
    if line_width(inline) + len("    ,") <= LINE_LENGTH:
        return inline
    return exploded("(", [name, json_literal(data, indent=8, column=8, tail=1), last], ")", indent=4)
