"""Skipping work when nothing changed: same spec, same options, same generator ⇒ same output.

A run's key hashes the resolved spec, the client options, a fingerprint of the generator's own code and
templates, and the versions of black and ruff (the formatted output depends on both). After a successful run the key is recorded with the manifest it produced; a later run with the
same key whose output directory still matches that manifest (every file re-hashed) has nothing to do.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

from .config import ClientConfig
from .diagnostics import Diagnostic, Severity
from .emit import MANIFEST, formatter_versions, journal_pending, read_manifest
from .paths import PACKAGE_DIR, TEMPLATES_DIR

__all__ = ["is_current", "remember", "run_key"]



@cache
def _fingerprint(extra: Path | None) -> str:
    """Hash of every generator source and template (and a user's template overrides)."""
    digest = hashlib.sha256()
    for root in (PACKAGE_DIR, TEMPLATES_DIR, *((extra,) if extra else ())):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run_key(spec_sha256: str, config: ClientConfig) -> str:
    """Identifies everything an output depends on."""
    options = {k: str(v) for k, v in dataclasses.asdict(config).items() if k not in ("spec", "output", "validate")}
    payload = json.dumps([spec_sha256, options, _fingerprint(config.template_dir), formatter_versions()], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def _entry(cache_dir: Path, key: str) -> Path:
    return cache_dir / "runs" / key[:2] / key


def _manifest_digest(output: Path) -> str | None:
    try:
        return hashlib.sha256((output / MANIFEST).read_bytes()).hexdigest()
    except OSError:
        return None


def is_current(cache_dir: Path, key: str, output: Path) -> list[Diagnostic] | None:
    """The diagnostics of an earlier run with ``key`` when it produced exactly what ``output`` holds now."""
    if journal_pending(output):  # a write was interrupted: the run must complete it
        return None
    try:
        record = json.loads(_entry(cache_dir, key).read_text(encoding="utf-8"))
        if record["manifest"] != _manifest_digest(output):
            return None
        entries = read_manifest(output)
        found = [Diagnostic(**{**d, "severity": Severity[d["severity"].upper()]}) for d in record["diagnostics"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not entries:
        return None
    for path, sha in entries.items():
        try:
            if hashlib.sha256((output / path).read_bytes()).hexdigest() != sha:
                return None
        except OSError:
            return None
    return found


def remember(cache_dir: Path, key: str, output: Path, diagnostics: list[Diagnostic]) -> None:
    """Record that ``key`` produced the output now in ``output`` (best effort; a cache is optional)."""
    digest = _manifest_digest(output)
    if digest is None:
        return
    rows = [{**dataclasses.asdict(d), "severity": str(d.severity)} for d in diagnostics]
    target = _entry(cache_dir, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"manifest": digest, "diagnostics": rows}, stream)
        os.replace(temporary, target)
    except OSError:
        pass
