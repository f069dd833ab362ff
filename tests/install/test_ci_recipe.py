"""The GitHub Actions job documented in docs/ci.md, run step by step against a sample repository.

The job's ``uses:`` steps (checkout, setup-python, the PR comment) and its ``pip install specsmith`` belong to
the hosted runner; every other ``run:`` step is executed here with the environment GitHub gives it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.install.sample_repo import git, make_repo, spec_text, tool_env
from tests.support import ROOT

RECIPE = ROOT / "docs" / "ci.md"


def _workflow() -> dict[str, Any]:
    blocks = re.findall(r"```yaml\n(.*?)```", RECIPE.read_text(encoding="utf-8"), re.S)
    [workflow] = [yaml.safe_load(b) for b in blocks if "jobs:" in b]
    return workflow  # type: ignore[no-any-return]


def _run_steps(repo: Path, env: dict[str, str]) -> list[tuple[str, int, str]]:
    """Run the job's own steps in order, as the runner would (stopping at the first failure)."""
    [job] = _workflow()["jobs"].values()
    outcomes: list[tuple[str, int, str]] = []
    for step in job["steps"]:
        command = step.get("run")
        if command is None or command.strip().startswith("pip install"):
            continue
        done = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=repo, capture_output=True, text=True,
                              env={**env, "GITHUB_BASE_REF": "main"}, timeout=300, check=False)  # fmt: skip
        outcomes.append((step.get("name", command), done.returncode, done.stdout + done.stderr))
        if done.returncode != 0:
            break
    return outcomes


def _pull_request(tmp_path: Path, new_spec: str) -> tuple[Path, dict[str, str]]:
    """A repo whose main has a vendored client, and a branch changing the spec (client regenerated)."""
    env = tool_env(tmp_path)
    repo = make_repo(tmp_path, env)
    subprocess.run(["specsmith", "generate"], cwd=repo, env=env, check=True, capture_output=True, timeout=300)
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-q", "-m", "client", env=env)
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD", env=env)  # what the checkout fetched
    git(repo, "checkout", "-q", "-b", "change", env=env)
    (repo / "specs" / "api.yaml").write_text(new_spec, encoding="utf-8")
    subprocess.run(["specsmith", "generate"], cwd=repo, env=env, check=True, capture_output=True, timeout=300)
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-q", "-m", "change", env=env)
    return repo, env


def test_the_recipe_passes_a_compatible_change(tmp_path: Path) -> None:
    repo, env = _pull_request(tmp_path, spec_text(extra_param=True))
    outcomes = _run_steps(repo, env)
    assert [code for _, code, _ in outcomes] == [0, 0], outcomes
    report = (repo / "spec-diff.md").read_text(encoding="utf-8")
    assert "| specsmith | 0 | 0 | 1 |" in report and "after" in report


def test_the_recipe_fails_a_breaking_change_and_still_writes_the_comment(tmp_path: Path) -> None:
    repo, env = _pull_request(tmp_path, spec_text(limit_required=True))
    outcomes = _run_steps(repo, env)
    assert [code for _, code, _ in outcomes] == [0, 1], outcomes
    report = (repo / "spec-diff.md").read_text(encoding="utf-8")
    assert "| specsmith | 1 | 0 | 0 |" in report and "limit" in report


def test_the_recipe_fails_a_stale_client(tmp_path: Path) -> None:
    repo, env = _pull_request(tmp_path, spec_text(extra_param=True))
    (repo / "specs" / "api.yaml").write_text(spec_text(), encoding="utf-8")  # spec edited, client not regenerated
    outcomes = _run_steps(repo, env)
    assert outcomes[0][1] == 3 and "stale" in outcomes[0][2], outcomes
