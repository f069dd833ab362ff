"""Fixtures for diff tests: spec snippets through the real loader, and the ElevenLabs snapshots.

IR factories for building ``ir.Api`` values directly live in ``diff_factories.py`` (test modules import
them by name: test folders have no ``__init__.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from specsmith.diff import DiffResult, diff_apis
from specsmith.ir import Api
from specsmith.pipeline import load_api

SPECS = Path(__file__).resolve().parents[2].parent / "shared" / "specs" / "elevenlabs"
SNIPPET_HEAD = "openapi: 3.1.0\ninfo: {title: Things, version: '1'}\n"


@pytest.fixture
def diff_snippets(tmp_path: Path) -> Callable[[str, str], DiffResult]:
    """Diff two spec snippets (everything after ``info``), each built with ``load_api``."""

    def run(old: str, new: str) -> DiffResult:
        apis = []
        for name, text in (("old.yaml", old), ("new.yaml", new)):
            path = tmp_path / name
            path.write_text(SNIPPET_HEAD + text)
            api, diagnostics = load_api(path)
            assert api is not None, [str(d) for d in diagnostics.items]
            apis.append(api)
        return diff_apis(*apis)

    return run


@pytest.fixture(scope="session")
def elevenlabs_apis() -> dict[str, Api]:
    """The ElevenLabs snapshots in ../shared/specs/elevenlabs built once, by date; skips when absent."""
    snapshots = sorted(SPECS.glob("openapi-*.json")) if SPECS.is_dir() else []
    if len(snapshots) < 2:
        pytest.skip(f"ElevenLabs spec snapshots not found in {SPECS} (../shared/specs/elevenlabs)")
    built = {}
    for path in snapshots:
        api, diagnostics = load_api(path)
        assert api is not None, [str(d) for d in diagnostics.items][:5]
        built[path.stem.removeprefix("openapi-")] = api
    return built
