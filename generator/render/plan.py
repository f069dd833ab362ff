"""IR → the list of files to render: the only place that knows the output tree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .. import ir
from ..certain import Block, collecting
from .imports import import_line
from .modelfiles import grouped, model_modules
from .opview import resource_context
from .prefit import prefit
from .pytypes import Registry, py_literal, union_decoder
from .readmeview import readme_context
from .testview import models_test_files, resource_test_context

__all__ = ["OutputOptions", "RenderJob", "origins", "plan_files", "render_files"]

_RUNTIME_EXPORTS = (
    "OMIT", "Omit", "RequestOptions", "FileInput", "UnknownVariant", "ClientError", "ApiError",
    "BadRequestError", "AuthenticationError", "PermissionDeniedError", "NotFoundError", "ConflictError",
    "UnprocessableEntityError", "RateLimitError", "InternalServerError", "ApiConnectionError",
    "ApiTimeoutError", "DecodeError",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class OutputOptions:
    package: str  # import name of the generated package
    project: str  # distribution name in the generated pyproject.toml
    version: str = "0.1.0"
    base_url: str | None = None  # default when the spec has no servers
    client_name: str = "Client"
    with_tests: bool = True
    env_prefix: str = "API"  # <PREFIX>_API_KEY, <PREFIX>_BASE_URL, <PREFIX>_LOG
    environments: tuple[tuple[str, str], ...] = ()  # named base URLs from the config


@dataclass(frozen=True, slots=True)
class RenderJob:
    template: str | None  # None: copy ``source`` verbatim
    path: str  # relative output path
    context: dict[str, Any]
    source: Path | None = None
    # (gap, template, context) of each part, rendered first and passed to ``template`` as ``bodies``: [(gap, text)]
    parts: tuple[tuple[str, str, dict[str, Any]], ...] = ()


def _resources(node: ir.Resource) -> Iterator[ir.Resource]:
    yield node
    for child in node.children:
        yield from _resources(child)


def _resource_path(package: str, node: ir.Resource) -> tuple[str, bool]:
    is_package = bool(node.children) or not node.module_path
    parts = [package, "resources", *node.module_path]
    return ("/".join(parts) + "/__init__.py" if is_package else "/".join(parts) + ".py"), is_package


def _client_context(api: ir.Api, options: OutputOptions) -> dict[str, Any]:
    servers = [(s.name, s.url) for s in api.servers if s.name not in dict(options.environments)]
    servers += list(options.environments)
    default = options.base_url or (api.servers[0].url if api.servers else None)
    for server in api.servers[:1]:
        for variable in server.variables:
            default = default.replace("{" + variable.name + "}", variable.default) if default else None
    if default is None and options.environments:
        default = options.environments[0][1]
    variables = [(s.name, py_literal({v.name: v.default for v in s.variables})) for s in api.servers if s.variables]
    return {
        "servers": servers,
        "server_variables": variables,
        "default_base_url": default,
        "security": py_literal([list(s) for s in api.security]),
        "schemes": [(s.name, [f"kind={py_literal(s.kind)}", *(f"{k}={py_literal(v)}" for k, v in
                     (("location", s.location), ("param_name", s.param_name), ("scheme", s.scheme)) if v)])
                    for s in api.security_schemes],
        "user_agent": f"{options.package}/{options.version} (specsmith)",
        "env_prefix": options.env_prefix,
        "env_credentials": [(s.argument, f"{options.env_prefix}_{s.argument.upper()}") for s in api.security_schemes
                            if not s.argument.endswith("basic_auth")],
    }


def plan_files(api: ir.Api, options: OutputOptions, runtime_dir: Path) -> Iterator[RenderJob]:
    """Every output file with its template and context, each context made when its job is asked for."""
    reg = Registry.of(api)
    pkg = options.package
    common = {"api": api, "package": pkg, "client_name": options.client_name, "options": options}
    yield from [
        RenderJob("package/__init__.py.jinja", f"{pkg}/__init__.py", {
            **common,
            "runtime_exports": sorted(_RUNTIME_EXPORTS),
            "all_exports": sorted(["SERVERS", options.client_name, f"Async{options.client_name}", *_RUNTIME_EXPORTS]),
            "export_modules": sorted([("SERVERS", "._client"), (options.client_name, "._client"),
                                      (f"Async{options.client_name}", "._client"),
                                      *((n, "._runtime") for n in _RUNTIME_EXPORTS)]),
        }),
        RenderJob("package/client.py.jinja", f"{pkg}/_client.py", {**common, **_client_context(api, options)}),
        RenderJob(None, f"{pkg}/py.typed", {}, runtime_dir.parent / "package" / "py.typed"),
        RenderJob("package/pyproject.toml.jinja", "pyproject.toml", common),
        RenderJob("package/README.md.jinja", "README.md", {**common, **_readme(api, options)}),
    ]  # fmt: skip
    for source in sorted(runtime_dir.glob("*.py")):
        yield RenderJob(None, f"{pkg}/_runtime/{source.name}", {}, source)
    for node in _resources(api.root):
        path, is_package = _resource_path(pkg, node)
        yield RenderJob("resources/resource.py.jinja", path, {**common, **resource_context(node, reg, is_package)})
    definitions: list[ir.Model | ir.Enum | ir.UnionDef] = [*api.models, *api.enums, *api.unions]
    exports = sorted([(d.name, d.module) for d in definitions] + [(union_decoder(u), u.module) for u in api.unions])
    by_module: dict[str, list[str]] = {}
    for name, module in exports:  # a union's decoder is its module's ``decode``, exported as decode_<module>
        by_module.setdefault(module, []).append(f"decode as {name}" if name == f"decode_{module}" else name)
    type_imports = [import_line(f".{m}", sorted(names), indent=4).removeprefix("    ") for m, names in sorted(by_module.items())]
    yield RenderJob("models/__init__.py.jinja", f"{pkg}/models/__init__.py",
                          {**common, "exports": exports, "type_imports": type_imports})  # fmt: skip
    for held in model_modules(api, reg):
        yield RenderJob("models/module.py.jinja", f"{pkg}/models/{held.name}.py", {**common, **held.context},
                              parts=tuple((gap, template, {**common, **c}) for gap, template, c in held.parts))  # fmt: skip
    if options.with_tests:
        for node in _resources(api.root):
            if node.operations:
                name = "_".join(node.module_path) or "root"
                yield RenderJob("tests/test_resource.py.jinja", f"tests/test_{name}.py",
                                      {**common, **resource_test_context(node, reg, api)})  # fmt: skip
        for stem, context in models_test_files(api, reg):
            yield RenderJob("tests/test_models.py.jinja", f"tests/{stem}.py", {**common, **context})


def verbatim_paths(options: OutputOptions, runtime_dir: Path) -> set[str]:
    """The output paths of the runtime sources, copied unchanged: the repository keeps them black-clean
    (a test checks), so the format stage has nothing to do for them."""
    return {f"{options.package}/_runtime/{source.name}" for source in runtime_dir.glob("*.py")}


def origins(api: ir.Api, package: str) -> dict[str, str]:
    """Output path → the JSON pointer of the spec node it is rendered from (models and resources)."""
    found: dict[str, str] = {}
    for module, members in grouped(api).items():
        found[f"{package}/models/{module}.py"] = members[0].pointer
    for node in _resources(api.root):
        if node.operations:
            found[_resource_path(package, node)[0]] = node.operations[0].pointer
    return found


def _readme(api: ir.Api, options: OutputOptions) -> dict[str, Any]:
    client = _client_context(api, options)
    return readme_context(api, options.env_prefix, client["default_base_url"], [n for n, _ in client["servers"]])


def render_files(api: ir.Api, options: OutputOptions, env: jinja2.Environment, runtime_dir: Path,
                 certain: dict[str, tuple[Block, ...]] | None = None) -> dict[str, str]:  # fmt: skip
    """Render every planned file into memory (path → text); into ``certain``, each file's blocks of text
    that the renderer laid out as black would and that still hold a long line (see `certain`)."""
    files: dict[str, str] = {}
    jobs = plan_files(api, options, runtime_dir)
    while True:
        with collecting() as blocks:  # a job's view code lays text out too, when the job is planned
            job = next(jobs, None)
            if job is None:
                break
            if job.template is None:
                assert job.source is not None
                files[job.path] = job.source.read_text(encoding="utf-8")
                continue
            if job.parts:
                bodies = [(gap, env.get_template(t).render(c).rstrip("\n") + "\n") for gap, t, c in job.parts]
                text = env.get_template(job.template).render({**job.context, "bodies": bodies})
            else:
                text = env.get_template(job.template).render(job.context)
            files[job.path] = prefit(text) if job.path.endswith((".py", ".pyi")) else text
        if blocks and certain is not None:
            certain[job.path] = tuple(blocks)
    return files
