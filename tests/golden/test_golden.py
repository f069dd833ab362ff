"""The vendored clients in generated/ are exactly what the generator makes from specs/, and they are sound."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from specsmith.config import read_clients
from specsmith.pipeline import generate

from tests.support import mypy_command

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = read_clients(ROOT / "pyproject.toml")


@pytest.mark.parametrize("config", CLIENTS, ids=lambda c: c.package_name)
def test_vendored_client_is_up_to_date(config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = generate(config, check=True, cache_dir=tmp_path)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.drift is not None
    assert result.drift.is_clean, "generated/ is stale; run `python -m generator generate`\n" + result.drift.diff


@pytest.mark.parametrize("config", CLIENTS, ids=lambda c: c.package_name)
def test_vendored_client_type_checks(config) -> None:  # type: ignore[no-untyped-def]
    run = subprocess.run(mypy_command(config.package_name, "tests"),
                         cwd=config.output, capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:]


@pytest.mark.parametrize("config", CLIENTS, ids=lambda c: c.package_name)
def test_vendored_client_tests_pass(config) -> None:  # type: ignore[no-untyped-def]
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                         cwd=config.output, capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:]
    assert " passed" in run.stdout


def test_vendored_output_is_black_clean() -> None:
    run = subprocess.run([sys.executable, "-m", "black", "--check", "-q", "--line-length", "100",
                          "--target-version", "py310", str(ROOT / "generated")], capture_output=True, text=True, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]


def test_check_command_reports_drift_and_exits_3(tmp_path: Path) -> None:
    config = CLIENTS[0]
    copy = tmp_path / "vendored"
    subprocess.run(["cp", "-r", str(config.output), str(copy)], check=True)
    stale = next(copy.glob("*/models/http_validation_error.py"))
    stale.write_text(stale.read_text() + "# edited by hand\n")
    run = subprocess.run([sys.executable, "-m", "specsmith", "generate", str(config.spec), "--output", str(copy),
                          "--package-name", config.package_name, "--api-key-header", "xi-api-key",
                          "--base-url", "https://api.elevenlabs.io", "--check", "--no-validate"],
                         capture_output=True, text=True, cwd=ROOT, check=False)  # fmt: skip
    assert run.returncode == 3, run.stderr
    assert "http_validation_error.py" in run.stderr
    assert stale.read_text().endswith("# edited by hand\n")  # --check writes nothing
