"""Never a half-written output: a failing run leaves an existing output dir byte-identical."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.cli_run import isolated_cache, run_cli, snapshot  # noqa: F401  (autouse fixture)

GOOD = """openapi: 3.1.0
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      operationId: list_pets
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}}
components:
  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
"""
# The same API grown by one model: a successful run would add models/owner.py.
GROWN = GOOD.replace(
    "    Pet: {type: object, properties: {name: {type: string}}}",
    "    Pet: {type: object, properties: {name: {type: string}, owner: {$ref: '#/components/schemas/Owner'}}}\n"
    "    Owner: {type: object, properties: {id: {type: integer}}}",
)
BROKEN = {
    "syntax": GROWN + "  bad: [\n",
    "invalid": GROWN.replace('version: "1"', "x: 1"),
    "dangling-ref": GROWN.replace("#/components/schemas/Owner", "#/components/schemas/Nobody"),
}


@pytest.fixture
def generated(tmp_path: Path) -> tuple[Path, Path]:
    """An output dir holding a client generated from GOOD, plus a user's own file inside it."""
    spec, out = tmp_path / "pets.yaml", tmp_path / "out"
    spec.write_text(GOOD, encoding="utf-8")
    run = run_cli("generate", spec, "-o", out, "--package-name", "pets")
    assert run.code == 0, run.output
    (out / "NOTES.md").write_text("my notes\n", encoding="utf-8")
    return spec, out


def _regenerate(spec: Path, out: Path, text: str, *flags: str) -> int:
    spec.write_text(text, encoding="utf-8")
    return run_cli("generate", spec, "-o", out, "--package-name", "pets", *flags).code


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_spec_errors_leave_the_output_untouched(case: str, generated: tuple[Path, Path]) -> None:
    spec, out = generated
    before = snapshot(out)
    assert _regenerate(spec, out, BROKEN[case]) == 1
    assert snapshot(out) == before


def test_strict_failure_on_warnings_is_reported(generated: tuple[Path, Path]) -> None:
    spec, out = generated
    warned = GROWN.replace("Owner: {type: object,", "Owner: {type: object, not: {required: [x]},")
    assert _regenerate(spec, out, warned, "--strict") == 2


def test_a_conflicting_user_file_stops_the_whole_write(generated: tuple[Path, Path]) -> None:
    spec, out = generated
    user_file = out / "pets" / "models" / "owner.py"
    user_file.write_text("# hand-written, not ours\n", encoding="utf-8")
    before = snapshot(out)
    run_code = _regenerate(spec, out, GROWN)
    assert run_code == 1
    assert snapshot(out) == before  # neither pet.py (changed) nor anything else was written


def test_check_reports_drift_and_writes_nothing(generated: tuple[Path, Path]) -> None:
    spec, out = generated
    before = snapshot(out)
    assert _regenerate(spec, out, GROWN, "--check") == 3
    assert snapshot(out) == before


def test_a_successful_run_keeps_user_files_and_unchanged_bytes(generated: tuple[Path, Path]) -> None:
    spec, out = generated
    before = snapshot(out)
    assert _regenerate(spec, out, GROWN) == 0
    after = snapshot(out)
    assert after["NOTES.md"] == before["NOTES.md"]
    assert after["pets/_runtime/_http.py"] == before["pets/_runtime/_http.py"]  # same bytes, same mtime
    assert "pets/models/owner.py" in after


def test_a_failure_while_committing_restores_the_old_output(
    generated: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec, out = generated
    before = snapshot(out)
    real_replace: Callable[..., None] = os.replace
    calls = {"n": 0}

    def failing_replace(src: str | Path, dst: str | Path) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    spec.write_text(GROWN, encoding="utf-8")
    run = run_cli("generate", spec, "-o", out, "--package-name", "pets")
    monkeypatch.undo()
    assert calls["n"] >= 3
    assert run.code != 0 and "Traceback" not in run.output
    restored = {k: v[0] for k, v in snapshot(out).items()}
    assert restored == {k: v[0] for k, v in before.items()}  # same files, same bytes


def test_a_non_empty_directory_without_a_manifest_is_refused(tmp_path: Path) -> None:
    spec, out = tmp_path / "pets.yaml", tmp_path / "mine"
    spec.write_text(GOOD, encoding="utf-8")
    out.mkdir()
    (out / "important.txt").write_text("keep me\n", encoding="utf-8")
    before = snapshot(out)
    run = run_cli("generate", spec, "-o", out, "--package-name", "pets")
    assert run.code == 1 and "--force" in run.stderr
    assert snapshot(out) == before
