"""A named schema's inline types live in its module (and an operation's in one module), so the number of
model modules follows the named schemas; imports, circular references and the generated tests still work."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from specsmith.render import testview

from tests.support import GeneratedClient

SPEC = """
paths:
  /pets:
    post:
      operationId: createPet
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                mood: {type: string, enum: [happy, sad]}
                tag: {type: object, properties: {label: {type: string}}}
      responses:
        '200':
          description: the pet
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id: {type: integer}
        owner:
          type: object
          properties:
            best_friend: {$ref: '#/components/schemas/Pet'}
            kind: {type: string, enum: [person, robot]}
        shape:
          oneOf:
            - {type: object, required: [kind], properties: {kind: {const: circle}, r: {type: number}}}
            - {type: object, required: [kind], properties: {kind: {const: square}, side: {type: number}}}
          discriminator: {propertyName: kind}
        other: {$ref: '#/components/schemas/Thing'}
    Owner:
      type: object
      properties: {name: {type: string}}
    Thing:
      oneOf:
        - type: string
        - type: object
          properties:
            pet: {$ref: '#/components/schemas/Pet'}
            at: {type: string, format: date-time}
"""


def _model_modules(client: GeneratedClient) -> list[str]:
    folder = client.root / client.name / "models"
    return sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")


def test_inline_types_share_the_module_of_their_schema_or_operation(
    make_client: Callable[..., GeneratedClient],
) -> None:
    c = make_client(SPEC)
    assert _model_modules(c) == ["create_pet_request", "owner", "pet", "thing"]
    pet = c.module("models.pet")
    assert {"Pet", "PetOwner", "PetOwnerKind", "PetShape", "PetShapeCircle", "PetShapeSquare"} <= set(pet.__all__)
    assert c.module("models.create_pet_request").CreatePetRequestMood.HAPPY.value == "happy"


def test_public_imports_and_circular_references_work_across_shared_modules(
    make_client: Callable[..., GeneratedClient],
) -> None:
    c = make_client(SPEC)
    m = c.models
    wire = {
        "id": 1,
        "owner": {"best_friend": {"id": 2, "other": "x"}, "kind": "robot"},
        "shape": {"kind": "square", "side": 2},
        "other": {"pet": {"id": 3}, "at": "2024-01-02T03:04:05Z"},
    }
    pet = m.Pet.from_dict(wire)
    assert isinstance(pet.owner, m.PetOwner) and isinstance(pet.owner.best_friend, m.Pet)
    assert pet.owner.kind is m.PetOwnerKind.ROBOT
    assert isinstance(pet.shape, m.PetShapeSquare) and isinstance(pet.other, m.ThingVariant2)
    assert pet.to_dict() == {**wire, "other": {"pet": {"id": 3}, "at": "2024-01-02T03:04:05+00:00"}}
    assert isinstance(m.decode_pet_shape({"kind": "circle"}), m.PetShapeCircle)  # an inline union's decoder
    assert m.decode_thing("plain") == "plain"  # a named union's decoder, ``decode`` in its own module
    assert m.Owner.from_dict({"name": "ann"}).name == "ann"  # ``Owner`` beside ``Pet``'s inline ``PetOwner``


def test_shared_modules_pass_mypy_strict_and_their_generated_tests(make_client: Callable[..., GeneratedClient]) -> None:
    c = make_client(SPEC)
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
    ran = c.run_generated_tests()
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_big_model_tests_are_split_by_module_and_all_run(
    make_client: Callable[..., GeneratedClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(testview, "_TEST_FILE_CHARS", 300)  # as if the spec were large
    c = make_client(SPEC)
    files = sorted(p.name for p in (c.root / "tests").glob("test_models*.py"))
    assert len(files) > 1 and "test_models.py" not in files
    texts = "".join((c.root / "tests" / name).read_text() for name in files)
    for name in ("Pet", "PetOwner", "Owner", "CreatePetRequestTag", "decode_pet_shape", "PetOwnerKind"):
        assert texts.count(f'("{name}",') == 1, name  # each definition is tested in exactly one file
    for name in files:  # a module's definitions are tested together: a schema change touches one file
        text = (c.root / "tests" / name).read_text()
        assert ('("Pet",' in text) == ('("PetOwner",' in text) == ('("PetOwnerKind",' in text)
    ran = c.run_generated_tests()
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_each_model_of_a_shared_module_keeps_its_own_unknown_keys(make_client: Callable[..., GeneratedClient]) -> None:
    # Several classes in one module each test unknown keys against their own key set (``_Owner_KEYS`` ...).
    item = {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]}
    c = make_client({"components": {"schemas": {"Pet": {"type": "object", "properties": {
        "name": {"type": "string"},
        "owner": {"type": "object", "properties": {"id": {"type": "integer"}, "nick": {"type": "string"}}, "required": ["id"]},
        "tags": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": item},
    }}}}})  # fmt: skip
    models = c.models
    assert models.Pet.from_dict({"name": "rex", "id": 1}).extra == {"id": 1}
    assert models.PetOwner.from_dict({"id": 1, "name": "x"}).extra == {"name": "x"}
    tags = models.PetTags.from_dict({"a": "x", "b": {"id": 3}})
    assert list(tags.extra) == ["b"] and tags.extra["b"].id == 3  # decoded as the item model, not left raw
    assert tags.to_dict() == {"a": "x", "b": {"id": 3}}
