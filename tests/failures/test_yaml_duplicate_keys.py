"""Issue 11 item 13: a repeated YAML mapping key is a warning at the pointer (and line) of the second key;
``--strict`` fails the run."""

from __future__ import annotations

from pathlib import Path

from specsmith.diagnostics import Diagnostics, Severity
from specsmith.load import load_document

from tests.cli.cli_run import run_cli

SPEC = """openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        x: {type: string}
        x: {type: integer}
    B: {enum: [1, {c: 1, c: 2}]}
    A: {type: string}
"""


def test_duplicate_keys_are_warned_at_the_second_key(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    diagnostics = Diagnostics()
    document = load_document(spec, diagnostics, "spec.yaml")
    assert document is not None and document.data["components"]["schemas"]["A"] == {"type": "string"}
    found = sorted((d.pointer, d.line, d.column) for d in diagnostics if d.code == "yaml-duplicate-key")
    assert found == [("/components/schemas/A", 12, 5), ("/components/schemas/A/properties/x", 10, 9),
                     ("/components/schemas/B/enum/1/c", 11, 26)]  # fmt: skip
    assert all(d.severity is Severity.WARNING for d in diagnostics)


def test_strict_fails_on_a_duplicate_key(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    run = run_cli("generate", spec, "-o", tmp_path / "out", "--package-name", "pkg", "--strict", "--no-tests")
    assert run.code == 2 and "yaml-duplicate-key" in run.stderr and "#/components/schemas/A:" in run.stderr
