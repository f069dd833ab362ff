"""The validate stage: openapi-spec-validator errors as located diagnostics, and the success cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from specsmith.diagnostics import Diagnostics, Severity
from specsmith.load import ResolvedSpec, load_document, resolve_refs, validate_spec
from specsmith.load import validate as validate_module
from specsmith.load.spec_validator import LocatedError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "load"
INFO = {"title": "t", "version": "1"}


def ok_operation(operation_id: str) -> dict[str, Any]:
    return {"operationId": operation_id, "responses": {"200": {"description": "ok"}}}


def check(data: dict[str, Any], cache_dir: Path | None = None, sha: str = "0" * 64) -> Diagnostics:
    diagnostics = Diagnostics()
    validate_spec(ResolvedSpec(data, "api.yaml", sha), diagnostics, cache_dir=cache_dir)
    return diagnostics


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0", "3.1.1"])
def test_valid_specs_have_no_diagnostics(version: str) -> None:
    data = {"openapi": version, "info": INFO, "paths": {"/a": {"get": ok_operation("a")}}}
    assert not check(data).items


def test_schema_errors_point_at_the_offending_node() -> None:
    parameter = {"name": "id", "in": "path", "required": True, "schema": {"type": "strin"}}
    data = {
        "openapi": "3.0.3",
        "info": INFO,
        "paths": {"/pets/{id}": {"get": {**ok_operation("a"), "parameters": [parameter]}}},
    }
    [item, *_] = check(data).items
    assert item.code == "spec-invalid"
    assert item.severity is Severity.ERROR
    assert item.pointer == "/paths/~1pets~1{id}/get/parameters/0/schema/type"
    assert "strin" in item.message  # jsonschema quotes it 'strin', jsonschema-rs "strin"
    assert item.file == "api.yaml"


def test_rule_errors_are_located_too() -> None:
    data = {
        "openapi": "3.0.3",
        "info": INFO,
        "paths": {
            "/a": {"get": ok_operation("same")},
            "/b": {"get": ok_operation("same")},
            "/c": {"get": {**ok_operation("c"), "parameters": [{"name": "id", "in": "path", "required": True}]}},
            "/d/{id}": {"get": ok_operation("d")},  # undeclared: the builder declares it (with a warning)
        },
    }
    by_pointer = {item.pointer: item.message for item in check(data)}
    assert "Operation ID 'same'" in by_pointer["/paths/~1b/get"]
    assert "Path parameter 'id'" in by_pointer["/paths/~1c/get"]  # declared, not in the path: an error
    assert "/paths/~1d~1{id}/get" not in by_pointer


def test_an_error_reached_through_a_ref_is_reported_where_it_is_written() -> None:
    media = {"application/json": {"schema": {"$ref": "#/components/schemas/P"}}}
    data = {
        "openapi": "3.0.3",
        "info": INFO,
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": media}}}}},
        "components": {"schemas": {"P": {"properties": {"d": {"type": "string", "default": 5}}}}},
    }
    [item] = check(data).items
    assert item.pointer == "/components/schemas/P/properties/d/default"
    assert "5 is not of type 'string'" in item.message


def test_messages_are_one_short_line_even_for_huge_nodes() -> None:
    huge = {"name": "q", "in": "qury", "description": "x\n" * 500_000}
    data = {
        "openapi": "3.0.3",
        "info": INFO,
        "paths": {"/a": {"get": {**ok_operation("a"), "parameters": [huge]}}},
    }
    [item, *_] = check(data).items
    assert item.pointer == "/paths/~1a/get/parameters/0"
    assert "\n" not in item.message
    assert len(item.message) < 250


def test_errors_in_bundled_files_name_that_file(tmp_path: Path) -> None:
    (tmp_path / "pet.yaml").write_text("type: object\nproperties:\n  name:\n    type: strin\n")
    (tmp_path / "openapi.yaml").write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
        "components:\n  schemas:\n    Pet:\n      $ref: pet.yaml\n"
    )
    diagnostics = Diagnostics()
    document = load_document(tmp_path / "openapi.yaml", diagnostics)
    assert document is not None
    spec = resolve_refs(document, diagnostics)
    assert spec is not None
    validate_spec(spec, diagnostics, cache_dir=None)
    files_and_pointers = {(item.file, item.pointer) for item in diagnostics}
    assert (str(tmp_path / "pet.yaml"), "/properties/name/type") in files_and_pointers


@pytest.mark.parametrize(
    ("data", "pointer", "words"),
    [
        ({"swagger": "2.0", "info": INFO, "paths": {}}, "/swagger", "Swagger 2.0"),
        ({"info": INFO, "paths": {}}, "", "no `openapi` field"),
        ({"openapi": "3.2.0", "info": INFO, "paths": {}}, "/openapi", "3.2.0 is not supported"),
        ({"openapi": "2.0", "info": INFO, "paths": {}}, "/openapi", "2.0 is not supported"),
        ({"openapi": 3.1, "info": INFO, "paths": {}}, "/openapi", "must be a string"),
        ({"openapi": "3.10.0", "info": INFO, "paths": {}}, "/openapi", "not supported"),
    ],
)
def test_unsupported_versions(data: dict[str, Any], pointer: str, words: str) -> None:
    [item] = check(data).items
    assert (item.code, item.pointer) == ("unsupported-version", pointer)
    assert words in item.message


def test_a_clean_result_is_cached_and_an_invalid_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    valid = {"openapi": "3.1.0", "info": INFO, "paths": {}}
    invalid = {"openapi": "3.1.0", "info": {}, "paths": {}}
    cache = tmp_path / "cache"
    assert not check(valid, cache, sha="a" * 64).items
    assert [p.name.startswith("valid-" + "a" * 64) for p in cache.iterdir()] == [True]
    assert check(invalid, cache, sha="b" * 64).items
    assert len(list(cache.iterdir())) == 1

    def must_not_run(version: str, data: Any) -> Iterator[LocatedError]:
        raise AssertionError("the validator ran although the result is cached")

    monkeypatch.setattr(validate_module, "_iter_errors", must_not_run)
    assert not check(valid, cache, sha="a" * 64).items


def test_an_unwritable_cache_is_only_an_info(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    [item] = check({"openapi": "3.1.0", "info": INFO, "paths": {}}, blocker / "cache").items
    assert (item.code, item.severity) == ("validation-cache-unwritable", Severity.INFO)


def test_a_crashing_validator_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(version: str, data: Any) -> Iterator[LocatedError]:
        yield LocatedError("first", ("info",))
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(validate_module, "_iter_errors", crash)
    items = check({"openapi": "3.1.0", "info": INFO, "paths": {}}, tmp_path).items
    assert [(i.code, i.severity, i.pointer) for i in items] == [
        ("spec-invalid", Severity.ERROR, "/info"),
        ("validator-crashed", Severity.WARNING, ""),
    ]
    assert "RecursionError" in items[1].message
    assert not list(tmp_path.iterdir())


def test_the_external_fixture_is_valid() -> None:
    diagnostics = Diagnostics()
    document = load_document(FIXTURES / "external" / "openapi.yaml", diagnostics)
    assert document is not None
    spec = resolve_refs(document, diagnostics)
    assert spec is not None
    validate_spec(spec, diagnostics, cache_dir=None)
    assert not diagnostics.items


def test_tolerated_findings_are_warnings_and_their_values_are_removed() -> None:
    media = {"application/json": {"description": "misplaced", "schema": {"$ref": "#/components/schemas/P"}}}
    data = {
        "openapi": "3.0.3",
        "info": INFO,
        "paths": {"/a": {"get": {"responses": {"200": {"content": media}}}}},
        "components": {"schemas": {"P": {"properties": {"d": {"type": "string", "default": 5, "format": 1}}}}},
    }
    diagnostics = Diagnostics()
    spec = validate_spec(ResolvedSpec(data, "api.yaml", "0" * 64), diagnostics, cache_dir=None)
    found = {(d.pointer, d.code, d.severity) for d in diagnostics}
    assert found == {
        ("/paths/~1a/get/responses/200", "spec-tolerated", Severity.WARNING),  # no description
        ("/paths/~1a/get/responses/200/content/application~1json", "spec-tolerated", Severity.WARNING),
        ("/components/schemas/P/properties/d/default", "spec-tolerated", Severity.WARNING),
        ("/components/schemas/P/properties/d/format", "spec-tolerated", Severity.WARNING),
    }
    assert spec.data["components"]["schemas"]["P"]["properties"]["d"] == {"type": "string"}
    assert spec.data["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"] == {
        "schema": {"$ref": "#/components/schemas/P"}
    }
    assert data["components"]["schemas"]["P"]["properties"]["d"]["default"] == 5  # the input is left alone
