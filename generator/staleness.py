"""Explaining a stale vendored client: which files differ and, when the spec moved, what changed in it."""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from . import ir
from .emit import Drift, read_manifest_spec

if TYPE_CHECKING:
    from .config import ClientConfig
    from .pipeline import Result

__all__ = ["describe_drift", "explain_drift", "recorded_spec_hash"]

_LISTED = 20


def recorded_spec_hash(output: Path) -> str | None:
    """The (abbreviated) sha256 of the spec the vendored client was generated from, as its manifest records it."""
    stamp = read_manifest_spec(output)
    return None if stamp is None else stamp.sha256[:16]


def _committed_spec(spec: Path, wanted: str) -> Path | None:
    """The spec as committed in git (HEAD), when that is the version the client was generated from."""
    try:
        root = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=spec.parent, capture_output=True,
                              text=True, check=True, timeout=10).stdout.strip()  # fmt: skip
        relative = spec.resolve().relative_to(Path(root).resolve()).as_posix()
        blob = subprocess.run(["git", "show", f"HEAD:{relative}"], cwd=root, capture_output=True, check=True,
                              timeout=30).stdout  # fmt: skip
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    if hashlib.sha256(blob).hexdigest()[:16] != wanted:
        return None
    handle = tempfile.NamedTemporaryFile(suffix=spec.suffix, delete=False)
    with handle:
        handle.write(blob)
    return Path(handle.name)


def explain_drift(spec: Path, output: Path, drift: Drift, api: ir.Api) -> str:
    """A few lines: the stale files, and a diff summary when the spec behind the client changed."""
    lines = [f"{output}: stale ({len(drift.added)} added, {len(drift.changed)} changed, {len(drift.removed)} removed)"]
    names = [*(f"  + {p}" for p in drift.added), *(f"  ~ {p}" for p in drift.changed), *(f"  - {p}" for p in drift.removed)]
    lines += names[:_LISTED] + ([f"  ... and {len(names) - _LISTED} more"] if len(names) > _LISTED else [])
    if drift.interrupted:
        lines.append("an earlier write into it was interrupted; the next `specsmith generate` completes or undoes it")
    recorded = recorded_spec_hash(output)
    if recorded and recorded != api.spec_sha256[:16]:
        lines.append(f"the spec changed since the client was generated (sha256 {recorded} → {api.spec_sha256[:16]})")
        old = _committed_spec(spec, recorded)
        if old is not None:
            lines.append(_summary(old, api))
            old.unlink(missing_ok=True)
    lines.append("run `specsmith generate` to refresh it")
    return "\n".join(lines)


def _summary(old_spec: Path, new_api: ir.Api) -> str:
    from .diff import diff_apis, summarize
    from .pipeline import load_api

    old_api, _ = load_api(old_spec)
    if old_api is None:
        return "(the committed spec could not be read for a diff)"
    return "spec diff: " + summarize(diff_apis(old_api, new_api))


def describe_drift(config: ClientConfig, result: Result) -> str:
    """Why ``--check`` failed: the stale files and, when the spec changed, what changed in it."""
    assert result.drift is not None and result.api is not None
    return explain_drift(config.spec, config.output, result.drift, result.api)
