"""The format stage: black-clean output, the cache, the ruff fast path and its fallbacks."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import black
import pytest
from black.mode import TargetVersion
from specsmith.diagnostics import Diagnostics, Severity
from specsmith.emit import format as format_module
from specsmith.emit.format import format_files
from specsmith.emit.formatcache import FormatCache

CLEAN = 'from __future__ import annotations\n\n\ndef hello(name: str) -> str:\n    return f"hi {name}"\n'

MESSY = {
    "spacing.py": "x=1\ny = [1,2 ,3]\ndef f( a,b ):\n  return a+b\n",
    "quotes.py": "print('hello')\nd = {'a':1, 'b':{'c':[1,2]}}\n",
    "long.py": "def function_with_a_long_name(argument_one, argument_two, argument_three, argument_four,"
    " argument_five, argument_six):\n    return argument_one\n",
    "blank.py": "import os\n\n\n\n\nclass A: pass\n",
    "stub.pyi": "def f(x: int) -> int: ...\n\n\n\nclass A:\n    x: int\n",
}


def black_reference(text: str, *, is_pyi: bool = False) -> str:
    mode = black.Mode(line_length=100, target_versions={TargetVersion.PY310}, is_pyi=is_pyi)
    return black.format_str(text, mode=mode)


class Counter:
    """Wraps a function and counts calls, keeping its behaviour."""

    def __init__(self, wrapped: object) -> None:
        self.wrapped = wrapped
        self.calls = 0

    def __call__(self, *args: object, **kwargs: object) -> object:
        self.calls += 1
        return self.wrapped(*args, **kwargs)  # type: ignore[operator]


@pytest.fixture
def counters(monkeypatch: pytest.MonkeyPatch) -> tuple[Counter, Counter]:
    ruff = Counter(format_module._run_ruff)
    black_run = Counter(format_module._black_format)
    monkeypatch.setattr(format_module, "_run_ruff", ruff)
    monkeypatch.setattr(format_module, "_black_format", black_run)
    return ruff, black_run


def test_messy_snippets_come_out_black_clean(tmp_path: Path) -> None:
    result, stats = format_files(MESSY, cache_dir=tmp_path, diagnostics=Diagnostics())
    for path, text in MESSY.items():
        assert result[path] == black_reference(text, is_pyi=path.endswith(".pyi")), path
    assert stats.total == stats.formatted == stats.changed == len(MESSY)
    assert stats.cached == 0


def test_non_python_files_pass_through(tmp_path: Path, counters: tuple[Counter, Counter]) -> None:
    files = {"README.md": "x=1\n", "pkg/py.typed": "", "pyproject.toml": "a=1\n"}
    result, stats = format_files(files, cache_dir=tmp_path, diagnostics=Diagnostics())
    assert result == files
    assert stats.total == 0
    assert counters[0].calls == counters[1].calls == 0


def test_files_copied_from_formatted_sources_pass_through(tmp_path: Path, counters: tuple[Counter, Counter]) -> None:
    files = {"pkg/_runtime/_http.py": MESSY["spacing.py"], "pkg/other.py": MESSY["spacing.py"]}
    result, stats = format_files(files, cache_dir=tmp_path, diagnostics=Diagnostics(), formatted={"pkg/_runtime/_http.py"})
    assert result["pkg/_runtime/_http.py"] == MESSY["spacing.py"]
    assert result["pkg/other.py"] == black_reference(MESSY["spacing.py"])
    assert stats.total == 1


def test_the_runtime_sources_copied_unformatted_are_black_clean() -> None:
    from specsmith.render import runtime_dir

    sources = sorted(runtime_dir().glob("*.py"))
    assert sources
    for source in sources:
        text = source.read_text(encoding="utf-8")
        assert black_reference(text) == text, f"{source.name} is not black-clean: run black -l 100 on it"


def test_clean_text_is_accepted_by_ruff_without_black(
    tmp_path: Path, counters: tuple[Counter, Counter]
) -> None:
    ruff, black_run = counters
    result, stats = format_files({"a.py": CLEAN}, cache_dir=tmp_path, diagnostics=Diagnostics())
    assert result == {"a.py": CLEAN}
    assert (ruff.calls, black_run.calls) == (1, 0)
    assert stats.changed == 0
    assert stats.formatter.startswith("ruff+black")


def test_ruff_output_is_used_and_matches_black(tmp_path: Path, counters: tuple[Counter, Counter]) -> None:
    ruff, black_run = counters
    files = {"clean.py": CLEAN, "messy.py": MESSY["spacing.py"]}
    result, _ = format_files(files, cache_dir=tmp_path, diagnostics=Diagnostics())
    assert result["messy.py"] == black_reference(MESSY["spacing.py"])
    assert (ruff.calls, black_run.calls) == (1, 0)


def test_cache_hit_calls_no_formatter(tmp_path: Path, counters: tuple[Counter, Counter]) -> None:
    ruff, black_run = counters
    files = {"a.py": CLEAN, "b.py": MESSY["quotes.py"]}
    first, _ = format_files(files, cache_dir=tmp_path, diagnostics=Diagnostics())
    calls = (ruff.calls, black_run.calls)
    second, stats = format_files(files, cache_dir=tmp_path, diagnostics=Diagnostics())
    assert second == first
    assert (ruff.calls, black_run.calls) == calls
    assert (stats.cached, stats.formatted, stats.changed) == (2, 0, 1)


def test_cache_misses_on_new_text_and_other_line_length(
    tmp_path: Path, counters: tuple[Counter, Counter]
) -> None:
    ruff, _ = counters
    format_files({"a.py": CLEAN}, cache_dir=tmp_path, diagnostics=Diagnostics())
    format_files({"a.py": CLEAN + "x = 1\n"}, cache_dir=tmp_path, diagnostics=Diagnostics())
    _, stats = format_files(
        {"a.py": CLEAN}, cache_dir=tmp_path, diagnostics=Diagnostics(), line_length=88
    )
    assert ruff.calls == 3
    assert stats.cached == 0


def test_a_damaged_cache_is_a_miss(tmp_path: Path) -> None:
    text = MESSY["quotes.py"]
    format_files({"a.py": text}, cache_dir=tmp_path, diagnostics=Diagnostics())
    [database] = [path for path in tmp_path.rglob("*.sqlite3")]
    database.write_bytes(b"not a database" * 100)
    result, stats = format_files({"a.py": text}, cache_dir=tmp_path, diagnostics=Diagnostics())
    assert result["a.py"] == black_reference(text)
    assert stats.cached == 0


def test_no_cache_dir_works(counters: tuple[Counter, Counter]) -> None:
    format_files({"a.py": CLEAN}, cache_dir=None, diagnostics=Diagnostics())
    result, stats = format_files({"a.py": CLEAN}, cache_dir=None, diagnostics=Diagnostics())
    assert result == {"a.py": CLEAN}
    assert stats.cached == 0
    assert counters[0].calls == 2


def test_without_ruff_black_formats_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counters: tuple[Counter, Counter]
) -> None:
    ruff, black_run = counters
    monkeypatch.setattr(format_module, "_find_ruff", lambda: None)
    files = {"clean.py": CLEAN, **MESSY}
    result, stats = format_files(files, cache_dir=tmp_path, diagnostics=Diagnostics())
    assert (ruff.calls, black_run.calls) == (0, len(files))
    assert result["clean.py"] == CLEAN
    assert result["spacing.py"] == black_reference(MESSY["spacing.py"])
    assert stats.formatter.startswith("black ")


def test_ruff_that_cannot_run_falls_back_to_black(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(format_module, "_find_ruff", lambda: [str(tmp_path / "no-such-ruff")])
    result, _ = format_files(MESSY, cache_dir=None, diagnostics=Diagnostics())
    assert result["quotes.py"] == black_reference(MESSY["quotes.py"])


def test_invalid_syntax_becomes_failed_file_and_diagnostic(
    tmp_path: Path, counters: tuple[Counter, Counter]
) -> None:
    broken = "def f(:\n    return 1\n"
    diagnostics = Diagnostics()
    files = {"pkg/broken.py": broken, "pkg/ok.py": CLEAN}
    result, stats = format_files(files, cache_dir=tmp_path, diagnostics=diagnostics)
    assert result == {"pkg/broken.py.failed": broken, "pkg/ok.py": CLEAN}
    [diagnostic] = diagnostics.items
    assert (diagnostic.severity, diagnostic.code) == (Severity.ERROR, "format-failed")
    assert diagnostic.file == "pkg/broken.py"
    assert "cannot parse" in diagnostic.message.lower()
    assert stats.formatted == 2
    assert counters[1].calls == 1  # ruff named the broken file; only it went to black
    again, _ = format_files(files, cache_dir=tmp_path, diagnostics=Diagnostics())
    assert "pkg/broken.py.failed" in again  # failures are never cached


def test_process_pool_gives_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(format_module, "_POOL_MIN_CHARS", 0)
    monkeypatch.setattr(format_module, "_find_ruff", lambda: None)
    files = {f"m{n}.py": MESSY["spacing.py"] + f"z{n} = {n}\n" for n in range(20)}
    files["broken.py"] = "def f(:\n"
    diagnostics = Diagnostics()
    result, _ = format_files(files, cache_dir=None, diagnostics=diagnostics)
    assert result["m7.py"] == black_reference(files["m7.py"])
    assert "broken.py.failed" in result
    assert [d.file for d in diagnostics] == ["broken.py"]


def test_concurrent_runs_share_the_cache_safely(tmp_path: Path) -> None:
    files = {f"m{n}.py": MESSY["quotes.py"] + f"v{n} = 'x'\n" for n in range(12)}

    def run(_: int) -> dict[str, str]:
        return format_files(files, cache_dir=tmp_path, diagnostics=Diagnostics())[0]

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, range(4)))
    assert all(result == results[0] for result in results)
    warm, stats = format_files(files, cache_dir=tmp_path, diagnostics=Diagnostics())
    assert warm == results[0]
    assert stats.cached == len(files)
    assert not [path for path in tmp_path.rglob("*.tmp")]


def test_the_cache_stays_under_its_cap_and_keeps_what_was_used_last(tmp_path: Path) -> None:
    cache = FormatCache(tmp_path, max_bytes=20_000)
    for batch in range(10):  # 10 runs of 20 entries of ~600 bytes: 120 KB offered to a 20 KB cache
        cache = FormatCache(tmp_path, max_bytes=20_000)
        cache.lookup(["recent"] if batch else [])
        cache.store({f"k{batch}-{n}": "x" * 600 for n in range(20)} | ({"recent": "kept"} if batch == 0 else {}))
    with sqlite3.connect(tmp_path / "format-v2.sqlite3") as connection:
        (total,) = connection.execute("SELECT SUM(size) FROM entries").fetchone()
    assert total <= 20_000
    survivors = FormatCache(tmp_path, max_bytes=20_000).lookup([f"k9-{n}" for n in range(20)] + ["recent", "k0-0"])
    assert "recent" in survivors  # written first but used by every run since: not evicted
    assert "k0-0" not in survivors  # the least recently used went
    assert sum(key.startswith("k9-") for key in survivors) == 20  # the newest run's entries all stayed


def test_a_lookup_returns_only_the_keys_asked_for(tmp_path: Path) -> None:
    FormatCache(tmp_path).store({f"k{n}": f"v{n}" for n in range(2_000)} | {"same": None})
    assert FormatCache(tmp_path).lookup(["k5", "k1999", "missing", "same"]) == {"k5": "v5", "k1999": "v1999", "same": None}


def test_a_file_the_splice_cannot_place_gets_black_whole(
    tmp_path: Path, counters: tuple[Counter, Counter]
) -> None:
    long_name = "a_very_long_generated_argument_name_" * 2
    text = f"x = [  # fmt: skip\n    1, 2]\ny = call({long_name}, {long_name}, {long_name})\n"
    result, _ = format_files({"a.py": text}, cache_dir=tmp_path, diagnostics=Diagnostics())
    assert counters[1].calls == 1  # the pragma sends the file to black whole
    assert result["a.py"] == black_reference(result["a.py"])  # black-clean all the same


def test_a_failing_scratch_dir_falls_back_to_the_temp_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("")  # TemporaryDirectory inside a file: OSError
    monkeypatch.setattr(format_module, "_scratch_dirs", lambda: [str(blocked), None])
    result, _ = format_files(MESSY, cache_dir=None, diagnostics=Diagnostics())
    assert result["quotes.py"] == black_reference(MESSY["quotes.py"])


def test_the_collector_is_paused_only_inside_the_block() -> None:
    """The format stage pauses the cyclic collector while it parses; a run must not leave it off."""
    import gc

    from specsmith.gcpause import paused_gc

    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()
