"""Run the CLI as a user would: in-process through ``main`` (fast) or as ``python -m specsmith``."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from specsmith.cli import main

__all__ = ["ROOT", "Run", "isolated_cache", "run_cli", "run_cli_process", "snapshot"]

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*argv: str | Path) -> Run:
    """``main(argv)`` with stdout/stderr captured; exceptions propagate (``main`` must not raise)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return Run(code, out.getvalue(), err.getvalue())


def run_cli_process(*argv: str | Path, timeout: float = 120, cwd: Path | None = None) -> Run:
    """``python -m specsmith ARGV`` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "specsmith", *map(str, argv)], cwd=cwd or ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)  # fmt: skip
    return Run(done.returncode, done.stdout, done.stderr)


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``root`` (hidden ones included) → (sha256, mtime in ns); dirs → ("dir", 0)."""
    found: dict[str, tuple[str, int]] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_dir():
            found[key] = ("dir", 0)
        else:
            found[key] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return found


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the validation and format caches of CLI runs out of the user's cache directory."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("SPECSMITH_CACHE_DIR", str(cache))
    return cache
