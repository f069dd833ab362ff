"""The vendored client runs on every Python specsmith claims (3.10-3.13): its generated tests pass on each.

The generated package is installed the way its users install it (``pip install 'generated/elevenlabs[test]'``)
into a fresh virtualenv per interpreter. An interpreter this machine lacks is skipped with the reason.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.pythons import SUPPORTED, find_python
from tests.support import ROOT

CLIENT = ROOT / "generated" / "elevenlabs"


@pytest.mark.slow
@pytest.mark.parametrize("version", SUPPORTED)
def test_the_generated_client_passes_its_tests_on(version: str, tmp_path: Path) -> None:
    python = find_python(version)
    if python is None:
        pytest.skip(f"no Python {version} interpreter on this machine (looked on PATH and in pyenv)")
    venv = tmp_path / "venv"
    subprocess.run([str(python), "-m", "venv", str(venv)], check=True, timeout=300)
    source = tmp_path / "client"
    shutil.copytree(CLIENT, source, ignore=shutil.ignore_patterns(".mypy_cache", "__pycache__", "*.egg-info", "build"))
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                              f"{source}[test]"], capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert install.returncode == 0, install.stderr
    shutil.rmtree(source / "elevenlabs_client")  # the tests must import the installed package
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                          cwd=source, capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout and " failed" not in done.stdout
