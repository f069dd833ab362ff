"""CLI output a machine or a user can rely on, also when the disk or the output path says no.

``generate --format json`` prints only JSON on stdout; an output path that is a file, or a write that
fails (disk full, permission denied), ends in exit 1 with the reason, not "internal error".
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.cli_run import isolated_cache, run_cli  # noqa: F401  (autouse fixture)

SPEC = """openapi: 3.1.0
info: {title: Pets, version: "1"}
paths: {}
components:
  schemas:
    Pet: {type: object, not: {required: [x]}, properties: {name: {type: string}}}
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "pets.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def test_generate_json_output_is_only_json(spec: Path, tmp_path: Path) -> None:
    run = run_cli("generate", spec, "-o", tmp_path / "out", "--package-name", "pets", "--format", "json")
    assert run.code == 0
    rows = json.loads(run.stdout)  # fails today: a text status line follows the JSON
    assert [r["code"] for r in rows] == ["schema-unsupported"]


def test_output_path_that_is_a_file_is_a_plain_error(spec: Path, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("not a dir\n", encoding="utf-8")
    for out in (target, target / "sub"):
        run = run_cli("generate", spec, "-o", out, "--package-name", "pets")
        assert run.code == 1, run.output
        assert "internal error" not in run.output
    assert target.read_text(encoding="utf-8") == "not a dir\n"


def test_a_failing_disk_is_a_plain_error(spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real: Callable[..., None] = os.replace

    def full_disk(src: str | Path, dst: str | Path) -> None:
        if str(dst).endswith(".py"):
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    run = run_cli("generate", spec, "-o", tmp_path / "out", "--package-name", "pets")
    assert run.code == 1, run.output
    assert "No space left on device" in run.stderr and "internal error" not in run.stderr
