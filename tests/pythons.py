"""Find the Python interpreters specsmith claims to support (3.10-3.13) on this machine."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

__all__ = ["SUPPORTED", "find_python"]

SUPPORTED = ("3.10", "3.11", "3.12", "3.13")


def _candidates(version: str) -> list[Path]:
    found = [Path(p) for p in (shutil.which(f"python{version}"),) if p]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found += sorted((pyenv_root / "versions").glob(f"{version}.*/bin/python{version}"), reverse=True)
    return found


def find_python(version: str) -> Path | None:
    """A working interpreter for ``version`` (``3.10``), or None."""
    for candidate in _candidates(version):
        try:
            done = subprocess.run([str(candidate), "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
                                  capture_output=True, text=True, timeout=30, check=False)  # fmt: skip
        except OSError:
            continue
        if done.returncode == 0 and done.stdout.strip() == version:
            return candidate
    return None
