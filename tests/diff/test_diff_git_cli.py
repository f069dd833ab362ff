"""``specsmith diff git:REV:path`` through the real CLI: user errors are diagnostics with exit 1 (never the
"internal error" exit 70), and a revision can never be read as a git option."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.cli_run import isolated_cache, run_cli_process  # noqa: F401 (autouse fixture)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
SPEC = "openapi: 3.1.0\ninfo: {{title: T, version: '{version}'}}\npaths: {{}}\n"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _commit(repo: Path, version: str) -> None:
    (repo / "specs" / "a.yaml").write_text(SPEC.format(version=version))
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", f"v{version}")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    _git(root, "config", "user.email", "test@example.com")
    _git(root, "config", "user.name", "Test")
    (root / "specs").mkdir()
    for version in ("1", "2", "3"):
        _commit(root, version)
    return root


def test_two_revisions_diff_cleanly(repo: Path) -> None:
    run = run_cli_process("diff", "git:HEAD~2:specs/a.yaml", "git:HEAD:specs/a.yaml", cwd=repo)

    assert run.code == 0, run.output
    assert "no changes to the client surface" in run.stdout


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("git:no-such-branch:specs/a.yaml", "unknown revision 'no-such-branch'"),
        ("git:HEAD:specs/missing.yaml", "'specs/missing.yaml' does not exist in 'HEAD'"),
        ("git:HEAD", "expected git:REV:path"),
        ("missing.yaml", "no such file"),
    ],
)
def test_user_errors_are_diagnostics_with_exit_1(repo: Path, source: str, message: str) -> None:
    run = run_cli_process("diff", source, "specs/a.yaml", cwd=repo)

    assert run.code == 1, run.output
    assert "internal error" not in run.output
    assert "Traceback" not in run.output
    assert f"{source}: error[file-unreadable]: {message}" in run.stderr


def test_outside_a_repository_says_so(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(SPEC.format(version="1"))

    run = run_cli_process("diff", "git:HEAD:a.yaml", "a.yaml", cwd=tmp_path)

    assert run.code == 1, run.output
    assert "is not inside a git repository" in run.stderr
    assert "internal error" not in run.output


def test_a_shallow_clone_says_how_to_fetch_more_history(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth=1", f"file://{repo}", str(clone)], check=True,
                   capture_output=True)  # fmt: skip
    old = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD~2"], check=True,
                         capture_output=True, text=True).stdout.strip()  # fmt: skip

    run = run_cli_process("diff", f"git:{old}:specs/a.yaml", "specs/a.yaml", cwd=clone)

    assert run.code == 1, run.output
    assert f"unknown revision '{old}'" in run.stderr
    assert "shallow clone" in run.stderr and "git fetch --unshallow" in run.stderr
    assert "internal error" not in run.output


@pytest.mark.parametrize("revision", ["--output=written.txt", "--output", "-o"])
def test_a_revision_is_never_read_as_an_option(repo: Path, revision: str) -> None:
    run = run_cli_process("diff", f"git:{revision}:specs/a.yaml", "specs/a.yaml", cwd=repo)

    assert run.code == 1, run.output
    assert not (repo / "written.txt").exists()
    assert sorted(p.name for p in repo.iterdir()) == [".git", "specs"]
    assert "not a revision" in run.stderr


def test_a_revision_that_only_looks_like_an_option_inside_is_verified(repo: Path) -> None:
    """``HEAD^{commit}`` style suffixes and ``@{...}`` are git's business; ``x --output=y`` is one argument."""
    run = run_cli_process(
        "diff", "git:HEAD --output=written.txt:specs/a.yaml", "specs/a.yaml", cwd=repo
    )

    assert run.code == 1, run.output
    assert not (repo / "written.txt").exists()
    assert "unknown revision" in run.stderr
