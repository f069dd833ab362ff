"""black on single statements (emit/statements.py) gives what black gives on the whole file.

Every case runs the real ruff, then compares `format_long_statements` with black over ruff's whole
output: equal text, or None (the caller then runs black on the file). A Hypothesis test builds
modules from the statement shapes the generator emits, with names of random length.
"""

from __future__ import annotations

import string
import textwrap
from pathlib import Path

import black
import pytest
from black.mode import TargetVersion
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from specsmith.emit import format as format_module
from specsmith.emit.statements import format_long_statements
from specsmith.linewidth import line_width

MODE = black.Mode(line_length=100, target_versions={TargetVersion.PY310})
RUFF = format_module._find_ruff()
pytestmark = pytest.mark.skipif(RUFF is None, reason="ruff is not installed")


class Black:
    """black.format_str for one module, counting calls and the characters it was given."""

    def __init__(self) -> None:
        self.calls = 0
        self.chars = 0

    def __call__(self, text: str) -> str:
        self.calls += 1
        self.chars += len(text)
        return black.format_str(text, mode=MODE)


def ruff_all(texts: list[str]) -> list[str]:
    assert RUFF is not None
    out = format_module._run_ruff(RUFF, {f"m{n}.py": text for n, text in enumerate(texts)}, 100)
    return [out[f"m{n}.py"] for n in range(len(texts))]


def check(rendered: str) -> tuple[str | None, Black]:
    """The splice for `rendered`; asserts it equals black over ruff's whole output."""
    [ruffed] = ruff_all([rendered])
    counting = Black()
    result = format_long_statements(rendered, ruffed, 100, counting)
    if result is not None:
        assert result == black.format_str(ruffed, mode=MODE)
    return result, counting


LONG = "VeryLongGeneratedModelNameThatKeepsGoingAndGoingForeverAndEverMore"
CASES = {
    "union parameter annotation": f'''
        class Resource:
            def create(
                self,
                *,
                name: {LONG} | AnotherModelName | None | Omit = OMIT,
            ) -> None:
                """Create one."""
                return None
        ''',
    "type alias string": f'{LONG}Items: TypeAlias = "{LONG} | {LONG}2 | UnknownVariant"\n',
    "return annotation": f"def _decoders() -> dict[Any, Callable[[Any], {LONG}Abc]]:\n    return {{}}\n",
    "docstring whose last line is too long": f'''
        class A:
            """Summary.

            {LONG} {LONG} words.{"x" * 40}"""

            x: int = 0
        ''',
    "attribute docstring, not first in block": f'''
        class A:
            x: int = 0
            """{LONG} {LONG}"""
        ''',
    "field with a long annotation": f'''
        @dataclass
        class A:
            is_enabled: {LONG}Config{LONG} = field(default_factory=lambda: decode_x("no_update"))
        ''',
    "conditional assignment": '''
        def to_dict(self) -> dict[str, Any]:
            if not isinstance(self.value, Omit):
                data["text_behavior_overrides"] = None if self.text_behavior_overrides is None else {k0: v1.to_dict() for k0, v1 in self.text_behavior_overrides.items()}
            return data
        ''',
    "long class header": f"class {LONG}Response({LONG}Base, metaclass=Meta{LONG}):\n    pass\n",
    "nested async method with long call": '''
        class Outer:
            class Inner:
                async def method(self) -> None:
                    response = await self._http.send("POST", "/v1/path/{id}", json=to_jsonable({"conversation_id": conversation_id, "qa_comment": qa_comment}), options=options)
        ''',
    "match statement body": f'''
        def f(x):
            match x:
                case 1:
                    result = {LONG}.from_dict(data["conversation_initiation_client_data"])
        ''',
    "comment inside a long statement": f'''
        value = call_something(  # a comment
            {LONG}, {LONG}, {LONG},
        )
        ''',
    "exploded dict with one long item": f'''
        _MODULES: dict[str, str] = {{
            "A": "a",
            "{LONG}": "{LONG.lower()}_module_name",
            "B": "b",
        }}
        ''',
    "exploded call with long keyword argument": f'''
        def f():
            return cls(
                first=data.get("first", ""),
                second={LONG}.decode(data.get("second_value_with_a_long_name", "default")),
                extra=unknown_keys(data, _KEYS),
            )
        ''',
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_statement_splice_equals_black_on_the_whole_file(case: str) -> None:
    result, _ = check(textwrap.dedent(CASES[case]).lstrip("\n"))
    assert result is not None, "this shape should not need black on the whole file"


def test_only_statements_with_long_lines_go_to_black() -> None:
    short = "".join(f"value_{n} = compute({n})\n" for n in range(200))
    rendered = short + f"result = {LONG}.from_dict(data['conversation_initiation']) if data else None\n"
    result, counting = check(rendered)
    assert result is not None
    assert counting.calls == 1


@pytest.mark.parametrize(
    "statement",
    [
        f"result = {LONG}.from_dict(data['conversation_initiation_client_data_value'])",
        f"raise mismatch(exc, data, at, '{LONG}') from exc",
        f"warnings.warn('{LONG} is deprecated', DeprecationWarning, stacklevel=2)",
        f"self.{LONG.lower()} = raw_response(resource.{LONG.lower()})",
        f"result = {{k: {LONG}.from_dict(v) for k, v in data['conversation_initiation'].items()}}",
        f"return [{LONG}.decode(item) for item in as_list(data) if item is not None]",
        f"self.permission_on_resource_of_the_model = _models.{LONG}.decode(self.permission_on_resource)",
        f'Alias: TypeAlias = "{LONG} | {LONG}2 | UnknownVariant"',
    ],
)
def test_a_statement_of_a_known_shape_needs_no_black(statement: str) -> None:
    result, counting = check(f"def f():\n    {statement}\n")
    assert result is not None and counting.calls == 0
    if "TypeAlias" not in statement:  # black leaves a string too long for any line as long as it is
        assert max(len(line) for line in result.split("\n")) <= 100
    assert counting.chars < 200  # the one statement, not the 4,000-character file


def test_a_long_item_of_a_huge_literal_goes_to_black_alone() -> None:
    items = "".join(f'    "Name{n}": "module_{n}",\n' for n in range(300))
    rendered = f'_MODULES = {{\n{items}    "{LONG}{LONG}": call({LONG}, {LONG}),\n}}\n'
    result, counting = check(rendered)
    assert result is not None
    assert counting.calls == 1
    assert counting.chars < 600


def test_an_item_black_cannot_split_never_goes_to_black() -> None:
    items = "".join(f'    "Name{n}": "module_{n}",\n' for n in range(30))
    rendered = f'_MODULES = {{\n{items}    "{LONG}{LONG}": "{LONG.lower()}_module",\n    {LONG}_{LONG}: 12,\n}}\n'
    result, counting = check(rendered)
    assert result is not None  # equal to black on the whole file (check() asserts it)
    assert counting.calls == 0


def test_a_file_whose_lines_all_fit_is_ruffs_output() -> None:
    rendered = "x = 1\n\n\ndef f(a, b):\n    return a + b\n"
    [ruffed] = ruff_all([rendered])
    assert format_long_statements(rendered, ruffed, 100, Black()) == ruffed


@pytest.mark.parametrize(
    "rendered",
    [
        f"x = [  # fmt: skip\n    1, 2]\ny = {LONG}.call({LONG}, {LONG})\n",  # pragmas
        f"try:\n    pass\nexcept ({LONG}Error, {LONG}Exception, {LONG}Failure):\n    pass\n",
        f"def {LONG}(argument_one: int, argument_two: {LONG}) -> {LONG}: ...\n",  # stub body
        f"@decorator_with_a_long_name({LONG}, {LONG})\ndef f():\n    pass\n",
    ],
    ids=["fmt-pragma", "long-except", "stub-body", "long-decorator"],
)
def test_what_cannot_be_placed_goes_to_black_whole(rendered: str) -> None:
    result, _ = check(rendered)
    assert result is None


def test_a_carriage_return_is_left_to_black() -> None:
    rendered = f'x = "a\\rb"\ny = {LONG}.call({LONG}, {LONG})\n'.replace("\\r", "\r")
    assert format_long_statements(rendered, rendered, 100, Black()) is None


def test_line_width_bounds_both_formatters() -> None:
    assert line_width("abc") == 3
    assert line_width("名前") == 4  # wide for both
    assert line_width("☀é") == 4  # an emoji is two columns for ruff, one for black: count two


def test_a_non_ascii_line_at_the_limit_is_left_to_black() -> None:
    # exactly 100 columns for black; over the bound here: black decides, not ruff
    rendered = f'value = call_something("{"x" * 25}", "☀☀☀☀☀ééééé", argument_two, argument_three_long)\n'
    assert len(rendered) - 1 == 100
    result, counting = check(rendered)
    assert result is not None
    assert counting.calls == 1


# --- property: random modules of the generator's statement shapes --------------------------------

_NAME = st.text(string.ascii_lowercase + "_", min_size=8, max_size=60).map(lambda s: "n" + s)
_CLASS = st.text(string.ascii_letters, min_size=12, max_size=70).map(lambda s: "C" + s)
_WIRE = st.text(string.ascii_lowercase + "_-", min_size=4, max_size=50)


@st.composite
def statement(draw: st.DrawFn) -> str:
    name, cls, other, wire = draw(_NAME), draw(_CLASS), draw(_CLASS), draw(_WIRE)
    shapes = [
        f"f_{name} = _models.{cls}.from_dict(data[{wire!r}])",
        f"f_{name} = [_models.{cls}.from_dict(v1) for v1 in f_{name}]",
        f"f_{name} = {{k0: _models.{cls}(v1) for k0, v1 in f_{name}.items()}}",
        f"data[{wire!r}] = None if self.{name} is None else self.{name}.to_dict()",
        f"if f_{name} is not OMIT and f_{name} is not None:\n    f_{name} = _models.{cls}.decode(f_{name})",
        f"{name}: {cls} | {other} | None | Omit = OMIT",
        f'{cls}: TypeAlias = "{cls} | {other} | UnknownVariant"',
        f"return cls(\n    {name}=f_{name},\n    other=_models.{other}.decode(data.get({wire!r}, 'x')),\n)",
        f"warnings.warn({('argument ' + name + ' is deprecated: ' + wire)!r}, DeprecationWarning, stacklevel=2)",
        f'"""{name} {cls} {other}"""',
        f"def {name}(self, *, p_{wire.replace('-', '_')}: {cls} | {other} | None | Omit = OMIT) -> {cls}:\n    pass",
        f"def _decoders() -> dict[Any, Callable[[Any], {cls}]]:\n    return {{}}",
        f'_m = {{\n    "{cls}{other}": "{name}_{wire}",\n    "{cls}": {name},\n    {other}_{name}: -{len(wire)},\n}}',
    ]
    return draw(st.sampled_from(shapes))


@st.composite
def module(draw: st.DrawFn) -> str:
    body = draw(st.lists(statement(), min_size=1, max_size=6))
    inner = textwrap.indent("\n".join(body), " " * 8)
    cls = draw(_CLASS)
    return f"class {cls}:\n    def method(self, data):\n{inner}\n        return None\n"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(module(), min_size=4, max_size=4))
def test_random_generated_shapes_match_black(modules: list[str]) -> None:
    for rendered, ruffed in zip(modules, ruff_all(modules), strict=True):
        result = format_long_statements(rendered, ruffed, 100, Black())
        if result is not None:
            assert result == black.format_str(ruffed, mode=MODE)


def test_the_format_stage_uses_the_splice(tmp_path: Path) -> None:
    from specsmith.diagnostics import Diagnostics

    rendered = textwrap.dedent(CASES["union parameter annotation"]).lstrip("\n")
    result, _ = format_module.format_files({"a.py": rendered}, cache_dir=None, diagnostics=Diagnostics())
    assert result["a.py"] == black.format_str(ruff_all([rendered])[0], mode=MODE)
    assert "name: (\n" in result["a.py"]  # black's layout, not ruff's
