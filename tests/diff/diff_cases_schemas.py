"""One fixture pair per schema-level rule: types at each kind of use site, properties, enums, unions."""

from __future__ import annotations

from collections.abc import Callable

from diff_cases_operations import Case
from diff_factories import (
    INT,
    NUM,
    STR,
    api,
    body,
    constraints,
    default,
    enum,
    field,
    model,
    op,
    param,
    response,
    union,
)
from specsmith.ir import AnyValue, Api, EnumRef, Literal, Model, ModelRef, Primitive, Type, UnionRef

__all__ = ["SCHEMA_CASES"]

Place = Callable[[Type], Api]


def _at_parameter(type_: Type) -> Api:
    filter_ = param("filter", type_=type_, content_type="application/json")
    return api(op("GET", "/things", "list", params=(filter_,)))


def _at_request_property(type_: Type) -> Api:
    return api(op("POST", "/things", "create", body=body(None, field("f", type_))))


def _at_request_body(type_: Type) -> Api:
    return api(op("POST", "/things", "create", body=body(type_)))


def _at_response_property(type_: Type) -> Api:
    return api(op("GET", "/things", "list"), models=(model("Thing", field("f", type_)),))


def _at_response_body(type_: Type) -> Api:
    return api(op("GET", "/things", "list", success=response(type_)))


PLACES: dict[str, Place] = {
    "parameter": _at_parameter,
    "request-property": _at_request_property,
    "request-body": _at_request_body,
    "response-property": _at_response_property,
    "response-body": _at_response_body,
}
NULLABLE_STR = Primitive("string", nullable=True)
TYPE_PAIRS: dict[str, tuple[Type, Type]] = {
    "type-changed": (STR, Primitive("boolean")),
    "type-widened": (INT, NUM),
    "type-narrowed": (NUM, INT),
    "format-changed": (STR, Primitive("string", "date-time")),
    "became-nullable": (STR, NULLABLE_STR),
    "became-non-nullable": (NULLABLE_STR, STR),
    "type-became-any": (STR, AnyValue()),
}


def _type_cases() -> list[Case]:
    cases = []
    for prefix, place in PLACES.items():
        for suffix, (old, new) in TYPE_PAIRS.items():
            is_request = not prefix.startswith("response")
            if suffix in (
                ("type-narrowed", "type-became-any") if is_request else ("type-widened",)
            ):
                continue  # in the other direction these are type-widened or type-changed
            rule = f"{prefix}-{suffix}"
            cases.append(Case(rule, place(old), place(new), (rule,)))
    return cases


def _one(rule: str, old: Api, new: Api, *also: str) -> Case:
    return Case(rule, old, new, tuple(sorted((rule, *also))))


def _flat(*fields: object) -> Api:
    base = field("name", required=True)
    return api(op("POST", "/things", "create", body=body(None, base, *fields)))  # type: ignore[arg-type]


def _returns(*fields: object) -> Api:
    return api(op("GET", "/things", "list"), models=(model("Thing", *fields),))  # type: ignore[arg-type]


def _sends_enum(*values: str) -> Api:
    return api(
        op("GET", "/things", "list", params=(param("color", type_=EnumRef("Color")),)),
        enums=(enum("Color", *values),),
    )


def _returns_enum(*values: str) -> Api:
    return api(
        op("GET", "/things", "list"),
        models=(model("Thing", field("color", EnumRef("Color"))),),
        enums=(enum("Color", *values),),
    )


PETS = (
    model("Cat", field("type"), field("meows")),
    model("Dog", field("type"), field("barks")),
    model("Bird", field("type"), field("sings")),
)


def _pets(pet_union: object, *, is_request: bool, models: tuple[Model, ...] = PETS) -> Api:
    call = (
        op("POST", "/pets", "create", body=body(UnionRef("Pet")))
        if is_request
        else op("GET", "/pets", "get", success=response(UnionRef("Pet")))
    )
    return api(call, models=models, unions=(pet_union,))


CAT, DOG, BIRD = ModelRef("Cat"), ModelRef("Dog"), ModelRef("Bird")
UNTAGGED = union("Pet", CAT, DOG)
UNTAGGED_3 = union("Pet", CAT, DOG, BIRD)
TAGGED = union("Pet", CAT, DOG, tag="type", cat="Cat", dog="Dog")
TAGGED_3 = union("Pet", CAT, DOG, BIRD, tag="type", cat="Cat", dog="Dog", bird="Bird")
KIND_TAGGED = union("Pet", CAT, DOG, tag="kind", cat="Cat", dog="Dog")


THING = model("Thing", field("id", required=True))


def _param(**extra: object) -> Api:
    return api(op("GET", "/things", "list", params=(param("q", type_=INT, **extra),)))


SCHEMA_CASES: tuple[Case, ...] = (
    *_type_cases(),
    _one("request-property-added-required", _flat(), _flat(field("f", required=True))),
    _one("request-property-added-optional", _flat(), _flat(field("f"))),
    _one("request-property-removed", _flat(field("f")), _flat()),
    _one("request-property-became-required", _flat(field("f")), _flat(field("f", required=True))),
    _one("request-property-became-optional", _flat(field("f", required=True)), _flat(field("f"))),
    _one("response-property-added", _returns(), _returns(field("f"))),
    _one("response-required-property-removed", _returns(field("f", required=True)), _returns()),
    _one("response-optional-property-removed", _returns(field("f")), _returns()),
    _one("response-property-became-optional", _returns(field("f", required=True)), _returns(field("f"))),
    _one("response-property-became-required", _returns(field("f")), _returns(field("f", required=True))),
    _one("property-deprecated", _returns(field("f")), _returns(field("f", deprecated=True))),
    _one("request-default-changed", _param(default=default(1)), _param(default=default(2))),
    _one("request-constraint-tightened", _param(constraints=constraints(maximum=10)),
         _param(constraints=constraints(maximum=5))),
    _one("request-constraint-added", _param(), _param(constraints=constraints(max_length=5))),
    _one("request-constraint-loosened", _param(constraints=constraints(min_length=3)), _param()),
    _one("request-pattern-changed", _param(constraints=constraints(pattern="^a")),
         _param(constraints=constraints(pattern="^b"))),
    _one("response-constraint-loosened", _returns(field("f", INT, constraints=constraints(maximum=10))),
         _returns(field("f", INT, constraints=constraints(maximum=20)))),
    _one("type-renamed", api(op("GET", "/things", "list")),
         api(op("GET", "/things", "list", success=response(ModelRef("Item"))),
             models=(model("Item", field("id", required=True)),))),
    _one("request-enum-value-added", _sends_enum("red"), _sends_enum("red", "blue")),
    _one("request-enum-value-removed", _sends_enum("red", "blue"), _sends_enum("red")),
    _one("response-enum-value-added", _returns_enum("red"), _returns_enum("red", "blue")),
    _one("response-enum-value-removed", _returns_enum("red", "blue"), _returns_enum("red")),
    _one("request-union-variant-added", _pets(UNTAGGED, is_request=True), _pets(UNTAGGED_3, is_request=True)),
    _one("request-union-variant-removed", _pets(TAGGED_3, is_request=True), _pets(TAGGED, is_request=True)),
    _one("response-union-variant-added", _pets(TAGGED, is_request=False), _pets(TAGGED_3, is_request=False)),
    _one("response-untagged-union-variant-added", _pets(UNTAGGED, is_request=False),
         _pets(UNTAGGED_3, is_request=False)),
    _one("response-union-variant-narrowed", _pets(UNTAGGED_3, is_request=False), _pets(UNTAGGED, is_request=False)),
    _one("response-union-variant-removed", _pets(UNTAGGED_3, is_request=False),
         _pets(UNTAGGED, is_request=False, models=PETS[:2])),
    _one("response-literal-value-removed",
         api(op("GET", "/things", "list"), models=(model("Thing", field("f", UnionRef("Mode"))),),
             unions=(union("Mode", Literal("a"), Literal("b")),)),
         _returns(field("f", Literal("a")))),
    _one("type-removed", api(op("GET", "/things", "list"), models=(THING, model("Orphan", field("x")))),
         api(op("GET", "/things", "list"), models=(THING,))),
    _one("type-added", api(op("GET", "/things", "list"), models=(THING,)),
         api(op("GET", "/things", "list"), models=(THING, model("Orphan", field("x"))))),
    _one("request-discriminator-changed", _pets(TAGGED, is_request=True), _pets(KIND_TAGGED, is_request=True)),
    _one("response-discriminator-changed", _pets(TAGGED, is_request=False), _pets(KIND_TAGGED, is_request=False)),
    _one("union-discriminator-added", _pets(UNTAGGED, is_request=False), _pets(TAGGED, is_request=False)),
    _one("union-discriminator-removed", _pets(TAGGED, is_request=False), _pets(UNTAGGED, is_request=False)),
)  # fmt: skip
