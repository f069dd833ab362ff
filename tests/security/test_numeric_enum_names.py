"""Issue 11 item 1: numeric enum members are named validly for every JSON number, and the pipeline
compiles every generated module before writing (a module that does not compile is an error, not a file)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from specsmith.builder.naming import number_name
from specsmith.config import ClientConfig
from specsmith.pipeline import generate

from tests.support import GeneratedClient, complete_spec


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.integers(), st.integers(min_value=-(10**400), max_value=10**400),
                 st.floats(allow_nan=False, allow_infinity=False)))  # fmt: skip
def test_every_json_number_gives_an_identifier(value: int | float) -> None:
    name = number_name(value)
    assert name.isidentifier() and name.isupper() and len(name) <= 80, (value, name)


def test_distinct_numbers_get_distinct_names() -> None:
    values = [1e16, 1e-16, -1e16, 1.5, -1.5, 15, 1e300, 2**70, -(2**70), 0.1, 1]
    assert len({number_name(v) for v in values}) == len(values)


def test_huge_exponent_and_negative_number_enums_import(make_client: Callable[..., GeneratedClient]) -> None:
    values = [1e16, -2.5e-20, 1e308, 2**70, -(2**70), -3, 0.5]
    client = make_client({"components": {"schemas": {"Big": {"type": "number", "enum": values}}}})
    big = client.models.Big
    assert sorted(m.value for m in big) == sorted(values)
    assert big(1e16).name == "VALUE_1E16"


def test_a_module_that_does_not_compile_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    templates = tmp_path / "templates" / "models"
    templates.mkdir(parents=True)
    (templates / "enum.py.jinja").write_text("class {{ enum.name }}:\n    VALUE_1E + 16 = 1e16\n", encoding="utf-8")
    spec: dict[str, Any] = complete_spec({"components": {"schemas": {"Color": {"type": "string", "enum": ["a", "b"]}}}})
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(__import__("json").dumps(spec), encoding="utf-8")
    config = ClientConfig(spec=spec_path, output=tmp_path / "out", package_name="broken",
                          template_dir=tmp_path / "templates", validate=False)  # fmt: skip
    result = generate(config, cache_dir=tmp_path / "cache")
    errors = [d for d in result.diagnostics if d.code == "generated-code-invalid"]
    assert errors and "broken/models/color.py" in errors[0].message
    assert errors[0].pointer == "/components/schemas/Color"
    assert not (tmp_path / "out").exists()
