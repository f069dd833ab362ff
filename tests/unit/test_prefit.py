"""The renderer's own layout of long statements (render/prefit.py, certain.py) and the format stage's
acceptance of a file without parsing it (emit/statements.py): each checked against black."""

from __future__ import annotations

import ast

import black
import pytest
from black.mode import TargetVersion
from specsmith.certain import collecting
from specsmith.emit import format as format_module
from specsmith.emit import statements
from specsmith.emit.statements import format_long_statements
from specsmith.render.prefit import prefit

MODE = black.Mode(line_length=100, target_versions={TargetVersion.PY310})
LONG = "VeryLongGeneratedModelNameThatKeepsGoingAndGoingForeverAndEverMore"


def _black(text: str) -> str:
    return black.format_str(text, mode=MODE)


def test_a_long_statement_is_laid_out_as_black_would_and_vouched_for() -> None:
    text = f"def f(data):\n    return _models.{LONG}{LONG[:20]}.from_dict(data)\n"
    with collecting() as blocks:
        fitted = prefit(text)
    assert fitted != text and fitted == _black(text)
    assert blocks and all(anchored for _, anchored in blocks)  # its first line stays too long: vouched
    assert ast.dump(ast.parse(fitted)) == ast.dump(ast.parse(text))


@pytest.mark.parametrize(
    "text",
    [
        f'x = [\n    "{LONG}", {LONG}.call({LONG}, {LONG})\n]\n',  # inside a bracket: not a statement
        f'def f():\n    """Doc.\n\n    x = {LONG}.call({LONG}, {LONG})\n    """\n',  # inside a docstring
        f"x = 1 + \\\n    {LONG}.call({LONG}, {LONG})\n",  # a backslash continuation
        f"y = {LONG}.call({LONG}, {LONG})  # a comment\n",  # a comment: black places it
    ],
    ids=["in-brackets", "in-docstring", "continued", "commented"],
)
def test_what_is_not_a_whole_one_line_statement_is_left_as_it_is(text: str) -> None:
    assert prefit(text) == text


def test_a_file_whose_long_lines_are_all_vouched_for_is_accepted_without_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ruff = format_module._find_ruff()
    if ruff is None:
        pytest.skip("ruff is not installed")
    text = f"def f(data):\n    return _models.{LONG}{LONG[:20]}.from_dict(data)\n"
    with collecting() as blocks:
        rendered = prefit(text)
    ruffed = format_module._run_ruff(ruff, {"m.py": rendered}, 100)["m.py"]
    parsed: list[str] = []
    original = statements._units
    monkeypatch.setattr(statements, "_units", lambda t: parsed.append(t.text) or original(t))
    assert format_long_statements(rendered, ruffed, 100, _black, blocks) == _black(text)
    assert parsed == []  # nothing parsed: the vouched block was found verbatim
    # Without the vouching, or with a block ruff's output does not hold, the file is parsed.
    assert format_long_statements(rendered, ruffed, 100, _black, ()) == _black(text)
    assert format_long_statements(rendered, ruffed, 100, _black, [("    return other(", True)]) == _black(text)
    assert len(parsed) == 2


def test_an_unsplittable_item_needs_no_parse_only_as_a_whole_item_of_several() -> None:
    lines = ["_MODULES = {", f'    "{LONG}": "{LONG.lower()}",', '    "A": "a",', "}"]
    assert statements._lone_item(lines, 2)
    alone = ["x = (", f'    "{LONG}{LONG}",', ")"]  # a one-tuple's comma is not magic
    assert not statements._lone_item(alone, 2)
    assert statements._lone_item(["json={", f'    "{LONG}": {LONG.lower()},', "}"], 2)  # a dict's is
    continued = ["x = f(", f'    "{LONG}"', f'    "{LONG}",', ")"]  # the second half of a concatenation
    assert not statements._lone_item(continued, 3)


def test_a_long_one_line_docstring_is_accepted_and_a_long_closing_line_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    from specsmith.render.filters import py_doc

    word = "x" * 120
    with collecting() as blocks:
        one_line = f'def f():\n    """{py_doc(word, 4)}"""\n    return 1\n'
        closing = f'def g():\n    """Summary.\n\n    {py_doc(word, 4)}"""\n    return 1\n'
    parsed: list[str] = []
    original = statements._units
    monkeypatch.setattr(statements, "_units", lambda t: parsed.append(t.text) or original(t))
    assert format_long_statements(one_line, one_line, 100, _black, blocks) == _black(one_line) == one_line
    assert parsed == []  # black never breaks a docstring of one line
    assert format_long_statements(closing, closing, 100, _black, blocks) == _black(closing)
    assert parsed == [closing]  # black may move the closing quotes of a longer one: parsed and decided
