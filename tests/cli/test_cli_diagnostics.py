"""Bad input at the command line: where the problem is, how bad it is, and what the exit code says.

Syntax errors carry line and column, validator and reference errors a JSON pointer; unsupported
constructs are warnings (the rest is still generated) that ``--strict`` turns into exit 2; ``--format
json`` prints the diagnostics as data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.cli_run import isolated_cache, run_cli  # noqa: F401  (autouse fixture)

HEADER = 'openapi: 3.1.0\ninfo: {title: Test, version: "1"}\n'
YAML_SYNTAX = HEADER + "paths:\n  /a:\n    get: {responses: {200: {description: ok}}\n  bad: [\n"
JSON_SYNTAX = '{"openapi": "3.1.0",\n "info": {"title": "x", "version": "1"},\n "paths": {,}\n}\n'
INVALID = 'openapi: 3.1.0\ninfo: {title: Test}\npaths: {}\n'
DANGLING = HEADER + """paths:
  /pets:
    get:
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Nope"}}}
"""
CYCLE = HEADER + """paths: {}
components:
  schemas:
    A: {$ref: "#/components/schemas/B"}
    B: {$ref: "#/components/schemas/A"}
"""
UNSUPPORTED = HEADER + """paths:
  /pets:
    get:
      operationId: list_pets
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}}
webhooks:
  newPet: {post: {responses: {"200": {description: ok}}}}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
        tag: {type: string, not: {const: forbidden}}
servers: [{url: "https://api.test"}]
"""
CLEAN = HEADER + """paths:
  /pets:
    get:
      operationId: list_pets
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}
servers: [{url: "https://api.test"}]
"""


def _spec(tmp_path: Path, text: str, name: str = "spec.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _generate(spec: Path, out: Path, *flags: str) -> tuple[int, str, str]:
    run = run_cli("generate", spec, "-o", out, "--package-name", "pets_client", *flags)
    return run.code, run.stdout, run.stderr


def _json_rows(stdout: str) -> list[dict[str, object]]:
    start, end = stdout.index("["), stdout.rindex("]") + 1
    rows: list[dict[str, object]] = json.loads(stdout[start:end])
    return rows


@pytest.mark.parametrize("command", ["generate", "validate"])
def test_yaml_syntax_error_names_line_and_column(command: str, tmp_path: Path) -> None:
    spec = _spec(tmp_path, YAML_SYNTAX)
    extra = ["-o", str(tmp_path / "out"), "--package-name", "p"] if command == "generate" else []
    run = run_cli(command, spec, *extra)
    assert run.code == 1
    # line 5 leaves a flow mapping open; line 6, column 3 (`bad`) is where YAML notices
    assert f"{spec}:6:3: error[syntax-error]" in run.stderr
    assert not (tmp_path / "out").exists()


def test_json_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    spec = _spec(tmp_path, JSON_SYNTAX, "spec.json")
    code, _, stderr = _generate(spec, tmp_path / "out")
    assert code == 1
    assert f"{spec}:3:12: error[syntax-error]: invalid JSON" in stderr


def test_syntax_error_as_json_has_line_and_column_fields(tmp_path: Path) -> None:
    spec = _spec(tmp_path, YAML_SYNTAX)
    code, stdout, _ = _generate(spec, tmp_path / "out", "--format", "json")
    assert code == 1
    [row] = _json_rows(stdout)
    assert (row["severity"], row["code"], row["line"], row["column"]) == ("error", "syntax-error", 6, 3)
    assert row["file"] == str(spec)


def test_validator_errors_point_at_the_offending_node(tmp_path: Path) -> None:
    spec = _spec(tmp_path, INVALID)
    code, _, stderr = _generate(spec, tmp_path / "out")
    assert code == 1
    assert f'{spec}#/info: error[spec-invalid]: "version" is a required property' in stderr


def test_dangling_ref_is_reported_at_the_ref(tmp_path: Path) -> None:
    spec = _spec(tmp_path, DANGLING)
    code, stdout, _ = _generate(spec, tmp_path / "out", "--format", "json")
    assert code == 1
    [row] = [r for r in _json_rows(stdout) if r["severity"] == "error"]
    assert row["code"] == "ref-unresolved"
    assert row["pointer"] == "/paths/~1pets/get/responses/200/content/application~1json/schema"
    assert "#/components/schemas/Nope" in str(row["message"])
    assert not (tmp_path / "out").exists()


def test_ref_only_cycle_is_an_error(tmp_path: Path) -> None:
    spec = _spec(tmp_path, CYCLE)
    code, _, stderr = _generate(spec, tmp_path / "out")
    assert code == 1
    assert "error[ref-cycle]" in stderr
    assert "#/components/schemas/A" in stderr and "#/components/schemas/B" in stderr


def test_unsupported_constructs_warn_with_pointer_and_the_rest_is_generated(tmp_path: Path) -> None:
    spec = _spec(tmp_path, UNSUPPORTED)
    out = tmp_path / "out"
    code, _, stderr = _generate(spec, out, "-v")
    assert code == 0
    assert f"{spec}#/components/schemas/Pet/properties/tag/not: warning[schema-unsupported]" in stderr
    assert f"{spec}#/webhooks: warning[webhook-unsupported]" in stderr
    model = (out / "pets_client" / "models" / "pet.py").read_text(encoding="utf-8")
    assert "tag: str | Omit = OMIT" in model
    assert "def list_pets(" in (out / "pets_client" / "resources" / "__init__.py").read_text(encoding="utf-8")


def test_warnings_are_summarised_without_verbose(tmp_path: Path) -> None:
    code, _, stderr = _generate(_spec(tmp_path, UNSUPPORTED), tmp_path / "out")
    assert code == 0
    assert "2 warnings (schema-unsupported: 1, webhook-unsupported: 1); -v lists them" in stderr


@pytest.mark.parametrize("command", ["generate", "validate"])
def test_strict_turns_warnings_into_exit_2_and_lists_them(command: str, tmp_path: Path) -> None:
    spec = _spec(tmp_path, UNSUPPORTED)
    extra = ["-o", str(tmp_path / "out"), "--package-name", "p"] if command == "generate" else []
    run = run_cli(command, spec, *extra, "--strict")
    assert run.code == 2
    assert "warning[schema-unsupported]" in run.stderr and "warning[webhook-unsupported]" in run.stderr


def test_strict_passes_a_clean_spec(tmp_path: Path) -> None:
    code, _, stderr = _generate(_spec(tmp_path, CLEAN), tmp_path / "out", "--strict")
    assert code == 0, stderr
    assert (tmp_path / "out" / "pets_client" / "__init__.py").is_file()


def test_errors_win_over_strict(tmp_path: Path) -> None:
    code, _, _ = _generate(_spec(tmp_path, DANGLING), tmp_path / "out", "--strict")
    assert code == 1


def test_json_format_prints_every_diagnostic_as_data(tmp_path: Path) -> None:
    spec = _spec(tmp_path, UNSUPPORTED)
    run = run_cli("validate", spec, "--format", "json")
    assert run.code == 0
    rows = json.loads(run.stdout)
    assert {(r["code"], r["pointer"]) for r in rows} == {
        ("schema-unsupported", "/components/schemas/Pet/properties/tag/not"),
        ("webhook-unsupported", "/webhooks"),
    }
    for row in rows:
        assert set(row) == {"severity", "code", "message", "file", "pointer", "hint", "line", "column"}
        assert row["severity"] == "warning" and row["file"] == str(spec) and row["message"]


def test_json_format_with_strict_still_exits_2(tmp_path: Path) -> None:
    run = run_cli("validate", _spec(tmp_path, UNSUPPORTED), "--format", "json", "--strict")
    assert run.code == 2
    assert len(json.loads(run.stdout)) == 2


def test_validate_reports_a_clean_spec_as_valid(tmp_path: Path) -> None:
    spec = _spec(tmp_path, CLEAN)
    run = run_cli("validate", spec)
    assert run.code == 0
    assert f"{spec}: valid" in run.stdout


def test_swagger_2_is_refused_with_unsupported_version(tmp_path: Path) -> None:
    spec = _spec(tmp_path, 'swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n')
    code, _, stderr = _generate(spec, tmp_path / "out")
    assert code == 1
    assert f"{spec}#/swagger: error[unsupported-version]: Swagger 2.0 documents are not supported" in stderr
    assert "hint:" in stderr
