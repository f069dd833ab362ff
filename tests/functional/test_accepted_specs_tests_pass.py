"""Issue 11 item 12: for specs the generator accepts, the generated tests pass (or the generator says
what it left out): mutually recursive unions, a discriminator over non-object variants, a path
template with bad braces, an undeclared path parameter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.support import GeneratedClient


def _answer(ref: str) -> dict[str, Any]:
    return {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": ref}}}}}


_A = "#/components/schemas/A"
SPECS: dict[str, tuple[dict[str, Any], set[str]]] = {
    "mutual-unions": ({
        "paths": {"/a": {"get": {"operationId": "getA", "responses": _answer(_A)}}},
        "components": {"schemas": {
            "A": {"oneOf": [{"$ref": "#/components/schemas/B"}, {"type": "array", "items": {"$ref": _A}}]},
            "B": {"anyOf": [{"$ref": _A}, {"type": "object", "required": ["a"], "properties": {"a": {"$ref": _A}}}]},
        }},
    }, {"ref-cycle-alias"}),
    "discriminator-over-non-objects": ({
        "paths": {"/u": {"get": {"operationId": "getU", "responses": _answer("#/components/schemas/U")}}},
        "components": {"schemas": {
            "U": {"oneOf": [{"$ref": "#/components/schemas/S"}, {"$ref": "#/components/schemas/N"}],
                  "discriminator": {"propertyName": "kind", "mapping": {"s": "#/components/schemas/S",
                                                                        "n": "#/components/schemas/N"}}},
            "S": {"type": "string"}, "N": {"type": "array", "items": {"type": "integer"}},
        }},
    }, set()),
    "path-templates": ({
        "paths": {
            "/f/{{x}}": {"get": {"operationId": "braces", "parameters": [
                {"name": "x", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok"}}}},
            "/g/{id}": {"get": {"operationId": "undeclared", "responses": _answer("#/components/schemas/S")}},
        },
        "components": {"schemas": {"S": {"type": "object", "properties": {"x": {"type": "string"}}}}},
    }, {"path-template-invalid", "path-parameter-undeclared"}),
    "surrogate-form-field": ({
        "paths": {"/f": {"post": {"operationId": "post", "parameters": [
            {"name": "q\ud800", "in": "query", "required": True, "schema": {"type": "string"}}],
            "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {
                "type": "object", "required": ["a\ud800b", "ok"],
                "properties": {"a\ud800b": {"type": "string"}, "ok": {"type": "string"}}}}}},
            "responses": {"200": {"description": "ok"}}}}},
    }, {"name-unencodable"}),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(SPECS))
def test_generated_tests_pass_for_accepted_specs(case: str, make_client: Callable[..., GeneratedClient]) -> None:
    spec, expected_warnings = SPECS[case]
    client = make_client(spec)
    assert expected_warnings <= {d.code for d in client.result.diagnostics}
    run = client.run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:]


def test_unions_with_no_finite_value_do_not_crash_the_generator(make_client: Callable[..., GeneratedClient]) -> None:
    spec = {"paths": {"/a": {"get": {"operationId": "getA", "responses": _answer(_A)}}}, "components": {"schemas": {
        "A": {"oneOf": [{"$ref": "#/components/schemas/B"}]},
        "B": {"anyOf": [{"$ref": _A}, {"type": "object", "required": ["x"], "properties": {"x": {"$ref": _A}}}]},
    }}}  # fmt: skip
    client = make_client(spec)
    assert "ref-cycle-alias" in {d.code for d in client.result.diagnostics}
    run = client.run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:]


def test_undeclared_path_parameter_becomes_a_required_argument(make_client: Callable[..., GeneratedClient]) -> None:
    client = make_client(SPECS["path-templates"][0])
    import inspect

    root = client.package.Client("http://x").undeclared
    assert list(inspect.signature(root).parameters)[:1] == ["id"]
    assert not hasattr(client.package.Client("http://x"), "braces")
