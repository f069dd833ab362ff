"""Object schemas → ``ir.Model``: fields, required-ness, defaults, constraints, extra keys."""

from __future__ import annotations

from typing import Any

from ..ir import AnyValue, Constraints, Field, Model, Type
from ..load.pointer import join
from .allof import merge_with_origins
from .context import BuildContext
from .defaults import checked_default
from .naming import RESERVED_ATTRIBUTES, Scope, pascal_case, snake_case
from .schemas import schema_type, split_nullable

__all__ = ["build_fields", "build_model", "constraints_of", "examples_of"]

_CONSTRAINTS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
    "multipleOf": "multiple_of",
    "minLength": "min_length",
    "maxLength": "max_length",
    "pattern": "pattern",
    "minItems": "min_items",
    "maxItems": "max_items",
    "minProperties": "min_properties",
    "maxProperties": "max_properties",
}


def constraints_of(schema: Any, ctx: BuildContext | None = None) -> Constraints | None:
    """The validation keywords of a schema, or None when it has none. With ``ctx``, those of the schema a
    ``$ref`` (or a one-part ``allOf``, or an "or null" union around one) names count too; the schema's own
    keywords win. A 3.0 boolean ``exclusiveMinimum``/``exclusiveMaximum`` makes its bound exclusive."""
    layers = _layers(schema, ctx)
    if not layers:
        return None
    found: dict[str, Any] = {}
    for key, attribute in _CONSTRAINTS.items():
        value = next((layer[key] for layer in layers if key in layer), None)
        if isinstance(value, (int, float, str)) and not isinstance(value, bool):
            found[attribute] = value
    for flag, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        owner = next((layer for layer in layers if flag in layer), {})
        if owner.get(flag) is True and bound in found:
            found[_CONSTRAINTS[flag]] = found.pop(bound)
    if next((layer["uniqueItems"] for layer in layers if "uniqueItems" in layer), False) is True:
        found["unique_items"] = True
    items = next((layer["items"] for layer in layers if isinstance(layer.get("items"), dict)), None)
    if items is not None and (item_constraints := constraints_of(items, ctx)) is not None:
        found["items"] = item_constraints
    return Constraints(**found) if found else None


def _layers(schema: Any, ctx: BuildContext | None) -> list[dict[str, Any]]:
    """``schema`` (without "or null"), then each schema its ``$ref`` chain names."""
    layers: list[dict[str, Any]] = []
    for _ in range(16):
        if not isinstance(schema, dict):
            break
        schema, _nullable = split_nullable(schema)
        layers.append(schema)
        parts = schema.get("allOf")
        if isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], dict):
            schema = parts[0]
            continue
        ref = schema.get("$ref")
        found = ctx.lookup(ref) if ctx is not None and isinstance(ref, str) else None
        if found is None:
            break
        schema = found[0]
    return layers


def examples_of(schema: Any) -> tuple[Any, ...]:
    if not isinstance(schema, dict):
        return ()
    examples = schema.get("examples")
    found = list(examples) if isinstance(examples, list) else []
    if "example" in schema:
        found.insert(0, schema["example"])
    return tuple(found)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def build_fields(
    ctx: BuildContext, schema: dict[str, Any], pointer: str, owner: str, *, reserved: frozenset[str],
    origins: dict[str, str] | None = None,
) -> tuple[Field, ...]:  # fmt: skip
    """One ``Field`` per property, named uniquely (snake_case, reserved names suffixed).

    ``origins`` gives the pointer where a property was declared (an ``allOf`` part), when not ``pointer``.
    """
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return ()
    required = schema.get("required")
    required_names = set(required) if isinstance(required, list) else set()
    scope = Scope(reserved=reserved)
    fields: list[Field] = []
    for wire_name, property_schema in properties.items():
        where = (origins or {}).get(wire_name) or join(pointer, "properties", wire_name)
        name, collided = scope.claim(snake_case(wire_name, fallback="field"))
        if collided:
            ctx.warn("name-collision", f"property {wire_name!r} is named {name!r} in Python", where)
        hint = f"{owner}{pascal_case(wire_name, fallback='Field')}"
        fields.append(_field(ctx, property_schema, where, hint, wire=wire_name, name=name,
                             required=wire_name in required_names))  # fmt: skip
    return tuple(fields)


def _field(
    ctx: BuildContext, schema: Any, pointer: str, hint: str, *, wire: str, name: str, required: bool
) -> Field:
    type_: Type = schema_type(ctx, schema, pointer, hint)
    info = schema if isinstance(schema, dict) else {}
    plain, _ = split_nullable(info) if info else (info, False)
    return Field(
        name=name,
        wire_name=wire,
        type=type_,
        required=required,
        pointer=pointer,
        default=checked_default(ctx, info, pointer),
        description=_text(info.get("description")) or _text(plain.get("description")),
        deprecated=info.get("deprecated") is True,
        read_only=info.get("readOnly") is True,
        write_only=info.get("writeOnly") is True,
        examples=examples_of(info),
        constraints=constraints_of(info, ctx),
    )


def build_model(ctx: BuildContext, schema: dict[str, Any], pointer: str, name: str, module: str) -> None:
    """Define the model ``name`` for an object schema (``allOf`` parts merged first)."""
    origins: dict[str, str] = {}
    if "allOf" in schema:
        schema, origins = merge_with_origins(ctx, schema, pointer)
    extra_schema = schema.get("additionalProperties", True)
    extra: Type | None
    if extra_schema is False:
        extra = None
    elif extra_schema is True or extra_schema == {}:
        extra = AnyValue()
    else:
        extra = schema_type(ctx, extra_schema, join(pointer, "additionalProperties"), f"{name}Value")
    owner = ctx.inline_owners.get(pointer, name)  # FastAPI ``Body_*`` schemas: the method's name
    ctx.add(
        Model(
            name=name,
            module=module,
            fields=build_fields(ctx, schema, pointer, owner, reserved=RESERVED_ATTRIBUTES, origins=origins),
            pointer=pointer,
            extra=extra,
            description=_text(schema.get("description")),
            deprecated=schema.get("deprecated") is True,
            title=_text(schema.get("title")),
            examples=examples_of(schema),
        )
    )
