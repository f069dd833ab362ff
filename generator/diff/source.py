"""Where a spec to diff comes from: a file, or ``git:REV:path`` read with ``git show`` into a temporary file."""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

__all__ = ["GIT_PREFIX", "SourceError", "resolve_source"]

GIT_PREFIX = "git:"


class SourceError(Exception):
    """A spec argument that cannot be read; the message is meant for the user."""


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
    content = _git_show(revision, inner, cwd or Path.cwd(), spec)
    return _write_temporary(PurePosixPath(inner).name or "spec", content)


def _git_show(revision: str, inner: str, cwd: Path, spec: str) -> bytes:
    if shutil.which("git") is None:
        raise SourceError(f"{spec}: git is not installed")
    command = ["git", "-C", str(cwd), "show", f"{revision}:{inner}"]
    completed = subprocess.run(command, capture_output=True, check=False)
    if completed.returncode == 0:
        return completed.stdout
    detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
    reason = detail[-1] if detail else f"git show exited with {completed.returncode}"
    if "not a git repository" in reason:
        reason = f"{cwd} is not inside a git repository"
    elif "invalid object name" in reason or "unknown revision" in reason:
        reason = f"unknown revision {revision!r}"
    elif "does not exist in" in reason or "exists on disk, but not in" in reason:
        reason = f"{inner!r} does not exist in {revision!r}"
    raise SourceError(f"{spec}: {reason.removeprefix('fatal: ')}")


def _write_temporary(name: str, content: bytes) -> Path:
    directory = Path(tempfile.mkdtemp(prefix="specsmith-diff-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    path = directory / name
    path.write_bytes(content)
    return path
