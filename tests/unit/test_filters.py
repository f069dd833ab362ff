"""``render/filters.py``: the only ways spec text reaches generated source can never become code."""

from __future__ import annotations

import ast

import black
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from specsmith.render.filters import assign, py_comment, py_doc, py_str

# Every code point, lone surrogates included (JSON allows "\ud800"; Hypothesis leaves them out by default).
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=80)
HOSTILE = [
    '"""; __import__("os").system("x"); """',
    "'''; __import__('os').system('x'); '''",
    "\\",
    'ends with a quote"',
    'ends with a backslash and quote\\"',
    "line\nbreak\rcarriage\r\nboth",
    "nul\x00byte",
    "line\u2028separator\u2029paragraph\x85next",
    "{{ config }}{% raw %}",
    "# not a comment",
    "\ud800 lone surrogate",
    "\t tab",
    '""""',
    "\\N{BULLET} \\u0041 \\x41",
]


def _module_is_only(source: str, node_type: type[ast.stmt]) -> ast.Module:
    tree = ast.parse(source)
    assert len(tree.body) == 1 and isinstance(tree.body[0], node_type), ast.dump(tree)
    return tree


def _encodable(source: str) -> None:
    source.encode("utf-8")  # generated files are written as UTF-8


@given(ANY_TEXT)
@example("")
@pytest.mark.parametrize("hostile", HOSTILE)
def test_py_str_is_a_literal_with_exactly_the_original_value(hostile: str, text: str) -> None:
    for value in (hostile, text, hostile + text):
        literal = py_str(value)
        tree = _module_is_only(f"x = {literal}\n", ast.Assign)
        assert ast.literal_eval(literal) == value
        assert isinstance(tree.body[0], ast.Assign) and isinstance(tree.body[0].value, ast.Constant)
        assert "\n" not in literal and "\r" not in literal
        _encodable(literal)


def test_py_str_prefers_double_quotes_like_black() -> None:
    assert py_str("plain") == '"plain"'
    assert py_str("it's") == '"it\'s"'
    assert py_str('say "hi"') == "'say \"hi\"'"
    assert py_str(5) == '"5"'


@given(ANY_TEXT, st.sampled_from([0, 4, 8]))
@pytest.mark.parametrize("hostile", HOSTILE)
def test_py_doc_stays_inside_its_docstring(hostile: str, text: str, indent: int) -> None:
    for value in (hostile, text, text + hostile):
        body = py_doc(value, indent)
        pad = " " * indent
        source = f'def f():\n{pad}    """{body}"""\n' if indent else f'"""{body}"""\n'
        _encodable(source)
        tree = ast.parse(source)
        statements = tree.body[0].body if indent else tree.body  # type: ignore[attr-defined]
        assert len(statements) == 1 and isinstance(statements[0], ast.Expr)
        assert isinstance(statements[0].value, ast.Constant) and isinstance(statements[0].value.value, str)
        assert not any(c in body for c in "\x00\r\u2028\u2029\x85")


def test_py_doc_keeps_readable_text() -> None:
    assert py_doc("Returns a pet.") == "Returns a pet."
    assert py_doc('Quote """ here') == 'Quote \\"\\"\\" here'
    assert py_doc("C:\\path") == "C:\\\\path"
    assert py_doc("a\n\n  b", 4) == "a\n\n    b"
    assert py_doc("ends with \"\"\"") == "ends with \\\"\\\"\\x22"
    assert py_doc('"quoted"') == '\\x22quoted\\x22'  # black would pad a quote next to the triple quotes
    assert py_doc("\ud800") == "\ufffd"


@given(ANY_TEXT)
@pytest.mark.parametrize("hostile", HOSTILE)
def test_py_comment_is_one_line_of_comment(hostile: str, text: str) -> None:
    for value in (hostile, text):
        comment = py_comment(value)
        source = f"# {comment}\nx = 1\n"
        _encodable(source)
        tree = _module_is_only(source, ast.Assign)
        assert tree.body[0].lineno == 2
        assert not any(c in comment for c in "\n\r\x00\x0b\x0c\u2028\u2029\x85")


def test_assign_wraps_long_values_the_way_black_does() -> None:
    assert assign("x", '"a"') == 'x = "a"'
    long = py_str("y" * 120)
    wrapped = assign("NAME", long, indent=4)
    assert wrapped.startswith("NAME = (\n        ")
    assert ast.literal_eval(wrapped.split("\n")[1].strip()) == "y" * 120


LONG_PROSE = (
    "This parameter controls text normalization with three modes: 'auto', 'on', and 'off'. When set to "
    "'auto', the system will automatically decide whether to apply text normalization (e.g., spelling out "
    "numbers)."
)


@pytest.mark.parametrize("indent, column", [(0, 3), (4, 7), (8, 11), (12, 40)])
def test_py_doc_wraps_long_prose_to_fit_black_unchanged(indent: int, column: int) -> None:
    text = f"{LONG_PROSE}\n\n| a | table | {'cell ' * 25}|\n\n```\n{'code ' * 30}\n```\n\n- a bullet: {LONG_PROSE}"
    body = py_doc(text, indent, column)
    lines = body.split("\n")
    assert column + len(lines[0]) + 3 <= 100
    prose = [line for line in lines[1:] if "code code" not in line and "|" not in line]
    assert all(len(line) + 3 <= 100 for line in prose)
    assert " ".join(body.split()) == " ".join(text.split())  # the same words in the same order
    assert any(line.strip() == ("code " * 30).strip() for line in lines)  # fenced code keeps its lines
    assert any(line.strip().startswith("| a | table |") for line in lines)  # so do table rows
    # black leaves the docstring as it is: the format stage has nothing to do for it.
    pad = " " * indent
    lead = "x" * (column - indent - 3)
    source = f'def f():\n    """{body}"""\n' if indent == 4 else f'{pad}"""{body}"""\n'
    if indent in (0, 4) and not lead:
        assert black.format_str(source, mode=black.Mode(line_length=100)) == source


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300), st.sampled_from([0, 4, 8]))
def test_black_leaves_any_py_doc_docstring_as_it_is(text: str, indent: int) -> None:
    # The format stage trusts ruff for lines that fit; ruff and black part ways over quotes next to the
    # triple quotes and Unicode spaces at a line's start, so py_doc must leave neither.
    body = py_doc(text, indent)
    assume(body.strip())
    blocks = "".join(" " * level + ("def f():\n" if level == indent - 4 else "if x:\n") for level in range(0, indent, 4))
    source = f'{blocks}{" " * indent}"""{body}"""\n'
    formatted = black.format_str(source, mode=black.Mode(line_length=100))
    assert [line for line in formatted.split("\n") if line.strip()] == [line for line in source.split("\n") if line.strip()]


@pytest.mark.parametrize("indent", [0, 4, 8])
@pytest.mark.parametrize("members", [3, 8, 20])
def test_assign_cuts_a_string_too_long_for_any_line_into_adjacent_literals_black_keeps(indent: int, members: int) -> None:
    alias = " | ".join(f"VariantModelNumber{n}WithALongName" for n in range(members))
    laid = assign("Alias: TypeAlias", py_str(alias), indent)
    source = "".join(" " * level + "if x:\n" for level in range(0, indent, 4)) + " " * indent + laid + "\n"
    assert black.format_str(source, mode=black.Mode(line_length=100)) == source
    tree = ast.parse(source)
    node = tree.body[0]
    while isinstance(node, ast.If):
        node = node.body[0]
    assert isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Constant) and node.value.value == alias
    assert all(len(line) <= 100 for line in laid.split("\n"))
