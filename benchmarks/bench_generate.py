"""CPU time, wall time and peak memory of generating the full ElevenLabs client; prints tables.

    python benchmarks/bench_generate.py [--runs 3] [--spec SPEC] [--work DIR] [--no-opc] [--quick]

Every run is a fresh subprocess (see ``_common.py`` for how CPU and memory are measured); every
specsmith row runs ``python -m generator generate SPEC -o OUT --package-name elevenlabs_client
--api-key-header xi-api-key --base-url https://api.elevenlabs.io -v`` with its own fresh
``SPECSMITH_CACHE_DIR`` and output dir unless said otherwise. Rows:

* cold, validation on: run ONCE (``--validate-runs``); gives the full cold cost.
* cold, ``--no-validate``: "generation excluding validation", median of ``--runs``. Validation's
  own row is the CPU difference of the two, beside the ``validate`` stage time printed by ``-v``.
* cold, ``--no-validate --no-tests``: without test stubs (openapi-python-client writes none).
* cold, ``--no-validate``, spec given by a short relative path: the spec path is printed in every
  file's header comment; this row shows what the header's length does to the format stage.
* nothing changed: the ``--no-validate`` command again on the last cold output and its warm cache;
  the stage list shows whether the reuse shortcut was taken.
* one description edited: a copy of the spec is generated once, then the first ``"description"`` in
  it is edited in place and the copy regenerated over that output and cache, ``--runs`` times
  (issue 12, target 4: only what changed is rendered, formatted and written).
* openapi-python-client: ``openapi-python-client generate --path SPEC --output-path DIR
  --overwrite`` in its venv (``$OPC_VENV``, default /tmp/opc) with that venv's ``bin`` first on
  PATH, so its post-hooks find ruff when ruff is installed there (the output says which ruff).

The cold rows and openapi-python-client's runs alternate (specsmith, opc, specsmith, opc, ...), so
both see the same machine load. "CPU vs OPC" divides by openapi-python-client's median CPU time; the
issue-12 targets are printed MET or MISSED with their figure. Prints figures only; exits 0.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    DEFAULT_SPEC,
    REPO,
    SPECSMITH_ARGS,
    RunStats,
    Summary,
    find_peer,
    fmt,
    machine_line,
    median,
    peer_missing,
    print_table,
    run_measured,
    summarize,
    which_in,
)

__all__ = ["main"]

_OPC_REFERENCE = "issue 2 reference figures: OPC 12.9 CPU-s, 140 MB"
_OPC_LABEL = "openapi-python-client (+ ruff hooks)"
_COLD = "specsmith cold, excl. validation"
_WARM = "specsmith, nothing changed"
_EDIT = "specsmith, one description edited"
_TIMINGS = re.compile(r"timings: (.*)")


def _stages(stderr: str) -> dict[str, float]:
    """The ``-v`` stage timings: ``timings: load 0.05s, resolve 0.10s, ...``."""
    match = _TIMINGS.search(stderr)
    stages: dict[str, float] = {}
    for part in match.group(1).split(",") if match else ():
        name, _, seconds = part.strip().partition(" ")
        try:
            stages[name] = float(seconds.rstrip("s"))
        except ValueError:
            continue
    return stages


def _median_stages(runs: list[RunStats]) -> str:
    found = [_stages(r.stderr) for r in runs if r.returncode == 0]
    names = list(dict.fromkeys(name for stages in found for name in stages))
    return ", ".join(f"{n} {median(s[n] for s in found if n in s):.2f}s" for n in names)


@dataclass
class Bench:
    spec: Path
    work: Path
    runs: int
    rows: list[list[str]] = field(default_factory=list)
    results: dict[str, Summary] = field(default_factory=dict)
    measured: dict[str, list[RunStats]] = field(default_factory=dict)

    def add(self, label: str, runs: list[RunStats], note: str = "") -> None:
        summary = summarize(runs)
        self.results[label] = summary
        self.measured[label] = runs
        failed = f" ({summary.failed} failed)" if summary.failed else ""
        self.rows.append(
            [
                label,
                fmt(summary.cpu),
                fmt(summary.wall),
                fmt(summary.peak_mb, 0),
                fmt(summary.tree_mb, 0),
                "",
                f"{len(runs)}{failed}",
                summary.spread,
                note,
            ]
        )

    def specsmith(self, label: str, index: int, *extra: str, short_path: bool = False) -> RunStats:
        base = self.work / f"{label}-{index}"
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        spec, cwd = str(self.spec), REPO
        env = {**os.environ, "SPECSMITH_CACHE_DIR": str(base / "cache")}
        if short_path:  # run from the output's folder with a copy of the spec named "spec.json"
            shutil.copyfile(self.spec, base / "spec.json")
            spec, cwd = "spec.json", base
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        command = [sys.executable, "-m", "specsmith", "generate", spec, "-o", str(base / "out")]
        return self.run(f"{label} run {index}", [*command, *SPECSMITH_ARGS, "-v", *extra], env, cwd)

    def run(self, what: str, command: list[str], env: dict[str, str], cwd: Path) -> RunStats:
        run = run_measured(command, env=env, cwd=cwd)
        if run.returncode != 0:
            print(f"  ! {what}: exit code {run.returncode}; last lines of stderr:")
            for line in run.stderr.strip().splitlines()[-6:]:
                print(f"      {line}")
        return run

    def cold_rows(self, validate_runs: int, quick: bool, with_opc: bool) -> str | None:
        """The cold rows, paired with openapi-python-client's: A B A B, so that both see the same load."""
        full: list[RunStats] = []
        cold: list[RunStats] = []
        opc_runs: list[RunStats] = []
        opc_setup = self.opc_command() if with_opc else None
        for index in range(max(self.runs, validate_runs)):
            if index < self.runs:
                cold.append(self.specsmith("cold", index, "--no-validate"))
            if opc_setup is not None and index < self.runs:
                opc_runs.append(self.opc(index, *opc_setup[:2]))
            if index < validate_runs:
                full.append(self.specsmith("cold-validate", index))
        self.add("specsmith cold, validation on", full, f"stages: {_median_stages(full)}")
        self.add(_COLD, cold, f"--no-validate; stages: {_median_stages(cold)}")
        if opc_setup is not None:
            self.add(_OPC_LABEL, opc_runs, "no cache; fresh output dir; paired with the rows above")
        if not quick:
            self.extra_cold_rows()
        return None if opc_setup is None else opc_setup[2]

    def extra_cold_rows(self) -> None:
        runs = [
            self.specsmith("cold-notests", i, "--no-validate", "--no-tests")
            for i in range(self.runs)
        ]
        self.add(f"{_COLD}, no tests", runs, "--no-validate --no-tests")
        runs = [
            self.specsmith("cold-short", i, "--no-validate", short_path=True)
            for i in range(self.runs)
        ]
        self.add(f"{_COLD}, short spec path", runs, f"spec.json; stages: {_median_stages(runs)}")

    def warm_row(self) -> None:
        last = self.work / f"cold-{self.runs - 1}"
        if not (last / "out").is_dir():
            return
        env = {**os.environ, "SPECSMITH_CACHE_DIR": str(last / "cache")}
        command = [
            sys.executable,
            "-m",
            "specsmith",
            "generate",
            str(self.spec),
            "-o",
            str(last / "out"),
            *SPECSMITH_ARGS,
            "-v",
            "--no-validate",
        ]
        runs = [self.run(f"nothing-changed run {i}", command, env, REPO) for i in range(self.runs)]
        shortcut = [r for r in runs if r.returncode == 0 and "build" not in _stages(r.stderr)]
        note = f"reuse shortcut taken in {len(shortcut)}/{len(runs)} runs; stages: {_median_stages(runs)}"
        self.add(_WARM, runs, note)
        if (
            0 < len(shortcut) < len(runs)
        ):  # the generator's own code changed under us (it is in the key)
            self.add(
                f"{_WARM} (shortcut runs only)", shortcut, f"stages: {_median_stages(shortcut)}"
            )

    def opc_command(self) -> tuple[Path, dict[str, str], str] | None:
        """openapi-python-client's executable, environment and a line saying how it is set up."""
        opc = find_peer("OPC_VENV", "/tmp/opc", "openapi-python-client")
        if opc is None:
            peer_missing("openapi-python-client", "OPC_VENV", "/tmp/opc")
            return None
        ruff = which_in(opc.parent, "ruff")
        env = {**os.environ, "PATH": f"{opc.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        ruff_note = f"ruff on PATH: {ruff}" if ruff else "ruff NOT on PATH: post-hooks fail, output unformatted"
        return opc, env, f"{opc} ({ruff_note}); {_OPC_REFERENCE}"

    def opc(self, index: int, opc: Path, env: dict[str, str]) -> RunStats:
        out = self.work / f"opc-{index}"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        command = [str(opc), "generate", "--path", str(self.spec), "--output-path", str(out / "client"), "--overwrite"]
        return self.run(f"openapi-python-client run {index}", command, env, out)

    def edit_row(self) -> None:
        """A one-line change: one operation's description edited in place, then regenerated over the
        output and cache of the run before it (issue 12, target 4)."""
        base = self.work / "edit"
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        spec = base / "spec.json"
        text = self.spec.read_text(encoding="utf-8")
        marker = '"description": "'
        if marker not in text:
            print("  ! no description to edit in the spec: one-line edit row skipped")
            return
        env = {**os.environ, "SPECSMITH_CACHE_DIR": str(base / "cache")}
        command = [sys.executable, "-m", "specsmith", "generate", "spec.json", "-o", "out", *SPECSMITH_ARGS,
                   "-v", "--no-validate"]  # fmt: skip
        runs = []
        for index in range(self.runs):
            edited = text.replace(marker, f"{marker}Edit {index}: ", 1)  # the first description, anew each run
            spec.write_text(text if index == 0 else edited, encoding="utf-8")
            if index == 0:
                self.run("edit: first generation", command, env, base)
                spec.write_text(edited, encoding="utf-8")
            runs.append(self.run(f"edit run {index}", command, env, base))
        self.add(_EDIT, runs, f"--no-validate; stages: {_median_stages(runs)}")

    def report(self, opc_setup: str | None) -> None:
        opc = self.results.get(_OPC_LABEL)
        for row in self.rows:
            cpu = float(row[1]) if row[1] != "n/a" else math.nan
            row[5] = f"{cpu / opc.cpu:.2f}x" if opc else "n/a"
        print()
        print_table(
            [
                "tool",
                "CPU-s",
                "wall-s",
                "peak MB",
                "tree MB",
                "CPU vs OPC",
                "runs",
                "CPU range",
                "note",
            ],
            self.rows,
        )
        print(
            "  CPU = user+sys of the process and its waited-for children (pool workers, ruff); peak MB = "
            "largest single process (ru_maxrss); tree MB = largest sampled sum over the process tree."
        )
        full_runs = [r for r in self.measured["specsmith cold, validation on"] if r.returncode == 0]
        full_cpu = median(r.cpu for r in full_runs)
        cold = self.results[_COLD]
        validate_wall = median(_stages(r.stderr).get("validate", math.nan) for r in full_runs)
        print()
        print_table(
            ["stage", "CPU-s", "wall-s", "how"],
            [
                [
                    "validation",
                    fmt(full_cpu - cold.cpu),
                    fmt(validate_wall),
                    "CPU: cold with validation minus median cold --no-validate; wall: the -v 'validate' stage",
                ],
                [
                    "generation excluding validation",
                    fmt(cold.cpu),
                    fmt(cold.wall),
                    "median cold --no-validate",
                ],
            ],
        )
        print()
        if opc_setup:
            print(f"  openapi-python-client: {opc_setup}")
        targets = []
        for label in (_WARM, f"{_WARM} (shortcut runs only)"):
            if label in self.results:
                targets.append((f"'{label}' < 1 s (wall)", self.results[label].wall < 1.0, ""))
        targets.append(("issue 12.1: validation <= 1 CPU-s", full_cpu - cold.cpu <= 1.0, f"{full_cpu - cold.cpu:.2f} CPU-s"))
        targets.append(("issue 12.2: cold, --no-validate <= 3 CPU-s", cold.cpu <= 3.0, f"{cold.cpu:.2f} CPU-s"))
        if _EDIT in self.results:
            edit = self.results[_EDIT].cpu
            targets.append(("issue 12.4: one description edited <= 1.5 CPU-s", edit <= 1.5, f"{edit:.2f} CPU-s"))
        if opc:
            targets.append(("issue 12.1: default (validates) <= 0.5x OPC", full_cpu <= 0.5 * opc.cpu,
                            f"{full_cpu / opc.cpu:.2f}x"))
            targets.append(("issue 12.2: cold, --no-validate <= 0.4x OPC", cold.cpu <= 0.4 * opc.cpu,
                            f"{cold.cpu / opc.cpu:.2f}x"))
        for name, met, figure in targets:
            print(f"  target {name}: {'MET' if met else 'MISSED'}{f' ({figure})' if figure else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    parser.add_argument("--runs", type=int, default=3, help="runs per row (median); default 3")
    parser.add_argument(
        "--validate-runs", type=int, default=1, help="cold runs with validation on (default 1)"
    )
    parser.add_argument(
        "--work", type=Path, default=None, help="scratch dir, kept (default: a temp dir, removed)"
    )
    parser.add_argument("--no-opc", action="store_true", help="skip openapi-python-client")
    parser.add_argument(
        "--quick", action="store_true", help="skip the --no-tests and short-path rows"
    )
    args = parser.parse_args()
    if not args.spec.is_file():
        print(f"spec not found: {args.spec}")
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="specsmith-bench-generate-"))
    work.mkdir(parents=True, exist_ok=True)
    size = args.spec.stat().st_size / 1e6
    print(
        f"bench_generate: {args.spec} ({size:.1f} MB), median of {args.runs} fresh subprocesses per row"
    )
    print(machine_line())
    bench = Bench(args.spec.resolve(), work, max(1, args.runs))
    opc_setup = bench.cold_rows(max(1, args.validate_runs), args.quick, with_opc=not args.no_opc)
    bench.warm_row()
    bench.edit_row()
    bench.report(opc_setup)
    print(machine_line().replace("machine:", "finished; machine:"))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
