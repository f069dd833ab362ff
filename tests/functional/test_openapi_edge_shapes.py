"""Shapes from real specs that used to stop the generator with an internal error or produce wrong code."""

from __future__ import annotations

from typing import Any

# A one-part allOf alias of a discriminated base whose children extend it through allOf (KeyError before).
ALIAS_OF_POLYMORPHIC_BASE = """
paths:
  /pets:
    get:
      operationId: list_pets
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Alias'}}}}
components:
  schemas:
    Alias:
      description: Another name for Pet.
      allOf: [{$ref: '#/components/schemas/Pet'}]
    Pet:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
      discriminator: {propertyName: kind}
    Dog:
      allOf: [{$ref: '#/components/schemas/Pet'}, {type: object, properties: {bark: {type: boolean}}}]
    Cat:
      allOf: [{$ref: '#/components/schemas/Pet'}, {type: object, properties: {meow: {type: boolean}}}]
"""


def test_a_one_part_alias_of_a_discriminated_base_is_the_same_union(make_client: Any) -> None:
    c = make_client(ALIAS_OF_POLYMORPHIC_BASE)
    for module in ("models.alias", "models.pet"):
        decode = c.module(module).decode
        assert decode({"kind": "Dog", "bark": True}) == c.models.Dog(kind="Dog", bark=True)
        assert decode({"kind": "Cat", "meow": False}) == c.models.Cat(kind="Cat", meow=False)
        assert isinstance(decode({"kind": "Alias"}), c.package.UnknownVariant)  # the alias is no variant
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
