"""Shared test helpers: generate a client from an inline spec into a dir and import it.

Imported as ``tests.support`` by ``conftest.py`` and by test modules (importing ``tests.conftest``
instead would load the conftest module a second time under another name).
"""

from __future__ import annotations

import importlib
import itertools
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from specsmith.config import ClientConfig
from specsmith.pipeline import Result, generate

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ELEVENLABS = SHARED / "specs" / "elevenlabs"
_counter = itertools.count()


def mypy_command(*arguments: str) -> list[str]:
    """``mypy --strict`` with a cache shared by the whole test session (and the next): the standard library
    and httpx are analysed once, not once per generated package. mypy checks every cached module against
    its source, so a package generated anew is always re-checked."""
    cache = Path(os.environ.get("SPECSMITH_TEST_MYPY_CACHE", Path(tempfile.gettempdir()) / f"specsmith-test-mypy-{os.getuid()}"))
    return [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *arguments]


def elevenlabs_snapshots() -> list[Path]:
    """The dated ElevenLabs specs in ../shared, oldest first (empty when ../shared is absent)."""
    return sorted(ELEVENLABS.glob("openapi-*.json"))


def require_snapshots() -> list[Path]:
    found = elevenlabs_snapshots()
    if not found:
        pytest.skip(f"real ElevenLabs specs not found in {ELEVENLABS} (../shared is absent)")
    return found


def complete_spec(spec: str | dict[str, Any]) -> dict[str, Any]:
    """An inline YAML/dict fragment made a whole document (openapi, info and paths may be omitted)."""
    data = yaml.safe_load(spec) if isinstance(spec, str) else dict(spec)
    data.setdefault("openapi", "3.1.0")
    data.setdefault("info", {"title": "Test API", "version": "1.0"})
    data.setdefault("paths", {})
    return data


@dataclass
class GeneratedClient:
    """A client generated into a temporary folder and imported."""

    root: Path  # the output directory
    name: str  # package import name
    result: Result

    @property
    def package(self) -> ModuleType:
        return importlib.import_module(self.name)

    @property
    def models(self) -> ModuleType:
        return importlib.import_module(f"{self.name}.models")

    def module(self, dotted: str) -> ModuleType:
        return importlib.import_module(f"{self.name}.{dotted}")

    def run_generated_tests(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                              cwd=self.root, capture_output=True, text=True, timeout=900, check=False)  # fmt: skip

    def mypy(self) -> subprocess.CompletedProcess[str]:
        targets = [self.name, *(["tests"] if (self.root / "tests").is_dir() else [])]
        return subprocess.run(mypy_command(*targets),
                              cwd=self.root, capture_output=True, text=True, timeout=900, check=False)  # fmt: skip


def generate_client(
    spec: str | dict[str, Any] | Path, where: Path, *, validate: bool = False, expect_ok: bool = True,
    **config: Any,
) -> GeneratedClient:  # fmt: skip
    """Generate ``spec`` (inline fragment or a file) under ``where`` with a unique package name."""
    name = config.pop("package_name", f"client_{next(_counter)}_{abs(hash(str(where))) % 10**6}")
    if isinstance(spec, Path):
        spec_path = spec
    else:
        where.mkdir(parents=True, exist_ok=True)
        spec_path = where / "spec.json"
        spec_path.write_text(json.dumps(complete_spec(spec)), encoding="utf-8")
    output = where / "out"
    result = generate(ClientConfig(spec=spec_path, output=output, package_name=name, validate=validate, **config),
                      cache_dir=where / "cache")  # fmt: skip
    if expect_ok:
        assert result.ok, "\n".join(str(d) for d in result.diagnostics.sorted())
        if str(output) not in sys.path:
            sys.path.insert(0, str(output))
    return GeneratedClient(output, name, result)
