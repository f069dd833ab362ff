"""Template contexts for models, enums and unions: every decision made here, layout left to templates."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from generator import ir
from generator.render.imports import ImportBlock, imports_for
from generator.render.pytypes import (
    Needs,
    Registry,
    annotation,
    decode,
    encode,
    is_identity,
    json_kinds,
    py_literal,
    union_decoder,
)

__all__ = ["FieldView", "enum_context", "model_context", "union_context"]


@dataclass(frozen=True)
class FieldView:
    name: str
    wire: str
    annotation: str
    default: str | None  # source after "=" in the class body; None when required
    prelude: list[str]  # statements decoding the raw value before the constructor call
    value: str  # constructor argument expression in from_dict
    to_json: str  # expression for the JSON value in to_dict
    is_omittable: bool  # to_dict checks for OMIT first
    description: str | None
    deprecated: bool


def _default_fits(t: ir.Type, value: Any) -> bool:
    match t:
        case ir.Primitive(kind="string", format=None):
            return isinstance(value, str)
        case ir.Primitive(kind="integer"):
            return isinstance(value, int) and not isinstance(value, bool)
        case ir.Primitive(kind="number"):
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        case ir.Primitive(kind="boolean"):
            return isinstance(value, bool)
        case ir.EnumRef():
            return isinstance(value, (str, int, float)) and not isinstance(value, bool)
        case ir.Literal(value=literal):
            return bool(value == literal)
        case ir.ArrayOf(item=item):
            return isinstance(value, list) and all(_default_fits(item, v) for v in value)
        case ir.AnyValue():
            return True
    return value is None and t.nullable


def field_view(f: ir.Field, reg: Registry, needs: Needs) -> FieldView:
    """How one field is declared, decoded and encoded."""
    text = annotation(f.type, reg, needs)
    local = f"f_{f.name}"
    key = py_literal(f.wire_name)
    has_default = f.default is not None and not f.required and _default_fits(f.type, f.default.value)
    identity = is_identity(f.type, reg)
    default: str | None = None
    skip: list[str] = []  # values passed through undecoded
    if f.required:
        fetch = f"data[{key}]"
    elif has_default:
        assert f.default is not None
        raw = py_literal(f.default.value)
        fetch = f"data.get({key}, {raw})"
        literal = raw if isinstance(f.type, ir.EnumRef) else decode(f.type, raw, reg, needs)
        mutable = isinstance(f.default.value, (list, dict)) or literal != raw
        default = f"field(default_factory=lambda: {literal})" if mutable else literal
        if f.default.value in ([], {}):
            default = f"field(default_factory={type(f.default.value).__name__})"
    else:
        needs.runtime.update({"OMIT", "Omit"})
        text += " | Omit"
        default = "OMIT"
        fetch = f"data.get({key}, OMIT)"
        skip.append("OMIT")
    prelude: list[str] = []
    value = fetch
    if not identity:
        inner = decode(dataclasses.replace(f.type, nullable=False), local, reg, needs)
        if f.type.nullable:
            skip.append("None")
        if skip:
            condition = " and ".join(f"{local} is not {s}" for s in skip)
            prelude = [f"{local} = {fetch}", f"if {condition}:", f"    {local} = {inner}"]
        else:
            prelude = [f"{local} = {inner.replace(local, fetch, 1)}"] if inner.count(local) == 1 else [f"{local} = {fetch}", f"{local} = {inner}"]
        value = local
    omittable = not f.required and not has_default
    return FieldView(
        name=f.name,
        wire=f.wire_name,
        annotation=text,
        default=default,
        prelude=prelude,
        value=value,
        to_json=encode(f.type, f"self.{f.name}", reg, needs),
        is_omittable=omittable,
        description=f.description,
        deprecated=f.deprecated,
    )


def model_context(model: ir.Model, reg: Registry, package: str) -> dict[str, Any]:
    needs = Needs(typing={"Any"})
    fields = [field_view(f, reg, needs) for f in model.fields]
    extra_decode = extra_encode = None
    if model.extra is not None and is_identity(model.extra, reg):
        needs.runtime.add("unknown_keys")
    if model.extra is not None and not is_identity(model.extra, reg):
        extra_decode = decode(model.extra, "v", reg, needs)
        extra_encode = encode(model.extra, "v", reg, needs)
    return {
        "model": model,
        "fields": fields,
        "has_defaults_factory": any(f.default and f.default.startswith("field(") for f in fields),
        "extra_annotation": annotation(model.extra, reg, needs) if model.extra is not None else None,
        "extra_decode": extra_decode,
        "extra_encode": extra_encode,
        "imports": imports_for(needs, reg, own=model.module),
        "keys": sorted({py_literal(f.wire_name) for f in model.fields}),
    }


def enum_context(enum: ir.Enum) -> dict[str, Any]:
    mixin = {"string": "str, ", "integer": "int, ", "number": "float, "}.get(enum.value_kind, "")
    raw = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}.get(enum.value_kind, "Any")
    members = [(m.name, py_literal(m.value), m.description) for m in enum.members]
    return {"enum": enum, "mixin": mixin, "raw": raw, "members": members}


def union_context(union: ir.UnionDef, reg: Registry) -> dict[str, Any]:
    needs = Needs(typing={"Any", "TypeAlias"}, runtime={"UnknownVariant"})
    variants = [annotation(v, reg, needs) for v in union.variants]
    needs.definitions.discard(union.name)
    tagged: list[tuple[str, str]] = []
    shapes: list[tuple[str, str]] = []
    if union.discriminator is not None:
        for tag, model in union.discriminator.mapping:
            decoder = decode(ir.ModelRef(model), "data", reg, needs).removesuffix("(data)")
            tagged.append((py_literal(tag), decoder))
    untagged = [v for v in union.variants if union.discriminator is None or not isinstance(v, ir.ModelRef)]
    for variant in untagged:
        shapes.append((_shape(variant, reg), decode(variant, "data", reg, needs)))
    if shapes:
        needs.runtime.update({"pick_variant", "VariantShape"})
    needs.runtime.add("to_jsonable")
    returns = [(shape, expr, expr == "data") for shape, expr in shapes]
    return {
        "union": union,
        "alias": " | ".join([*variants, "UnknownVariant"]),
        "tagged": tagged,
        "shapes": returns,
        "property": py_literal(union.discriminator.property) if union.discriminator else None,
        "tag_source": py_literal(union.discriminator.property if union.discriminator else "type"),
        "decoder": union_decoder(union),
        "imports": imports_for(needs, reg, own=union.module),
    }


def _shape(t: ir.Type, reg: Registry) -> str:
    kinds = sorted(json_kinds(t, reg))
    required: list[str] = []
    known: list[str] = []
    if isinstance(t, ir.ModelRef):
        model = reg.models[t.name]
        required = sorted(f.wire_name for f in model.fields if f.required)
        known = sorted(f.wire_name for f in model.fields)
    def fs(items: list[str]) -> str:
        return f"frozenset({{{', '.join(py_literal(i) for i in items)}}})" if items else "frozenset()"
    return f"({fs(kinds)}, {fs(required)}, {fs(known)})"
