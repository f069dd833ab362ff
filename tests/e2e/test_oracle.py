"""The openapi-core oracle (tests/e2e/oracle.py): every operation of each corpus spec and of the full ElevenLabs
spec, called through the generated client with synthesised arguments (required only, then all optional),
sends only requests openapi-core finds valid. What openapi-core cannot judge is counted and printed, by
reason, never passed silently (see the module docstring of oracle.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from jsonschema_path import SchemaPath
from openapi_core.validation.request import validators

from tests.corpus.test_corpus import SPECS, VALID
from tests.e2e.oracle import BASE_URL, Tally, _Request, run_oracle
from tests.support import generate_client, require_snapshots


def _load(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


def _check(tally: Tally, name: str) -> None:
    print(tally.summary(name))  # the counts, in the test log (pytest -s or -rA)
    assert tally.requests >= 2 * tally.operations > 0
    assert not tally.failed_calls, "\n".join(tally.failed_calls[:20])
    assert not tally.invalid, f"{len(tally.invalid)} invalid requests:\n" + "\n".join(tally.invalid[:20])
    assert tally.valid + len(tally.invalid) == tally.requests


def _forget(name: str, root: Path) -> None:
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]
    if str(root) in sys.path:
        sys.path.remove(str(root))


def test_the_oracle_rejects_what_the_spec_does_not_allow() -> None:
    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "servers": [{"url": BASE_URL}],
            "paths": {"/items/{id}": {"get": {"parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                {"name": "q", "in": "query", "required": True, "schema": {"type": "string", "pattern": "^[a-z]+$"}},
            ], "responses": {"200": {"description": "ok"}}}}}}  # fmt: skip
    checker = validators.V31RequestParametersValidator(SchemaPath.from_dict(spec))

    def errors(url: str) -> list[Exception]:
        return list(checker.iter_errors(_Request(httpx.Request("GET", BASE_URL + url))))

    assert not errors("/items/7?q=abc")
    assert errors("/items/7")  # a required parameter missing
    assert errors("/items/7?q=ABC")  # breaks its pattern
    assert errors("/items/seven?q=abc")  # not an integer


@pytest.mark.parametrize("spec", VALID)
def test_corpus_clients_send_valid_requests(spec: str, tmp_path: Path) -> None:
    name = "oracle_" + spec.rsplit(".", 1)[0]
    client = generate_client(SPECS / spec, tmp_path, validate=True, package_name=name)
    try:
        _check(run_oracle(client, _load(SPECS / spec)), spec)
    finally:
        _forget(name, client.root)


@pytest.mark.slow
def test_elevenlabs_client_sends_valid_requests(tmp_path: Path) -> None:
    newest = require_snapshots()[-1]
    client = generate_client(newest, tmp_path, validate=True, with_tests=False, package_name="oracle_elevenlabs")
    try:
        _check(run_oracle(client, _load(newest)), newest.name)
    finally:
        _forget("oracle_elevenlabs", client.root)
