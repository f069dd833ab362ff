"""Time the format stage on ~1,500 small black-clean modules; prints medians, asserts nothing.

    python benchmarks/bench_format.py [--files 1500] [--repeat 3] [--tmp DIR]

Rows: black in process on every file (the naive way), the ruff-batch path with a cold cache,
the same with a process pool forced for black (every file is sent to black), and a warm cache.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.diagnostics import Diagnostics
from generator.emit import format as format_module
from generator.emit.format import format_files

__all__ = ["main", "synthetic_module"]

_TYPES = ("str", "int", "float", "bool", "str | None", "list[str]", "dict[str, int]")


def synthetic_module(index: int) -> str:
    """A black-clean module: one dataclass with 10 fields and straight-line from_dict/to_dict."""
    fields = [(f"field_{index}_{n}", _TYPES[(index + n) % len(_TYPES)]) for n in range(10)]
    lines = [
        f'"""Model number {index}."""',
        "",
        "from __future__ import annotations",
        "",
        "from dataclasses import dataclass",
        "from typing import Any, Self",
        "",
        "",
        "@dataclass(frozen=True, slots=True, kw_only=True)",
        f"class Model{index}:",
        f'    """A generated model ({index})."""',
        "",
        *(f"    {name}: {annotation}" for name, annotation in fields),
        "",
        "    @classmethod",
        "    def from_dict(cls, data: dict[str, Any]) -> Self:",
        "        return cls(",
        *(f'            {name}=data["{name}"],' for name, _ in fields),
        "        )",
        "",
        "    def to_dict(self) -> dict[str, Any]:",
        "        return {",
        *(f'            "{name}": self.{name},' for name, _ in fields),
        "        }",
    ]
    return "\n".join(lines) + "\n"


def _measure(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tmp", type=Path, default=None, help="where the caches go")
    args = parser.parse_args()
    files = {f"pkg/models/model_{n}.py": synthetic_module(n) for n in range(args.files)}
    mode_args = 100

    def black_everything() -> None:
        for text in files.values():
            format_module._black_format(text, mode_args, is_pyi=False)

    def ruff_cold() -> None:
        with tempfile.TemporaryDirectory(dir=args.tmp) as cache:
            format_files(files, cache_dir=Path(cache), diagnostics=Diagnostics())

    def black_pool() -> None:
        format_module._run_black(files, mode_args)

    warm_cache = tempfile.TemporaryDirectory(dir=args.tmp)
    format_files(files, cache_dir=Path(warm_cache.name), diagnostics=Diagnostics())

    def cache_warm() -> None:
        format_files(files, cache_dir=Path(warm_cache.name), diagnostics=Diagnostics())

    rows = [
        ("black, in process, every file", black_everything),
        ("ruff batch + black fallback, cold cache", ruff_cold),
        ("black via process pool, every file", black_pool),
        ("warm cache", cache_warm),
    ]
    print(f"{len(files)} files, median of {args.repeat}; CPU is this process only")
    for label, run in rows:
        wall, cpu = _measure(run, 1 if run is black_everything else args.repeat)
        print(f"  {label:<42} wall {wall:7.3f} s   cpu {cpu:7.3f} s")
    warm_cache.cleanup()


if __name__ == "__main__":
    main()
