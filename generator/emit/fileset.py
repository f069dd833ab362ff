"""The rendered output as data, and how it maps onto an output directory safely.

A `FileSet` maps a relative POSIX path inside the output directory to the file's text. This module
checks those paths (a bad one is a generator bug, so it raises `ValueError`), and reads and writes
the manifest that records which files in an output directory the generator owns.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "MANIFEST",
    "FileSet",
    "OutputError",
    "SpecStamp",
    "check_fileset",
    "check_path",
    "is_regular",
    "manifest_text",
    "read_manifest",
    "read_manifest_spec",
    "read_regular",
    "sha256_bytes",
    "target_path",
]

@dataclass(frozen=True, slots=True)
class SpecStamp:
    """The spec an output was generated from, as the manifest records it."""

    file: str  # as the user named it (portable, e.g. specs/elevenlabs.yaml)
    sha256: str  # of the spec's bytes (and every file it bundles)


FileSet = Mapping[str, str]
"""Relative POSIX path inside the output dir → file text (a plain dict at run time)."""

MANIFEST = ".specsmith-manifest.json"
"""Lists, at the root of an output dir, every file the generator wrote there, with its sha256."""

_MANIFEST_FORMAT = 1


class OutputError(ValueError):
    """The output dir holds something specsmith must not trust or write through (a user problem,
    reported as a diagnostic, unlike the `ValueError` of a bad generated path, which is a bug)."""

_DRIVE = re.compile(r"^[A-Za-z]:")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def check_path(path: str) -> None:
    """Raise `ValueError` unless `path` is a normalized relative POSIX path that stays inside the
    output directory: no absolute path, drive letter, backslash, NUL, empty, `.` or `..` part."""
    if not isinstance(path, str) or not path:
        raise ValueError(f"output path must be a non-empty string, got {path!r}")
    if "\0" in path or "\\" in path:
        raise ValueError(f"output path contains NUL or a backslash: {path!r}")
    if path.startswith("/") or _DRIVE.match(path):
        raise ValueError(f"output path must be relative: {path!r}")
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise ValueError(f"output path is not normalized or escapes the output dir: {path!r}")
    if path == MANIFEST:
        raise ValueError(f"output path {path!r} is reserved for the manifest")


def check_fileset(paths: Iterable[str]) -> None:
    """Check every path with `check_path`, that no path is also the parent dir of another, and
    that no two differ only in case (they would be one file on macOS and Windows)."""
    paths = set(paths)
    folded: dict[str, str] = {}
    for path in paths:
        check_path(path)
        other = folded.setdefault(path.casefold(), path)
        if other != path:
            raise ValueError(f"output paths {other!r} and {path!r} differ only in case")
    for path in paths:
        parts = path.split("/")
        for depth in range(1, len(parts)):
            parent = "/".join(parts[:depth])
            if parent in paths:
                raise ValueError(f"output path {parent!r} is both a file and the dir of {path!r}")


def target_path(root: Path, path: str, verified: set[Path] | None = None) -> Path:
    """The on-disk location of `path` under `root` (an absolute, resolved dir). Raise `ValueError`
    if a parent dir on the way is a symlink that leads outside `root`.

    `verified`: dirs already checked in this step (skipped, and this call's dirs are added): one
    step over 2,000 files in 30 dirs then costs 30 checks, not 6,000.
    """
    parts = path.split("/")
    current = root
    for part in parts[:-1]:
        current = current / part
        if verified is not None:
            if current in verified:
                continue
            verified.add(current)
        if current.is_symlink():
            real = Path(os.path.realpath(current))
            if real != root and root not in real.parents:
                raise OutputError(
                    f"output path {path!r} goes through {current}, a symlink leading outside {root}; "
                    "specsmith never writes through one (replace it with a real dir)"
                )
    return current / parts[-1]


def is_regular(target: Path) -> bool:
    """Whether `target` is a regular file; a symlink never is."""
    try:
        return stat.S_ISREG(target.lstat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False


def read_regular(target: Path) -> bytes | None:
    """The bytes of `target` if it is a regular file (not a symlink), else None."""
    return target.read_bytes() if is_regular(target) else None


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_text(files: Mapping[str, bytes], spec: SpecStamp | None = None) -> str:
    """The manifest for `files` (path → content): sorted, deterministic, no timestamps.

    `spec` names the spec the files were generated from, with its sha256: the hash lives here, not in
    each file's header, so a spec update touches only the files whose code changed.
    """
    entries = {path: sha256_bytes(files[path]) for path in sorted(files)}
    document: dict[str, object] = {"format": _MANIFEST_FORMAT, "generator": "specsmith"}
    if spec is not None:
        document["spec"] = {"file": spec.file, "sha256": spec.sha256}
    document["files"] = entries
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def read_manifest_spec(root: Path) -> SpecStamp | None:
    """The spec recorded in the manifest in `root` (None when there is none or it records no spec)."""
    try:
        raw = read_regular(root / MANIFEST)
        document = json.loads(raw.decode("utf-8")) if raw is not None else None
        spec = document.get("spec") if isinstance(document, dict) else None
        if isinstance(spec, dict) and isinstance(spec.get("file"), str) and isinstance(spec.get("sha256"), str):
            return SpecStamp(spec["file"], spec["sha256"])
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        pass
    return None


def read_manifest(root: Path) -> dict[str, str] | None:
    """The `path → sha256` entries of the manifest in `root`, or None when there is none.

    Raise `ValueError` when the manifest is unreadable or lists a path that `check_path` rejects:
    its paths decide what gets deleted, so a damaged one must never be trusted.
    """
    location = root / MANIFEST
    if location.is_symlink():
        raise OutputError(f"{location} is a symlink; refusing to trust it (delete it and regenerate with --force)")
    if not location.exists():
        return None
    if not is_regular(location):
        raise OutputError(f"{location} is not a regular file; delete it and regenerate with --force")
    try:
        raw = location.read_bytes()
    except OSError as exc:  # a dir, a FIFO, no permission
        raise OutputError(f"{location} cannot be read ({exc}); delete it and regenerate with --force") from exc
    try:
        document = json.loads(raw.decode("utf-8"))
        entries = document["files"]
        if document.get("format") != _MANIFEST_FORMAT or not isinstance(entries, dict):
            raise TypeError("unknown manifest format")
        for path, digest in entries.items():
            check_path(path)
            if not isinstance(digest, str) or not _SHA256.match(digest):
                raise TypeError(f"bad sha256 for {path!r}")
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise OutputError(
            f"{location} is damaged ({exc}); delete it and regenerate with --force"
        ) from exc
    return dict(entries)
