"""Regressions: spec text that once reached generated files unescaped (found by the hostile-spec tests).

1. The client docstring held the security scheme's ``type`` and apiKey ``name`` raw: an apiKey header
   name containing ``\"\"\"`` closed the docstring and the rest ran when the client was imported.
2. ``pyproject.toml`` held ``api.title`` through ``tojson``: a lone surrogate (legal in JSON) became an
   escape TOML rejects, so the generated project could not be installed.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from specsmith.config import ClientConfig
from specsmith.pipeline import generate

from tests.security.hostile import MARKER_ENV, braceless, build_document, check_client, payloads

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "payload-ran"


def _with_api_key_name(spec: dict, header_name: str) -> dict:
    spec["components"]["securitySchemes"]["key"] = {"type": "apiKey", "in": "header", "name": header_name}
    return spec


def test_api_key_header_name_cannot_inject_code(marker: Path, tmp_path: Path) -> None:
    # A valid document (the validator accepts any string as a header name) whose import runs code today.
    code = f"__import__('os').environ.__setitem__('{MARKER_ENV}', '1')"
    name = f'X"""\n    {code}\n    """'
    spec = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
            "components": {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": name}}}}  # fmt: skip
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    result = generate(ClientConfig(spec=spec_path, output=tmp_path / "out", package_name="keyed"),
                      cache_dir=tmp_path / "cache")  # fmt: skip
    assert result.ok, [str(d) for d in result.diagnostics]
    env = {k: v for k, v in os.environ.items() if k != MARKER_ENV}
    probe = f"import os, keyed; keyed.Client; print(os.environ.get({MARKER_ENV!r}))"
    run = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path / "out", env=env,
                         capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "None", "the apiKey name ran as code when the client was imported"


@pytest.mark.parametrize("index", range(len(payloads(Path("/marker")))))
def test_every_payload_as_api_key_name_and_scheme_type(index: int, marker: Path, tmp_path: Path) -> None:
    payload = payloads(marker)[index]
    texts = itertools.cycle(["plain"])
    spec = build_document(lambda: next(texts) + str(next(itertools.count())), lambda: "n")
    spec = _with_api_key_name(spec, payload)
    spec["components"]["securitySchemes"]["odd"] = {"type": braceless(payload) or "x"}
    check_client(spec, tmp_path / "spec", marker, check_enum=False)


def test_pyproject_stays_valid_toml_with_a_lone_surrogate_in_the_title(tmp_path: Path) -> None:
    spec_path = tmp_path / "spec.json"
    spec_path.write_text('{"openapi": "3.1.0", "info": {"title": "Caf\\ud800", "version": "1"}, "paths": {}}',
                         encoding="utf-8")  # fmt: skip
    result = generate(ClientConfig(spec=spec_path, output=tmp_path / "out", package_name="sur", validate=False),
                      cache_dir=tmp_path / "cache")  # fmt: skip
    assert result.ok, [str(d) for d in result.diagnostics]
    project = tomllib.loads((tmp_path / "out" / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "sur"
