"""Polymorphism: allOf inheritance with a discriminator on the base, nested oneOf/anyOf, oneOf of
primitives and ``type`` arrays."""

from __future__ import annotations

import json
from typing import Any

import httpx


def _client(c: Any, answer: Any) -> tuple[Any, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=answer)

    return c.package.Client("https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler))), seen


PETS = """
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
  /pets:
    post:
      operationId: addPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      responses:
        '204': {description: stored}
components:
  schemas:
    Pet:
      type: object
      required: [petType, name]
      properties:
        petType: {type: string}
        name: {type: string}
      discriminator:
        propertyName: petType
        mapping:
          dog: '#/components/schemas/Dog'
          cat: Cat
    Dog:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - type: object
          properties:
            bark: {type: boolean}
    Cat:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - type: object
          required: [lives]
          properties:
            lives: {type: integer}
    Animal:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
      discriminator: {propertyName: kind}
    Bird:
      allOf:
        - $ref: '#/components/schemas/Animal'
        - {type: object, properties: {wings: {type: integer}}}
    Fish:
      allOf:
        - $ref: '#/components/schemas/Animal'
        - {type: object, properties: {fins: {type: integer}}}
"""


def test_an_api_returning_the_base_decodes_the_subtype(make_client: Any) -> None:
    c = make_client(PETS)
    client, _ = _client(c, {"petType": "dog", "name": "Rex", "bark": True})
    pet = client.get_pet("1")
    assert isinstance(pet, c.models.Dog)
    assert (pet.name, pet.bark) == ("Rex", True)  # inherited and own properties in one class
    client, _ = _client(c, {"petType": "cat", "name": "Tom", "lives": 9})
    cat = client.get_pet("2")
    assert isinstance(cat, c.models.Cat)
    assert cat.lives == 9


def test_an_unknown_tag_is_kept_as_unknown_variant(make_client: Any) -> None:
    c = make_client(PETS)
    data = {"petType": "hamster", "name": "Hammy", "wheel": True}
    client, _ = _client(c, data)
    pet = client.get_pet("3")
    assert isinstance(pet, c.package._runtime.UnknownVariant)
    assert pet.tag == "hamster"
    assert pet.raw == data
    assert pet.to_dict() == data  # survives a round trip unchanged


def test_a_subtype_is_sent_where_the_base_is_expected(make_client: Any) -> None:
    c = make_client(PETS)
    client, seen = _client(c, None)
    client.add_pet(body=c.models.Cat(pet_type="cat", name="Tom", lives=7))
    assert json.loads(seen[0].content) == {"petType": "cat", "name": "Tom", "lives": 7}


def test_subtypes_without_a_mapping_are_tagged_by_schema_name(make_client: Any) -> None:
    c = make_client(PETS)
    animal = c.models.decode_animal({"kind": "Bird", "wings": 2})
    assert isinstance(animal, c.models.Bird)
    assert animal.wings == 2
    assert isinstance(c.models.decode_animal({"kind": "Fish"}), c.models.Fish)


UNIONS = """
components:
  schemas:
    Circle:
      type: object
      required: [shape]
      properties: {shape: {const: circle}, radius: {type: number}}
    Square:
      type: object
      required: [shape]
      properties: {shape: {const: square}, side: {type: number}}
    Shape:
      oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]
    Label:
      type: object
      required: [text]
      properties: {text: {type: string}}
    Drawing:
      anyOf:
        - $ref: '#/components/schemas/Shape'
        - $ref: '#/components/schemas/Label'
        - type: array
          items: {$ref: '#/components/schemas/Label'}
    Scalar:
      oneOf: [{type: string}, {type: integer}, {type: boolean}]
    Loose: {type: [string, number, 'null']}
    Canvas:
      type: object
      properties:
        item: {$ref: '#/components/schemas/Drawing'}
        scalar: {$ref: '#/components/schemas/Scalar'}
        loose: {$ref: '#/components/schemas/Loose'}
        when:
          oneOf: [{type: integer}, {type: string, format: date-time}]
"""


def test_nested_one_of_inside_any_of(make_client: Any) -> None:
    c = make_client(UNIONS)
    m = c.models
    assert isinstance(m.decode_drawing({"shape": "square", "side": 2}), m.Square)
    assert isinstance(m.decode_drawing({"shape": "circle"}), m.Circle)
    assert isinstance(m.decode_drawing({"text": "hi"}), m.Label)
    labels = m.decode_drawing([{"text": "a"}, {"text": "b"}])
    assert [label.text for label in labels] == ["a", "b"]
    canvas = m.Canvas.from_dict({"item": {"shape": "circle", "radius": 1.5}})
    assert isinstance(canvas.item, m.Circle)
    assert canvas.to_dict() == {"item": {"shape": "circle", "radius": 1.5}}


def test_one_of_primitives_and_type_arrays(make_client: Any) -> None:
    c = make_client(UNIONS)
    m = c.models
    assert [m.decode_scalar(v) for v in ("a", 3, True)] == ["a", 3, True]
    assert isinstance(m.decode_scalar([1]), c.package._runtime.UnknownVariant)
    canvas = m.Canvas.from_dict({"scalar": 4, "loose": None, "when": "2024-01-02T03:04:05Z"})
    assert canvas.scalar == 4
    assert canvas.loose is None
    assert canvas.when.year == 2024  # the date-time variant was chosen and parsed
    assert m.Canvas.from_dict({"when": 17}).when == 17
    assert canvas.to_dict() == {"scalar": 4, "loose": None, "when": "2024-01-02T03:04:05+00:00"}
    assert m.Canvas.__annotations__["loose"] == "Loose | None | Omit"


def test_the_generated_package_type_checks(make_client: Any) -> None:
    c = make_client(PETS + UNIONS.split("schemas:\n", 1)[1])
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
    run = c.run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:]
