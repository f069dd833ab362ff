"""The resolve stage: one self-contained document, external files bundled, refs kept as refs."""

from __future__ import annotations

import copy
import hashlib
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from specsmith.diagnostics import Diagnostics
from specsmith.load import (
    DEFAULT_POLICY,
    Document,
    RefPolicy,
    ResolvedSpec,
    deref,
    load_document,
    locate,
    resolve_refs,
)
from specsmith.load import sources as sources_module

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "load"
ELEVENLABS = Path(__file__).resolve().parents[2] / ".." / "shared" / "specs" / "elevenlabs"


def resolve(
    path: Path, policy: RefPolicy = DEFAULT_POLICY
) -> tuple[ResolvedSpec | None, Diagnostics]:
    diagnostics = Diagnostics()
    document = load_document(path, diagnostics)
    assert document is not None, [str(d) for d in diagnostics]
    return resolve_refs(document, diagnostics, policy), diagnostics


def resolve_data(tmp_path: Path, data: dict[str, Any], **files: Any) -> ResolvedSpec:
    for name, content in files.items():
        (tmp_path / name).write_text(yaml.safe_dump(content))
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    spec, diagnostics = resolve(tmp_path / "openapi.yaml")
    assert spec is not None, [str(d) for d in diagnostics]
    assert not diagnostics.items
    return spec


def spec_with(schemas: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        **extra,
        "components": {"schemas": schemas},
    }


def test_internal_refs_only_returns_the_document_data_uncopied(tmp_path: Path) -> None:
    data = spec_with(
        {
            "Node": {
                "type": "object",
                "properties": {"next": {"$ref": "#/components/schemas/Node"}},
            },
            "A": {"properties": {"b": {"$ref": "#/components/schemas/B"}}},
            "B": {"properties": {"a": {"$ref": "#/components/schemas/A"}}},
            "Alias": {"$ref": "#/components/schemas/AliasOfAlias"},
            "AliasOfAlias": {"$ref": "#/components/schemas/Node"},
        }
    )
    diagnostics = Diagnostics()
    document = Document(tmp_path / "x.yaml", "x.yaml", data, "abc")
    spec = resolve_refs(document, diagnostics)
    assert spec is not None and not diagnostics.items
    assert spec.data is data
    assert spec.sha256 == "abc"
    assert spec.origins == {}
    assert spec.display == "x.yaml"


def test_pointer_escapes_and_percent_encoding(tmp_path: Path) -> None:
    data = spec_with(
        {"a/b": {"type": "string"}, "c~d": {"type": "integer"}, "e f": {"type": "number"}},
        paths={"/pets/{id}": {"get": {"responses": {"200": {"description": "ok"}}}}},
    )
    data["components"]["responses"] = {"R": {"$ref": "#/paths/~1pets~1%7Bid%7D/get/responses/200"}}
    data["components"]["schemas"]["Refs"] = {
        "properties": {
            "slash": {"$ref": "#/components/schemas/a~1b"},
            "tilde": {"$ref": "#/components/schemas/c~0d"},
            "space": {"$ref": "#/components/schemas/e%20f"},
        }
    }
    spec = resolve_data(tmp_path, data)
    refs = spec.data["components"]["schemas"]["Refs"]["properties"]
    assert deref(spec.data, refs["slash"], "/x") == ({"type": "string"}, "/components/schemas/a~1b")
    assert deref(spec.data, refs["tilde"], "/x")[0] == {"type": "integer"}
    assert deref(spec.data, refs["space"], "/x") == ({"type": "number"}, "/components/schemas/e f")
    response = spec.data["components"]["responses"]["R"]
    assert (
        deref(spec.data, response, "/components/responses/R")[1]
        == "/paths/~1pets~1{id}/get/responses/200"
    )


def test_literals_names_and_extensions_are_not_references(tmp_path: Path) -> None:
    data = spec_with(
        {
            "Thing": {
                "type": "object",
                "properties": {
                    "$ref": {"type": "string"},
                    "example": {"$ref": "#/components/schemas/Other"},
                },
                "example": {"$ref": "#/does/not/exist"},
                "default": {"$ref": "nowhere.yaml"},
                "enum": [{"$ref": "#/nope"}],
                "x-vendor": {"$ref": "http://example.com/not-fetched"},
            },
            "Other": {"type": "string"},
        },
        paths={
            "/a": {
                "get": {
                    "responses": {"default": {"$ref": "#/components/responses/Error"}},
                    "x-codegen": {"$ref": "../outside.yaml"},
                },
            }
        },
    )
    data["components"]["responses"] = {
        "Error": {
            "description": "error",
            "content": {
                "application/json": {
                    "example": {"$ref": "#/nope"},
                    "examples": {"one": {"value": {"$ref": "#/nope"}}},
                }
            },
        }
    }
    spec = resolve_data(tmp_path, data)
    assert spec.data == data


def test_three_one_siblings_stay_beside_the_ref(tmp_path: Path) -> None:
    data = spec_with(
        {
            "Pet": {"type": "object"},
            "Holder": {
                "properties": {
                    "pet": {"$ref": "#/components/schemas/Pet", "description": "the pet"}
                }
            },
        }
    )
    spec = resolve_data(tmp_path, data)
    holder = spec.data["components"]["schemas"]["Holder"]["properties"]["pet"]
    assert holder == {"$ref": "#/components/schemas/Pet", "description": "the pet"}


def test_external_fixture_is_bundled_into_one_document() -> None:
    root = FIXTURES / "external" / "openapi.yaml"
    before = load_document(root, Diagnostics())
    assert before is not None
    pristine = copy.deepcopy(before.data)
    diagnostics = Diagnostics()
    spec = resolve_refs(before, diagnostics)
    assert spec is not None and not diagnostics.items
    assert before.data == pristine  # the document itself is not modified
    schemas = spec.data["components"]["schemas"]
    assert list(schemas) == ["Pet", "Owner", "Error", "Owner2", "tag", "category"]
    # the root entry `Pet: {$ref: ./schemas/pet.yaml}` is replaced by the file's content
    assert schemas["Pet"]["required"] == ["id", "name"]
    # pet.yaml's `parent: {$ref: "#"}` is the file itself, so the entry refers to itself
    assert schemas["Pet"]["properties"]["parent"] == {"$ref": "#/components/schemas/Pet"}
    assert schemas["Pet"]["properties"]["born"]["example"] == "2024-01-01"
    # common.yaml's Owner clashes with the root's own Owner; its ref back to pet.yaml reuses Pet
    assert schemas["Pet"]["properties"]["owner"] == {"$ref": "#/components/schemas/Owner2"}
    assert schemas["Owner2"]["properties"]["pets"]["items"] == {"$ref": "#/components/schemas/Pet"}
    # nested/category.yaml's `../tag.yaml` resolves relative to nested/, to the same tag entry
    assert schemas["category"]["properties"]["tags"]["items"] == {
        "$ref": "#/components/schemas/tag"
    }
    assert schemas["Pet"]["properties"]["tags"]["items"] == {"$ref": "#/components/schemas/tag"}


def test_external_non_schema_targets_are_inlined() -> None:
    spec, _ = resolve(FIXTURES / "external" / "openapi.yaml")
    assert spec is not None
    get = spec.data["paths"]["/pets"]["get"]  # the whole path item came from paths/pets.yaml
    assert get["operationId"] == "listPets"
    assert get["parameters"] == [
        {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}}
    ]
    not_found = get["responses"]["404"]
    assert not_found["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert get["responses"]["200"]["content"]["application/json"]["schema"]["items"] == {
        "$ref": "#/components/schemas/Pet"
    }
    assert spec.data["paths"]["/pets/{petId}"]["get"]["responses"]["default"] == not_found


def test_origins_and_locate_point_back_into_the_source_files() -> None:
    spec, _ = resolve(FIXTURES / "external" / "openapi.yaml")
    assert spec is not None
    base = str(FIXTURES / "external")
    assert locate(spec, "/components/schemas/Pet/properties/name") == (
        f"{base}/schemas/pet.yaml",
        "/properties/name",
    )
    assert locate(spec, "/components/schemas/Owner2/properties") == (
        f"{base}/common.yaml",
        "/components/schemas/Owner/properties",
    )
    assert locate(spec, "/paths/~1pets/get/parameters/0/in") == (
        f"{base}/common.yaml",
        "/components/parameters/Limit/in",
    )
    assert locate(spec, "/paths/~1pets/get/operationId") == (
        f"{base}/paths/pets.yaml",
        "/get/operationId",
    )
    assert locate(spec, "/components/schemas/Owner") == (spec.display, "/components/schemas/Owner")


def test_sha256_covers_every_bundled_file() -> None:
    root = FIXTURES / "external" / "openapi.yaml"
    spec, _ = resolve(root)
    assert spec is not None
    assert spec.sha256 != hashlib.sha256(root.read_bytes()).hexdigest()
    again, _ = resolve(root)
    assert again is not None and again.sha256 == spec.sha256


def test_same_named_schemas_get_a_suffix_and_the_same_target_one_entry() -> None:
    spec, diagnostics = resolve(FIXTURES / "clash" / "openapi.yaml")
    assert spec is not None and not diagnostics.items
    props = spec.data["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]["properties"]
    assert props["mine"] == {"$ref": "#/components/schemas/Pet"}
    assert props["theirs"] == props["again"] == {"$ref": "#/components/schemas/Pet2"}
    assert props["described"] == {
        "$ref": "#/components/schemas/Pet2",
        "description": "A sibling kept in place (3.1)",
    }
    assert spec.data["components"]["schemas"]["Pet2"]["properties"] == {
        "species": {"type": "string"}
    }


def test_a_ref_to_the_root_file_by_name_becomes_internal(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "pet.yaml").write_text(
        "properties:\n  owner:\n    $ref: '../openapi.yaml#/components/schemas/Owner'\n"
    )
    data = spec_with({"Owner": {"type": "object"}, "Pet": {"$ref": "schemas/pet.yaml"}})
    spec = resolve_data(tmp_path, data)
    pet = spec.data["components"]["schemas"]["Pet"]
    assert pet == {"properties": {"owner": {"$ref": "#/components/schemas/Owner"}}}


def test_discriminator_mapping_values_are_bundled_too(tmp_path: Path) -> None:
    data = spec_with(
        {
            "Animal": {
                "oneOf": [{"$ref": "dog.yaml"}, {"$ref": "#/components/schemas/Cat"}],
                "discriminator": {
                    "propertyName": "kind",
                    "mapping": {
                        "dog": "dog.yaml",
                        "cat": "#/components/schemas/Cat",
                        "bird": "Bird",
                    },
                },
            },
            "Cat": {"type": "object"},
        }
    )
    spec = resolve_data(tmp_path, data, **{"dog.yaml": {"type": "object", "title": "Dog"}})
    animal = spec.data["components"]["schemas"]["Animal"]
    assert animal["oneOf"][0] == {"$ref": "#/components/schemas/dog"}
    assert animal["discriminator"]["mapping"] == {
        "dog": "#/components/schemas/dog",
        "cat": "#/components/schemas/Cat",
        "bird": "Bird",
    }


def test_deref_follows_chains_and_reports_loops() -> None:
    data = {
        "a": {"$ref": "#/b"},
        "b": {"$ref": "#/c", "description": "kept"},
        "c": {"type": "string"},
    }
    assert deref(data, data["a"], "/a") == ({"type": "string"}, "/c")
    assert deref(data, data["c"], "/c") == ({"type": "string"}, "/c")
    with pytest.raises(ValueError, match="loop"):
        deref({"x": {"$ref": "#/x"}}, {"$ref": "#/x"}, "/x")
    with pytest.raises(ValueError, match="internal"):
        deref({}, {"$ref": "other.yaml"}, "/y")
    with pytest.raises(KeyError):
        deref({}, {"$ref": "#/missing"}, "/y")


def test_remote_refs_are_fetched_when_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = {
        "https://example.com/api/pet.json": json.dumps(
            {"properties": {"tag": {"$ref": "tag.json"}}}
        ),
        "https://example.com/api/tag.json": json.dumps({"type": "string"}),
    }
    fetched: list[tuple[str, float, int]] = []

    def fake_fetch(url: str, timeout: float, max_bytes: int) -> bytes:
        fetched.append((url, timeout, max_bytes))
        return documents[url].encode()

    monkeypatch.setattr(sources_module, "fetch_remote", fake_fetch)
    data = spec_with({"Pet": {"$ref": "https://example.com/api/pet.json"}})
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(data))
    policy = RefPolicy(allow_remote=True, remote_timeout=3.0, remote_max_bytes=1000)
    spec, diagnostics = resolve(tmp_path / "openapi.yaml", policy)
    assert spec is not None and not diagnostics.items
    schemas = spec.data["components"]["schemas"]
    assert schemas["Pet"] == {"properties": {"tag": {"$ref": "#/components/schemas/tag"}}}
    assert schemas["tag"] == {"type": "string"}
    assert fetched == [(url, 3.0, 1000) for url in documents]
    assert locate(spec, "/components/schemas/tag/type") == (
        "https://example.com/api/tag.json",
        "/type",
    )


def test_remote_fetch_failure_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_fetch(url: str, timeout: float, max_bytes: int) -> bytes:
        raise TimeoutError("timed out")

    monkeypatch.setattr(sources_module, "fetch_remote", failing_fetch)
    (tmp_path / "openapi.yaml").write_text(
        yaml.safe_dump(spec_with({"Pet": {"$ref": "https://example.com/p.yaml"}}))
    )
    spec, diagnostics = resolve(tmp_path / "openapi.yaml", RefPolicy(allow_remote=True))
    assert spec is None
    [item] = diagnostics.items
    assert (item.code, item.pointer) == ("ref-remote-failed", "/components/schemas/Pet")
    assert "timed out" in item.message


def test_fetch_remote_refuses_other_schemes() -> None:
    with pytest.raises(ValueError, match="http"):
        sources_module.fetch_remote("file:///etc/passwd", 1.0, 10)


def test_symlinks_inside_the_spec_folder_are_fine(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "pet.yaml").write_text("type: object\n")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    spec = resolve_data(tmp_path, spec_with({"Pet": {"$ref": "link/pet.yaml"}}))
    assert spec.data["components"]["schemas"]["Pet"] == {"type": "object"}


def test_outside_root_refs_resolve_when_allowed() -> None:
    spec, diagnostics = resolve(
        FIXTURES / "outside" / "spec" / "openapi.yaml", RefPolicy(allow_outside_root=True)
    )
    assert spec is not None and not diagnostics.items
    assert spec.data["components"]["schemas"]["Secret"] == {"password": "hunter2"}


def test_real_elevenlabs_spec_resolves_without_copying() -> None:
    if not ELEVENLABS.is_dir():
        pytest.skip(f"the ElevenLabs specs are not checked out at {ELEVENLABS}")
    path = ELEVENLABS / "openapi-2026-08-22.json"
    if not path.is_file():
        pytest.skip(f"{path.name} is not in {ELEVENLABS}")
    diagnostics = Diagnostics()
    document = load_document(path, diagnostics)
    assert document is not None
    started = time.perf_counter()
    spec = resolve_refs(document, diagnostics)
    elapsed = time.perf_counter() - started
    assert spec is not None, [str(d) for d in diagnostics.items[:5]]
    assert not diagnostics.items
    assert spec.data is document.data
    print(f"resolved {path.name} in {elapsed * 1000:.0f} ms")


_REFS = (
    st.sampled_from(
        [
            "#/components/schemas/A",
            "#/components/schemas/A/properties/x",
            "#/paths/~1a",
            "#",
            "#/nope",
            "",
            "#x",
            "#/~2",
            "other.yaml",
            "../up.yaml#/A",
            "/etc/passwd",
            "http://example.com/a.yaml",
            "file:///x",
        ]
    )
    | st.integers()
    | st.none()
)
_KEYS = st.sampled_from(
    [
        "$ref",
        "properties",
        "items",
        "allOf",
        "oneOf",
        "discriminator",
        "mapping",
        "schema",
        "content",
        "responses",
        "parameters",
        "paths",
        "components",
        "schemas",
        "example",
        "x-ext",
        "A",
        "/a",
        "get",
    ]
)
_NODES = st.recursive(
    _REFS | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_KEYS, _NODES, max_size=5))
def test_resolve_never_raises(data: dict[str, Any]) -> None:
    document = Document(Path("/nonexistent/specsmith/openapi.yaml"), "openapi.yaml", data, "0")
    diagnostics = Diagnostics()
    spec = resolve_refs(document, diagnostics)
    if spec is None:
        assert diagnostics.has_errors
    else:
        assert not diagnostics.has_errors


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/redirect-"):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/redirect-") + "://host/x")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"x" * 5000 if self.path == "/big" else b"type: string\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_fetch_remote_downloads_within_limits(local_server: str) -> None:
    assert sources_module.fetch_remote(f"{local_server}/ok", 5.0, 1000) == b"type: string\n"
    with pytest.raises(ValueError, match="larger than"):
        sources_module.fetch_remote(f"{local_server}/big", 5.0, 1000)
    with pytest.raises(OSError, match="non-HTTP"):
        sources_module.fetch_remote(f"{local_server}/redirect-ftp", 5.0, 1000)
    with pytest.raises(OSError, match="not allowed"):  # urllib's own guard
        sources_module.fetch_remote(f"{local_server}/redirect-file", 5.0, 1000)
