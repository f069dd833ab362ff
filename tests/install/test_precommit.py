"""The pre-commit hooks of .pre-commit-hooks.yaml in a real ``pre-commit try-repo`` run.

pre-commit installs specsmith from this checkout into a hook environment of its own (from the package index
for its dependencies), exactly as a user's ``.pre-commit-config.yaml`` would.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.install.sample_repo import git, make_repo, spec_text, tool_env
from tests.support import ROOT

pytestmark = pytest.mark.slow


def _try_repo(repo: Path, env: dict[str, str], hook: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["pre-commit", "try-repo", str(ROOT), hook, *extra], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900, check=False)  # fmt: skip


def test_the_check_hook_regenerates_or_fails(tmp_path: Path) -> None:
    env = {**tool_env(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    repo = make_repo(tmp_path, env)

    first = _try_repo(repo, env, "specsmith-check", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr  # it wrote the missing client: the commit stops
    assert "written" in first.stdout
    assert (repo / "generated" / "api" / "api_client" / "__init__.py").is_file()

    git(repo, "add", "-A", env=env)
    second = _try_repo(repo, env, "specsmith-check", "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr  # current now: the commit goes through


def test_the_diff_hook_stops_a_breaking_change(tmp_path: Path) -> None:
    env = {**tool_env(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    repo = make_repo(tmp_path, env)
    args = ["--all-files"]
    config = repo / ".pre-commit-config.yaml"
    # try-repo takes no args: a local config naming the same hook with its args stands in for it
    (repo / "specs" / "api.yaml").write_text(spec_text(limit_required=True), encoding="utf-8")
    git(repo, "add", "-A", env=env)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    config.write_text(
        "repos:\n"
        f"  - repo: {ROOT}\n"
        f"    rev: {rev.strip()}\n"
        "    hooks:\n"
        "      - id: specsmith-diff\n"
        "        args: [git:HEAD:specs/api.yaml, specs/api.yaml, --fail-on, breaking]\n",
        encoding="utf-8",
    )
    done = subprocess.run(["pre-commit", "run", "specsmith-diff", *args], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=900, check=False)  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "limit" in done.stdout and "breaking" in done.stdout
