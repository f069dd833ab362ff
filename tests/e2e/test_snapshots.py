"""Every dated ElevenLabs snapshot in ../shared generates with no error; the oldest also imports,
type-checks and passes its generated tests (the newest is covered by test_elevenlabs_full.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import elevenlabs_snapshots, generate_client, require_snapshots

pytestmark = pytest.mark.slow
SNAPSHOTS = elevenlabs_snapshots()


@pytest.mark.parametrize("spec", SNAPSHOTS or [None], ids=lambda p: p.stem if p else "absent")
def test_snapshot_generates_without_errors(spec: Path | None, tmp_path: Path) -> None:
    if spec is None:
        require_snapshots()
        return
    client = generate_client(spec, tmp_path, validate=True, expect_ok=False, package_name="snapshot_client",
                             api_key_header="xi-api-key", base_url="https://api.elevenlabs.io", with_tests=False)  # fmt: skip
    errors = [str(d) for d in client.result.diagnostics if d.severity.name == "ERROR"]
    assert errors == []
    assert client.result.written is not None and len(client.result.written.written) > 1000
    # black is applied per statement (emit/statements.py): each snapshot is more evidence that the
    # splice is what black makes of the whole file
    run = subprocess.run([sys.executable, "-m", "black", "--check", "-q", "--line-length", "100",
                          "--target-version", "py310", str(client.root)], capture_output=True, text=True, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]


def test_oldest_snapshot_client_works(tmp_path: Path) -> None:
    oldest = require_snapshots()[0]
    client = generate_client(oldest, tmp_path, package_name="oldest_snapshot_client",
                             api_key_header="xi-api-key", base_url="https://api.elevenlabs.io")  # fmt: skip
    try:
        assert hasattr(client.package.Client(api_key="k").conversational_ai.knowledge_base, "document")
        typed = client.mypy()
        assert typed.returncode == 0, typed.stdout[-3000:]
        tested = client.run_generated_tests()
        assert tested.returncode == 0, tested.stdout[-3000:]
    finally:
        for name in [m for m in sys.modules if m.startswith("oldest_snapshot_client")]:
            del sys.modules[name]
