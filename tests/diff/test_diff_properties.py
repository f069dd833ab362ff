"""Properties over generated APIs: no change against itself, mirror images, every change catalogued."""

from __future__ import annotations

from diff_factories import api, body, enum, field, model, op, param, response
from hypothesis import given, settings
from hypothesis import strategies as st
from specsmith.diff import CATALOGUE, diff_apis
from specsmith.ir import Api, ArrayOf, EnumRef, ModelRef, Primitive, Type

SCALARS: list[Type] = [
    Primitive("string"),
    Primitive("integer"),
    Primitive("number"),
    Primitive("boolean"),
    Primitive("string", "date-time"),
    Primitive("string", nullable=True),
    EnumRef("Color"),
    ArrayOf(Primitive("string")),
    ModelRef("Part"),
]
NAMES = st.sampled_from(["id", "name", "size", "color", "tags", "part"])
FIELDS = st.dictionaries(NAMES, st.tuples(st.sampled_from(SCALARS), st.booleans()), max_size=5)
COLORS = st.lists(st.sampled_from(["red", "green", "blue"]), min_size=1, max_size=3, unique=True)
PARAMS = st.dictionaries(st.sampled_from(["q", "page", "sort"]), st.booleans(), max_size=3)
PATHS = st.lists(st.sampled_from(["/a", "/b", "/c/{id}"]), max_size=3, unique=True)


@st.composite
def apis(draw: st.DrawFn) -> Api:
    thing = [
        field(name, type_, required=required) for name, (type_, required) in draw(FIELDS).items()
    ]
    part = [field(name, type_, required=required) for name, (type_, required) in draw(FIELDS).items()
            if type_ != ModelRef("Part")]  # fmt: skip
    operations = []
    for index, path in enumerate(draw(PATHS)):
        params = tuple(param(name, required=required) for name, required in draw(PARAMS).items())
        sent = body(ModelRef("Thing")) if draw(st.booleans()) else None
        operations.append(op("POST" if sent else "GET", path, f"call_{index}", params=params, body=sent,
                             success=response(ModelRef("Thing"))))  # fmt: skip
    return api(*operations, models=(model("Thing", *thing), model("Part", *part)),
               enums=(enum("Color", *draw(COLORS)),))  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(apis())
def test_an_api_has_no_changes_against_itself(one: Api) -> None:
    result = diff_apis(one, one)

    assert result.changes == ()
    assert result.semver_bump == "none"


@settings(max_examples=150, deadline=None)
@given(apis(), apis())
def test_every_change_is_catalogued_and_mirrored(old: Api, new: Api) -> None:
    forward, backward = diff_apis(old, new), diff_apis(new, old)

    for change in forward.changes:
        rule = CATALOGUE[change.rule_id]
        assert (change.severity, change.severity_specsmith, change.bump) == (
            rule.severity,
            rule.severity_specsmith,
            rule.bump,
        )
    added = sorted(c.operation for c in forward.changes if c.rule_id == "operation-added")
    removed = sorted(c.operation for c in backward.changes if c.rule_id == "operation-removed")
    assert added == removed
    assert bool(forward.changes) == bool(backward.changes)
