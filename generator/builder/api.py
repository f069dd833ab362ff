"""The whole document → ``ir.Api``: security, servers, every operation and every component schema."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostics
from ..ir import (
    Api,
    Enum,
    Model,
    Operation,
    Resource,
    SecurityScheme,
    Server,
    ServerVariable,
    UnionDef,
    UnionRef,
)
from ..load import ResolvedSpec
from ..load.pointer import join
from .context import BuildContext, ref_to
from .credentials import detect_credential_header
from .definitions import named_type
from .directions import apply_directions
from .naming import Scope, snake_case
from .operations import HTTP_METHODS, build_operation
from .resources import ResourceNode, assemble_tree, operation_place
from .unsupported import report_document

__all__ = ["build_api"]


# Builders recurse once per nesting level and per not-yet-built $ref target; the loader caps nesting at
# 500 levels, and a chain of models each pointing at the next can be longer still.


def build_api(
    spec: ResolvedSpec, diagnostics: Diagnostics, *, api_key_header: str | None = None,
    detect_credentials: bool = True, pagination: dict[str, Any] | None = None,
) -> Api:  # fmt: skip
    """Build the IR; spec problems become diagnostics and the broken piece is skipped.

    A document nested deeper than the recursion limit allows is an error (``spec-too-deep``); the
    pipeline runs this with a raised limit and a large stack (``pipeline._deep``).
    """
    try:
        return _build_api(spec, diagnostics, api_key_header, detect_credentials, pagination or {})
    except RecursionError:
        diagnostics.error("spec-too-deep", "schemas or $ref chains are nested too deeply to build",
                          file=spec.display, pointer="")  # fmt: skip
        return Api(title="API", version="0", spec_file=spec.display, spec_sha256=spec.sha256,
                   root=Resource("", "RootResource", ()))  # fmt: skip


def _build_api(spec: ResolvedSpec, diagnostics: Diagnostics, api_key_header: str | None, detect: bool,
               paging: dict[str, Any]) -> Api:  # fmt: skip
    data = spec.data
    ctx = BuildContext(spec, diagnostics, is_openapi_30=str(data.get("openapi", "")).startswith("3.0"))
    components = _mapping(ctx, data.get("components"), "/components")
    raw_schemes = _mapping(ctx, components.get("securitySchemes"), "/components/securitySchemes")
    paths = _mapping(ctx, data.get("paths"), "/paths")
    note = f"the `{api_key_header}` header (api-key-header in the config)" if api_key_header else None
    if api_key_header is None and detect and not raw_schemes:
        api_key_header = detect_credential_header(ctx, paths)
        note = (f"the `{api_key_header}` header, which (nearly) every operation takes: detected, since the spec "
                "declares no security scheme (detect-credentials = false turns this off)")  # fmt: skip
    schemes, security = _security(ctx, data, raw_schemes, api_key_header, note)
    credential_headers = frozenset(
        s.param_name.lower() for s in schemes if s.kind == "apiKey" and s.location == "header" and s.param_name
    )
    report_document(ctx, data)
    root = ResourceNode()
    for path, raw_item in paths.items():
        item_pointer = join("/paths", path)
        item, _ = ctx.deref(raw_item, item_pointer)
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            if method not in item:
                continue
            pointer = join(item_pointer, method)
            resource, name = operation_place(item[method] if isinstance(item[method], dict) else {}, method, path)
            operation = build_operation(ctx, path, method, item, pointer=pointer, method_name=name, resource=resource,
                                        credential_headers=credential_headers, paging=paging)  # fmt: skip
            if operation is not None:
                root.at(resource).operations.append(operation)
    schemas = _mapping(ctx, components.get("schemas"), "/components/schemas")
    for name in schemas:
        named_type(ctx, ref_to(join("/components/schemas", name)), join("/components/schemas", name))
    apply_directions(ctx, _operations(root))
    info = data.get("info") if isinstance(data.get("info"), dict) else {}
    definitions = _without_union_cycles(ctx, sorted(ctx.definitions.values(), key=lambda d: d.name))
    return Api(
        title=str(info.get("title") or "API"),
        version=str(info.get("version") or "0"),
        spec_file=spec.display,
        spec_sha256=spec.sha256,
        root=assemble_tree(ctx, root),
        models=tuple(d for d in definitions if isinstance(d, Model)),
        enums=tuple(d for d in definitions if isinstance(d, Enum)),
        unions=tuple(d for d in definitions if isinstance(d, UnionDef)),
        security_schemes=tuple(schemes),
        security=security,
        servers=_servers(data),
        description=info.get("description") if isinstance(info.get("description"), str) else None,
        webhooks=_names(data.get("webhooks")),
    )


def _names(mapping: Any) -> tuple[str, ...]:
    """The keys of a ``webhooks``/``callbacks`` map, sorted (the differ compares them; no code is generated)."""
    return tuple(sorted(str(key) for key in mapping)) if isinstance(mapping, dict) else ()


def _operations(node: ResourceNode) -> Iterator[Operation]:
    yield from node.operations
    for child in node.children.values():
        yield from _operations(child)


def _without_union_cycles(ctx: BuildContext, definitions: list[Any]) -> list[Any]:
    """Drop each union variant that is a union leading back to its owner through unions only
    (``A: oneOf [B]``, ``B: anyOf [A, …]``): decoding it would loop without reading any input."""
    unions = {d.name: d for d in definitions if isinstance(d, UnionDef)}

    def reaches(start: str, goal: str) -> bool:
        seen, stack = {start}, [start]
        while stack:
            for variant in unions[stack.pop()].variants:
                if isinstance(variant, UnionRef) and variant.name in unions:
                    if variant.name == goal:
                        return True
                    if variant.name not in seen:
                        seen.add(variant.name)
                        stack.append(variant.name)
        return False

    for name in sorted(unions):
        union = unions[name]
        kept = tuple(v for v in union.variants if not (isinstance(v, UnionRef) and v.name in unions
                                                       and (v.name == name or reaches(v.name, name))))  # fmt: skip
        if kept != union.variants:
            ctx.warn("ref-cycle-alias", "a variant of this union leads back to it through unions only; "
                     "it is ignored", union.pointer)  # fmt: skip
            unions[name] = dataclasses.replace(union, variants=kept)
    return [unions.get(d.name, d) if isinstance(d, UnionDef) else d for d in definitions]


def _mapping(ctx: BuildContext, value: Any, pointer: str) -> dict[str, Any]:
    """``value`` when it is a mapping (or absent: empty); anything else is an error at ``pointer``
    (reached only without validation, which reports it first)."""
    if value is None or isinstance(value, dict):
        return value or {}
    kind = "a list" if isinstance(value, list) else f"a {type(value).__name__}"
    ctx.error("document-invalid", f"must be a mapping (an object), not {kind}", pointer)
    return {}


def _security(
    ctx: BuildContext, data: dict[str, Any], raw: dict[str, Any], api_key_header: str | None, note: str | None = None
) -> tuple[list[SecurityScheme], tuple[tuple[str, ...], ...]]:
    kinds: list[tuple[str, dict[str, Any], str]] = []
    for name, raw_scheme in raw.items():
        scheme, at = ctx.deref(raw_scheme, join("/components/securitySchemes", name))
        if isinstance(scheme, dict) and isinstance(scheme.get("type"), str):
            kinds.append((name, scheme, at))
    single = {k: sum(1 for _, s, _ in kinds if _argument_kind(s) == k) == 1 for k in ("api_key", "token", "basic_auth")}
    scope = Scope(reserved=frozenset({"base_url", "headers", "timeout", "max_retries", "http_client", "server"}))
    schemes = []
    for name, scheme, at in kinds:
        kind = _argument_kind(scheme)
        wanted = kind if single[kind] else f"{snake_case(name, fallback='auth')}_{kind}".replace("_api_key_api_key", "_api_key")
        argument, _ = scope.claim(wanted)
        schemes.append(SecurityScheme(
            name=name, argument=argument, kind=scheme["type"], pointer=at,
            location=scheme.get("in"), param_name=scheme.get("name"),
            scheme=str(scheme.get("scheme", "")).lower() or None, description=scheme.get("description"),
        ))  # fmt: skip
    requirements = data.get("security")
    security = tuple(tuple(sorted(r)) for r in requirements if isinstance(r, dict)) if isinstance(requirements, list) else ()
    if not schemes and api_key_header:
        schemes.append(SecurityScheme("api_key", "api_key", "apiKey", "", "header", api_key_header, description=note))
        security = (("api_key",),)
    elif schemes and not isinstance(requirements, list):
        security = tuple((s.name,) for s in schemes)
    return schemes, security


def _argument_kind(scheme: dict[str, Any]) -> str:
    if scheme.get("type") == "apiKey":
        return "api_key"
    if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "basic":
        return "basic_auth"
    return "token"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _servers(data: dict[str, Any]) -> tuple[Server, ...]:
    raw = data.get("servers")
    if not isinstance(raw, list):
        return ()
    scope = Scope()
    servers = []
    for index, server in enumerate(raw):
        if not isinstance(server, dict) or not isinstance(server.get("url"), str):
            continue
        description = server.get("description") if isinstance(server.get("description"), str) else None
        wanted = snake_case(description, fallback="server") if description and len(description) < 40 else f"server_{index + 1}"
        name, _ = scope.claim("default" if index == 0 and not description else wanted)
        variables: dict[str, Any] = server["variables"] if isinstance(server.get("variables"), dict) else {}
        servers.append(Server(name, server["url"], description, tuple(
            ServerVariable(k, str(v.get("default", "")), tuple(str(e) for e in _list(v.get("enum"))),
                           v["description"] if isinstance(v.get("description"), str) else None)
            for k, v in variables.items() if isinstance(v, dict)
        )))  # fmt: skip
    return tuple(servers)
