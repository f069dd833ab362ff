"""``build/naming.py``: every spec name becomes a valid, unique, stable Python identifier."""

from __future__ import annotations

import ast
import builtins
import keyword
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from specsmith.builder.naming import (
    KEYWORDS,
    MAX_IDENTIFIER,
    RESERVED_ATTRIBUTES,
    RESERVED_CLASSES,
    RESERVED_MEMBERS,
    RESERVED_MODULES,
    RESERVED_PARAMETERS,
    RUNTIME_NAMES,
    Scope,
    class_name,
    module_name,
    pascal_case,
    snake_case,
    words,
)

RUNTIME_INIT = Path(__file__).resolve().parents[2] / "templates" / "runtime"
_ASCII_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _is_safe(name: str) -> bool:
    return bool(_ASCII_IDENTIFIER.fullmatch(name)) and not keyword.iskeyword(name)


@pytest.mark.parametrize(
    ("text", "snake", "pascal"),
    [
        ("fooBar", "foo_bar", "FooBar"),
        ("foo_bar", "foo_bar", "FooBar"),
        ("Foo-Input", "foo_input", "FooInput"),
        ("HTTPValidationError", "http_validation_error", "HTTPValidationError"),
        ("page-size", "page_size", "PageSize"),
        ("X-Request-Id", "x_request_id", "XRequestId"),
        ("$ref", "ref", "Ref"),
        ("@type", "type", "Type"),
        ("héllo wörld", "hello_world", "HelloWorld"),
        ("straße", "strasse", "Strasse"),
        ("+1", "plus_1", "Plus1"),
        ("-1", "minus_1", "Minus1"),
        ("v1.2-beta", "v1_2_beta", "V12Beta"),
        ("StartTime<", "start_time_lt", "StartTimeLt"),
        ("StartTime>", "start_time_gt", "StartTimeGt"),
        ("created>=", "created_gte", "CreatedGte"),
        ("created<=", "created_lte", "CreatedLte"),
        ("a<b", "a_b", "AB"),  # only a trailing comparison is a word
    ],
)
def test_words_are_split_and_joined(text: str, snake: str, pascal: str) -> None:
    assert snake_case(text) == snake
    assert pascal_case(text) == pascal


@pytest.mark.parametrize("word", sorted(keyword.kwlist))
def test_keywords_get_a_trailing_underscore(word: str) -> None:
    assert not keyword.iskeyword(snake_case(word))
    if word.islower():
        assert snake_case(word) == f"{word}_"
    assert not keyword.iskeyword(pascal_case(word))


def test_keyword_table_covers_this_python_and_is_not_version_dependent() -> None:
    assert set(keyword.kwlist) <= KEYWORDS
    # ``type`` is a soft keyword only since 3.12: renaming it would make output depend on the Python
    # running the generator, and ``type`` is the most common discriminator field.
    assert snake_case("type") == "type"
    assert snake_case("match") == "match_"
    assert snake_case("class") == "class_"


def test_capitalised_builtins_are_never_class_names() -> None:
    for name in (n for n in dir(builtins) if n[:1].isupper()):
        assert pascal_case(name) == f"{name}_", name
    assert class_name("Exception") == "Exception_"
    assert class_name("None") == "None_"
    assert class_name("true") == "True_"


def test_runtime_table_matches_the_runtime_exports() -> None:
    tree = ast.parse((RUNTIME_INIT / "__init__.py").read_text(encoding="utf-8"))
    modules = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    exported: set[str] = set()
    for name in {m.lstrip(".") for m in modules} | {"_types", "_errors", "_serde", "_http", "_jsonable"}:
        path = RUNTIME_INIT / f"{name}.py"
        if not path.exists():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
                exported |= set(ast.literal_eval(node.value))
    assert exported, "could not read the runtime's __all__"
    assert exported <= RUNTIME_NAMES, f"add to RUNTIME_NAMES: {sorted(exported - RUNTIME_NAMES)}"


@pytest.mark.parametrize("name", ["OMIT", "Omit", "Any", "Param", "Mapping", "RequestOptions", "UnknownVariant",
                                  "SyncHTTP", "VariantShape", "Callable", "Literal", "RootResource", "UUID"])  # fmt: skip
def test_classes_never_take_a_name_generated_modules_import(name: str) -> None:
    assert name in RESERVED_CLASSES
    assert class_name(name) == f"{name}_"


def test_ordinary_class_names_are_kept() -> None:
    for name in ("Client", "Pet", "Models", "Resources", "Types", "Typing", "Enum", "HTTPValidationError"):
        assert class_name(name) == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("models", "models_"),
        ("resources", "resources_"),
        ("_runtime", "runtime"),
        ("types", "types_"),
        ("typing", "typing_"),
        ("enum", "enum_"),
        ("importlib", "importlib_"),
        ("Aux", "aux_"),
        ("CON", "con_"),
        ("decode_shape", "m_decode_shape"),  # the models package exports union decoders as decode_<module>
        ("DecodeShape", "m_decode_shape"),
        ("123", "m_123"),
        ("Pet", "pet"),
    ],
)
def test_module_names_avoid_package_globals_and_windows_devices(text: str, expected: str) -> None:
    assert module_name(text) == expected


@pytest.mark.parametrize("name", ["extra", "from_dict", "to_dict", "self", "cls", "data", "field", "str",
                                  "classmethod", "parse_datetime", "builtins"])  # fmt: skip
def test_model_attributes_reserve_what_the_class_body_uses(name: str) -> None:
    assert name in RESERVED_ATTRIBUTES


@pytest.mark.parametrize("name", ["self", "options", "response", "to_jsonable", "json_part", "warnings",
                                  "format_datetime", "b64encode", "decode_json", "Param"])  # fmt: skip
def test_parameters_reserve_what_method_bodies_use(name: str) -> None:
    assert name in RESERVED_PARAMETERS


@pytest.mark.parametrize("name", ["functools", "warnings", "str", "close", "aclose", "with_options", "datetime"])
def test_resource_members_reserve_decorators_annotations_and_client_methods(name: str) -> None:
    assert name in RESERVED_MEMBERS


def test_reserved_module_names_are_reserved_members_too() -> None:
    assert RESERVED_MODULES <= RESERVED_MEMBERS  # a child resource's attribute is also its module name


def test_unicode_names_stay_distinct() -> None:
    names = ["日本", "中文", "日本語", "한국어", "Ελληνικά", "русский"]
    snakes = [snake_case(n) for n in names]
    assert len(set(snakes)) == len(names)
    assert snake_case("日本") == "u65e5_u672c"
    assert pascal_case("日本") == "U65e5U672c"
    assert all(_is_safe(s) for s in snakes)


def test_lone_surrogates_in_long_names_do_not_crash() -> None:
    name = snake_case("\ud800" + "a" * 100)
    assert _is_safe(name) and len(name) <= MAX_IDENTIFIER


def test_digit_first_and_symbol_only_names_use_the_fallback() -> None:
    assert snake_case("1st", fallback="param") == "param_1st"
    assert pascal_case("123") == "Model123"
    assert snake_case("$$$", fallback="field") == "field"
    assert snake_case("", fallback="field") == "field"
    assert pascal_case("🚀") == "Model"
    assert words("🚀 launch") == ["launch"]


def test_long_names_are_shortened_uniquely_and_deterministically() -> None:
    a, b = "a" * 200 + "1", "a" * 200 + "2"
    assert len(snake_case(a)) <= MAX_IDENTIFIER
    assert snake_case(a) != snake_case(b)
    assert snake_case(a) == snake_case(a)
    assert len(pascal_case(a)) <= MAX_IDENTIFIER
    assert pascal_case(a) != pascal_case(b)


def test_scope_suffixes_collisions_and_reports_them() -> None:
    scope = Scope()
    assert scope.claim("foo_bar") == ("foo_bar", False)
    assert scope.claim("foo_bar") == ("foo_bar_2", True)
    assert scope.claim("foo_bar") == ("foo_bar_3", True)
    classes = Scope(fold_case=True)
    assert classes.claim("FooInput") == ("FooInput", False)
    assert classes.claim("FooInput") == ("FooInput2", True)
    assert classes.claim("Fooinput") == ("Fooinput3", True)  # "fooinput2" is taken, case-insensitively


def test_scope_reserved_names_get_an_underscore_without_counting_as_a_collision() -> None:
    scope = Scope(reserved=frozenset({"field"}))
    assert scope.claim("field") == ("field_", False)
    assert scope.claim("field") == ("field_2", True)  # not "field__2"
    assert scope.claim("field_") == ("field_3", True)


def test_scope_never_hands_out_a_reserved_name() -> None:
    scope = Scope(reserved=frozenset({"a_2", "a_3"}))
    scope.claim("a")
    assert scope.claim("a") == ("a_4", True)


def test_case_folding_scope_keeps_file_names_distinct() -> None:
    modules = Scope(fold_case=True)
    assert modules.claim("pet")[0] == "pet"
    assert modules.claim("Pet")[0].lower() != "pet"


@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=120))
def test_any_text_gives_a_safe_snake_case_identifier(text: str) -> None:
    name = snake_case(text)
    assert _is_safe(name), name
    assert len(name) <= MAX_IDENTIFIER + 1
    assert name == snake_case(text)  # deterministic


@given(st.text(max_size=120))
def test_any_text_gives_a_safe_class_and_module_name(text: str) -> None:
    cls, module = class_name(text), module_name(text)
    assert _is_safe(cls) and cls[0].isupper(), cls
    assert cls not in RESERVED_CLASSES and cls not in dir(builtins)
    assert _is_safe(module) and module not in RESERVED_MODULES and not module.startswith("decode_")


@given(st.lists(st.text(max_size=20), max_size=30), st.booleans())
def test_a_scope_never_hands_out_the_same_name_twice(texts: list[str], fold: bool) -> None:
    scope = Scope(reserved=RESERVED_ATTRIBUTES, fold_case=fold)
    claimed = [scope.claim(snake_case(t, fallback="field"))[0] for t in texts]
    keys = [c.lower() if fold else c for c in claimed]
    assert len(set(keys)) == len(keys)
    assert not set(claimed) & RESERVED_ATTRIBUTES
    assert all(_is_safe(c) for c in claimed)
