"""`specsmith generate --check` on a stale client names what changed in the spec behind it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Pets", "version": "1"},
    "paths": {"/pets/{pet_id}": {"get": {
        "operationId": "getPet", "tags": ["pets"],
        "parameters": [{"name": "pet_id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}}}}},
    }}},
}  # fmt: skip


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "specsmith", *args], cwd=cwd, capture_output=True, text=True,
                          check=False, env={"PATH": "/usr/bin:/bin", "SPECSMITH_CACHE_DIR": str(cwd / ".cache"),
                                            "PYTHONPATH": str(Path(__file__).resolve().parents[2])})  # fmt: skip


def test_check_on_changed_spec_prints_the_diff_summary(tmp_path: Path) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    (tmp_path / "pets.json").write_text(json.dumps(SPEC))
    (tmp_path / "pyproject.toml").write_text(
        '[[tool.specsmith.clients]]\nspec = "pets.json"\noutput = "gen/pets"\npackage-name = "pets_client"\n'
        "validate = false\n"
    )
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    assert _run("generate", cwd=tmp_path).returncode == 0
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], cwd=tmp_path, check=True)
    assert _run("generate", "--check", cwd=tmp_path).returncode == 0

    newer = json.loads(json.dumps(SPEC))
    del newer["paths"]["/pets/{pet_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"][
        "properties"]["name"]  # fmt: skip
    newer["paths"]["/pets/{pet_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"][
        "required"] = []  # fmt: skip
    (tmp_path / "pets.json").write_text(json.dumps(newer))
    run = _run("generate", "--check", cwd=tmp_path)
    assert run.returncode == 3, run.stderr
    assert "stale" in run.stderr
    assert "the spec changed since the client was generated" in run.stderr
    assert "spec diff:" in run.stderr and "breaking" in run.stderr
