"""Issue 11 item 7: a ``$ref`` to a device or a named pipe is refused (regular files only), a file past
the size cap is refused, and the quadratic spots (sample heights over a chain, colliding enum names)
are linear (the figures: ``benchmarks/bench_scaling.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from specsmith.builder.naming import Scope

_HEAD = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}


def _cli(spec: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "specsmith", "generate", str(spec), "-o", str(spec.parent / "out"),
               "--package-name", "pkg", "--no-validate", *extra]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _spec_with_ref(tmp_path: Path, target: str) -> Path:
    spec = tmp_path / "spec.json"
    document = {**_HEAD, "components": {"schemas": {"A": {"$ref": f"{target}#/A"}}}}
    spec.write_text(json.dumps(document), encoding="utf-8")
    return spec


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_ref_to_a_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    run = _cli(_spec_with_ref(tmp_path, "pipe.json"))
    assert run.returncode == 1 and "not a regular file" in run.stderr, run.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_ref_to_a_character_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    run = _cli(_spec_with_ref(tmp_path, "zero.json"), "--allow-outside-refs")
    assert run.returncode == 1 and "not a regular file" in run.stderr, run.stderr


def test_a_file_past_the_size_cap_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.json").write_text(json.dumps({"A": {"type": "string", "description": "x" * 5000}}))
    spec = _spec_with_ref(tmp_path, "big.json")
    run = _cli(spec, "--max-file-bytes", "4000")
    assert run.returncode == 1 and "4,000-byte limit" in run.stderr, run.stderr
    assert _cli(spec).returncode == 0


def test_colliding_names_cost_one_try_each() -> None:
    scope, tries = Scope(), [0]
    original = scope._free

    def counted(name: str) -> bool:
        tries[0] += 1
        return original(name)

    scope._free = counted  # type: ignore[method-assign]
    names = [scope.claim("value")[0] for _ in range(3000)]
    assert names[:3] == ["value", "value_2", "value_3"] and len(set(names)) == 3000
    assert tries[0] < 3 * 3000  # was 3000²/2


def test_sample_heights_of_a_long_required_chain_are_settled_once_each(tmp_path: Path) -> None:
    """A required chain M0 → M1 → … sorted so each fixed-point pass settled one model (n² work)."""
    from specsmith import ir
    from specsmith.render.heights import definition_heights

    size = 3000
    models = {f"M{i}": ir.Model(name=f"M{i}", module=f"m{i}", fields=(
        (ir.Field(name="next", wire_name="next", type=ir.ModelRef(f"M{i + 1}"), required=True, pointer=""),)
        if i + 1 < size else ()), pointer="") for i in range(size)}  # fmt: skip

    class Passes(dict[str, ir.Model]):
        count = 0

        def items(self):  # type: ignore[no-untyped-def,override]
            Passes.count += 1
            return super().items()

    class Reg:
        pass

    reg = Reg()
    reg.models, reg.unions = Passes(models), {}  # type: ignore[attr-defined]
    heights = definition_heights(reg)  # type: ignore[arg-type]
    assert heights["M0"] == size and heights[f"M{size - 1}"] == 1
    assert Passes.count <= 2  # one pass over the models, not one per link of the chain
