"""RFC 6901 pointers: escaping, parsing, walking, validity and origin mapping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from specsmith.load.pointer import (
    escape,
    is_valid,
    join,
    locate_origin,
    parse,
    resolve_pointer,
    unescape,
)


def test_escape_and_unescape_the_two_special_characters() -> None:
    assert escape("a/b~c") == "a~1b~0c"
    assert unescape("a~1b~0c") == "a/b~c"
    assert unescape("~01") == "~1"  # ~0 first would be wrong: "~01" is "~" + "1"


def test_join_escapes_each_token_and_accepts_integers() -> None:
    assert join("", "paths", "/pets/{id}", "get") == "/paths/~1pets~1{id}/get"
    assert join("/a", 0, "~") == "/a/0/~0"
    assert join("/a") == "/a"


@given(st.lists(st.text(), max_size=6))
def test_parse_inverts_join(tokens: list[str]) -> None:
    assert parse(join("", *tokens)) == tokens


def test_parse_accepts_uri_fragments_with_percent_encoding() -> None:
    assert parse("#/paths/~1pets%7Bid%7D") == ["paths", "/pets{id}"]
    assert parse("#") == []
    assert parse("") == []


def test_parse_rejects_pointers_without_leading_slash() -> None:
    with pytest.raises(ValueError, match="must start with"):
        parse("components/schemas")


def test_resolve_pointer_walks_mappings_and_lists() -> None:
    document = {"a": [{"b/c": 1}, {"~": 2}]}
    assert resolve_pointer(document, "/a/0/b~1c") == 1
    assert resolve_pointer(document, "/a/1/~0") == 2
    assert resolve_pointer(document, "") is document


@pytest.mark.parametrize("pointer", ["/missing", "/a/x", "/a/5", "/a/0/b~1c/deeper"])
def test_resolve_pointer_raises_for_missing_targets(pointer: str) -> None:
    with pytest.raises((KeyError, IndexError)):
        resolve_pointer({"a": [{"b/c": 1}]}, pointer)


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("", True),
        ("/a/b", True),
        ("/a~0b~1", True),
        ("a/b", False),
        ("/a~2", False),
        ("/a~", False),
    ],
)
def test_is_valid(pointer: str, expected: bool) -> None:
    assert is_valid(pointer) is expected


def test_locate_origin_uses_the_longest_prefix_on_a_token_boundary() -> None:
    origins = {
        "/components/schemas/Pet": "pet.yaml#",
        "/components/schemas/Pet/properties/owner": "owner.yaml#/Owner",
    }
    assert locate_origin(origins, "root.yaml", "/components/schemas/Pet/required") == (
        "pet.yaml",
        "/required",
    )
    assert locate_origin(origins, "root.yaml", "/components/schemas/Pet/properties/owner/type") == (
        "owner.yaml",
        "/Owner/type",
    )
    assert locate_origin(origins, "root.yaml", "/components/schemas/Pets") == (
        "root.yaml",
        "/components/schemas/Pets",
    )
    assert locate_origin({}, "root.yaml", "") == ("root.yaml", "")
