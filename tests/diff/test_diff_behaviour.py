"""How the differ walks two APIs: matching, memo and use sites, directions, structural equivalence."""

from __future__ import annotations

from diff_factories import (
    NUM,
    STR,
    api,
    body,
    enum,
    field,
    model,
    op,
    param,
    response,
    rule_ids,
    union,
)
from specsmith.diff import diff_apis
from specsmith.ir import (
    AnyValue,
    ArrayOf,
    Discriminator,
    EnumRef,
    Literal,
    MapOf,
    ModelRef,
    Primitive,
    UnionDef,
    UnionRef,
)

THING = model("Thing", field("id", required=True), field("name", required=True))
SLIM_THING = model("Thing", field("id", required=True))


def _two_readers(thing: object) -> object:
    return api(op("GET", "/things", "list"), op("GET", "/things/{id}", "get"), models=(thing,))


def test_a_model_change_is_reported_once_with_every_method_that_reaches_it() -> None:
    result = diff_apis(_two_readers(THING), _two_readers(SLIM_THING))  # type: ignore[arg-type]

    (change,) = result.changes
    assert change.rule_id == "response-required-property-removed"
    assert change.used_in == ("response of things.get", "response of things.list")
    assert change.python == "`Thing.name`: removed"
    assert change.old_pointer == "/components/schemas/Thing/properties/name"
    assert change.new_pointer == "/components/schemas/Thing"


def test_a_model_sent_and_received_is_judged_in_each_direction() -> None:
    def both(thing: object) -> object:
        create = op("POST", "/things", "create", body=body(ModelRef("Thing")))
        return api(create, models=(thing,))

    new_thing = model(
        "Thing", field("id", required=True), field("name", required=True), field("x", required=True)
    )
    result = diff_apis(both(THING), both(new_thing))  # type: ignore[arg-type]

    assert rule_ids(result) == ["request-property-added-required", "response-property-added"]
    severities = {c.rule_id: c.severity for c in result.changes}
    assert severities == {
        "request-property-added-required": "breaking",
        "response-property-added": "safe",
    }


def test_recursive_models_terminate() -> None:
    def tree(*extra: object) -> object:
        node = model("Node", field("children", ArrayOf(ModelRef("Node"))), *extra)  # type: ignore[arg-type]
        return api(op("GET", "/tree", "get", success=response(ModelRef("Node"))), models=(node,))

    result = diff_apis(tree(), tree(field("label")))  # type: ignore[arg-type]

    assert rule_ids(result) == ["response-property-added"]


def test_moving_a_schema_or_renaming_its_ref_only_renames_the_class() -> None:
    old = api(op("GET", "/things", "list", success=response(ModelRef("ListThingsResponse"))),
              models=(model("ListThingsResponse", field("id", required=True)),))  # fmt: skip
    new = api(op("GET", "/things", "list", success=response(ModelRef("Thing"))),
              models=(model("Thing", field("id", required=True)),))  # fmt: skip

    result = diff_apis(old, new)

    assert rule_ids(result) == ["type-renamed"]
    # the wire is the same; code importing the old class breaks after regeneration
    assert (result.changes[0].severity, result.changes[0].severity_specsmith) == (
        "breaking",
        "breaking",
    )
    assert result.changes[0].kind == "source"
    assert result.changes[0].python == "class `ListThingsResponse` renamed to `Thing`"


def test_several_inline_copies_that_became_one_schema_report_each_fact_once() -> None:
    def holder(first: str, second: str, pet: UnionDef, *extra: UnionDef) -> object:
        holder_model = model("Holder", field("a", UnionRef(first)), field("b", UnionRef(second)))
        cat, dog = (
            model("Cat", field("type"), field("meow")),
            model("Dog", field("type"), field("bark")),
        )
        send = op("POST", "/holders", "create", body=body(ModelRef("Holder")), success=None)
        return api(send, models=(holder_model, cat, dog), unions=(pet, *extra))

    tagged = {"tag": "type", "cat": "Cat", "dog": "Dog"}
    old = holder("HolderA", "HolderB", union("HolderA", ModelRef("Cat"), ModelRef("Dog"), **tagged),
                 union("HolderB", ModelRef("Cat"), ModelRef("Dog"), **tagged))  # fmt: skip
    new = holder("Pet", "Pet", union("Pet", ModelRef("Cat"), tag="type", cat="Cat"))

    result = diff_apis(old, new)  # type: ignore[arg-type]

    assert rule_ids(result) == ["request-union-variant-removed", "type-renamed"]
    removed = next(c for c in result.changes if c.rule_id == "request-union-variant-removed")
    assert removed.message == "union `Pet`: variant `dog` (Dog) removed"


def test_operations_are_matched_by_operation_id_then_compared_inside() -> None:
    old = api(op("GET", "/v1/things", "list"))
    new = api(op("GET", "/v2/things", "list", params=(param("q", required=True),)))

    result = diff_apis(old, new)

    assert rule_ids(result) == ["operation-path-changed", "parameter-added-required"]
    assert result.changes[0].operation == "GET /v2/things"


def test_operations_are_matched_by_python_name_in_their_resource() -> None:
    old = api(op("GET", "/v1/things", "list", operation_id="list_v1"))
    new = api(op("GET", "/v2/things", "list", operation_id="list_v2"))

    assert rule_ids(diff_apis(old, new)) == ["operation-id-changed", "operation-path-changed"]


def test_a_resource_move_is_a_method_rename() -> None:
    old = api((("things",), op("GET", "/things", "list")))
    new = api((("catalog", "things"), op("GET", "/things", "list")))

    (change,) = diff_apis(old, new).changes
    assert change.python == "client.things.list() renamed to client.catalog.things.list()"
    assert (change.severity, change.severity_specsmith, change.bump, change.kind) == (
        "breaking",
        "breaking",
        "major",
        "source",
    )


def test_read_only_properties_do_not_count_in_requests() -> None:
    def sent(*fields: object) -> object:
        return api(op("POST", "/things", "create", body=body(ModelRef("Thing"))),
                   models=(model("Thing", field("name", required=True), *fields),))  # type: ignore[arg-type]  # fmt: skip

    result = diff_apis(sent(), sent(field("id", required=True, read_only=True)))  # type: ignore[arg-type]

    assert rule_ids(result) == ["response-property-added"]


def test_equivalent_scalar_shapes_are_not_changes() -> None:
    def flag(type_: object, *enums: object, unions: tuple[UnionDef, ...] = ()) -> object:
        sent = op("POST", "/things", "create", body=body(None, field("flag", type_)))  # type: ignore[arg-type]
        return api(sent, enums=enums, unions=unions)

    as_bool = flag(Primitive("boolean"))
    as_enum = flag(EnumRef("Flag"), enum("Flag", True, False, kind="mixed"))
    number_or_integer = flag(UnionRef("N"), unions=(union("N", NUM, Primitive("integer")),))

    assert diff_apis(as_bool, as_enum).changes == ()  # type: ignore[arg-type]
    assert diff_apis(flag(NUM), number_or_integer).changes == ()  # type: ignore[arg-type]


def test_values_added_by_lifting_an_enum_into_a_union_are_enum_values() -> None:
    def sound(type_: object, unions: tuple[UnionDef, ...] = ()) -> object:
        reader = op("GET", "/tools", "get", success=response(ModelRef("Tool")))
        return api(reader, models=(model("Tool", field("sound", type_)),), enums=(enum("Sound", "ding"),),  # type: ignore[arg-type]
                   unions=unions)  # fmt: skip

    lifted = sound(UnionRef("ToolSound"), (union("ToolSound", EnumRef("Sound"), Literal("off")),))
    (change,) = diff_apis(sound(EnumRef("Sound")), lifted).changes  # type: ignore[arg-type]

    assert change.rule_id == "response-enum-value-added"
    assert (change.severity, change.severity_specsmith) == ("risky", "safe")
    assert change.message == 'schema `Tool` property `sound`: value "off" added'


def test_a_type_lifted_into_a_union_reports_the_new_variant() -> None:
    def plan(type_: object, unions: tuple[UnionDef, ...] = ()) -> object:
        models = (model("Plan", field("id")), model("Draft", field("text")))
        return api(
            op("POST", "/plan", "create", success=response(type_)), models=models, unions=unions
        )  # type: ignore[arg-type]

    lifted = plan(
        UnionRef("PlanOrDraft"), (union("PlanOrDraft", ModelRef("Plan"), ModelRef("Draft")),)
    )

    assert rule_ids(diff_apis(plan(ModelRef("Plan")), lifted)) == [
        "response-untagged-union-variant-added"
    ]  # type: ignore[arg-type]


def test_any_value_already_admits_null() -> None:
    def variables(value: object) -> object:
        sent = op("POST", "/calls", "create", body=body(None, field("vars", MapOf(value))))  # type: ignore[arg-type]
        return api(sent)

    result = diff_apis(variables(Primitive("string", nullable=True)), variables(AnyValue()))  # type: ignore[arg-type]

    assert rule_ids(result) == ["request-property-type-widened"]


def test_a_property_made_optional_and_nullable_is_one_change() -> None:
    def reader(type_: object, *, required: bool) -> object:
        return api(
            op("GET", "/things", "list"),
            models=(model("Thing", field("text", type_, required=required)),),
        )  # type: ignore[arg-type]

    result = diff_apis(
        reader(STR, required=True), reader(Primitive("string", nullable=True), required=False)
    )  # type: ignore[arg-type]

    assert rule_ids(result) == ["response-property-became-optional"]


def test_an_inferred_discriminator_is_not_a_spec_change() -> None:
    def pets(discriminator: Discriminator | None) -> object:
        pet = UnionDef("Pet", "pet", (ModelRef("Cat"),), "/components/schemas/Pet", discriminator)
        return api(op("GET", "/pets", "get", success=response(UnionRef("Pet"))),
                   models=(model("Cat", field("type")),), unions=(pet,))  # fmt: skip

    inferred = Discriminator("type", (("cat", "Cat"),), is_explicit=False)

    assert diff_apis(pets(inferred), pets(None)).changes == ()  # type: ignore[arg-type]


def test_changes_are_sorted_most_severe_first_and_deterministically() -> None:
    old = api(op("GET", "/a", "a"), op("GET", "/b", "b", params=(param("q"),)))
    new = api(op("GET", "/b", "b"), op("GET", "/c", "c"))

    first, second = diff_apis(old, new), diff_apis(old, new)

    assert first == second
    assert [c.rule_id for c in first.changes] == [
        "operation-removed",
        "parameter-removed",
        "operation-added",
    ]
    assert [c.severity for c in first.changes] == ["breaking", "breaking", "safe"]
    assert first.semver_bump == "major"


def test_suggested_bump_follows_the_largest_change() -> None:
    base = api(op("GET", "/a", "a"))

    assert diff_apis(base, base).semver_bump == "none"
    assert diff_apis(base, api(op("GET", "/a", "a", deprecated=True))).semver_bump == "patch"
    assert diff_apis(base, api(op("GET", "/a", "a"), op("GET", "/b", "b"))).semver_bump == "minor"
    assert diff_apis(api(op("GET", "/a", "a"), op("GET", "/b", "b")), base).semver_bump == "major"


def test_nullability_of_a_query_parameter_is_not_a_change() -> None:
    def listing(type_: object) -> object:
        return api(op("GET", "/things", "list", params=(param("q", type_=type_),)))  # type: ignore[arg-type]

    assert diff_apis(listing(Primitive("string", nullable=True)), listing(STR)).changes == ()  # type: ignore[arg-type]
