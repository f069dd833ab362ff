"""Output paths derived from the spec never leave the output directory.

Schema, operation, tag and group names such as ``../../x``, ``/etc/passwd``, ``..\\x`` or names with NUL
become plain module names inside the package; the only files written are under the output dir.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from specsmith.emit.fileset import check_path
from specsmith.load.pointer import escape

from tests.support import GeneratedClient

EVIL = ["../../x", "/etc/passwd", "..\\x", "..\\..\\windows\\system32", "a\x00b", "..", ".", "~", "C:\\x",
        "./.hidden", "....//....//x", "con", "aux.py", "\u202e..\u202d/x"]  # fmt: skip


def _spec() -> dict[str, object]:
    paths: dict[str, object] = {}
    schemas: dict[str, object] = {}
    for index, name in enumerate(EVIL):
        schemas[name] = {"type": "object", "properties": {name: {"type": "string"}}}
        ref = {"$ref": "#/components/schemas/" + quote(escape(name), safe="")}
        ok = {"200": {"description": "ok", "content": {"application/json": {"schema": ref}}}}
        paths[f"/tagged/{index}"] = {"get": {"operationId": name, "tags": [name], "responses": ok}}
        paths[f"/grouped/{index}"] = {"get": {"x-fern-sdk-group-name": [name, name],
                                              "x-fern-sdk-method-name": name, "responses": ok}}  # fmt: skip
    return {"paths": paths, "components": {"schemas": schemas}}


@pytest.fixture
def client(make_client: Callable[..., GeneratedClient], tmp_path: Path) -> GeneratedClient:
    return make_client(_spec())


def test_every_output_path_is_a_plain_relative_path(client: GeneratedClient) -> None:
    assert client.result.files
    for path in client.result.files:
        check_path(path)  # raises for absolute paths, "..", backslashes, NUL
        parts = path.split("/")
        assert all(part.isascii() and part.isprintable() and not part.startswith("..") for part in parts), path
        assert parts[0] in (client.name, "tests", "README.md", "pyproject.toml"), path


def test_nothing_is_written_outside_the_output_dir(client: GeneratedClient, tmp_path: Path) -> None:
    out = client.root.resolve()
    outside = []
    for dirpath, _dirs, files in os.walk(tmp_path):
        for name in files:
            path = Path(dirpath, name).resolve()
            if out not in path.parents and not {"cache", "spec.json"} & set(path.relative_to(tmp_path).parts):
                outside.append(path)
    assert not outside, outside
    assert not Path("/etc/passwd.py").exists() and not (tmp_path.parent / "x.py").exists()


def test_written_files_are_exactly_the_planned_ones(client: GeneratedClient) -> None:
    on_disk = {p.relative_to(client.root).as_posix() for p in client.root.rglob("*") if p.is_file()}
    assert on_disk == set(client.result.files or {}) | {".specsmith-manifest.json"}


def test_evil_names_still_give_a_working_client(client: GeneratedClient) -> None:
    models = client.models
    wire_names = set()
    for cls in (getattr(models, name) for name in models.__all__):
        assert cls.__module__.startswith(f"{client.name}.models.")
        (key,) = sys.modules[cls.__module__]._KEYS  # each schema has one property, named like itself
        assert cls.from_dict({key: "v"}).to_dict() == {key: "v"}
        wire_names.add(key)
    assert wire_names == set(EVIL)
