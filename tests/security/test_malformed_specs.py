"""Inputs that once crashed the generator or gave a client failing mypy: each must end in diagnostics
(exit 0/1), never exit 70 ("internal error") or a traceback.

Malformed values with validation off (``parameters: 5``, ``allOf: 5``, ``tags: 5``, a server enum that
is not a list), schemas whose ``allOf``/``oneOf`` include themselves, *valid* specs deep enough to
overflow a recursive builder (a 400-model chain, 240 levels of inline ``properties``), Swagger 2.0 or
OpenAPI 3.2 with validation off, component names with ``%`` escapes, and a spec without models.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from specsmith.cli import main

from tests.cli.cli_run import isolated_cache  # noqa: F401  (autouse fixture)
from tests.support import GeneratedClient, complete_spec

_OK_RESPONSES = {"200": {"description": "ok"}}


def _nested(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "string"}
    for _ in range(depth):
        node = {"type": "object", "properties": {"p": node}}
    return node


CASES: dict[str, dict[str, Any]] = {
    "parameters-not-a-list": {"paths": {"/a": {"get": {"parameters": 5, "responses": _OK_RESPONSES}}}},
    "path-parameters-not-a-list": {"paths": {"/a": {"parameters": 7, "get": {"responses": _OK_RESPONSES}}}},
    "allof-not-a-list": {"components": {"schemas": {"H": {"allOf": 5}}}},
    "server-enum-not-a-list": {"servers": [{"url": "https://{a}", "variables": {"a": {"default": "x", "enum": 5}}}]},
    "tags-not-a-list": {"paths": {"/a": {"get": {"tags": 5, "responses": _OK_RESPONSES}}}},
    "allof-includes-itself": {"components": {"schemas": {"N": {"allOf": [{"$ref": "#/components/schemas/N"}]}}}},
    "model-chain-400": {"components": {"schemas": {
        **{f"M{i}": {"type": "object", "properties": {"next": {"$ref": f"#/components/schemas/M{i + 1}"}}}
           for i in range(400)}, "M400": {"type": "string"}}}},
    "inline-nesting-240": {"components": {"schemas": {"D": _nested(240)}}},
    "oneof-includes-itself": {"components": {"schemas": {
        "A": {"type": "object", "properties": {"a": {"type": "string"}}},
        "U": {"oneOf": [{"$ref": "#/components/schemas/U"}, {"$ref": "#/components/schemas/A"}]}}}},
}  # fmt: skip


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("validate", [False, True], ids=["no-validate", "validate"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_documents_end_in_diagnostics(
    case: str, validate: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(complete_spec(CASES[case])), encoding="utf-8")
    argv = ["generate", str(spec), "-o", str(tmp_path / "out"), "--package-name", "p"]
    code, output = _run([*argv, *([] if validate else ["--no-validate"])], capsys)
    assert code in (0, 1), output
    assert "internal error" not in output and "Traceback" not in output


@pytest.mark.parametrize(
    ("document", "expected"),
    [("swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n", "Swagger 2.0"),
     ("openapi: 3.2.0\ninfo: {title: x, version: '1'}\npaths: {}\n", "3.2.0")],
)  # fmt: skip
def test_unsupported_versions_are_refused_without_validation(
    document: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(document, encoding="utf-8")
    out = tmp_path / "out"
    code, output = _run(["generate", str(spec), "-o", str(out), "--package-name", "p", "--no-validate"], capsys)
    assert code == 1
    assert "unsupported-version" in output and expected in output
    assert not out.exists()


def test_component_names_with_percent_escapes_generate(make_client: Callable[..., GeneratedClient]) -> None:
    c = make_client({"components": {"schemas": {"a%2Fb": {"type": "object", "properties": {"x": {"type": "string"}}}}}})
    assert c.models.A2Fb.from_dict({"x": "1"}).x == "1"


def test_client_without_models_type_checks(make_client: Callable[..., GeneratedClient]) -> None:
    c = make_client("paths: {/ping: {get: {operationId: ping, responses: {'204': {description: ok}}}}}")
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
