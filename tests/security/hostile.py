"""Hostile-spec helpers: payloads, a document with a payload in every slot, and the inertness check.

A payload tries to break out of a string literal, docstring or comment and run
``os.environ[MARKER_ENV] = "1"`` / ``open(marker, "w")``. ``check_client`` generates a spec and asserts
the client compiles, imports every module in a fresh interpreter without running the payload, and has
no call to ``__import__``/``eval``/``exec``/``os.system`` (nor an ``import os``) in its syntax tree.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from hypothesis import strategies as st
from specsmith.config import ClientConfig
from specsmith.load.pointer import escape
from specsmith.pipeline import generate

__all__ = ["MARKER_ENV", "braceless", "build_document", "check_client", "documents", "payloads"]

MARKER_ENV = "SPECSMITH_HOSTILE_PAYLOAD_RAN"
_DANGEROUS_CALLS = frozenset({"__import__", "eval", "exec", "compile", "breakpoint", "system", "popen",
                              "__setitem__", "open", "spawnl", "execv"})  # fmt: skip
_DANGEROUS_MODULES = frozenset({"os", "sys", "subprocess", "shutil", "socket", "ctypes", "pathlib", "pickle"})
_RUNTIME_OK = {"os", "sys", "pathlib", "open", "compile"}  # the copied runtime, verbatim


def payloads(marker: Path) -> list[str]:
    """Strings that, pasted raw into Python source in various places, would run ``code``."""
    code = f"__import__('os').environ.__setitem__('{MARKER_ENV}', '1') or open({str(marker)!r}, 'w')"
    return [
        f'"""\n{code}\n"""', f"'''\n{code}\n'''", f'"; {code}; "', f"'; {code}; '", f'\\"; {code}; #',
        f"\n{code}\n", f"\n    {code}\n    ", f"{{{{ {code} }}}}", f"{{% {code} %}}", f"}}}}{{{{{code}}}}}",
        f"#\n{code}", f"\r{code}\r", f"\u2028{code}\u2029", f"\x00{code}", f"\\\n{code}", f'""""{code}',
        f"x)); {code}; print((", f"]}}); {code}; ({{[", '"""', "'''", "\\", "\\\\\"", "#", "\r\n", "é日本\U0001f680",
    ]  # fmt: skip


_PIECES = st.sampled_from(['"', "'", '"""', "'''", "\\", "\n", "\r", "{{", "}}", "{%", "%}", "#", "\x00",
                           "\u2028", "é", "日本", "\U0001f680", " ", "a", "1", "$", "-", "/", ".", "__import__"])  # fmt: skip


def hostile(marker: Path) -> st.SearchStrategy[str]:
    fragments = st.lists(_PIECES, min_size=1, max_size=6).map("".join)
    return st.one_of(
        st.sampled_from(payloads(marker)),
        fragments,
        st.tuples(fragments, st.sampled_from(payloads(marker))).map("".join),
        st.text(max_size=12),
    )


def _ref(name: str) -> str:
    """A URI-fragment ``$ref`` to a schema (lone surrogates stay raw: they have no UTF-8 form)."""
    return "#/components/schemas/" + "".join(c if "\ud800" <= c <= "\udfff" else quote(c, safe="") for c in escape(name))


# Issue 11: numbers whose naive member names are not identifiers, and schema names that are the
# builtins and module globals a models package or a generated module relies on.
NUMBERS = [1e16, -2.5e-20, 1e308, 5e-324, 2**70, -(2**70), -3, 0.5, 0, 12345678901234567890]
BUILTIN_NAMES = ["getattr", "globals", "sorted", "list", "dict", "str", "type", "object", "importlib",
                 "ModuleType", "Callable", "Any", "annotations", "__name__", "_MODULES", "TYPE_CHECKING"]  # fmt: skip


def build_document(text: Callable[[], str], name: Callable[[], str], *, numbers: list[Any] | None = None,
                   builtin: str = "getattr") -> dict[str, Any]:  # fmt: skip
    """A document with ``text()`` in every free-text and name slot (``name()`` where braces matter),
    a number enum of ``numbers`` and a model named ``builtin``."""
    model, enum, union, other, numbers_name = (kind + name() + text() for kind in "MEUON")  # distinct
    prop, prop2, tag_prop = text(), text(), text()
    props = {prop: {"type": "string", "description": text(), "default": text(), "example": text()},
             prop2: {"type": "integer", "default": 3, "examples": [text()], "title": text()},
             tag_prop: {"type": "string"}}  # fmt: skip
    schemes = {text(): {"type": "apiKey", "in": "query", "name": text(), "description": text()},
               text(): {"type": "apiKey", "in": "header", "name": name(), "description": text()},
               text(): {"type": "http", "scheme": "bearer", "description": text()},
               text(): {"type": text(), "description": text()}}  # fmt: skip
    path_param = name()
    return {
        "openapi": "3.1.0",
        "info": {"title": text(), "version": text(), "description": text()},
        "servers": [{"url": "https://example.test/" + name(), "description": text(),
                     "variables": {text(): {"default": text(), "enum": [text()]}}}],
        "tags": [{"name": text(), "description": text()}],
        "security": [{next(iter(schemes)): []}],
        "paths": {
            f"/{name()}/{{{path_param}}}": {
                "post": {
                    "operationId": text(), "summary": text(), "description": text(), "tags": [text()],
                    "parameters": [
                        {"name": path_param, "in": "path", "required": True, "schema": {"type": "string"},
                         "description": text()},
                        {"name": text(), "in": "query", "description": text(),
                         "schema": {"type": "string", "default": text(), "example": text()}},
                        {"name": text(), "in": "query", "schema": {"$ref": _ref(enum)}},
                        {"name": text(), "in": "header", "schema": {"type": "string"}},
                    ],
                    "requestBody": {"description": text(),
                                    "content": {"application/json": {"schema": {"$ref": _ref(model)}}}},
                    "responses": {
                        "200": {"description": text(), "content": {"application/json": {"schema": {"$ref": _ref(union)}}}},
                        "404": {"description": text(), "content": {"application/json": {"schema": {"$ref": _ref(other)}}}},
                    },
                },
            },
        },
        "components": {
            "securitySchemes": schemes,
            "schemas": {
                model: {"type": "object", "title": text(), "description": text(), "properties": props,
                        "required": [prop], "example": {prop: text()}},
                other: {"type": "object", "description": text(),
                        "properties": {tag_prop: {"type": "string"}, text(): {"$ref": _ref(enum)}}},
                enum: {"type": "string", "enum": [text(), text(), text()], "description": text(),
                       "x-enum-descriptions": [text()]},
                numbers_name: {"type": "number", "enum": numbers or NUMBERS, "description": text()},
                builtin: {"type": "object", "description": text(), "properties": {
                    text(): {"$ref": _ref(model)}, "n": {"$ref": _ref(numbers_name)}}},
                union: {"oneOf": [{"$ref": _ref(model)}, {"$ref": _ref(other)}], "description": text(),
                        "discriminator": {"propertyName": tag_prop,
                                          "mapping": {text(): _ref(model), text(): _ref(other)}}},
            },
        },
    }  # fmt: skip


def braceless(text: str) -> str:
    return text.replace("{", "(").replace("}", ")")


@st.composite
def documents(draw: st.DrawFn, marker: Path) -> dict[str, Any]:
    strings = hostile(marker)
    names = strings.filter(lambda s: s.strip() != "").map(braceless)
    numbers = draw(st.lists(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                                      st.sampled_from(NUMBERS)), min_size=1, max_size=8, unique=True))  # fmt: skip
    return build_document(lambda: draw(strings), lambda: draw(names), numbers=numbers,
                          builtin=draw(st.sampled_from(BUILTIN_NAMES)))  # fmt: skip


_IMPORT_EVERYTHING = """
import enum, importlib, json, os, pathlib, sys
root, package, MARKER = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
sys.path.insert(0, str(root))
imported = 0
for path in sorted((root / package).rglob("*.py")):
    parts = path.relative_to(root).with_suffix("").parts
    importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    imported += 1
pkg = importlib.import_module(package)
client = pkg.Client("https://example.test")
models = importlib.import_module(package + ".models")
enums = {name: sorted(m.value for m in getattr(models, name)) for name in models.__all__
         if isinstance(getattr(models, name), type) and issubclass(getattr(models, name), enum.Enum)}
print(json.dumps({"imported": imported, "ran": os.environ.get(MARKER), "enums": enums}))
"""


def _dangerous_calls(tree: ast.AST, allowed: set[str]) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if called in _DANGEROUS_CALLS and called not in allowed:
                found.append(ast.unparse(node))
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"import {m}" for m in modules if m.split(".")[0] in _DANGEROUS_MODULES - allowed]
        elif isinstance(node, ast.Name) and node.id in ("__builtins__", "__import__"):
            found.append(node.id)
        elif isinstance(node, ast.Attribute) and node.attr == "environ":
            found.append(ast.unparse(node))
    return found


def check_client(spec: dict[str, Any], where: Path, marker: Path, *, check_enum: bool = True) -> None:
    """Generate ``spec`` under ``where`` and assert the client is inert (see the module docstring)."""
    where.mkdir(parents=True, exist_ok=True)
    spec_path = where / "spec.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    config = ClientConfig(spec=spec_path, output=where / "out", package_name="hostile_client", validate=False)
    result = generate(config, cache_dir=where / "cache")
    assert result.ok, "\n".join(str(d) for d in result.diagnostics.sorted())
    assert result.files is not None
    for path, source in result.files.items():
        if not path.endswith(".py"):
            continue
        tree = compile(source, path, "exec", ast.PyCF_ONLY_AST)
        runtime = "/_runtime/" in path
        allowed = _RUNTIME_OK if runtime else set()
        assert not _dangerous_calls(tree, allowed), (path, _dangerous_calls(tree, allowed))
    env = {k: v for k, v in os.environ.items() if k != MARKER_ENV}
    command = [sys.executable, "-c", _IMPORT_EVERYTHING, str(where / "out"), "hostile_client", MARKER_ENV]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, check=False)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["ran"] is None, "a payload ran while importing the client"
    assert not marker.exists(), "a payload created the marker file while importing the client"
    assert report["imported"] >= 8
    if not check_enum:
        return
    enum_values = {str(v) for v in spec["components"]["schemas"][_enum_name(spec)]["enum"]}
    assert any(set(values) == enum_values for values in report["enums"].values()), report["enums"]


def _enum_name(spec: dict[str, Any]) -> str:
    return next(k for k, v in spec["components"]["schemas"].items() if "enum" in v)
