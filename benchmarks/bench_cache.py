"""Peak memory of generating a small spec with a fresh format cache and with a cache full of other specs'
entries (issue 12: a run reads only the entries it needs, so the two should match), and the cache's size.

    python benchmarks/bench_cache.py [--entries 200000] [--runs 3]

Each generation runs in a fresh interpreter (`python -m specsmith generate`, no validation, a cold reuse
shortcut) and reports its own peak RSS; the figures are medians of --runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "specs" / "elevenlabs.yaml"


def _generate(cache: Path, out: Path) -> tuple[float, float]:
    """(peak RSS in MiB, CPU seconds) of one generation in a fresh interpreter."""
    shutil.rmtree(out, ignore_errors=True)
    reuse = cache / "reuse"
    shutil.rmtree(reuse, ignore_errors=True)  # make the run format, not stop at "nothing changed"
    script = (
        "import resource, sys, time; from specsmith.cli import main; t = time.process_time(); "
        f"code = main(['generate', {str(SEED)!r}, '-o', {str(out)!r}, '--no-validate']); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, time.process_time() - t, file=sys.stderr); "
        "sys.exit(code)"
    )
    env = {**os.environ, "SPECSMITH_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    rss, cpu = done.stderr.strip().splitlines()[-1].split()
    return float(rss), float(cpu)


def _fill(cache: Path, entries: int) -> None:
    """Entries of other specs' modules (~1 KB each), as a thousand earlier generations would leave."""
    sys.path.insert(0, str(ROOT))
    from specsmith.emit.formatcache import FormatCache

    store = FormatCache(cache)
    batch = 20_000
    for start in range(0, entries, batch):
        store.store({f"{n:064x}": f"# module {n}\n" + "x = 1\n" * 150 for n in range(start, min(entries, start + batch))})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="specsmith-bench-cache-"))
    try:
        fresh, full = base / "fresh", base / "full"
        started = time.perf_counter()
        _fill(full, args.entries)
        size = sum(p.stat().st_size for p in full.rglob("*") if p.is_file()) / 2**20
        print(f"filled the cache with {args.entries:,} entries in {time.perf_counter() - started:.1f}s: {size:.0f} MiB on disk")
        rows = {"fresh cache": [], "full cache": []}
        for _ in range(args.runs):  # paired, A B A B
            shutil.rmtree(fresh, ignore_errors=True)
            rows["fresh cache"].append(_generate(fresh, base / "out"))
            rows["full cache"].append(_generate(full, base / "out"))
        for name, runs in rows.items():
            rss = statistics.median(r for r, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            print(f"{name:12}  peak RSS {rss:6.1f} MiB   CPU {cpu:5.2f} s   (median of {len(runs)})")
        ratio = statistics.median(r for r, _ in rows["full cache"]) / statistics.median(r for r, _ in rows["fresh cache"])
        print(f"peak memory, full / fresh cache: {ratio:.2f}x  ({'MET' if ratio <= 1.1 else 'MISSED'}: target <= 1.1x)")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
