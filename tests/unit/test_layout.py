"""Long bracketed expressions are emitted in the layout black keeps (render/layout.py)."""

from __future__ import annotations

import ast
from typing import Any

import black
import pytest
from black.mode import TargetVersion
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from specsmith.linewidth import line_width
from specsmith.render.layout import _bounded_literal, bracketed, json_literal
from specsmith.render.pytypes import py_literal

MODE = black.Mode(line_length=100, target_versions={TargetVersion.PY310})

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=25), children, max_size=5),
    max_leaves=40,
)


def answer_source(value: Any) -> str:
    literal = json_literal(value, indent=4, column=len("    answer: Any = "))
    return f"def test_x() -> None:\n    answer: Any = {literal}\n    use(answer)\n"


@settings(max_examples=200, deadline=None)
@given(_JSON)
def test_json_literal_is_black_stable_and_evaluates_to_the_value(value: Any) -> None:
    # A lone scalar too long for its line cannot be exploded (black would parenthesise it; the format stage
    # sends such a statement to black): only containers are json_literal's to lay out.
    assume(isinstance(value, (dict, list)) or line_width(f"    answer: Any = {py_literal(value)}") <= 100)
    source = answer_source(value)
    assert black.format_str(source, mode=MODE) == source
    tree = ast.parse(source)
    assigned = tree.body[0].body[0].value  # type: ignore[attr-defined]
    assert ast.literal_eval(assigned) == value


def test_short_values_stay_on_one_line() -> None:
    assert json_literal({"a": [1, 2]}, indent=4, column=18) == '{"a": [1, 2]}'


def test_long_values_explode_one_item_per_line_with_trailing_commas() -> None:
    value = {"assets": [{"asset_id": "string", "name": "string" * 10}], "has_more": True}
    literal = json_literal(value, indent=4, column=18)
    assert literal.splitlines()[0] == "{"
    assert '        "has_more": True,' in literal.splitlines()
    assert all(len(line) <= 100 for line in answer_source(value).splitlines())


@pytest.mark.parametrize("count", [1, 3, 12])
def test_bracketed_send_lists_are_black_stable(count: int) -> None:
    items = [f'Param("parameter_number_{n}", parameter_number_{n}, "form", True)' for n in range(count)]
    value = bracketed("[", items, "]", indent=12, column=len("            query="), tail=1)
    source = (
        "class A:\n    def f(self):\n        return self._http.send(\n"
        f'            "GET",\n            query={value},\n            options=options,\n        )\n'
    )
    assert black.format_str(source, mode=MODE) == source
    assert ("\n" in value) == (count > 1)


@settings(max_examples=300, deadline=None)
@given(_JSON, st.integers(min_value=-5, max_value=200))
def test_a_bounded_literal_is_the_literal_or_none_when_longer(value: Any, budget: int) -> None:
    full = py_literal(value)
    assert _bounded_literal(value, budget) == (full if len(full) <= budget else None)
