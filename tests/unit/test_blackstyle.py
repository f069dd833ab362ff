"""`blackstyle.call` lays a statement out exactly as black keeps it, or leaves it on one line.

Both the renderer and the format stage trust it in place of running black, so it is checked against
black itself (and ruff, which must leave the layout alone too, or the format stage would have to run
black after all) over statement shapes the generator emits, at every indentation and across the widths
where black's choice changes: fits, items on one line, one item per line, head or tail too long.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import black
import pytest
from black.mode import TargetVersion
from specsmith.blackstyle import (
    Call,
    annotation,
    atom_assignment,
    call,
    class_header,
    condition_header,
    from_import,
    parameter,
)
from specsmith.knownshapes import fit_item, fit_parameter, fit_returns, fit_statement

MODE = black.Mode(target_versions={TargetVersion.PY310}, line_length=100)
Shape = Callable[[random.Random], tuple[str, list[str | Call], str, str]]  # head, args, closing, tail


def _name(rng: random.Random, low: int, high: int, first: str = "a") -> str:
    return first + "x" * (rng.randint(low, high) - 1)


SHAPES: dict[str, Shape] = {
    "expression": lambda r: (f"{_name(r, 3, 20)}.{_name(r, 3, 30, 'w')}(",
                             [f'"{"word " * r.randint(1, 40)}"', "DeprecationWarning", "stacklevel=2"], ")", ""),
    "assignment": lambda r: (f"{_name(r, 2, 60, 'f')} = _models.{_name(r, 3, 90, 'C')}.decode(",
                             [r.choice([_name(r, 2, 60, "f"), f'data["{_name(r, 2, 50, "k")}"]',
                                        f'data.get("{_name(r, 2, 50, "k")}", OMIT)'])], ")", ""),
    "attribute target": lambda r: (f"self.{_name(r, 2, 80, 'm')} = async_raw_response(",
                                   [f"resource.{_name(r, 2, 80, 'm')}"], ")", ""),
    "subscript target": lambda r: (f'data["{_name(r, 2, 60, "k")}"] = encode(', [f"self.{_name(r, 2, 60)}"], ")", ""),
    "return": lambda r: ("return SyncPager(", ["fetch", r.choice(["cursor", "None", "1"]),
                         f'Paging("cursor", {_name(r, 2, 20, "i")}, next={_name(r, 2, 30, "n")})'], ")", ""),
    "raise from": lambda r: ("raise mismatch(", ["exc", "data", "at", f'"{_name(r, 2, 120, "N")}"'], ")", " from exc"),
    "assert": lambda r: ("assert request.url.path.endswith(", [f'"/{_name(r, 2, 150, "p")}"'], ")", ""),
    "assert equal": lambda r: (f"assert {_name(r, 2, 20, 'r')} == _models.{_name(r, 2, 90, 'C')}.from_dict(",
                               [r.choice(["answer", Call("_json(", (f'{{"{_name(r, 2, 30, "k")}": "string"}}',))])], ")", ""),
    "long head, dotted atom": lambda r: (f"self.{_name(r, 2, 95, 'm')} = raw_response(", [f"resource.{_name(r, 2, 95, 'm')}"],
                                         ")", ""),
    "def without parameters": lambda r: (f"def test_sync__{_name(r, 2, 110, 'o')}(", [], ")", " -> None:"),
    "annotated field": lambda r: (f"{_name(r, 2, 40, 'f')}: list[{_name(r, 2, 80, 'T')}] = field(", [r.choice([
        "default_factory=list", f"default_factory=lambda: _models.{_name(r, 2, 40, 'C')}.from_dict({{\"k\": 1}})"])],
        ")", ""),
    "assert equal call": lambda r: (f"assert {_name(r, 2, 20, 'r')} == list(", [Call("map(", (
        f"_models.{_name(r, 2, 80, 'C')}.from_dict", Call("as_list(", ("answer",))))], ")", ""),
    "lone bracketed item": lambda r: (f"{_name(r, 2, 40, 'f')} = list(", [Call("map(", (
        f"_models.{_name(r, 2, 80, 'C')}.from_dict",
        Call("as_list(", (r.choice([_name(r, 2, 50, "f"), f'data["{_name(r, 2, 50, "k")}"]']),)),
    ))], ")", ""),
    "bracketed items": lambda r: ("return SyncPager(", ["fetch", _name(r, 2, 30, "c"), Call("Paging(", (
        '"cursor"', _name(r, 2, 40, "i"), f"next={_name(r, 2, 40, 'n')}", f"has_more={_name(r, 2, 40, 'h')}"))],
        ")", ""),
    "lone atom": lambda r: (r.choice(["raise ValueError(", "x = f(", "return g.h(", "f("]),
                            [r.choice(['"' + "w " * r.randint(1, 70) + '"', _name(r, 2, 130, "n"), "1" * r.randint(1, 120)])],
                            ")", ""),
    "def, one parameter": lambda r: ("def " + _name(r, 2, 40, "h") + "(", [f"page: {_name(r, 2, 70, 'P')}"], ")",
                                     f" -> builtins.list[{_name(r, 2, 60, 'I')}] | None:"),
    "def": lambda r: (r.choice(["def fetch(", "async def fetch("]), [f"{_name(r, 2, 90, 'c')}: Any", "next_url: str | None"],
                      ")", f" -> tuple[{_name(r, 2, 90, 'P')}, httpx.Response]:"),
    "displays": lambda r: (f"{_name(r, 2, 30, 's')} = (", [Call("(", tuple(
        Call("frozenset(", (Call("{", tuple(f'"{_name(r, 1, 25, "k")}"' for _ in range(r.randint(1, 12))), "}"),))
        for _ in range(r.randint(2, 3))), ")") for _ in range(2)], ")", ""),
    "keyword displays": lambda r: (f"result = client.{_name(r, 2, 40, 'm')}(", r.sample([
        Call(f"{_name(r, 2, 30, 'k')}=list(", (Call("map(", (f"_models.{_name(r, 2, 60, 'C')}.from_dict", Call("as_list(", (
            Call("_json(", (Call("[", tuple(Call("{", tuple(f'"{_name(r, 1, 20, "k")}": "string"'
                                                          for _ in range(r.randint(1, 4))), "}") for _ in range(2)), "]"),)),)))),)),
        Call(f"{_name(r, 2, 30, 'k')}=_models.{_name(r, 2, 60, 'C')}.from_dict(", (Call("_json(", (Call("{", (
            f'"{_name(r, 2, 20, "k")}": "string"', Call(f'"{_name(r, 2, 20, "k")}": [', ('"a"', f'"{_name(r, 2, 60, "v")}"'), "]"),
        ), "}"),)),)),
    ], r.randint(1, 2)), ")", ""),
}  # fmt: skip


def _cases(per_shape: int) -> list[tuple[str, str, str]]:
    """(shape, source, laid-out statement): each statement inside stand-in blocks at its indentation."""
    rng = random.Random(12)
    cases = []
    for shape, make in SHAPES.items():
        for _ in range(per_shape):
            head, args, closing, tail = make(rng)
            indent = rng.choice([0, 4, 8, 12, 16])
            if shape.startswith(("assert equal", "annotated")):  # knownshapes decides when black parenthesises
                flat = head + ", ".join(a if isinstance(a, str) else a.flat for a in args) + closing + tail
                laid = fit_statement(flat, indent)
            else:
                laid = call(head, args, indent=indent, tail=tail, closing=closing)
            blocks = [" " * level + "if x:" for level in range(0, indent, 4)]
            body = [" " * (indent + 4) + "pass"] if tail.endswith(":") else []
            cases.append((shape, "\n".join([*blocks, " " * indent + laid, *body]) + "\n", laid))
    return cases


def _code_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]  # black adds blank lines around a def


CASES = _cases(150)


def test_every_shape_is_laid_out_in_each_of_blacks_regimes() -> None:
    for shape in SHAPES:
        laid = [out for name, _, out in CASES if name == shape]
        if shape not in {"displays", "keyword displays"}:  # two or more displays per item seldom fit one line
            assert any("\n" not in out for out in laid), f"{shape}: no case fits one line"
        if shape not in {"displays", "keyword displays", "def without parameters"}:  # nor fit one line below the head
            assert any(out.count("\n") == 2 for out in laid), f"{shape}: no case with the items on one line"
        if shape in {"expression", "raise from", "return", "def", "lone bracketed item", "bracketed items", "displays",
                     "keyword displays"}:  # fmt: skip
            assert any(out.count("\n") > 2 for out in laid), f"{shape}: no case with one item per line"
    wrapped = [out for name, _, out in CASES if name == "assignment" and " = (\n" in out]
    assert wrapped, "no case where black puts the right-hand side in parentheses"


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_black_keeps_the_layout(shape: str) -> None:
    for name, source, laid in CASES:
        if name != shape or "\n" not in laid:
            continue  # a one-line answer is either black's or left for the format stage to decide
        assert _code_lines(black.format_str(source, mode=MODE)) == _code_lines(source), source


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_ruff_keeps_the_layout(tmp_path: Path) -> None:
    laid_out = [(index, source) for index, (_, source, laid) in enumerate(CASES) if "\n" in laid]
    for index, source in laid_out:
        (tmp_path / f"c{index}.py").write_text(source)
    (tmp_path / "ruff.toml").write_text('line-length = 100\ntarget-version = "py310"\n')
    ruff = shutil.which("ruff")
    assert ruff is not None
    subprocess.run([ruff, "format", "-q", "--no-cache", "--config", str(tmp_path / "ruff.toml"), str(tmp_path)],
                   check=True)  # fmt: skip
    for index, source in laid_out:
        assert _code_lines((tmp_path / f"c{index}.py").read_text()) == _code_lines(source), source


def test_wide_characters_are_left_to_the_format_stage() -> None:
    # line_width counts a non-ASCII character as two columns, black sometimes as one: never split on it.
    head, args = "warnings.warn(", ['"' + "é" * 60 + '"', "DeprecationWarning", "stacklevel=2"]
    assert "\n" not in call(head, args, indent=8)


def _at(indent: int, laid: str, body: str = "") -> str:
    """``laid`` at ``indent`` inside stand-in blocks (and a body line when it is a block header)."""
    blocks = "".join(" " * level + "if x:\n" for level in range(0, indent, 4))
    return blocks + " " * indent + laid + "\n" + (" " * (indent + 4) + body + "\n" if body else "")


_KEPT: list[str] = []  # what black kept in the running test: ruff must keep it too (see _ruff_too)


def _assert_black_keeps(source: str) -> None:
    assert _code_lines(black.format_str(source, mode=MODE)) == _code_lines(source), source
    _KEPT.append(source)


@pytest.fixture(autouse=True)
def _ruff_too() -> Iterator[None]:
    """After each test, ruff over every layout black kept in it (one ruff run per test)."""
    _KEPT.clear()
    yield
    # Only where every line fits: a long line in ruff's output is never taken on trust (see statements.py)
    kept = [source for source in _KEPT if all(len(line) <= 100 for line in source.split("\n"))]
    _KEPT.clear()
    if kept:
        _assert_ruff_keeps(kept)


def _assert_ruff_keeps(sources: list[str]) -> None:
    """ruff leaves each source as it is too: the format stage takes ruff's output wherever every line fits,
    so a layout ruff would change (to one that also fits) would never reach black."""
    ruff = shutil.which("ruff")
    if ruff is None:
        return
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "ruff.toml").write_text('line-length = 100\ntarget-version = "py310"\n')
        for index, source in enumerate(sources):
            (root / f"c{index}.py").write_text(source)
        run = subprocess.run([ruff, "format", "--no-cache", "--config", str(root / "ruff.toml"), str(root)],
                             capture_output=True, text=True, check=False)  # fmt: skip
        assert run.returncode == 0, run.stderr[-2000:]
        for index, source in enumerate(sources):
            assert _code_lines((root / f"c{index}.py").read_text()) == _code_lines(source), source


def test_an_atom_assignment_is_laid_out_as_black_keeps_it() -> None:
    rng = random.Random(5)
    seen: set[str] = set()
    for _ in range(1500):
        indent = rng.choice([0, 4, 8, 12])
        kind = rng.choice(["name", "attribute", "subscript", "annotated"])
        target = {"name": _name(rng, 1, 50, "v"), "attribute": f"self.{_name(rng, 1, 50)}",
                  "subscript": f'data["{_name(rng, 1, 50, "k")}"]', "annotated": f"{_name(rng, 1, 40, 'v')}: int"}[kind]
        value = rng.choice([_name(rng, 1, 110, "n"), f"self.{_name(rng, 1, 110, 'd')}", "1" * rng.randint(1, 100),
                            '"' + "w " * rng.randint(1, 60) + '"'])  # fmt: skip
        laid = atom_assignment(target, value, indent=indent, annotated=kind == "annotated")
        assert laid is not None
        _assert_black_keeps(_at(indent, laid))
        seen.add("one line" if "\n" not in laid else "wrapped")
        if "\n" not in laid and indent + len(f"{target} = {value}") > 100:
            seen.add("left long")
    assert seen == {"one line", "wrapped", "left long"}


def test_only_an_unbreakable_atom_is_an_assigned_atom() -> None:
    for value in ['f"{x}" + "y"', "'single'", '"a" "b"', 'b"bytes"', '"é"', "f(x)", "a + b"]:
        assert atom_assignment("x", value * 20, indent=0, annotated=True) is None


def test_a_long_annotation_is_laid_out_as_black_keeps_it() -> None:
    rng = random.Random(7)
    laid_out = 0
    for _ in range(600):
        indent = rng.choice([4, 8])
        target = _name(rng, 2, 40, "f")
        hint = rng.choice([f"list[{_name(rng, 2, 90, 'C')}] | Omit", f"{_name(rng, 2, 90, 'C')} | None | Omit"])
        value = rng.choice([None, "OMIT", "None"])
        laid = annotation(target, hint, value, indent=indent)
        if laid is None:
            continue
        laid_out += "\n" in laid
        _assert_black_keeps(_at(indent, laid))
    assert laid_out > 100


@pytest.mark.parametrize("indent", [0, 4])
def test_an_import_is_laid_out_as_black_keeps_it(indent: int) -> None:
    rng = random.Random(indent)
    for _ in range(200):
        module = "." + _name(rng, 2, 100, "m")
        names = [_name(rng, 2, 100, "C"), f"decode as decode_{_name(rng, 2, 100, 'm')}"][: rng.randint(1, 2)]
        laid = from_import(module, names, indent=indent)
        assert laid is not None
        _assert_black_keeps(_at(indent, laid))


def test_a_class_header_is_laid_out_as_black_keeps_it() -> None:
    rng = random.Random(8)
    for _ in range(300):
        indent = rng.choice([0, 4])
        laid = class_header(_name(rng, 2, 110, "C"), rng.choice([["str", "enum.Enum"], [_name(rng, 2, 60, "B")]]),
                            indent=indent)  # fmt: skip
        if laid is not None:
            _assert_black_keeps(_at(indent, laid, "pass"))


def test_a_call_with_a_long_head_or_a_long_atom_is_laid_out_as_black_keeps_it() -> None:
    rng = random.Random(9)
    shapes = 0
    for _ in range(600):
        indent = rng.choice([8, 12, 16])
        target = rng.choice([f"f_{_name(rng, 2, 40, 's')}", f"self.{_name(rng, 2, 80, 'm')}"])
        head = f"{target} = _models.{_name(rng, 50, 100, 'C')}.decode("
        args: list[str | Call] = rng.choice([
            [f"f_{_name(rng, 2, 60, 'a')}"],
            [Call("map(", (f"_models.{_name(rng, 60, 110, 'd')}", Call("as_list(", ("f_x",))))],
            [f"_models.{_name(rng, 60, 110, 'd')}"],
        ])  # fmt: skip
        laid = call(head, args, indent=indent)
        if "\n" in laid:
            shapes += 1
            _assert_black_keeps(_at(indent, laid))
    assert shapes > 200


def test_a_comprehension_statement_is_laid_out_as_black_keeps_it() -> None:
    rng = random.Random(6)
    seen: set[int] = set()
    for _ in range(600):
        indent = rng.choice([0, 4, 8, 12, 16])
        head, element, clauses, closing = rng.choice([
            (f"{_name(rng, 2, 50, 'f')} = {{", f"k0: _models.{_name(rng, 2, 80, 'C')}.from_dict(v1)",
             [f"for k0, v1 in {_name(rng, 2, 50, 'f')}.items()"], "}"),
            (f'data["{_name(rng, 2, 50, "k")}"] = [', "v1.to_dict()", [f"for v1 in self.{_name(rng, 2, 70)}"], "]"),
            ("return [", _name(rng, 2, 60, "v"), [f"for v in {_name(rng, 2, 60, 's')}", f"if {_name(rng, 2, 40)} is not None"], "]"),
            (f"self.{_name(rng, 2, 30, 'f')} = [", f"None if v1 is None else _models.{_name(rng, 2, 70, 'C')}.from_dict(v1)",
             [f'for v1 in as_list(data["{_name(rng, 2, 30, "k")}"])'], "]"),
            (f"self.{_name(rng, 2, 30, 'f')} = [", f"None if v1 is None else _models.{_name(rng, 2, 90, 'C')}.from_dict(v1)",
             [f'for v1 in as_list(data["{_name(rng, 2, 30, "k")}"])'], "]"),
            (f"{_name(rng, 2, 20, 'v')} = {{", f"k0: None if v1 is None else _models.{_name(rng, 2, 60, 'C')}.decode(v1)",
             [f"for k0, v1 in {_name(rng, 2, 20, 'v')}.items()"], "}"),
            (f"{_name(rng, 2, 20, 'v')} = {{", f"k0: _models.decode_{_name(rng, 2, 100, 'c')}(v1)",
             [f"for k0, v1 in {_name(rng, 2, 20, 'v')}.items()"], "}"),
            (f"{_name(rng, 2, 20, 'v')} = [", f"list(map(_models.{_name(rng, 2, 90, 'C')}.from_dict, as_list(v1)))",
             ["for v1 in as_list(v)"], "]"),
        ])  # fmt: skip
        statement = f"{head}{element} {' '.join(clauses)}{closing}"
        laid = fit_statement(statement, indent)  # knownshapes works out how the element splits
        if "\n" not in laid and indent + len(laid) > 100:
            continue  # left for the format stage
        seen.add(laid.count("\n"))
        source = "".join(" " * level + "if x:\n" for level in range(0, indent, 4)) + " " * indent + laid + "\n"
        assert black.format_str(source, mode=MODE) == source
        _KEPT.append(source)
    assert {0, 2, 3} <= seen and max(seen) > 6  # one line; between brackets; one part per line (split too)


def test_a_long_condition_is_laid_out_as_black_keeps_it() -> None:
    rng = random.Random(10)
    seen: set[int] = set()
    for _ in range(800):
        indent = rng.choice([4, 8, 12])
        keyword = rng.choice(["if", "while"])
        names = [f"f_{_name(rng, 2, 100, 'c')}" for _ in range(rng.randint(2, 3))]
        operands = [(name, rng.choice(["is not OMIT", "is not None", "in seen", ""])) for name in names]
        laid = condition_header(keyword, rng.choice(["and", "or"]), operands, indent=indent)
        if laid is None:
            continue
        seen.add(min(laid.count("\n"), 3))
        _assert_black_keeps(_at(indent, laid, "pass"))
    assert seen == {0, 2, 3}  # one line; the condition between parentheses; one operand per line


def test_a_long_item_of_an_exploded_call_is_laid_out_as_black_keeps_it() -> None:
    rng = random.Random(11)
    laid_out = 0
    for _ in range(600):
        indent = rng.choice([8, 12, 16])
        key, wire = _name(rng, 2, 70, "w"), _name(rng, 2, 40, "w")
        items = [
            f"_models.{_name(rng, 2, 70, 'C')}.decode({_name(rng, 2, 60, 'v')})",  # positional ones first
            f"{_name(rng, 2, 60, 'k')}=data.get(\"{key}\", {rng.choice(['False', 'OMIT'])})",
            f"{_name(rng, 2, 40, 'k')}=_models.{_name(rng, 2, 70, 'C')}.from_dict(data[\"{wire}\"])",
        ]
        lines = [" " * indent + fit_item(item, indent) for item in items]
        laid_out += sum(line.count("\n") > 0 for line in lines)
        _assert_black_keeps(_at(indent - 4, "return cls(\n" + "\n".join(lines) + "\n" + " " * (indent - 4) + ")"))
    assert laid_out > 300


def test_an_item_that_is_a_display_is_laid_out_as_black_keeps_it() -> None:
    """Tuples, sets, lists and dicts split at their brackets like calls (the union shape tables, the
    generated tests' sample bodies); a lone-item display is left alone (its comma is not always magic)."""
    rng = random.Random(13)
    laid_out = 0
    for _ in range(300):
        indent = rng.choice([4, 8, 12])
        words = [f'"{_name(rng, 2, 25, "k")}"' for _ in range(rng.randint(2, 14))]
        items = [
            f"(frozenset({{{words[0]}}}), frozenset({{{', '.join(words[:2])}}}), frozenset({{{', '.join(words)}}}))",
            f"{_name(rng, 2, 30, 'k')}=_json({{{', '.join(f'{w}: [1, {w}]' for w in words)}}})",
            f"{_name(rng, 2, 30, 'k')}=list(map(_models.C.from_dict, as_list(_json([{{{', '.join(f'{w}: 1' for w in words)}}}]))))",
        ]
        lines = [" " * indent + fit_item(item, indent) for item in items]
        laid_out += sum(line.count("\n") > 0 for line in lines)
        _assert_black_keeps(_at(indent - 4, "return cls(\n" + "\n".join(lines) + "\n" + " " * (indent - 4) + ")"))
    assert laid_out > 300
    assert fit_item("(" + '"' + "x" * 120 + '",)', 4) == "(" + '"' + "x" * 120 + '",),'


def test_a_call_without_arguments_too_long_is_wrapped_as_black_wraps_it() -> None:
    rng = random.Random(17)
    wrapped = 0
    for _ in range(400):
        indent = rng.choice([4, 8, 12])
        lead = rng.choice([f'data["{_name(rng, 2, 50, "k")}"] = ', f"{_name(rng, 2, 40, 'v')} = ", "return "])
        statement = f"{lead}self.{_name(rng, 2, 90, 'f')}.to_dict()"
        laid = fit_statement(statement, indent)
        wrapped += "\n" in laid
        if "\n" in laid or indent + len(statement) <= 100:
            _assert_black_keeps(_at(indent, laid))
    assert wrapped > 50


def test_a_long_return_annotation_is_laid_out_as_black_keeps_it() -> None:
    rng = random.Random(23)
    regimes: set[int] = set()
    for _ in range(400):
        page, item = _name(rng, 2, 90, "P"), _name(rng, 2, 60, "I")
        returns = rng.choice([f"SyncPager[{page}, {item}]", f"list[{page}]", f"dict[str, {page}] | None"])
        closing = fit_returns(returns, 4)
        regimes.add(closing.count("\n"))
        if "\n" not in closing and len(closing) > 96:
            continue  # left for the format stage (a union: black wraps it in parentheses)
        source = f"class C:\n    def f(\n        self,\n        x: int,\n    {closing}\n        pass\n"
        _assert_black_keeps(source)
    assert {0, 2} <= regimes and max(regimes) > 2


def test_a_long_union_hint_is_split_at_its_bars_as_black_splits_it() -> None:
    """A field or parameter whose union hint does not fit its own line: one operand per line."""
    rng = random.Random(29)
    split = inner_bars = 0
    for _ in range(400):
        indent = rng.choice([4, 8])
        name = _name(rng, 2, 50, "f")
        first = rng.choice([_name(rng, 2, 95, "H"), f"list[{_name(rng, 2, 95, 'H')} | str]"])
        hint = " | ".join([first, *rng.sample(["str", "Omit", "None", "list[Any]"], rng.randint(1, 3))])
        default = rng.choice(["OMIT", "None", None])
        field = fit_statement(f"{name}: {hint}" + (f" = {default}" if default else ""), indent)
        parameter = fit_parameter(name, hint, default, indent + 4)
        split += field.count("\n") > 2
        inner_bars += "list[\n" in parameter and "| str\n" in parameter  # the subscript's union split too
        if "\n" in field or indent + len(field) <= 100:
            _assert_black_keeps(_at(indent, field))
        if "\n" in parameter or indent + 4 + len(parameter) <= 100:
            source = "def f(\n" + " " * (indent + 4) + "self,\n" + " " * (indent + 4) + parameter + "\n" + " " * indent + "):"
            _assert_black_keeps(_at(indent, source, "pass"))
    assert split > 50 and inner_bars > 10


def test_a_conditional_expression_is_parenthesised_as_black_does_it() -> None:
    """Returned, assigned or a dict item's value: between parentheses, on one line or in three parts."""
    rng = random.Random(31)
    regimes: set[int] = set()
    for _ in range(500):
        indent = rng.choice([4, 8, 12])
        attribute = _name(rng, 2, 40, "f")
        orelse = rng.choice([f"_models.{_name(rng, 2, 110, 'C')}.from_dict(data)", f"self.{attribute}.to_dict()",
                             f"[v1.to_dict() for v1 in self.{attribute}]"])  # fmt: skip
        expression = f"None if self.{attribute} is None else {orelse}"
        if rng.random() < 0.5:
            lead = rng.choice(["return ", f"self.{_name(rng, 2, 30, 'x')} = ", f'data["{attribute}"] = '])
            laid = fit_statement(lead + expression, indent)
            source = _at(indent, laid)
        else:
            laid = fit_item(f'"{attribute}": {expression}', indent + 4)
            source = _at(indent, "data = {\n" + " " * (indent + 4) + laid + "\n" + " " * indent + "}")
        if "\n" not in laid and indent + 4 + len(laid) > 100:
            continue  # left for the format stage
        regimes.add(min(laid.count("\n"), 4))
        _assert_black_keeps(source)
    assert {0, 2, 4} <= regimes  # one line; between parentheses; value, test and else on lines of their own


def test_a_long_parameter_is_laid_out_as_black_keeps_it() -> None:
    rng = random.Random(12)
    laid_out = 0
    for _ in range(400):
        lines = []
        for _ in range(rng.randint(1, 4)):
            hint = rng.choice([f"{_name(rng, 2, 80, 'C')} | None | Omit", f"list[{_name(rng, 2, 80, 'C')}] | Omit", "str"])
            laid = parameter(_name(rng, 2, 50, "p"), hint, rng.choice([None, "OMIT", "None"]), indent=8)
            if laid is not None:
                lines.append(" " * 8 + laid)
                laid_out += "\n" in laid
        if not lines:
            continue  # a bare `*` needs a parameter after it
        body = "\n".join(lines)
        _assert_black_keeps(f"class A:\n    def f(\n        self,\n        *,\n{body}\n    ) -> None:\n        pass\n")
    assert laid_out > 100


def test_a_statement_with_non_ascii_text_is_left_for_the_format_stage() -> None:
    # The parser's columns count UTF-8 bytes: cutting a non-ASCII line by them would garble it.
    for line in [f'x = compute("é", {"y" * 90})', f'raise mismatch(exc, "ü", {"z" * 90}) from exc',
                 f'data["ключ"] = self.{"v" * 90}']:  # fmt: skip
        assert fit_statement(line, 8) == line
