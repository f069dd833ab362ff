"""An independent oracle for what a generated client sends: every operation is called with synthesised
arguments (required ones only, then every optional one too) over ``httpx.MockTransport``, and each request
is validated against the spec by openapi-core (method, path, every parameter with its style and explode,
content type, body schema, multipart parts).

openapi-core cannot judge everything; each such case is counted under its reason instead of being passed:

* a ``deepObject`` parameter whose schema is not a plain object (an array, which OpenAPI leaves undefined
  and the client sends as Stripe's ``name[]=v``, or a union): openapi-core fails to deserialise it even
  when it is absent;
* an ``application/x-www-form-urlencoded`` body with an object property, or an array of objects (the
  client explodes it, ``a=x&b=2``, as OpenAPI's default ``style: form, explode: true`` says; openapi-core
  reads such a property from a field of its own name);
* a file part of an OpenAPI 3.1 multipart body (openapi-core validates the part's bytes against
  ``type: string``, which bytes never are);
* an optional request body left out (reported by openapi-core's body validator, ignored by its request
  validator; not an error);
* security requirements (the client sends the credentials it was given; not a spec-shape question).
"""

from __future__ import annotations

import datetime
import re
import uuid
import warnings
from collections import Counter
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx
from jsonschema_path import SchemaPath
from openapi_core.datatypes import RequestParameters
from openapi_core.validation.request import validators
from specsmith import ir
from specsmith.render.opview import alternative_bodies, is_file
from specsmith.render.pytypes import Needs, Registry, decode
from specsmith.render.samples import sample
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tests.support import GeneratedClient

BASE_URL = "https://oracle.test"
DEEP_ARRAY = "a deepObject parameter that is not a plain object (openapi-core deserialises plain objects only)"
FORM_OBJECT = "an exploded object in a urlencoded body (openapi-core reads it from one field)"
FILE_PART = "a file part of a 3.1 multipart body (openapi-core checks its bytes against `type: string`)"
_BYTES_NOT_STRING = re.compile(r"b['\"].*['\"] is not of type 'string'")


@dataclass
class Tally:
    """What the oracle saw for one spec."""

    operations: int = 0
    requests: int = 0
    valid: int = 0
    invalid: list[str] = field(default_factory=list)
    unjudged: Counter[str] = field(default_factory=Counter)  # part of a request openapi-core cannot judge
    failed_calls: list[str] = field(default_factory=list)  # raised before sending, or decoding the answer

    def summary(self, name: str) -> str:
        unjudged = ", ".join(f"{n} x {reason}" for reason, n in sorted(self.unjudged.items())) or "none"
        return (f"{name}: {self.operations} operations, {self.requests} requests, {self.valid} valid, "
                f"{len(self.invalid)} invalid, {len(self.failed_calls)} failed calls; not judged: {unjudged}")  # fmt: skip


class _Request:
    """An ``httpx.Request`` in the shape openapi-core reads."""

    def __init__(self, request: httpx.Request) -> None:
        self.host_url = f"{request.url.scheme}://{request.url.netloc.decode()}"
        self.path = unquote(request.url.raw_path.split(b"?", 1)[0].decode())
        self.method = request.method.lower()
        self.body: bytes | None = request.content
        self.content_type = request.headers.get("content-type", "")
        cookie = SimpleCookie(request.headers.get("cookie", ""))
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(request.url.query.decode(), keep_blank_values=True)),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict({k: m.value for k, m in cookie.items()}),
        )


def run_oracle(client: GeneratedClient, spec: dict[str, Any]) -> Tally:
    """Call every operation of ``client`` (generated from ``spec``) and validate each request it sends."""
    api = client.result.api
    assert api is not None
    reg = Registry.of(api)
    oracle_spec = SchemaPath.from_dict(_oracle_spec(spec))
    version = "V30" if str(spec.get("openapi", "")).startswith("3.0") else "V31"
    checkers = [getattr(validators, f"{version}Request{part}Validator")(oracle_spec) for part in ("Parameters", "Body")]
    credentials = {s.argument: ("user", "secret") if s.argument.endswith("basic_auth") else "secret"
                   for s in api.security_schemes}  # fmt: skip
    tally = Tally()
    for resource, op in _operations(api.root):
        tally.operations += 1
        for name, body in [(op.name, op.body), *alternative_bodies(op)]:
            for full in (False, True):
                _call(client, reg, resource, op, name=name, body=body, full=full, credentials=credentials,
                      checkers=checkers, tally=tally)  # fmt: skip
    return tally


def _oracle_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` as the oracle reads it: served at its URL (every ``servers`` replaced);
    ``application/json`` spelled out beside a wildcard request media range (``*/*``) that allows it
    (openapi-core would not parse the JSON the client sends under the wildcard, so could not check it);
    and "or null" dropped from parameter schemas and form/multipart field schemas (the client never sends
    null there, it leaves the value out; openapi-core picks how to deserialise them from a top-level
    ``type`` that an ``anyOf: [X, null]`` hides)."""
    copy = deepcopy(spec)
    copy["servers"] = [{"url": BASE_URL}]
    components = copy.get("components") or {}
    items = [item for item in (copy.get("paths") or {}).values() if isinstance(item, dict)]
    operations = [op for item in items for op in item.values() if isinstance(op, dict)]
    for owner in [*items, *operations]:
        owner.pop("servers", None)  # path- and operation-level servers too: the client was given BASE_URL
    parameters = [p for owner in [*items, *operations] for p in owner.get("parameters") or () if isinstance(p, dict)]
    for parameter in [*parameters, *(components.get("parameters") or {}).values()]:
        if isinstance(parameter, dict) and isinstance(parameter.get("schema"), dict):
            parameter["schema"] = _without_null(parameter["schema"])
    bodies = [op.get("requestBody") for op in operations]
    bodies += list((components.get("requestBodies") or {}).values())
    for body in bodies:
        content = body.get("content") if isinstance(body, dict) else None
        for media, value in list(content.items()) if isinstance(content, dict) else ():
            if media in ("*/*", "application/*") and "application/json" not in content:
                content["application/json"] = value
            schema = value.get("schema") if isinstance(value, dict) else None
            if media.startswith(("multipart/", "application/x-www-form-urlencoded")) and isinstance(schema, dict):
                target = _resolved(copy, schema)
                if isinstance(target.get("properties"), dict):
                    value["schema"] = {**target, "properties": {
                        k: _without_null(v) for k, v in target["properties"].items()}}  # fmt: skip
    return copy


def _resolved(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    for _ in range(8):
        ref = schema.get("$ref")
        if not (isinstance(ref, str) and ref.startswith("#/")):
            break
        node: Any = spec
        for token in ref[2:].split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        schema = node
    return schema


def _without_null(schema: Any) -> Any:
    if not isinstance(schema, dict):
        return schema
    for keyword in ("anyOf", "oneOf"):
        variants = schema.get(keyword)
        if isinstance(variants, list) and any(isinstance(v, dict) and v.get("type") == "null" for v in variants):
            rest = [v for v in variants if not (isinstance(v, dict) and v.get("type") == "null")]
            if len(rest) == 1 and isinstance(rest[0], dict):
                siblings = {k: v for k, v in schema.items() if k != keyword}
                return rest[0] if "$ref" in rest[0] else {**siblings, **rest[0]}
            return {**schema, keyword: rest}
    types = schema.get("type")
    if isinstance(types, list) and "null" in types:
        rest_types = [t for t in types if t != "null"]
        return {**schema, "type": rest_types[0] if len(rest_types) == 1 else rest_types}
    return schema


def _operations(resource: ir.Resource) -> Iterator[tuple[ir.Resource, ir.Operation]]:
    for op in resource.operations:
        yield resource, op
    for child in resource.children:
        yield from _operations(child)


def _call(client: GeneratedClient, reg: Registry, resource: ir.Resource, op: ir.Operation, *, name: str,
          body: ir.Body | None, full: bool, credentials: dict[str, Any], checkers: list[Any],
          tally: Tally) -> None:  # fmt: skip
    seen: list[httpx.Request] = []
    answer = _answer(op, reg)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer

    http = httpx.Client(transport=httpx.MockTransport(handler))
    api = client.package.Client(BASE_URL, http_client=http, max_retries=0, **credentials)
    target = api
    for part in resource.attributes:
        target = getattr(target, part)
    kwargs, unjudged = _arguments(client, reg, op, body, full)
    label = f"{op.method} {op.path} [{name}, {'all' if full else 'required'} arguments]"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # deprecated operations are called too
            returned = getattr(target, name)(**kwargs)
            if op.pagination is not None:
                returned.first_page()  # a pager sends its first request when it is read
            elif op.stream is not None:
                returned.close()
    except Exception as exc:  # reported with the others, not raised: one failure must not hide the rest
        stage = "decoding the synthesised response" if seen else "before sending"
        tally.failed_calls.append(f"{label}: {stage}: {exc.__class__.__name__}: {exc}"[:400])
    for request in seen:
        tally.requests += 1
        problems = []
        for checker, part in zip(checkers, ("parameters", "body"), strict=True):
            if part == "body" and FORM_OBJECT in unjudged:
                tally.unjudged[FORM_OBJECT] += 1
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # openapi-core's, on deprecated parameters
                errors = list(checker.iter_errors(_Request(request)))
            for error in errors:
                if type(error).__name__ == "MissingRequestBody":
                    continue  # an optional body left out: openapi-core's own request validator ignores this too
                reason = _unjudgeable(_explain(error), unjudged)
                if reason is None:
                    problems.append(_explain(error))
                else:
                    tally.unjudged[reason] += 1
        if problems:
            tally.invalid.append(f"{label}: {'; '.join(problems)}"[:1500])
        else:
            tally.valid += 1


def _arguments(client: GeneratedClient, reg: Registry, op: ir.Operation, body: ir.Body | None,
               full: bool) -> tuple[dict[str, Any], list[str]]:  # fmt: skip
    kwargs: dict[str, Any] = {}
    unjudged: list[str] = []
    for p in op.params:
        if p.style == "deepObject" and not isinstance(p.type, ir.ModelRef | ir.MapOf):
            unjudged.append(DEEP_ARRAY)
        if p.required or full:
            value = sample(p.type, reg, examples=p.examples, filled=p.location == "path", constraints=p.constraints)
            kwargs[p.name] = _python(client, reg, p.type, value)

    if body is None:
        return kwargs, unjudged
    if not body.fields:
        if body.kind == "binary":
            kwargs["body"] = b"binary"
        elif body.kind == "text":
            kwargs["body"] = "text"
        elif body.kind in ("multipart", "form"):
            kwargs["body"] = {"key": "value"}
        else:
            kwargs["body"] = _python(client, reg, body.type or ir.AnyValue(), sample(body.type or ir.AnyValue(), reg))
        return kwargs, unjudged
    for f in body.fields:
        if not (f.required or full):
            continue
        if is_file(f.type) and body.kind != "json":
            kwargs[f.name] = ("a.bin", b"content", "application/octet-stream")
            unjudged.append(FILE_PART)
            if isinstance(f.type, ir.ArrayOf):
                kwargs[f.name] = [kwargs[f.name]]
            continue
        value = sample(f.type, reg, constraints=f.constraints)
        kwargs[f.name] = _python(client, reg, f.type, value)
        if body.kind == "form" and _has_object(value) and "json" not in dict(body.encodings).get(f.wire_name, ""):
            unjudged.append(FORM_OBJECT)
    return kwargs, unjudged


def _has_object(value: Any) -> bool:
    return isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value))


def _python(client: GeneratedClient, reg: Registry, t: ir.Type, value: Any) -> Any:
    """The Python value of sample ``value`` for an argument of type ``t`` (models built by their decoders)."""
    needs = Needs()
    expression = decode(t, "_value", reg, needs)
    runtime = client.module("_runtime")
    names = {"_value": value, "_models": client.models, "datetime": datetime, "uuid": uuid,
             **{n: getattr(runtime, n) for n in needs.runtime}}  # fmt: skip
    return eval(expression, names)  # an expression the generator itself writes into generated tests


def _answer(op: ir.Operation, reg: Registry) -> httpx.Response:
    success = op.success
    if success is None or success.kind == "empty":
        return httpx.Response(204)
    status = int(success.status) if success.status.isdigit() else 200
    if success.kind == "json":
        return httpx.Response(status, json=sample(success.type or ir.AnyValue(), reg))
    return httpx.Response(status, content=b"content", headers={"content-type": success.content_type or "text/plain"})


def _unjudgeable(error: str, unjudged: list[str]) -> str | None:
    """The reason openapi-core cannot judge what ``error`` is about, or None when its verdict stands."""
    if DEEP_ARRAY in unjudged and "DeserializeError('deepObject'" in error:
        return DEEP_ARRAY
    if FILE_PART in unjudged and _BYTES_NOT_STRING.search(error):
        return FILE_PART
    return None


def _explain(error: Exception) -> str:
    """openapi-core's error with the schema errors it wraps (they hold the useful part)."""
    parts = [f"{error.__class__.__name__}: {error}"]
    cause: BaseException | None = error
    while cause is not None:
        if cause is not error:
            parts.append(repr(cause))
        for inner in getattr(cause, "schema_errors", None) or getattr(cause, "errors", None) or ():
            parts.append(f"{getattr(inner, 'message', inner)}")
        cause = cause.__cause__
    return " | ".join(parts)
