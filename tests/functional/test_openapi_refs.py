"""References: chains, JSON-pointer escapes, 3.1 siblings, recursion, component parameters/responses/bodies
and headers, and a schema from a file in a sub-folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

Handler = Callable[[httpx.Request], httpx.Response]


def _client(c: Any, answer: Any = None, status: int = 200) -> tuple[Any, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json=answer) if answer is not None else httpx.Response(status)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    return c.package.Client("https://api.test", http_client=http), seen


REFS = """
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - $ref: '#/components/parameters/IdAlias'
      responses:
        '200':
          $ref: '#/components/responses/PetAlias'
  /nodes:
    post:
      operationId: makeNode
      requestBody:
        $ref: '#/components/requestBodies/NodeBody'
      responses:
        '200':
          description: the tree
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Tree'}
  /owners/{owner_id}:
    get:
      operationId: getOwner
      parameters: [{name: owner_id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties: {email: {type: string}}
  /holders:
    get:
      operationId: getHolder
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Holder'}
components:
  parameters:
    IdAlias: {$ref: '#/components/parameters/Id'}
    Id: {name: id, in: path, required: true, schema: {type: integer}}
  responses:
    PetAlias: {$ref: '#/components/responses/PetResponse'}
    PetResponse:
      description: ok
      headers:
        X-Rate-Remaining: {$ref: '#/components/headers/Rate'}
      content:
        application/json:
          schema: {$ref: '#/components/schemas/PetAlias'}
  headers:
    Rate: {schema: {type: integer}, description: Calls left this minute.}
  requestBodies:
    NodeBody:
      required: true
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Node'}
  schemas:
    PetAlias: {$ref: '#/components/schemas/PetAlias2'}
    PetAlias2: {$ref: '#/components/schemas/Pet'}
    Pet:
      type: object
      required: [name]
      properties: {name: {type: string}}
    Node:
      type: object
      properties:
        value: {type: integer}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
    Tree:
      type: object
      properties: {root: {$ref: '#/components/schemas/Branch'}}
    Branch:
      type: object
      properties:
        leaf: {type: string}
        tree: {$ref: '#/components/schemas/Tree'}
    a/b:
      type: object
      properties: {x: {type: string, format: date}}
    c~d: {$ref: '#/components/schemas/a~1b'}
    with space:
      type: object
      properties: {y: {$ref: '#/components/schemas/c~0d'}}
    Holder:
      type: object
      properties:
        escaped: {$ref: '#/components/schemas/c~0d'}
        spaced: {$ref: '#/components/schemas/with%20space'}
        deep: {$ref: '#/paths/~1owners~1%7Bowner_id%7D/get/responses/200/content/application~1json/schema'}
        described: {$ref: '#/components/schemas/Node', description: A node with its own words.}
        nullable_30: {$ref: '#/components/schemas/Node', nullable: true}
        nullable_31: {$ref: '#/components/schemas/Node', type: [object, 'null']}
        extended:
          $ref: '#/components/schemas/Node'
          required: [label]
          properties: {label: {type: string}}
"""


def test_chains_of_refs_end_at_the_real_schema(make_client: Any) -> None:
    c = make_client(REFS)
    client, seen = _client(c, {"name": "Rex"})
    pet = client.get_pet(7)
    assert seen[0].url.path == "/pets/7"
    assert isinstance(pet, c.models.Pet)
    assert pet.name == "Rex"
    assert not hasattr(c.models, "PetAlias")  # an alias of an alias is the schema itself, not a copy


def test_component_request_body_and_response_header_are_used(make_client: Any) -> None:
    c = make_client(REFS)
    client, seen = _client(c, {"root": {"leaf": "x"}})
    tree = client.make_node(value=1, children=[c.models.Node(value=2)])
    assert json.loads(seen[0].content) == {"value": 1, "children": [{"value": 2}]}
    assert tree.root.leaf == "x"
    doc = type(client).get_pet.__doc__
    assert "X-Rate-Remaining: Calls left this minute." in doc


def test_json_pointer_escapes_in_refs(make_client: Any) -> None:
    c = make_client(REFS)
    holder = c.models.Holder.from_dict(
        {"escaped": {"x": "2024-01-02"}, "spaced": {"y": {"x": "2024-03-04"}}, "deep": {"email": "a@b.c"}}
    )
    assert str(holder.escaped.x) == "2024-01-02"  # a/b reached through ~0 (c~d) and ~1 (a/b)
    assert str(holder.spaced.y.x) == "2024-03-04"  # "with space" reached through %20
    assert holder.deep.email == "a@b.c"  # a ref into /paths with ~1 and %7B %7D
    client, _ = _client(c, {"email": "x@y.z"})
    assert type(client.get_owner("o1")) is type(holder.deep)  # the same schema, so the same class
    assert holder.to_dict()["spaced"] == {"y": {"x": "2024-03-04"}}


def test_ref_siblings_in_31(make_client: Any) -> None:
    c = make_client(REFS)
    holder = c.models.Holder.from_dict(
        {"described": {"value": 1}, "nullable_30": None, "nullable_31": None, "extended": {"label": "l", "value": 3}}
    )
    assert isinstance(holder.described, c.models.Node)  # a description does not make a new class
    assert "A node with its own words." in c.models.Holder.__doc__
    assert holder.nullable_30 is None and holder.nullable_31 is None
    again = c.models.Holder.from_dict({"nullable_30": {"value": 1}, "nullable_31": {"value": 2}})
    assert isinstance(again.nullable_30, c.models.Node) and isinstance(again.nullable_31, c.models.Node)
    extended = holder.extended  # properties beside a $ref: both sets of properties in one model
    assert (extended.label, extended.value) == ("l", 3)
    assert not isinstance(extended, c.models.Node)
    assert holder.to_dict()["extended"] == {"value": 3, "label": "l"}
    annotations = c.models.Holder.__annotations__
    assert annotations["nullable_30"] == annotations["nullable_31"] == "Node | None | Omit"


def test_recursive_and_mutually_recursive_schemas_decode_nested_values(make_client: Any) -> None:
    c = make_client(REFS)
    data = {"value": 1, "children": [{"value": 2, "children": [{"value": 3, "children": []}]}]}
    node = c.models.Node.from_dict(data)
    assert node.children[0].children[0].value == 3
    assert isinstance(node.children[0].children[0], c.models.Node)
    assert node.to_dict() == data
    tree = c.models.Tree.from_dict({"root": {"leaf": "a", "tree": {"root": {"leaf": "b"}}}})
    assert tree.root.tree.root.leaf == "b"
    assert isinstance(tree.root.tree, c.models.Tree)


def test_the_generated_package_type_checks_and_its_tests_pass(make_client: Any) -> None:
    c = make_client(REFS)
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
    run = c.run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:]


def test_schema_from_a_file_in_a_sub_folder(make_client: Any, tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "pet.yaml").write_text(
        "type: object\nrequired: [name]\nproperties:\n  name: {type: string}\n"
        "  owner: {$ref: './owner.yaml'}\n"
    )
    (tmp_path / "schemas" / "owner.yaml").write_text("type: object\nproperties:\n  email: {type: string}\n")
    (tmp_path / "openapi.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n"
        "paths:\n  /pet:\n    get:\n      operationId: getPet\n      responses:\n"
        "        '200':\n          description: ok\n          content:\n            application/json:\n"
        "              schema: {$ref: 'schemas/pet.yaml'}\n"
    )
    c = make_client(tmp_path / "openapi.yaml")
    client, _ = _client(c, {"name": "Rex", "owner": {"email": "a@b.c"}})
    pet = client.get_pet()
    assert pet.name == "Rex"
    assert pet.owner.email == "a@b.c"
