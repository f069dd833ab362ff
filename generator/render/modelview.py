"""Template contexts for models, enums and unions: every decision made here, layout left to templates."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .. import ir
from ..blackstyle import LINE_LENGTH
from .fieldcode import decode_statements, dict_literal
from .pytypes import (
    Needs,
    Registry,
    annotation,
    decode,
    encode,
    is_identity,
    py_literal,
    union_decoder,
)
from .shapes import variant_shape

__all__ = ["FieldView", "default_fits", "enum_context", "field_view", "model_context", "union_context"]


@dataclass(frozen=True)
class FieldView:
    name: str
    wire: str
    annotation: str
    default: str | None  # source after "=" in the class body; None when required
    decode: list[str]  # from_dict's statements reading, checking and storing the value into self
    required: bool  # read with data[key]: always present once decoding got past it
    to_json: str  # expression for the JSON value in to_dict
    to_json_present: str | None  # for a nullable field that needs encoding: the expression when not None
    is_omittable: bool  # to_dict checks for OMIT first
    description: str | None
    deprecated: bool


_FORMAT_CHECKS: dict[str, Callable[[str], object]] = {
    "date-time": lambda v: datetime.fromisoformat(v[:-1] + "+00:00" if v[-1:] in "Zz" else v),
    "date": date.fromisoformat,
    "uuid": uuid.UUID,
    "byte": lambda v: base64.b64decode(v + "=" * (-len(v) % 4), validate=True),
}


def default_fits(t: ir.Type, value: Any, reg: Registry) -> bool:
    """Whether the spec's ``default`` is a value of ``t`` that decodes without error (else it is ignored)."""
    if value is None:
        return t.nullable or isinstance(t, ir.AnyValue) or (isinstance(t, ir.Literal) and t.value is None)
    match t:
        case ir.Primitive(kind="string", format=fmt):
            return isinstance(value, str) and _format_ok(fmt, value)
        case ir.Primitive(kind="integer"):
            return isinstance(value, int) and not isinstance(value, bool)
        case ir.Primitive(kind="number"):
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        case ir.Primitive(kind="boolean"):
            return isinstance(value, bool)
        case ir.EnumRef(name=name):
            return any(m.value == value and type(m.value) is type(value) for m in reg.enums[name].members)
        case ir.Literal(value=literal):
            return bool(value == literal) and type(value) is type(literal)
        case ir.ArrayOf(item=item):
            return isinstance(value, list) and all(default_fits(item, v, reg) for v in value)
        case ir.MapOf(value=item):
            return isinstance(value, dict) and all(default_fits(item, v, reg) for v in value.values())
        case ir.TupleOf(items=items, rest=rest):
            return isinstance(value, list) and len(value) >= len(items) and (rest is not None or len(value) == len(items))
        case ir.ModelRef(name=name):
            model = reg.models[name]
            return isinstance(value, dict) and all(
                f.wire_name in value and default_fits(f.type, value[f.wire_name], reg) for f in model.fields if f.required
            )
        case ir.UnionRef() | ir.AnyValue():
            return True
    return False


def _format_ok(fmt: str | None, value: str) -> bool:
    check = _FORMAT_CHECKS.get(fmt or "")
    if check is None:
        return True
    try:
        check(value)
    except (ValueError, binascii.Error):
        return False
    return True


def _default_source(f: ir.Field, raw: str, reg: Registry, needs: Needs) -> str:
    """The class-body default for a field whose spec default is ``raw`` (a Python literal)."""
    value = f.default.value if f.default is not None else None
    if value is None:
        return "None"
    if isinstance(value, (list, dict)) and not value and not isinstance(f.type, ir.ModelRef):
        return f"field(default_factory={type(value).__name__})"
    t = dataclasses.replace(f.type, nullable=False)
    if isinstance(t, ir.EnumRef) and reg.enums[t.name].value_kind in ("string", "integer", "number"):
        return raw  # a str/int/float enum member equals its raw value
    literal = decode(t, raw, reg, needs)
    if literal == raw and not isinstance(value, (list, dict)):
        return raw
    return f"field(default_factory=lambda: {literal})"


def field_view(f: ir.Field, reg: Registry, needs: Needs) -> FieldView:
    """How one field is declared, decoded and encoded."""
    text = annotation(f.type, reg, needs)
    key = py_literal(f.wire_name)
    has_default = f.default is not None and not f.required and default_fits(f.type, f.default.value, reg)
    default: str | None = None
    skip: list[str] = []  # values passed through undecoded
    if f.required:
        fetch = f"data[{key}]"
    elif has_default:
        assert f.default is not None
        raw = py_literal(f.default.value)
        fetch = f"data.get({key}, {raw})"
        default = _default_source(f, raw, reg, needs)
    else:
        needs.runtime.update({"OMIT", "Omit"})
        text += " | Omit"
        default = "OMIT"
        fetch = f"data.get({key}, OMIT)"
        skip.append("OMIT")
    if f.type.nullable:
        skip.append("None")
    statements = decode_statements(f, fetch, [f"v is not {s}" for s in skip], reg, needs)
    omittable = not f.required and not has_default
    to_json = encode(f.type, f"self.{f.name}", reg, needs)
    present = None
    if f.type.nullable and to_json != f"self.{f.name}":  # `if ... is None` beats a long conditional
        present = encode(dataclasses.replace(f.type, nullable=False), f"self.{f.name}", reg, needs)
    return FieldView(
        name=f.name,
        wire=f.wire_name,
        annotation=text,
        default=default,
        decode=statements,
        required=f.required,
        to_json=to_json,
        to_json_present=present,
        is_omittable=omittable,
        description=_field_doc(f),
        deprecated=f.deprecated,
    )


def _field_doc(f: ir.Field) -> str | None:
    notes = [
        f.description,
        "Deprecated." if f.deprecated else None,
        "Read-only: set by the server, not needed in requests." if f.read_only else None,
        "Write-only: sent in requests, never returned by the server." if f.write_only else None,
    ]
    return " ".join(n for n in notes if n) or None


def model_context(model: ir.Model, reg: Registry, needs: Needs, keys_name: str = "_KEYS") -> dict[str, Any]:
    """The class of one model; what its code uses is added to ``needs`` (its module's)."""
    needs.typing.add("Any")
    needs.runtime.add("mismatch")
    needs.stdlib.update({"Mapping", "dataclass", "field"})
    needs.uses_self = True
    fields = [field_view(f, reg, needs) for f in model.fields]
    extra_decode = extra_encode = extra_test = None
    if model.extra is not None and is_identity(model.extra, reg):
        needs.runtime.add("unknown_keys")
        required = sum(f.required for f in fields)  # read with data[key]: present once decoding got here
        extra_test = f"len(data) > {required}"  # there is more than the required keys
        superset = f" and not {keys_name}.issuperset(data)"  # and one not known (unknown_keys checks too)
        if required < len(fields) and len(f"            if {extra_test}{superset}:") <= LINE_LENGTH:
            extra_test += superset  # inline while it fits: it saves a call per decoded object
    if model.extra is not None and not is_identity(model.extra, reg):
        extra_decode = f"{{k: {decode(model.extra, 'v', reg, needs)} for k, v in data.items() if k not in {keys_name}}}"
        extra_encode = encode(model.extra, "v", reg, needs)
    return {
        "model": model,
        "summary": _summary(model.description or model.title or model.name, model.deprecated),
        "fields": fields,
        "has_defaults_factory": any(f.default and f.default.startswith("field(") for f in fields),
        "extra_annotation": annotation(model.extra, reg, needs) if model.extra is not None else None,
        "extra_decode": extra_decode,
        "extra_test": extra_test,
        "converts": any(line.startswith("at = ") for f in fields for line in f.decode),
        "literal": dict_literal([(py_literal(f.wire), f.to_json) for f in fields if not f.is_omittable]),
        "extra_encode": extra_encode,
        "keys": sorted({py_literal(f.wire_name) for f in model.fields}),
    }


def enum_context(enum: ir.Enum, needs: Needs) -> dict[str, Any]:
    """The class of one enum; what its code uses is added to ``needs`` (its module's)."""
    needs.stdlib.add("enum")
    needs.typing.add("Any")
    needs.uses_self = True
    mixin = {"string": "str, ", "integer": "int, ", "number": "float, "}.get(enum.value_kind, "")
    raw = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}.get(enum.value_kind, "Any")
    members = [(m.name, py_literal(m.value), m.description) for m in enum.members]
    summary = _summary(enum.description or enum.name, enum.deprecated)
    accepts = _ENUM_ACCEPTS.get(enum.value_kind)
    if accepts:
        needs.runtime.add("wrong_kind")
    context = {"enum": enum, "summary": summary, "mixin": mixin, "raw": raw, "members": members}
    return {**context, "accepts": accepts, "kind": enum.value_kind}


_ENUM_ACCEPTS = {  # the JSON kind check of an enum's decode (a bool is not an integer)
    "string": "isinstance(value, str)",
    "integer": "isinstance(value, int) and not isinstance(value, bool)",
    "number": "isinstance(value, (int, float)) and not isinstance(value, bool)",
}


def _summary(text: str, deprecated: bool) -> str:
    return f"{text}\n\nDeprecated: the API may stop using it." if deprecated else text


def union_context(union: ir.UnionDef, reg: Registry, needs: Needs) -> dict[str, Any]:
    """The alias, decoder and encoder of one union; what their code uses is added to ``needs``."""
    needs.typing.update({"Any", "TypeAlias"})
    needs.runtime.add("UnknownVariant")
    variants = [annotation(v, reg, needs) for v in union.variants]
    tagged: list[tuple[str, str]] = []
    shapes: list[tuple[str, str]] = []
    if union.discriminator is not None:
        for tag, model in union.discriminator.mapping:
            decoder = decode(ir.ModelRef(model), "data", reg, needs).removesuffix("(data)")
            tagged.append((py_literal(tag), decoder))
    untagged = [v for v in union.variants if union.discriminator is None or not isinstance(v, ir.ModelRef)]
    for variant in untagged:
        shapes.append((variant_shape(variant, reg), decode(variant, "data", reg, needs)))
    if shapes:
        needs.runtime.update({"pick_variant", "VariantShape"})
    needs.runtime.add("to_jsonable")
    if tagged:
        needs.stdlib.add("Callable")
    returns = [(shape, expr, expr == "data" and "Any" not in variants) for shape, expr in shapes]  # Any: no ignore
    return {
        "union": union,
        "alias": " | ".join([*variants, "UnknownVariant"]),
        "tagged": tagged,
        "shapes": returns,
        "property": py_literal(union.discriminator.property) if union.discriminator else None,
        "tag_source": py_literal(union.discriminator.property if union.discriminator else "type"),
        "decoder": union_decoder(union),
    }
