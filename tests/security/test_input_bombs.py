"""YAML alias bombs and very deep nesting are refused with a clear error, in bounded memory and time.

Each case runs the real CLI in a fresh interpreter under an address-space limit; the test checks the
exit code, the diagnostic code with its line, the peak memory and the wall time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.cli_run import ROOT

resource = pytest.importorskip("resource")  # POSIX only

ADDRESS_SPACE = 2 * 1024**3  # hard ceiling for the child: a bomb that expands dies here, not the machine
PEAK_RSS_MB = 400
SECONDS = 30
HEADER = 'openapi: 3.1.0\ninfo: {title: x, version: "1"}\npaths: {}\n'

_PROBE = """
import resource, sys
from specsmith.cli import main
code = main(sys.argv[1:])
print(f"peak-rss-kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""


def _billion_laughs() -> str:
    lines = [HEADER + "x-lol:", '  l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"  l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def _quadratic() -> str:
    big = "&big [" + ", ".join(f"item{i}" for i in range(20_000)) + "]"
    return HEADER + f"x-big: {big}\nx-copies: [" + ", ".join(["*big"] * 20_000) + "]\n"


def _deep_block_mapping(levels: int) -> str:
    body = "".join("  " * (i + 1) + f"k{i}:\n" for i in range(levels))
    return HEADER + "x-deep:\n" + body + "  " * (levels + 1) + "leaf: 1\n"


BOMBS: dict[str, tuple[str, str, str]] = {  # name → (file name, content, expected code)
    "billion-laughs": ("spec.yaml", _billion_laughs(), "yaml-alias-bomb"),
    "quadratic-blowup": ("spec.yaml", _quadratic(), "yaml-alias-bomb"),
    "alias-cycle": ("spec.yaml", HEADER + "x-a: &a [1, *a]\n", "yaml-alias-cycle"),
    "deep-json": ("spec.json", '{"x-deep": ' + "[" * 200_000 + "]" * 200_000 + ', "openapi": "3.1.0"}',
                  "nesting-too-deep"),
    "deep-json-objects": ("spec.json", '{"x-deep": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}",
                          "nesting-too-deep"),
    "deep-yaml-flow": ("spec.yaml", HEADER + "x-deep: " + "[" * 200_000 + "]" * 200_000 + "\n",
                       "nesting-too-deep"),
    "deep-yaml-block": ("spec.yaml", _deep_block_mapping(5_000), "nesting-too-deep"),
    "deep-yaml-sequence": ("spec.yaml", HEADER + "x-deep:\n" + "".join("  " * i + "- \n" for i in range(1, 3_000))
                           + "  " * 3_000 + "- leaf\n", "nesting-too-deep"),
    "bomb-in-referenced-file": ("spec.yaml", HEADER.replace("paths: {}\n", "") + "paths:\n  /a:\n    get:\n"
                                "      responses:\n        '200': {$ref: 'bomb.yaml#/x-lol/l9'}\n", "yaml-alias-bomb"),
}  # fmt: skip


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _run(spec: Path, out: Path) -> tuple[int, str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SPECSMITH_CACHE_DIR": str(out.parent / "cache")}
    argv = [sys.executable, "-c", _PROBE, "generate", str(spec), "-o", str(out), "--package-name", "p"]
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=SECONDS * 4,
                          preexec_fn=_limit, check=False)  # fmt: skip
    return done.returncode, done.stderr, time.perf_counter() - start


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bombs_are_refused_quickly_in_bounded_memory(name: str, tmp_path: Path) -> None:
    file_name, content, expected = BOMBS[name]
    (tmp_path / "bomb.yaml").write_text(_billion_laughs(), encoding="utf-8")
    spec = tmp_path / file_name
    spec.write_text(content, encoding="utf-8")
    code, stderr, seconds = _run(spec, tmp_path / "out")
    assert code == 1, stderr
    assert f"error[{expected}]" in stderr, stderr
    assert "Traceback" not in stderr and "MemoryError" not in stderr
    location = stderr.split(": error[")[0]
    assert location.rsplit(":", 2)[-2].isdigit(), f"no line number in {location!r}"  # file:line:column
    peak_mb = int(stderr.split("peak-rss-kb=")[1].split()[0]) / 1024
    assert peak_mb < PEAK_RSS_MB, f"{peak_mb:.0f} MB"
    assert seconds < SECONDS, f"{seconds:.1f} s"
    assert not (tmp_path / "out").exists()


def test_a_large_but_honest_document_is_not_mistaken_for_a_bomb(tmp_path: Path) -> None:
    # Many aliases of small nodes that expand modestly: a shared-parameters style document.
    spec = tmp_path / "spec.yaml"
    common = "  common: &p {name: limit, in: query, schema: {type: integer}}\n"
    paths = "".join(f"  /r{i}:\n    get:\n      operationId: r{i}\n      parameters: [*p]\n"
                    f"      responses: {{'204': {{description: ok}}}}\n" for i in range(300))  # fmt: skip
    spec.write_text('openapi: 3.1.0\ninfo: {title: x, version: "1"}\nx-shared:\n' + common + "paths:\n" + paths)
    code, stderr, _ = _run(spec, tmp_path / "out")
    assert code == 0, stderr
    assert json.loads((tmp_path / "out" / ".specsmith-manifest.json").read_text())["files"]
