"""Hostile and colliding names in a spec become valid, unique identifiers; the wire keeps the original.

Keywords, builtins, names that collide after snake/Pascal-casing, digits, symbols, unicode, very long
names, schemas named like the generated package's own modules and names, and colliding operationIds.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
import yaml

from tests.support import GeneratedClient, complete_spec

LONG_A = "a" * 120 + "_first"
LONG_B = "a" * 120 + "_second"

PROPERTIES = {  # wire name → expected Python attribute
    "foo_bar": "foo_bar",
    "fooBar": "foo_bar_2",
    "FooBar": "foo_bar_3",
    "from_dict": "from_dict_",
    "to_dict": "to_dict_",
    "extra": "extra_",
    "self": "self_",
    "data": "data_",
    "cls": "cls_",
    "class": "class_",
    "None": "none",
    "str": "str_",
    "field": "field_",
    "OMIT": "omit",
    "type": "type",
    "1st": "field_1st",
    "+1": "plus_1",
    "-1": "minus_1",
    "héllo": "hello",
    "日本": "u65e5_u672c",
    "中文": "u4e2d_u6587",
}

_BASE = """
paths:
  /things:
    get:
      operationId: getThing
      tags: [things]
      responses: {"204": {description: none}}
    post:
      operationId: get_thing
      tags: [things]
      responses: {"204": {description: none}}
  /things/{class}:
    put:
      operationId: GetThing
      tags: [things]
      parameters:
        - {name: class, in: path, required: true, schema: {type: string}}
        - {name: from, in: query, schema: {type: string}}
        - {name: self, in: query, schema: {type: string}}
        - {name: options, in: query, schema: {type: string}}
        - {name: page-size, in: query, schema: {type: integer}}
        - {name: page_size, in: query, schema: {type: integer}}
        - {name: pageSize, in: query, schema: {type: integer}}
        - {name: "1st", in: query, schema: {type: string}}
        - {name: "$$$", in: query, schema: {type: string}}
        - {name: "日本語", in: query, schema: {type: string}}
        - {name: to_jsonable, in: query, schema: {type: array, items: {type: string}}}
        - {name: warnings, in: query, schema: {type: string}}
        - {name: response, in: query, schema: {type: string}}
        - {name: X-Request-Id, in: header, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/models"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Param"}
components:
  schemas:
    resources: {type: object, properties: {r: {type: string}}}
    _runtime: {type: object, properties: {r: {type: string}}}
    types: {type: object, properties: {t: {type: string}}}
    typing: {type: object, properties: {t: {type: string}}}
    enum: {type: string, enum: [a, A, "", "1", class, a-b, a_b]}
    Client: {type: object, properties: {c: {type: string}}}
    OMIT: {type: object, properties: {o: {type: string}}}
    Any: {type: object, properties: {a: {type: string}}}
    Param: {type: object, properties: {p: {type: string}}}
    Mapping: {type: object, properties: {m: {type: string}}}
    Exception: {type: object, properties: {e: {type: string}}}
    Foo-Input: {type: object, properties: {one: {type: string}}}
    Foo_Input: {type: object, properties: {two: {type: string}}}
    FooInput: {type: object, properties: {three: {type: string}}}
    "123": {type: object, properties: {n: {type: string}}}
    "日本": {type: object, properties: {j: {type: string}}}
    "中文": {type: object, properties: {z: {type: string}}}
    decode_shape: {type: object, properties: {d: {type: string}}}
    Shape:
      oneOf: [{$ref: "#/components/schemas/Client"}, {$ref: "#/components/schemas/OMIT"}]
"""


def _spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(_BASE)
    properties = {wire: {"type": "string"} for wire in [*PROPERTIES, LONG_A, LONG_B]}
    spec["components"]["schemas"]["models"] = {"type": "object", "properties": properties}
    spec["components"]["schemas"]["B" * 150] = {"type": "object", "properties": {"b": {"type": "string"}}}
    return spec


SPEC = _spec()


@pytest.fixture
def client(make_client: Callable[..., GeneratedClient]) -> GeneratedClient:
    return make_client(SPEC)


def _send(c: GeneratedClient, call: Callable[[Any], Any], answer: Any = None) -> tuple[Any, httpx.Request]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=answer) if answer is not None else httpx.Response(204)

    api = c.package.Client("https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    return call(api), seen[0]


def test_properties_get_unique_attributes_and_keep_their_wire_names(client: GeneratedClient) -> None:
    model = client.models.Models
    attributes = {f.name for f in dataclasses.fields(model)}
    for wire, python in PROPERTIES.items():
        assert python in attributes, (wire, python, sorted(attributes))
    assert "extra" in attributes  # the model's own catch-all is not taken by the property "extra"
    wire = {k: f"value of {k}" for k in [*PROPERTIES, LONG_A, LONG_B]}
    decoded = model.from_dict({**wire, "unknown": 1})
    for key, python in PROPERTIES.items():
        assert getattr(decoded, python) == f"value of {key}"
    assert decoded.extra == {"unknown": 1}
    assert decoded.to_dict() == {**wire, "unknown": 1}


def test_long_property_names_are_shortened_but_stay_distinct(client: GeneratedClient) -> None:
    long_names = [f.name for f in dataclasses.fields(client.models.Models) if f.name.startswith("aaaa")]
    assert len(long_names) == 2 and len(set(long_names)) == 2
    assert all(len(n) <= 80 for n in long_names)


def test_collisions_are_reported_with_their_pointer(client: GeneratedClient) -> None:
    found = {(d.code, d.pointer) for d in client.result.diagnostics}
    assert ("name-collision", "/components/schemas/models/properties/fooBar") in found
    assert ("name-collision", "/components/schemas/models/properties/FooBar") in found
    assert ("name-collision", "/components/schemas/Foo_Input") in found
    assert ("name-collision", "/paths/~1things~1{class}/put/parameters/5") in found


def test_schemas_named_like_the_package_internals_do_not_shadow_them(client: GeneratedClient) -> None:
    models, package = client.models, client.package
    names = {"resources": "Resources", "_runtime": "Runtime", "types": "Types", "typing": "Typing",
             "Client": "Client", "OMIT": "OMIT_", "Any": "Any_", "Param": "Param_", "Mapping": "Mapping_",
             "Exception": "Exception_", "123": "Model123", "日本": "U65e5U672c", "中文": "U4e2dU6587",
             "decode_shape": "DecodeShape"}  # fmt: skip
    classes = [getattr(models, python) for python in names.values()]
    assert len({id(c) for c in classes}) == len(classes)
    assert models.Client is not package.Client
    assert package.OMIT is not models.OMIT_ and repr(package.OMIT) == repr(client.module("_runtime").OMIT)
    assert models.Resources.from_dict({"r": "x"}).to_dict() == {"r": "x"}
    assert models.Enum.decode("class") is models.Enum.CLASS_
    assert models.Enum.decode("") is models.Enum.EMPTY
    assert models.decode_shape({"c": "x"}) == models.Client(c="x")  # the union decoder, not the module
    assert models.DecodeShape.from_dict({"d": "1"}).d == "1"


def test_schemas_colliding_after_pascal_case_all_survive(client: GeneratedClient) -> None:
    models = client.models
    made = {cls.__name__: cls for cls in (models.FooInput, models.FooInput2, models.FooInput3)}
    fields = {name: {f.name for f in dataclasses.fields(cls)} - {"extra"} for name, cls in made.items()}
    assert sorted(fields.values(), key=sorted) == [{"one"}, {"three"}, {"two"}]
    assert fields["FooInput"] == {"one"}  # first come (document order), first served
    assert len({cls.__module__ for cls in made.values()}) == 3


def test_colliding_operation_ids_become_distinct_methods(client: GeneratedClient) -> None:
    things = []
    for name in ("get_thing", "get_thing_2", "get_thing_3"):
        def call(api: Any, name: str = name) -> Any:
            method = getattr(api.things, name)
            return method("c") if name == "get_thing_3" else method()

        _, request = _send(client, call, answer={"p": "x"})
        things.append((request.method, request.url.path))
    assert sorted(things) == [("GET", "/things"), ("POST", "/things"), ("PUT", "/things/c")]


def test_renamed_parameters_are_sent_under_their_wire_names(client: GeneratedClient) -> None:
    body = client.models.Models(foo_bar="x", class_="k")
    result, request = _send(client, lambda api: api.things.get_thing_3(
        "a/b", body=body, from_="f", self_="s", options_="o", page_size=1, page_size_2=2, page_size_3=3,
        param_1st="first", param="dollars", u65e5_u672c_u8a9e="nihongo", to_jsonable_=["t"],
        warnings_="w", response_="r", x_request_id="rid",
    ), answer={"p": "returned"})  # fmt: skip
    assert request.url.raw_path.split(b"?")[0] == b"/things/a%2Fb"  # the value stays in its segment
    assert sorted(parse_qsl(request.url.query.decode())) == sorted([
        ("from", "f"), ("self", "s"), ("options", "o"), ("page-size", "1"), ("page_size", "2"),
        ("pageSize", "3"), ("1st", "first"), ("$$$", "dollars"), ("日本語", "nihongo"),
        ("to_jsonable", "t"), ("warnings", "w"), ("response", "r"),
    ])  # fmt: skip
    assert request.headers["X-Request-Id"] == "rid"
    assert json.loads(request.content) == {"foo_bar": "x", "class": "k"}
    assert result == client.models.Param_(p="returned")


def test_output_is_stable_across_runs(make_client: Callable[..., GeneratedClient], tmp_path: Path) -> None:
    spec = tmp_path / "names.json"
    spec.write_text(json.dumps(complete_spec(SPEC)), encoding="utf-8")
    first = make_client(spec, package_name="stable_names")
    second = make_client(spec, package_name="stable_names")
    assert first.result.files == second.result.files


def test_name_torture_package_type_checks_and_passes_its_generated_tests(client: GeneratedClient) -> None:
    checked = client.mypy()
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tests = client.run_generated_tests()
    assert tests.returncode == 0, tests.stdout + tests.stderr
