"""Time the format stage on the real rendered ElevenLabs client; prints medians, asserts nothing.

    python benchmarks/bench_format.py [--spec SPEC] [--repeat 3] [--tmp DIR]

Rows, all on the same ~2,200 rendered files: black in process on every file (the naive way, run
once), ruff then black on every file holding a too-long line (the format stage before black was
applied per statement), the format stage with a cold cache, and with a warm one. Without the
spec, ~1,500 synthetic black-clean modules stand in.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import DEFAULT_SPEC
from specsmith.diagnostics import Diagnostics
from specsmith.emit import format as format_module
from specsmith.emit.format import format_files

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


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _measure(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def rendered_files(spec: Path) -> dict[str, str]:
    """The full generated client for `spec`, as the render stage hands it to the format stage."""
    from specsmith.pipeline import load_api
    from specsmith.render import OutputOptions, make_environment, render_files, runtime_dir

    api, found = load_api(spec, api_key_header="xi-api-key")
    assert api is not None, [str(d) for d in found]
    options = OutputOptions(package="elevenlabs_client", project="elevenlabs-client",
                            base_url="https://api.elevenlabs.io")  # fmt: skip
    return dict(render_files(api, options, make_environment(), runtime_dir()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="render this spec's client")
    parser.add_argument("--files", type=int, default=1500, help="synthetic modules when no spec")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tmp", type=Path, default=None, help="where the caches go")
    args = parser.parse_args()
    if args.spec.is_file():
        files = {p: t for p, t in rendered_files(args.spec).items() if p.endswith(".py")}
        source = f"the rendered client of {args.spec.name}"
    else:
        files = {f"pkg/models/model_{n}.py": synthetic_module(n) for n in range(args.files)}
        source = f"synthetic modules ({args.spec} not found)"
    line_length = 100
    ruff = format_module._find_ruff()

    def black_everything() -> None:
        for text in files.values():
            format_module._black_format(text, line_length=line_length, is_pyi=False)

    def ruff_then_black_whole_files() -> None:  # the format stage before statement-level black
        if ruff is None:
            return
        ruffed = format_module._run_ruff(ruff, files, line_length)
        for path, text in ruffed.items():
            if any(len(line) > line_length for line in (*files[path].splitlines(), *text.splitlines())):
                format_module._black_format(text, line_length=line_length, is_pyi=False)

    def format_stage_cold() -> None:
        with tempfile.TemporaryDirectory(dir=args.tmp) as cache:
            format_files(files, cache_dir=Path(cache), diagnostics=Diagnostics())

    warm_cache = tempfile.TemporaryDirectory(dir=args.tmp)
    format_files(files, cache_dir=Path(warm_cache.name), diagnostics=Diagnostics())

    def cache_warm() -> None:
        format_files(files, cache_dir=Path(warm_cache.name), diagnostics=Diagnostics())

    rows = [
        ("black on every file, in process", black_everything, 1),
        ("ruff, then black on files with a long line", ruff_then_black_whole_files, args.repeat),
        ("format stage, cold cache (ruff + black per statement)", format_stage_cold, args.repeat),
        ("format stage, warm cache", cache_warm, args.repeat),
    ]
    size = sum(len(text) for text in files.values()) // 1024
    print(f"{len(files)} Python files ({size} KiB) from {source}; ruff: {ruff or 'not installed'}")
    print("median of the runs; CPU is this process plus the ruff subprocess")
    results = {}
    for label, run, repeat in rows:
        wall, cpu = _measure(run, repeat)
        results[label] = cpu
        print(f"  {label:<56} wall {wall:7.3f} s   cpu {cpu:7.3f} s")
    whole, stage = results[rows[1][0]], results[rows[2][0]]
    if ruff is not None and stage:
        print(f"  statement-level black: {whole / stage:.1f}x less CPU than black on whole files")
    warm_cache.cleanup()


if __name__ == "__main__":
    main()
