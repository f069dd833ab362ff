"""Where a spec to diff comes from: a file, or ``git:REV:path`` read from git into a temporary file.

``REV`` is user input: it is verified with ``git rev-parse --verify --end-of-options REV^{commit}`` and
only the commit id git answers is used afterwards, so a revision can never be read as an option
(``git:--output=x:api.yaml`` writes nothing).
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

__all__ = ["GIT_PREFIX", "SourceError", "resolve_source"]

GIT_PREFIX = "git:"
_SHALLOW_HINT = (
    "this is a shallow clone: fetch more history (git fetch --unshallow, or git fetch --depth=N origin; "
    "in GitHub Actions set fetch-depth: 0 on actions/checkout)"
)


class SourceError(Exception):
    """A spec argument that cannot be read; ``str()`` is meant for the user, ``hint`` says what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def resolve_source(spec: str, *, cwd: Path | None = None) -> Path:
    """A readable path for ``spec``: the file itself, or ``git:REV:path`` written to a temporary directory.

    As with ``git show REV:path``, ``path`` is relative to the repository root unless it starts with
    ``./``. The temporary file keeps the spec's file name (so YAML/JSON is recognised) and is removed at
    exit. Relative ``$ref``s to other files are not fetched from the revision.
    """
    if not spec.startswith(GIT_PREFIX):
        path = Path(spec)
        if not path.is_file():
            raise SourceError(f"{spec}: no such file")
        return path
    revision, separator, inner = spec[len(GIT_PREFIX) :].partition(":")
    if not separator or not revision or not inner:
        raise SourceError(f"{spec}: expected git:REV:path, e.g. git:HEAD~1:specs/api.yaml")
    content = _git_read(revision, inner, cwd or Path.cwd(), spec)
    return _write_temporary(PurePosixPath(inner).name or "spec", content)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)


def _last_line(completed: subprocess.CompletedProcess[bytes]) -> str:
    lines = completed.stderr.decode("utf-8", "replace").strip().splitlines()
    return (lines[-1] if lines else f"git exited with {completed.returncode}").removeprefix(
        "fatal: "
    )


def _git_read(revision: str, inner: str, cwd: Path, spec: str) -> bytes:
    if shutil.which("git") is None:
        raise SourceError(f"{spec}: git is not installed")
    if _git(cwd, "rev-parse", "--git-dir").returncode != 0:
        raise SourceError(f"{spec}: {cwd} is not inside a git repository")
    commit = _verify(revision, cwd, spec)
    completed = _git(cwd, "show", f"{commit}:{inner}")
    if completed.returncode == 0:
        return completed.stdout
    reason = _last_line(completed)
    if "does not exist in" in reason or "exists on disk, but not in" in reason:
        reason = f"{inner!r} does not exist in {revision!r}"
    raise SourceError(f"{spec}: {reason}")


def _verify(revision: str, cwd: Path, spec: str) -> str:
    """The commit id ``revision`` names; never lets it be read as an option."""
    if revision.startswith("-"):
        raise SourceError(f"{spec}: {revision!r} is not a revision (it starts with '-')")
    completed = _git(
        cwd, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )
    commit = completed.stdout.decode("ascii", "replace").strip()
    if completed.returncode == 0 and commit:
        return commit
    shallow = _git(cwd, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
    raise SourceError(f"{spec}: unknown revision {revision!r}", _SHALLOW_HINT if shallow else None)


def _write_temporary(name: str, content: bytes) -> Path:
    directory = Path(tempfile.mkdtemp(prefix="specsmith-diff-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    path = directory / name
    path.write_bytes(content)
    return path
