"""The compile check before writing (emit/compiled.py): remembers what compiled, never what did not."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest
from specsmith.diagnostics import Diagnostics
from specsmith.emit import compiled
from specsmith.emit.compiled import check_compiles


@pytest.fixture
def compiled_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []

    def counting(source: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(source)
        return builtins.compile(source, *args, **kwargs)

    monkeypatch.setattr(compiled, "compile", counting, raising=False)
    return seen


def test_a_module_that_compiled_once_is_not_compiled_again(tmp_path: Path, compiled_texts: list[str]) -> None:
    files = {"pkg/a.py": "x = 1\n", "pkg/b.py": "def f() -> int:\n    return 2\n", "README.md": "x = (\n"}
    assert check_compiles(files, Diagnostics(), cache_dir=tmp_path) == 0
    assert sorted(compiled_texts) == sorted([files["pkg/a.py"], files["pkg/b.py"]])
    compiled_texts.clear()
    assert check_compiles(files, Diagnostics(), cache_dir=tmp_path) == 0
    assert compiled_texts == []


def test_a_module_that_does_not_compile_is_reported_every_time(tmp_path: Path, compiled_texts: list[str]) -> None:
    good = {"pkg/a.py": "x = 1\n"}
    assert check_compiles(good, Diagnostics(), cache_dir=tmp_path) == 0
    broken = {**good, "pkg/c.py": "def f(a, a):\n    pass\n"}  # the parser accepts it; the compiler does not
    for _ in range(2):
        compiled_texts.clear()
        diagnostics = Diagnostics()
        assert check_compiles(broken, diagnostics, cache_dir=tmp_path) == 1
        assert compiled_texts == [broken["pkg/c.py"]]
        [error] = [d for d in diagnostics if d.code == "generated-code-invalid"]
        assert "pkg/c.py" in error.message


def test_without_a_cache_every_module_is_compiled(compiled_texts: list[str]) -> None:
    files = {"a.py": "x = 1\n"}
    for _ in range(2):
        assert check_compiles(files, Diagnostics()) == 0
    assert len(compiled_texts) == 2
