"""Issue 12 item 5: decoding checks the JSON kind of every primitive value (string, integer, number, boolean;
a bool is not an integer, an integer is a number, 3.0 is the integer 3 as in JSON Schema) and says where a
value does not fit, by JSON path."""

from __future__ import annotations

from typing import Any

import pytest

SPEC = """
components:
  schemas:
    Color: {type: string, enum: [red, green]}
    Level: {type: integer, enum: [1, 2]}
    Part:
      type: object
      required: [name]
      properties:
        name: {type: string}
        sizes: {type: array, items: {type: integer}}
    Doc:
      type: object
      required: [name, count, ratio, flag]
      properties:
        name: {type: string}
        count: {type: integer}
        ratio: {type: number}
        flag: {type: boolean}
        note: {type: string, nullable: true}
        when: {type: string, format: date-time}
        color: {$ref: '#/components/schemas/Color'}
        level: {$ref: '#/components/schemas/Level'}
        kind: {type: string, enum: [doc]}
        tags: {type: array, items: {type: string}}
        meta: {type: object, additionalProperties: {type: string}}
        free: {type: object, additionalProperties: {}}
        parts: {type: array, items: {$ref: '#/components/schemas/Part'}}
        anything: {}
"""

GOOD: dict[str, Any] = {
    "name": "n", "count": 3, "ratio": 0.5, "flag": False, "note": None, "when": "2024-01-02T03:04:05Z",
    "color": "red", "level": 2, "kind": "doc", "tags": ["a"], "meta": {"k": "v"}, "free": {"x": [1]},
    "parts": [{"name": "p", "sizes": [1, 2]}], "anything": [1, "x"],
}  # fmt: skip

# (property, bad value, JSON path of the mismatch, message)
WRONG: list[tuple[str, Any, list[Any], str]] = [
    ("name", 5, ["name"], "expected string, got integer"),
    ("count", True, ["count"], "expected integer, got boolean"),
    ("count", 1.5, ["count"], "expected integer, got number"),
    ("count", "3", ["count"], "expected integer, got string"),
    ("ratio", "0.5", ["ratio"], "expected number, got string"),
    ("ratio", False, ["ratio"], "expected number, got boolean"),
    ("flag", 1, ["flag"], "expected boolean, got integer"),
    ("flag", None, ["flag"], "expected boolean, got null"),
    ("note", 3, ["note"], "expected string or null, got integer"),
    ("when", 17, ["when"], "expected string, got integer"),
    ("color", 3, ["color"], "expected string, got integer"),
    ("level", "2", ["level"], "expected integer, got string"),
    ("level", True, ["level"], "expected integer, got boolean"),
    ("kind", 1, ["kind"], "expected string, got integer"),
    ("tags", ["a", 2], ["tags", 1], "expected string, got integer"),
    ("meta", "k=v", ["meta"], "expected an object, got string"),
    ("meta", {"k": "v", "n": 1}, ["meta", "n"], "expected string, got integer"),
    ("free", "x", ["free"], "expected object, got string"),
    ("parts", [{"name": "p"}, {"name": 7}], ["parts", 1, "name"], "expected string, got integer"),
    ("parts", [{"name": "p", "sizes": [1, False]}], ["parts", 0, "sizes", 1], "expected integer, got boolean"),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from tests.support import generate_client

    return generate_client(SPEC, tmp_path_factory.mktemp("decode_kinds"))


def test_values_of_the_declared_kinds_decode_and_round_trip(client: Any) -> None:
    doc = client.models.Doc.from_dict(GOOD)
    assert doc.color is client.models.Color.RED and doc.level is client.models.Level.VALUE_2
    assert doc.when.year == 2024 and doc.anything == [1, "x"] and doc.parts[0].sizes == [1, 2]
    assert client.models.Doc.from_dict(doc.to_dict()) == doc
    assert client.models.Doc.from_dict({**GOOD, "ratio": 2}).ratio == 2  # an integer is a number
    whole = client.models.Doc.from_dict({**GOOD, "count": 3.0, "parts": [{"name": "p", "sizes": [1, 2.0]}]})
    assert type(whole.count) is int and whole.parts[0].sizes == [1, 2] and type(whole.parts[0].sizes[1]) is int
    unknown = client.models.Doc.from_dict({**GOOD, "color": "blue", "level": 9})
    assert (unknown.color, unknown.level) == ("blue", 9)  # unknown enum values of the right kind are kept
    member = client.models.Doc.from_dict({**GOOD, "name": client.models.Color.GREEN})  # a str subclass is a str
    assert member.name == "green"


@pytest.mark.parametrize(("key", "value", "path", "message"), WRONG, ids=[f"{w[0]}-{w[3]}" for w in WRONG])
def test_a_value_of_the_wrong_kind_is_a_mismatch_at_its_path(
    client: Any, key: str, value: Any, path: list[Any], message: str
) -> None:
    with pytest.raises(client.package._runtime.Mismatch) as caught:
        client.models.Doc.from_dict({**GOOD, key: value})
    assert caught.value.path == path
    assert caught.value.message == message, str(caught.value)


def test_a_missing_required_value_and_unknown_keys(client: Any) -> None:
    with pytest.raises(client.package._runtime.Mismatch, match="required property 'flag' of Doc is missing"):
        client.models.Doc.from_dict({k: v for k, v in GOOD.items() if k != "flag"})
    doc = client.models.Doc.from_dict({**GOOD, "new_field": {"x": 1}})
    assert doc.extra == {"new_field": {"x": 1}} and doc.to_dict()["new_field"] == {"x": 1}
    assert client.models.Part.from_dict({"name": "p"}).to_dict() == {"name": "p"}  # OMIT is not sent


def test_the_generated_package_type_checks_and_its_tests_pass(client: Any) -> None:
    checked = client.mypy()
    assert checked.returncode == 0, checked.stdout
    run = client.run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:]
