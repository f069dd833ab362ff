"""``render/pytypes.py``: annotation, decode and encode text per IR type kind, built from IR values directly.

Besides the text, the decode/encode expressions are evaluated against the real runtime (copied as the
generator vendors it) and a stand-in ``_models`` namespace, so a wrong expression fails here, not only in
a generated client.
"""

from __future__ import annotations

import datetime
import importlib
import shutil
import sys
import uuid
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from specsmith import ir
from specsmith.render.pytypes import (
    Needs,
    Registry,
    annotation,
    decode,
    encode,
    is_identity,
    py_literal,
    union_decoder,
)
from specsmith.render.shapes import json_kinds

RUNTIME = Path(__file__).resolve().parents[2] / "templates" / "runtime"

PET = ir.Model("Pet", "pet", (ir.Field("name", "name", ir.Primitive("string"), True, "/p/name"),), "/p")
COLOR = ir.Enum("Color", "color", (ir.EnumMember("RED", "red"), ir.EnumMember("BLUE", "blue")), "string", "/c")
LEVEL = ir.Enum("Level", "level", (ir.EnumMember("VALUE_1", 1),), "integer", "/l")
SIZE = ir.Enum("Size", "size", (ir.EnumMember("VALUE_1", 1), ir.EnumMember("AUTO", "auto")), "mixed", "/s")
SHAPE = ir.UnionDef("Shape", "shape", (ir.ModelRef("Pet"), ir.Primitive("string")), "/u")
REG = Registry({"Pet": PET}, {"Color": COLOR, "Level": LEVEL, "Size": SIZE}, {"Shape": SHAPE})


@pytest.fixture(scope="module")
def rt(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    root = tmp_path_factory.mktemp("vendored")
    package = root / "rt_pytypes_client"
    shutil.copytree(RUNTIME, package / "_runtime", ignore=shutil.ignore_patterns("__pycache__"))
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module("rt_pytypes_client._runtime")
    finally:
        sys.path.remove(str(root))


def _models() -> SimpleNamespace:
    class Pet:
        def __init__(self, name: str) -> None:
            self.name = name

        @classmethod
        def from_dict(cls, data: dict[str, Any]) -> Pet:
            return cls(data["name"])

        def to_dict(self) -> dict[str, Any]:
            return {"name": self.name}

    return SimpleNamespace(Pet=Pet, decode_shape=lambda data: ("shape", data))


def _run(expression: str, rt: ModuleType, **names: Any) -> Any:
    scope = {name: getattr(rt, name) for name in rt.__all__}
    scope.update(_models=_models(), **names)
    return eval(expression, scope)


def _text(t: ir.Type, **needs: Any) -> tuple[str, str, str, Needs]:
    found = Needs(**needs)
    return annotation(t, REG, found), decode(t, "x", REG, found), encode(t, "x", REG, found), found


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        (ir.Primitive("string"), "str"),
        (ir.Primitive("integer"), "int"),
        (ir.Primitive("number"), "float"),
        (ir.Primitive("boolean"), "bool"),
        (ir.Primitive("null"), "None"),
        (ir.Primitive("string", "email"), "str"),
        (ir.Primitive("string", nullable=True), "str | None"),
        (ir.ArrayOf(ir.Primitive("integer")), "list[int]"),
        (ir.MapOf(ir.Primitive("boolean")), "dict[str, bool]"),
        (ir.AnyValue(), "Any"),
        (ir.AnyValue(nullable=True), "Any"),
        (ir.Literal("dog"), 'Literal["dog"]'),
        (ir.Literal(2.5), "float"),
        (ir.TupleOf((ir.Primitive("string"), ir.Primitive("integer"))), "tuple[str, int]"),
        (ir.TupleOf((ir.Primitive("integer"),), ir.Primitive("integer")), "list[int]"),
        (ir.TupleOf((ir.Primitive("integer"),), ir.Primitive("string")), "list[int | str]"),
        (ir.TupleOf((ir.Primitive("integer"),), ir.AnyValue()), "list[Any]"),
        (ir.ModelRef("Pet", nullable=True), "Pet | None"),
        (ir.EnumRef("Color"), "Color | str"),
        (ir.EnumRef("Level"), "Level | int"),
        (ir.EnumRef("Size"), "Size | int | str"),
        (ir.UnionRef("Shape"), "Shape"),
    ],
)
def test_annotation_per_kind(t: ir.Type, expected: str) -> None:
    assert annotation(t, REG, Needs()) == expected


def test_plain_json_values_need_no_code(rt: ModuleType) -> None:
    for t in (ir.Primitive("string"), ir.ArrayOf(ir.MapOf(ir.Primitive("integer"))), ir.AnyValue(), ir.Literal(1)):
        _, dec, enc, needs = _text(t)
        assert (dec, enc) == ("x", "x") and is_identity(t, REG)
        assert needs.runtime == set() and not needs.uses_models


@pytest.mark.parametrize(
    ("fmt", "wire", "value", "stdlib"),
    [
        ("date-time", "2024-01-02T03:04:05Z", datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
         "datetime"),
        ("date", "2024-01-02", datetime.date(2024, 1, 2), "date"),
        ("uuid", "00000000-0000-4000-8000-000000000000", uuid.UUID(int=0x4000_8000_0000_0000_0000 << 32), "UUID"),
        ("byte", "aGVsbG8=", b"hello", None),
    ],
)  # fmt: skip
def test_string_formats_decode_and_encode(rt: ModuleType, fmt: str, wire: str, value: Any, stdlib: str | None) -> None:
    t = ir.Primitive("string", fmt)
    _, dec, enc, needs = _text(t)
    assert needs.stdlib == ({stdlib} if stdlib else set())
    decoded = _run(dec, rt, x=wire)
    assert decoded == (uuid.UUID(wire) if fmt == "uuid" else value)
    assert _run(enc, rt, x=decoded) == (wire.replace("Z", "+00:00") if fmt == "date-time" else wire)
    assert needs.runtime <= set(rt.__all__)


def test_nullable_values_pass_none_through(rt: ModuleType) -> None:
    t = ir.Primitive("string", "date", nullable=True)
    _, dec, enc, _ = _text(t)
    assert dec == "None if x is None else parse_date(x)"
    assert _run(dec, rt, x=None) is None
    assert _run(enc, rt, x=None) is None
    assert _run(enc, rt, x=datetime.date(2024, 1, 2)) == "2024-01-02"


def test_containers_decode_their_items(rt: ModuleType) -> None:
    t = ir.MapOf(ir.ArrayOf(ir.Primitive("string", "date")))
    text, dec, enc, _ = _text(t)
    assert text == "dict[str, list[date]]"
    assert dec == "{k0: list(map(parse_date, as_list(v1))) for k0, v1 in x.items()}"
    decoded = _run(dec, rt, x={"a": ["2024-01-02"]})
    assert decoded == {"a": [datetime.date(2024, 1, 2)]}
    assert _run(enc, rt, x=decoded) == {"a": ["2024-01-02"]}


def test_tuples(rt: ModuleType) -> None:
    closed = ir.TupleOf((ir.Primitive("string", "date"), ir.Primitive("integer")))
    _, dec, enc, _ = _text(closed)
    assert _run(dec, rt, x=["2024-01-02", 3]) == (datetime.date(2024, 1, 2), 3)
    assert _run(enc, rt, x=(datetime.date(2024, 1, 2), 3)) == ["2024-01-02", 3]
    open_ = ir.TupleOf((ir.Primitive("integer"),), ir.Primitive("integer"))
    assert _run(_text(open_)[1], rt, x=[1, 2, 3]) == [1, 2, 3]


def test_model_references_go_through_the_lazy_models_package(rt: ModuleType) -> None:
    text, dec, enc, needs = _text(ir.ModelRef("Pet"))
    assert (text, dec, enc) == ("Pet", "_models.Pet.from_dict(x)", "x.to_dict()")
    assert needs.definitions == {"Pet"} and needs.uses_models
    pet = _run(dec, rt, x={"name": "Rex"})
    assert _run(enc, rt, x=pet) == {"name": "Rex"}
    listed = _text(ir.ArrayOf(ir.ModelRef("Pet", nullable=True)))[1]
    assert listed == "[None if v1 is None else _models.Pet.from_dict(v1) for v1 in as_list(x)]"


def test_enums(rt: ModuleType) -> None:
    _, dec, enc, _ = _text(ir.EnumRef("Color"))
    assert dec == "_models.Color.decode(x)"
    assert enc == "x"  # a str enum member is its value on the wire
    _, _, mixed, needs = _text(ir.EnumRef("Size"))
    assert mixed == "to_jsonable(x)"
    assert "to_jsonable" in needs.runtime


def test_unions_use_their_decoder_and_to_jsonable(rt: ModuleType) -> None:
    _, dec, enc, needs = _text(ir.UnionRef("Shape"))
    assert union_decoder(SHAPE) == "decode_shape"
    assert dec == "_models.decode_shape(x)"
    assert enc == "to_jsonable(x)"
    assert needs.uses_models and needs.definitions == {"Shape"}
    assert _run(dec, rt, x=1) == ("shape", 1)


def test_builtins_shadowed_by_a_member_are_qualified() -> None:
    needs = Needs(shadowed=frozenset({"list", "str"}))
    assert annotation(ir.ArrayOf(ir.Primitive("string")), REG, needs) == "builtins.list[builtins.str]"
    assert needs.stdlib == {"builtins"}


def test_json_kinds() -> None:
    assert json_kinds(ir.Primitive("number"), REG) == {"number", "integer"}
    assert json_kinds(ir.ModelRef("Pet", nullable=True), REG) == {"object", "null"}
    assert json_kinds(ir.EnumRef("Size"), REG) == {"string", "integer", "number", "boolean"}
    assert json_kinds(ir.UnionRef("Shape"), REG) == {"object", "string"}
    assert json_kinds(ir.Literal(True), REG) == {"boolean"}
    assert json_kinds(ir.TupleOf((ir.AnyValue(),)), REG) == {"array"}


def test_py_literal_is_valid_python_for_any_json_value() -> None:
    value = {"a\"b": ["it's", 1, 2.5, True, None, {"\n": "\\"}]}
    assert eval(py_literal(value)) == value
    assert py_literal(float("inf")) == "float('inf')"
    assert py_literal(float("nan")) == "float('nan')"
    assert py_literal("__import__('os')") == "\"__import__('os')\""
