"""``render/samples.py``: example JSON values that generated tests send and expect."""

from __future__ import annotations

from specsmith import ir
from specsmith.render.heights import definition_heights
from specsmith.render.pytypes import Registry
from specsmith.render.samples import sample


def _field(name: str, t: ir.Type, required: bool = True) -> ir.Field:
    return ir.Field(name, name, t, required, f"/{name}")


NODE = ir.Model("Node", "node", (_field("value", ir.Primitive("integer")),
                                 _field("next", ir.ModelRef("Node", nullable=True))), "/n")  # fmt: skip
POINT = ir.Model("Point", "point", (_field("x", ir.Primitive("integer"), required=False),
                                    _field("at", ir.Primitive("string", "date"), required=False)), "/p")  # fmt: skip
CAT = ir.Model("Cat", "cat", (_field("kind", ir.Literal("cat")), _field("lives", ir.Primitive("integer"))), "/c")
PET = ir.UnionDef("Pet", "pet", (ir.ModelRef("Cat"),), "/u", ir.Discriminator("kind", (("cat", "Cat"),)))
REG = Registry.of(ir.Api("T", "1", "spec", "0" * 64, ir.Resource("", "RootResource", ()),
                         models=(CAT, NODE, POINT), unions=(PET,)))  # fmt: skip


def test_scalars_and_formats() -> None:
    assert sample(ir.Primitive("string", "date-time"), REG) == "2024-01-02T03:04:05+00:00"
    assert sample(ir.Primitive("integer"), REG) == 1
    assert sample(ir.Primitive("string"), REG, examples=("abc",)) == "abc"  # a plain example is used
    assert sample(ir.Primitive("string"), REG, examples=("a b",)) == "string"


def test_models_get_their_required_fields_and_recursion_ends() -> None:
    value = sample(ir.ModelRef("Node"), REG)
    depth = 0
    while isinstance(value, dict) and value.get("next") is not None:
        value, depth = value["next"], depth + 1
    assert value["next"] is None and depth < 10
    assert sample(ir.ModelRef("Point"), REG) == {}


def test_filled_samples_have_every_field() -> None:
    assert sample(ir.ModelRef("Point"), REG, filled=True) == {"x": 1, "at": "2024-01-02"}


def test_discriminated_unions_carry_their_tag() -> None:
    assert sample(ir.UnionRef("Pet"), REG) == {"kind": "cat", "lives": 1}
    assert definition_heights(REG) == {"Cat": 1, "Node": 1, "Point": 1, "Pet": 2}
