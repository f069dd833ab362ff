"""Cold-start cost of the generated client: import + first call, each in a fresh interpreter.

    python benchmarks/bench_import.py [--runs 25] [--spec SPEC] [--work DIR]

Rows (median of ``--runs`` fresh subprocesses; "in-process" is timed inside the child with
``perf_counter``, "process" is spawn → exit as seen from outside, interpreter start-up included):

* ``python -c pass``: the interpreter's own start-up.
* ``import httpx``: the floor — the generated client cannot start faster than its HTTP library.
* specsmith ``from elevenlabs_client import Client``, then the first seed call:
  ``client.conversational_ai.knowledge_base.document.update_file(documentation_id="d", file=b"x")``
  through ``httpx.MockTransport`` answering a ``type: file`` document (synthesized from the schema).
  Measured with bytecode caches (``__pycache__``, as after ``pip install``) and without
  (every module compiled from source, as with ``PYTHONDONTWRITEBYTECODE=1`` on a fresh checkout).
* openapi-python-client's generated package, when its venv (``$OPC_VENV``, default /tmp/opc) is
  there: ``import <package>.models`` and the same call through ``update_file_document_route.sync``.

Then ``python -X importtime`` of the specsmith import + call: the modules costing most.
Prints figures only; exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    DEFAULT_SPEC,
    Synth,
    ensure_specsmith_client,
    file_sha,
    find_peer,
    fmt,
    machine_line,
    median,
    peer_missing,
    print_table,
    run_measured,
    timer_json,
)

__all__ = ["main"]

_TARGET = 0.1

_SPECSMITH = r"""
import time
started = time.perf_counter()
from elevenlabs_client import Client
imported = time.perf_counter()
import httpx
ANSWER = open(__import__("sys").argv[1], "rb").read()
def answer(request):
    return httpx.Response(200, content=ANSWER, headers={"content-type": "application/json"})
client = Client(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
document = client.conversational_ai.knowledge_base.document.update_file(documentation_id="d", file=b"x")
called = time.perf_counter()
assert type(document).__name__ == "GetKnowledgeBaseFileResponseModel", type(document)
print('{"import": %f, "total": %f}' % (imported - started, called - started))
"""

_OPC_MODELS = r"""
import time
started = time.perf_counter()
import PACKAGE.models
print('{"import": %f, "total": %f}' % (time.perf_counter() - started, time.perf_counter() - started))
"""

_OPC_CALL = r"""
import time
started = time.perf_counter()
import io
from PACKAGE import Client
from PACKAGE.api.agents_platform import update_file_document_route as route
from PACKAGE.models.body_update_file_document_v1_convai_knowledge_base_documentation_id_update_file_patch import (
    BodyUpdateFileDocumentV1ConvaiKnowledgeBaseDocumentationIdUpdateFilePatch as Body,
)
from PACKAGE.types import File
imported = time.perf_counter()
import httpx
ANSWER = open(__import__("sys").argv[1], "rb").read()
def answer(request):
    return httpx.Response(200, content=ANSWER, headers={"content-type": "application/json"})
client = Client(base_url="https://api.elevenlabs.io", httpx_args={"transport": httpx.MockTransport(answer)})
document = route.sync("d", client=client, body=Body(file=File(payload=io.BytesIO(b"x"))), xi_api_key="k")
called = time.perf_counter()
assert type(document).__name__ == "GetKnowledgeBaseFileResponseModel", type(document)
print('{"import": %f, "total": %f}' % (imported - started, called - started))
"""

_PLAIN = r"""
import time
started = time.perf_counter()
STATEMENT
print('{"import": %f, "total": %f}' % (time.perf_counter() - started, time.perf_counter() - started))
"""


def _env(pythonpath: Path | None, *, bytecode: bool) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")
    }
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    if not bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _clear_bytecode(root: Path) -> None:
    for cache in root.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)


def _series(
    label: str, *, python: str, code: str, argv: list[str], env: dict[str, str], runs: int
) -> list[str] | None:
    inside, outside = [], []
    imports = []
    for _ in range(runs):
        run = run_measured([python, "-c", code, *argv], env=env, sample_tree=False)
        if run.returncode != 0:
            print(f"  ! {label}: exit code {run.returncode}: {run.stderr.strip()[-600:]}")
            return None
        figures = timer_json(run.stdout)
        inside.append(figures["total"])
        imports.append(figures["import"])
        outside.append(run.wall)
    return [
        label,
        fmt(median(imports) * 1000, 1),
        fmt(median(inside) * 1000, 1),
        fmt(min(inside) * 1000, 1),
        fmt(median(outside) * 1000, 1),
        fmt(min(outside) * 1000, 1),
    ]


def _opc_client(opc: Path, spec: Path, work: Path) -> Path | None:
    """openapi-python-client's package for ``spec`` under ``work/opc`` (regenerated when the spec changes)."""
    root = work / "opc"
    marker = root / f".spec-{file_sha(spec)}"
    if marker.is_file():
        return root / "client"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    env = {**os.environ, "PATH": f"{opc.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [
        str(opc),
        "generate",
        "--path",
        str(spec),
        "--output-path",
        str(root / "client"),
        "--overwrite",
    ]
    process = subprocess.run(
        command, env=env, cwd=root, capture_output=True, text=True, check=False
    )
    if process.returncode != 0 or not (root / "client").is_dir():
        print(
            f"  openapi-python-client failed ({process.returncode}): {process.stderr.strip()[-600:]}"
        )
        return None
    marker.touch()
    return root / "client"


def _importtime(python: str, code: str, argv: list[str], env: dict[str, str], top: int) -> None:
    process = subprocess.run(
        [python, "-X", "importtime", "-c", code, *argv],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in process.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        head, cumulative_us, name = line.split("|", 2)
        rows.append((int(head.split(":")[1]), int(cumulative_us), name.rstrip()))
    total = sum(r[0] for r in rows)
    print(
        f"  python -X importtime (bytecode cached): {len(rows)} modules, {total / 1000:.1f} ms of imports in all"
    )
    by_self = sorted(rows, reverse=True)[:top]
    print_table(
        ["module (top by self time)", "self ms", "cumulative ms"],
        [[name, fmt(s / 1000, 1), fmt(c / 1000, 1)] for s, c, name in by_self],
    )
    groups: dict[str, int] = {}
    for self_us, _, name in rows:
        top_name = name.strip().split(".")[0]
        groups[top_name] = groups.get(top_name, 0) + self_us
    print()
    print_table(
        ["top-level package", "self ms (sum)"],
        [[n, fmt(v / 1000, 1)] for n, v in sorted(groups.items(), key=lambda kv: -kv[1])[:top]],
    )


def _opc_rows(spec: Path, work: Path, answer: Path, runs: int) -> list[list[str]]:
    opc = find_peer("OPC_VENV", "/tmp/opc", "openapi-python-client")
    opc_python = find_peer("OPC_VENV", "/tmp/opc", "python")
    if opc is None or opc_python is None:
        peer_missing("openapi-python-client", "OPC_VENV", "/tmp/opc")
        return []
    root = _opc_client(opc, spec, work)
    package = (
        next((p.name for p in root.iterdir() if (p / "models").is_dir()), None) if root else None
    )
    if root is None or package is None:
        return []
    env = _env(root, bytecode=True)
    rows = []
    for code in (_OPC_MODELS, _OPC_CALL):  # prime __pycache__
        subprocess.run(
            [str(opc_python), "-c", code.replace("PACKAGE", package), str(answer)],
            env=env,
            check=False,
            capture_output=True,
        )
    for label, code in (
        (f"openapi-python-client: import {package}.models (bytecode cached)", _OPC_MODELS),
        ("openapi-python-client: import + first update_file (bytecode cached)", _OPC_CALL),
    ):
        row = _series(
            label,
            python=str(opc_python),
            code=code.replace("PACKAGE", package),
            argv=[str(answer)],
            env=env,
            runs=runs,
        )
        if row is not None:
            rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    parser.add_argument("--runs", type=int, default=25, help="fresh subprocesses per row (median)")
    parser.add_argument("--top", type=int, default=12, help="rows of the importtime tables")
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "specsmith-bench"
    )
    args = parser.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    print(f"bench_import: median of {args.runs} fresh subprocesses per row")
    print(machine_line())

    spec = json.loads(args.spec.read_text(encoding="utf-8"))
    answer = work / "file-document.json"
    synth = Synth(spec, seed=7, null_rate=0.0)
    document = synth.value(synth.schema("GetKnowledgeBaseFileResponseModel"))
    answer.write_text(json.dumps(document), encoding="utf-8")
    try:
        client, seconds = ensure_specsmith_client(args.spec, work)
    except RuntimeError as error:  # a broken generator is a finding, not a crash of the benchmark
        print(f"  {error}")
        return
    print(f"  specsmith client: {client} (generate --no-tests --no-validate: {seconds:.1f} s)")
    python = sys.executable
    plain = _env(None, bytecode=True)
    baseline = _series(
        "python -c pass (interpreter start-up)",
        python=python,
        code=_PLAIN.replace("STATEMENT", "pass"),
        argv=[],
        env=plain,
        runs=args.runs,
    )
    httpx_row = _series(
        "import httpx (the floor)",
        python=python,
        code=_PLAIN.replace("STATEMENT", "import httpx"),
        argv=[],
        env=plain,
        runs=args.runs,
    )
    # prime __pycache__ once and measure with it; then clear it and measure without
    cached, uncached = _env(client, bytecode=True), _env(client, bytecode=False)
    subprocess.run(
        [python, "-c", _SPECSMITH, str(answer)], env=cached, check=False, capture_output=True
    )
    warm = _series(
        "specsmith: import Client + first update_file (bytecode cached)",
        python=python,
        code=_SPECSMITH,
        argv=[str(answer)],
        env=cached,
        runs=args.runs,
    )
    _clear_bytecode(client)
    cold = _series(
        "specsmith: same, no bytecode cache (compiled from source)",
        python=python,
        code=_SPECSMITH,
        argv=[str(answer)],
        env=uncached,
        runs=args.runs,
    )
    rows = [r for r in (baseline, httpx_row, warm, cold) if r is not None]
    rows += _opc_rows(args.spec, work, answer, args.runs)
    print()
    print_table(
        ["what", "import ms", "in-process ms", "in-process min", "process ms", "process min"], rows
    )
    print(
        "  medians unless 'min'; import = the import statement(s) alone; in-process = import + client +"
    )
    print(
        "  first call, timed in the child; process = spawn to exit from outside (interpreter start-up"
    )
    print("  and shutdown included). The min is the least disturbed run on a shared machine.")
    if warm is not None and httpx_row is not None:
        for column, name in ((2, "median"), (3, "min")):
            inside, floor = float(warm[column]) / 1000, float(httpx_row[column]) / 1000
            print(
                f"  target import + first call < {_TARGET * 1000:.0f} ms (in-process, bytecode cached, {name}): "
                f"{'MET' if inside < _TARGET else 'MISSED'} ({inside * 1000:.1f} ms; import httpx alone "
                f"{floor * 1000:.1f} ms, so the client's own share is {(inside - floor) * 1000:.1f} ms)"
            )
    print()
    subprocess.run(
        [python, "-c", _SPECSMITH, str(answer)],
        env=_env(client, bytecode=True),
        check=False,
        capture_output=True,
    )
    _importtime(python, _SPECSMITH, [str(answer)], _env(client, bytecode=True), args.top)


if __name__ == "__main__":
    main()
