"""The format stage: make every generated Python file black-clean, quickly.

black is the reference style, but costs 60-90 ms of CPU per file. So, per `.py`/`.pyi` file:

1. **Cache.** The key is the sha256 of the input text, a formatter id, black's and ruff's versions,
   the line length and the file kind; the entry is the formatted text (or "same as input"). Entries
   live in one SQLite database, read by key and bounded in size (`formatcache.py`).
2. **ruff formats.** All misses go through ONE `ruff format` subprocess in a temp dir with a
   generated `ruff.toml`; its output is taken as is (~100x faster than black and identical to it
   for lines that fit). Templates emit black-clean code, so most files come back unchanged.
3. **black is the reference where the two may differ:** a logical line too long for the limit,
   which the two may break differently (or leave). Only the statements holding such a line go
   through black, one by one at their real depth, and are spliced into ruff's output
   (`statements.py`); where that cannot be done with certainty, black formats the whole file.
   Without ruff, black formats every miss (in a process pool when there are many). The test suite
   runs `black --check` over the whole real-world output.

A file black cannot parse is a generator bug: its unformatted text is returned as `<path>.failed`
and a `format-failed` error is added to the diagnostics.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from .. import blackstyle, knownshapes, linewidth
from ..certain import Block
from ..diagnostics import Diagnostics
from ..gcpause import paused_gc
from . import statements
from .fileset import FileSet
from .formatcache import FormatCache
from .statements import format_long_statements

__all__ = ["FormatStats", "format_files", "formatter_versions"]

_FORMATTER_ID = "specsmith-format/3"  # with the sources of the layout rules: see _formatter_id()
_PYTHON_SUFFIXES = (".py", ".pyi")
# Spawning workers that import black costs ~0.3 s and black runs at ~4-5 ms per KiB of source:
# measured on 2 cores, a pool breaks even at ~150 KB of input and is 1.8x faster at 600 KB.
_POOL_MIN_CHARS = 150_000
_POOL_CHUNK = 16


@functools.cache
def _black_version() -> str:
    """black's version (black itself is imported only when it runs)."""
    return importlib.metadata.version("black")


@functools.cache
def formatter_versions() -> str:
    """black's and ruff's versions: the output depends on both (ruff's layout is kept where it fits)."""
    try:
        ruff = importlib.metadata.version("ruff")
    except importlib.metadata.PackageNotFoundError:
        ruff = "not installed as a package"
    return f"black {_black_version()}, ruff {ruff}"



@dataclass(frozen=True, slots=True)
class FormatStats:
    total: int  # Python files seen
    cached: int  # answered by the cache
    formatted: int  # checked by a formatter (ruff and/or black)
    changed: int  # whose text the formatter changed
    seconds: float
    formatter: str  # what checked the cache misses, e.g. "ruff+black 25.1.0"


@dataclass(frozen=True)  # no slots: it must unpickle from a pool worker on Python 3.10 too
class _Failed:
    message: str


def format_files(
    files: FileSet, *, cache_dir: Path | None, diagnostics: Diagnostics, line_length: int = 100,
    formatted: Collection[str] = (), certain: Mapping[str, Sequence[Block]] | None = None,
) -> tuple[dict[str, str], FormatStats]:  # fmt: skip
    """Return `files` with every Python file formatted as black would, plus what it cost.

    Non-Python files and the paths in `formatted` (copied from sources kept black-clean) pass through
    unchanged. Results are cached under `cache_dir` (None: no cache). ``certain`` holds, per path, the
    blocks the renderer laid out as black would (see `certain`): their long lines need no black.
    A file that cannot be formatted comes back as `<path>.failed` with its text unchanged, and a
    `format-failed` error naming it is added to `diagnostics`.
    """
    started = time.perf_counter()
    cache = FormatCache(cache_dir) if cache_dir is not None else None
    result: dict[str, str] = {}
    misses: dict[str, str] = {}
    keys: dict[str, str] = {}
    for path in sorted(files):
        if path.endswith(_PYTHON_SUFFIXES) and path not in formatted:
            keys[path] = _cache_key(files[path], line_length, path.endswith(".pyi"))
        else:
            result[path] = files[path]
    hits = cache.lookup(keys.values()) if cache is not None else {}
    for path, key in keys.items():
        if key in hits:
            result[path] = hits[key] or files[path]  # None: formatting changed nothing
        else:
            misses[path] = files[path]
    added: dict[str, str | None] = {}
    ruff = _find_ruff()
    outcomes = _format_misses(misses, line_length, ruff, certain or {})
    changed = sum(1 for path in keys if path not in misses and result[path] != files[path])
    for path, outcome in outcomes.items():
        if isinstance(outcome, _Failed):
            diagnostics.error(
                "format-failed", f"cannot format {path}: {outcome.message}", file=path
            )
            result[f"{path}.failed"] = misses[path]
            continue
        result[path] = outcome
        changed += outcome != misses[path]
        added[keys[path]] = None if outcome == misses[path] else outcome
    if cache is not None:
        cache.store(added)
    formatter = f"{'ruff+' if ruff else ''}black {_black_version()}"
    seconds = time.perf_counter() - started
    stats = FormatStats(
        len(keys), len(keys) - len(misses), len(misses), changed, seconds, formatter
    )
    return dict(sorted(result.items())), stats


def _format_misses(
    misses: Mapping[str, str], line_length: int, ruff: list[str] | None, certain: Mapping[str, Sequence[Block]]
) -> dict[str, str | _Failed]:
    outcomes: dict[str, str | _Failed] = {}
    needs_black = dict(misses)
    if ruff is not None and misses:
        # One statement often recurs (a sync method and its async twin share most of their lines).
        snippets = {False: _Memo(line_length, is_pyi=False), True: _Memo(line_length, is_pyi=True)}
        for path, formatted in _run_ruff(ruff, misses, line_length).items():
            black = snippets[path.endswith(".pyi")]
            with paused_gc():  # a file's syntax tree is gone by the end of the block
                spliced = format_long_statements(misses[path], formatted, line_length, black, certain.get(path, ()))
            if spliced is not None:
                outcomes[path] = spliced
                del needs_black[path]
            else:
                needs_black[path] = formatted  # black over the whole file, from ruff's layout
    outcomes.update(_run_black(needs_black, line_length))
    return outcomes


class _Memo:
    """black over small snippets, each distinct text formatted once per run."""

    def __init__(self, line_length: int, *, is_pyi: bool) -> None:
        self.line_length, self.is_pyi = line_length, is_pyi
        self.done: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if text not in self.done:
            self.done[text] = _black_format(text, line_length=self.line_length, is_pyi=self.is_pyi)
        return self.done[text]


def _find_ruff() -> list[str] | None:
    """The command that runs ruff, preferring this environment's binary (no shim or interpreter)."""
    local = Path(sysconfig.get_path("scripts"), "ruff.exe" if os.name == "nt" else "ruff")
    if local.is_file() and os.access(local, os.X_OK):
        return [str(local)]
    found = shutil.which("ruff")
    if found:
        return [found]
    return [sys.executable, "-m", "ruff"] if importlib.util.find_spec("ruff") else None


def _run_ruff(command: list[str], texts: Mapping[str, str], line_length: int) -> dict[str, str]:
    """`ruff format` every text in one subprocess; map each path to ruff's output for it.

    A path is missing from the answer when ruff reported an error for it (or failed outright).
    """
    for scratch in _scratch_dirs():
        try:
            with tempfile.TemporaryDirectory(prefix="specsmith-ruff-", dir=scratch) as workdir:
                return _ruff_in(Path(workdir), command, texts, line_length)
        except OSError:  # a full or read-only scratch dir: try the next one
            continue
    return {}


def _scratch_dirs() -> list[str | None]:
    """Where ruff's copies of the files go: a RAM disk when there is one (creating 2,000 files on a
    real disk costs more than ruff's formatting of them), then the system's temp dir."""
    shm = "/dev/shm"
    return [shm, None] if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else [None]


def _ruff_in(root: Path, command: list[str], texts: Mapping[str, str], line_length: int) -> dict[str, str]:
    config = root / "ruff.toml"
    # No excludes and no .gitignore: a file ruff skipped would look already clean.
    settings = 'target-version = "py310"\nexclude = []\nrespect-gitignore = false\n'
    config.write_text(f"line-length = {line_length}\n{settings}")
    names: dict[str, str] = {}
    for index, (path, text) in enumerate(texts.items()):
        name = f"f{index:06d}{Path(path).suffix}"
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: leave this one to black
            continue
        (root / name).write_bytes(data)
        names[path] = name
    run = [*command, "format", "--no-cache", "--config", str(config), str(root)]
    try:
        process = subprocess.run(run, capture_output=True, text=True, check=False)
    except OSError:  # ruff cannot be started: not a scratch-dir problem
        return {}
    if process.returncode != 0:
        failed = set(re.findall(r"f\d{6}\.pyi?", process.stderr))
        if not failed:  # ruff failed without naming a file: trust none of its output
            return {}
        names = {path: name for path, name in names.items() if name not in failed}
    return {path: (root / name).read_bytes().decode("utf-8") for path, name in names.items()}


def _run_black(texts: Mapping[str, str], line_length: int) -> dict[str, str | _Failed]:
    items = [(path, text, line_length) for path, text in texts.items()]
    if sum(len(text) for text in texts.values()) < _POOL_MIN_CHARS or (os.cpu_count() or 1) < 2:
        return dict(_black_batch(items))
    chunks = [items[start : start + _POOL_CHUNK] for start in range(0, len(items), _POOL_CHUNK)]
    workers = min(os.cpu_count() or 1, len(chunks))
    # "spawn": forking a process that may have threads is unsafe, and warns from Python 3.12 on.
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        return {
            path: outcome for batch in pool.map(_black_batch, chunks) for path, outcome in batch
        }


def _black_batch(items: list[tuple[str, str, int]]) -> list[tuple[str, str | _Failed]]:
    outcomes: list[tuple[str, str | _Failed]] = []
    for path, text, line_length in items:
        try:
            outcomes.append((path, _black_format(text, line_length=line_length, is_pyi=path.endswith(".pyi"))))
        except Exception as exc:  # black's errors have no common base; any of them is a bug here
            outcomes.append((path, _Failed(f"{type(exc).__name__}: {exc}")))
    return outcomes


def _black_format(text: str, *, line_length: int, is_pyi: bool) -> str:
    import black

    return black.format_str(text, mode=_black_mode(line_length, is_pyi))


@functools.lru_cache(maxsize=4)
def _black_mode(line_length: int, is_pyi: bool) -> Any:  # black.Mode: black is imported only here
    import black
    from black.mode import TargetVersion

    return black.Mode(target_versions={TargetVersion.PY310}, line_length=line_length, is_pyi=is_pyi)


@functools.cache
def _formatter_id() -> str:
    """What decides this stage's output besides black and ruff: its own layout rules. Their source is
    part of every cache key, so a change to a rule can never be answered by an entry the old rule made."""
    digest = hashlib.sha256(_FORMATTER_ID.encode())
    for module in (statements, knownshapes, blackstyle, linewidth):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


def _cache_key(text: str, line_length: int, is_pyi: bool) -> str:
    digest = hashlib.sha256()
    header = f"{_formatter_id()}\0{formatter_versions()}\0{line_length}\0{'pyi' if is_pyi else 'py'}\0"
    digest.update(header.encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
