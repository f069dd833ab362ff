"""Issue 11 items 8, 9 and 10 through the CLI: user errors are diagnostics (exit 1, never the
"internal error" exit 70), printed text cannot forge lines, and unusable package names are refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.cli_run import run_cli

_HEAD = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}}


def _spec(tmp_path: Path, document: dict[str, Any] | str, name: str = "spec.json") -> Path:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def test_control_characters_in_pointers_and_messages_cannot_forge_lines(tmp_path: Path) -> None:
    forged = "/x\n::error file=a.py,line=1::forged\r\x1b[2K\u2028"
    spec = _spec(tmp_path, {**_HEAD, "paths": {forged: {"get": {"parameters": 5, "responses": {"200": {"description": "ok"}}}}}})
    run = run_cli("generate", spec, "-o", tmp_path / "out", "--no-validate", "-v", "--no-tests")
    assert "operation-invalid" in run.stderr
    lines = run.output.splitlines()
    assert not [line for line in lines if line.startswith("::error")], run.output
    assert "\x1b" not in run.output and "\r" not in run.output and "\u2028" not in run.output
    assert "\\n::error" in run.stderr  # shown escaped, still readable


@pytest.mark.parametrize("name", ["httpx", "json", "os", "sys", "enum", "typing", "dataclasses", "importlib",
                                  "None", "é", "\uff46\uff4f\uff4f", "class", "match", "tests", "__main__", "Json"])  # fmt: skip
def test_package_names_that_cannot_work_are_refused_up_front(tmp_path: Path, name: str) -> None:
    spec = _spec(tmp_path, "not even a spec: the name is refused before loading")
    run = run_cli("generate", spec, "-o", tmp_path / "out", "--package-name", name)
    assert run.code == 1 and f"package name {name!r}" in run.stderr, run.output
    assert "internal error" not in run.output and not (tmp_path / "out").exists()


def test_a_project_name_that_is_not_a_distribution_name_is_refused(tmp_path: Path) -> None:
    spec = _spec(tmp_path, {**_HEAD, "paths": {}})
    run = run_cli("generate", spec, "-o", tmp_path / "out", "--package-name", "ok_name", "--project-name", "é x")
    assert run.code == 1 and "project name" in run.stderr and not (tmp_path / "out").exists()


_USER_ERRORS = {
    "huge-int": ('{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "components": '
                 '{"schemas": {"A": {"type": "integer", "default": ' + "9" * 5000 + "}}}}", "number-too-large"),
    "huge-hex": ("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
                 "    A: {type: integer, default: 0x" + "f" * 5000 + "}\n", "number-too-large"),
    "components-list": ({**_HEAD, "paths": {}, "components": [1]}, "document-invalid"),
    "schemas-list": ({**_HEAD, "paths": {}, "components": {"schemas": [1], "securitySchemes": 3}}, "document-invalid"),
    "type-empty": ({**_HEAD, "paths": {}, "components": {"schemas": {"A": {"type": []}}}}, "schema-invalid"),
    "type-nested": ({**_HEAD, "paths": {}, "components": {"schemas": {"A": {"properties": {"x": {"type": [[]]}}}}}},
                    "schema-invalid"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(_USER_ERRORS))
def test_user_errors_are_diagnostics_not_internal_errors(tmp_path: Path, case: str) -> None:
    document, code = _USER_ERRORS[case]
    spec = _spec(tmp_path, document, "spec.yaml" if case == "huge-hex" else "spec.json")
    run = run_cli("generate", spec, "-o", tmp_path / "out", "--package-name", "pkg", "--no-validate")
    assert run.code == 1 and f"error[{code}]" in run.stderr, run.output
    assert "internal error" not in run.output and not (tmp_path / "out").exists()


def _generated(tmp_path: Path) -> tuple[Path, Path]:
    spec = _spec(tmp_path, {**_HEAD, "paths": {}, "components": {"schemas": {"A": {"type": "object",
                 "properties": {"x": {"type": "string"}}}}}})  # fmt: skip
    out = tmp_path / "out"
    assert run_cli("generate", spec, "-o", out, "--package-name", "pkg").code == 0
    return spec, out


@pytest.mark.parametrize("damage", ["symlinked-subfolder", "symlinked-manifest", "damaged-manifest", "dir-manifest"])
def test_an_untrustworthy_output_folder_is_a_diagnostic(tmp_path: Path, damage: str) -> None:
    spec, out = _generated(tmp_path)
    manifest = out / ".specsmith-manifest.json"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if damage == "symlinked-subfolder":
        (out / "pkg" / "models").rename(tmp_path / "moved")
        (out / "pkg" / "models").symlink_to(elsewhere, target_is_directory=True)
    elif damage == "symlinked-manifest":
        (elsewhere / "m.json").write_bytes(manifest.read_bytes())
        manifest.unlink()
        manifest.symlink_to(elsewhere / "m.json")
    elif damage == "damaged-manifest":
        manifest.write_text('{"format": 1, "files": {"../../etc/passwd": "x"}}')
    else:
        manifest.unlink()
        manifest.mkdir()
    spec.write_text(spec.read_text().replace('"x"', '"y"'))
    run = run_cli("generate", spec, "-o", out, "--package-name", "pkg")
    assert run.code == 1 and "error[output-refused]" in run.stderr, run.output
    assert "internal error" not in run.output and list(elsewhere.iterdir()) in ([], [elsewhere / "m.json"])
