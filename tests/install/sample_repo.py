"""A user's repository as CI and pre-commit see it: a spec, a [tool.specsmith] config, a vendored client."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

__all__ = ["PYPROJECT", "git", "make_repo", "spec_text", "tool_env"]

PYPROJECT = """\
[project]
name = "sample-service"
version = "1.0.0"

[[tool.specsmith.clients]]
spec = "specs/api.yaml"
output = "generated/api"
package-name = "api_client"
validate = false
"""


def spec_text(*, limit_required: bool = False, extra_param: bool = False) -> str:
    parameters = [{"name": "limit", "in": "query", "required": limit_required, "schema": {"type": "integer"}}]
    if extra_param:
        parameters.append({"name": "after", "in": "query", "schema": {"type": "string"}})
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Sample", "version": "1.0"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {"/pets": {"get": {"operationId": "list_pets", "parameters": parameters, "responses": {
            "200": {"description": "ok", "content": {"application/json": {"schema": {
                "type": "array", "items": {"$ref": "#/components/schemas/Pet"}}}}}}}}},
        "components": {"schemas": {"Pet": {"type": "object", "required": ["id"], "properties": {
            "id": {"type": "integer"}, "name": {"type": "string"}}}}},
    }  # fmt: skip
    return yaml.safe_dump(document, sort_keys=False)


def tool_env(home: Path) -> dict[str, str]:
    """A plain environment with this interpreter's scripts (specsmith, pre-commit) first on PATH."""
    scripts = str(Path(sys.executable).parent)
    return {
        "PATH": f"{scripts}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
        "SPECSMITH_CACHE_DIR": str(home / "specsmith-cache"),
        **{k: v for k, v in os.environ.items() if k in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_CONFIG_FILE")},
    }  # fmt: skip


def git(repo: Path, *argv: str, env: dict[str, str]) -> str:
    done = subprocess.run(["git", *argv], cwd=repo, env=env, capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


def make_repo(root: Path, env: dict[str, str]) -> Path:
    """A git repository on ``main`` with the spec and its config committed (no client generated yet)."""
    repo = root / "service"
    (repo / "specs").mkdir(parents=True)
    (repo / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (repo / "specs" / "api.yaml").write_text(spec_text(), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main", env=env)
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-q", "-m", "spec", env=env)
    return repo
