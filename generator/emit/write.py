"""The write stage: put a `FileSet` into the output dir, or (`check_files`) report the drift.

Design: **plan completely, stage, then commit in place** (not a whole-dir swap).

1. *Plan* (reads only): check every path, read the old manifest, compare bytes, find every
   conflict (an untracked file we would overwrite, a symlink or dir where a file should go, a
   non-empty dir without a manifest) and raise before anything is touched.
2. *Stage*: write each added or changed file, and the manifest, to a hidden temp file next to its
   target (same dir: the rename is atomic). On failure, temp files and new dirs are removed.
3. *Commit*: `os.replace` each staged file over its target, move stale generated files aside,
   replace the manifest last. If a step fails, those done are undone from the old bytes kept in
   memory and the stale files are moved back: the old output is restored.
4. *Finish*: delete the stale files moved aside and prune the dirs they leave empty.

A new tree swapped in for the old would rewrite (or hard-link) every file, copy the user's files,
replace the dir under editors and shells, and still take two renames. Committing in place keeps
unchanged files' bytes and mtimes and never touches a file the manifest does not list.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .fileset import (
    MANIFEST,
    FileSet,
    SpecStamp,
    check_fileset,
    is_regular,
    manifest_text,
    read_manifest,
    read_regular,
    target_path,
)

__all__ = ["MANIFEST", "Drift", "WriteReport", "check_files", "write_files"]

_DIFF_LINES = 200


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: tuple[str, ...]  # added or changed, sorted
    removed: tuple[str, ...]  # stale generated files deleted, sorted
    unchanged: int


@dataclass(frozen=True, slots=True)
class Drift:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    diff: str  # unified diff, truncated to about 200 lines

    @property
    def is_clean(self) -> bool:
        return not (self.added or self.changed or self.removed)


@dataclass(frozen=True, slots=True)
class _Plan:
    root: Path
    writes: dict[str, bytes]  # path → new bytes, for added and changed files
    previous: dict[str, bytes]  # path → old bytes, for changed files (and the manifest)
    stale: tuple[str, ...]
    unchanged: int


def write_files(
    files: FileSet, output_dir: Path, *, force: bool = False, spec: SpecStamp | None = None
) -> WriteReport:
    """Make `output_dir` hold `files`, owning only what the generator wrote (see module docs).

    Raise `ValueError` for a path that is not normalized or would escape `output_dir`, and
    `FileExistsError` when writing would overwrite a file the generator did not write, or when
    `output_dir` is a non-empty dir without a manifest (unless `force`).
    """
    plan = _plan(files, output_dir, force=force, spec=spec)
    if not plan.writes and not plan.stale:
        return WriteReport((), (), plan.unchanged)
    created: list[Path] = []
    staged: dict[str, Path] = {}
    token = secrets.token_hex(4)
    try:
        _make_dirs(plan.root, plan.writes, created)
        verified: set[Path] = set()
        for path, data in plan.writes.items():
            target = target_path(plan.root, path, verified)
            staged[path] = _stage(target, data, token, keep_mode=path in plan.previous)
    except BaseException:
        _discard(staged.values(), created)
        raise
    _commit(plan, staged, created)
    _prune(plan.root, plan.stale)
    written = tuple(sorted(path for path in plan.writes if path != MANIFEST))
    return WriteReport(written, plan.stale, plan.unchanged)


def check_files(files: FileSet, output_dir: Path, *, spec: SpecStamp | None = None) -> Drift:
    """Compare `files` with `output_dir` without writing: what `write_files` would add, change
    and remove (the manifest included), with a unified diff truncated to about 200 lines."""
    check_fileset(files)
    root = output_dir.resolve()
    new = {path: text.encode("utf-8") for path, text in files.items()}
    new[MANIFEST] = manifest_text(new, spec).encode("utf-8")
    try:
        tracked = (read_manifest(root) if root.is_dir() else None) or {}
    except ValueError:
        tracked = {}
    added: list[str] = []
    changed: list[str] = []
    old: dict[str, bytes] = {}
    for path in sorted(new):
        target = root / MANIFEST if path == MANIFEST else target_path(root, path)
        content = read_regular(target)
        if content is None and not target.is_symlink() and not target.exists():
            added.append(path)
        elif content != new[path]:
            changed.append(path)
            old[path] = content or b""
    removed = [
        path for path in sorted(tracked.keys() - new.keys()) if is_regular(target_path(root, path))
    ]
    for path in removed:
        old[path] = read_regular(target_path(root, path)) or b""
    diff = _unified_diff(sorted([*added, *changed, *removed]), old, new)
    return Drift(tuple(added), tuple(changed), tuple(removed), diff)


def _plan(files: FileSet, output_dir: Path, *, force: bool, spec: SpecStamp | None) -> _Plan:
    check_fileset(files)
    root = output_dir.resolve()
    if root.exists() and not root.is_dir():
        raise NotADirectoryError(f"output dir {output_dir} exists and is not a dir")
    tracked = read_manifest(root) if root.is_dir() else None
    new = {path: text.encode("utf-8") for path, text in sorted(files.items())}
    if tracked is None and root.is_dir() and not force:
        _refuse_foreign(root, new)
    tracked = tracked or {}
    writes: dict[str, bytes] = {}
    previous: dict[str, bytes] = {}
    conflicts: list[str] = []
    verified: set[Path] = set()
    for path, data in new.items():
        target = target_path(root, path, verified)
        problem = _obstacle(root, path, target)
        old = read_regular(target) if problem is None else None
        if problem is not None:
            conflicts.append(f"{path}: {problem}")
        elif old == data:
            continue
        elif old is not None and path not in tracked and not force:
            conflicts.append(f"{path}: exists and was not written by specsmith")
        else:
            writes[path] = data
            if old is not None:
                previous[path] = old
    if conflicts:
        listed = "\n  ".join(conflicts[:20])
        raise FileExistsError(f"refusing to write into {output_dir}:\n  {listed}")
    stale = tuple(
        path for path in sorted(tracked.keys() - new.keys()) if is_regular(target_path(root, path))
    )
    manifest = manifest_text(new, spec).encode("utf-8")
    old_manifest = read_regular(root / MANIFEST)
    if writes or stale or old_manifest != manifest:
        writes[MANIFEST] = manifest
        if old_manifest is not None:
            previous[MANIFEST] = old_manifest
    return _Plan(root, writes, previous, stale, len(new) - len(writes.keys() - {MANIFEST}))


def _obstacle(root: Path, path: str, target: Path) -> str | None:
    """Why a regular file cannot be put at `target`, or None when it can."""
    parent = target.parent
    while parent != root:
        if parent.exists() and not parent.is_dir():
            return f"{parent.relative_to(root)} is in the way (not a dir)"
        parent = parent.parent
    if target.is_symlink():
        return "is a symlink; specsmith never writes through or replaces one"
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        return "exists and is not a regular file"
    return None


def _refuse_foreign(root: Path, new: dict[str, bytes]) -> None:
    """Raise unless every file already in `root` is one we would write with the same bytes."""
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            path = Path(dirpath, name).relative_to(root).as_posix()
            if path not in new or read_regular(root / path) != new[path]:
                raise FileExistsError(
                    f"{root} is not empty and has no {MANIFEST}, so specsmith cannot tell which "
                    f"files it owns (found {path!r}). Choose an empty or new output dir, or pass "
                    "force=True (--force) to write anyway; files specsmith does not generate "
                    "are never modified or deleted."
                )


def _commit(plan: _Plan, staged: dict[str, Path], created: list[Path]) -> None:
    """Move staged files into place (manifest last) and stale files aside; undo all on failure."""
    replaced: list[str] = []
    moved: dict[str, Path] = {}
    verified: set[Path] = set()  # checked again: a dir may have been swapped since staging
    try:
        for path in [path for path in staged if path != MANIFEST]:
            os.replace(staged[path], target_path(plan.root, path, verified))
            replaced.append(path)
        for path in plan.stale:
            target = target_path(plan.root, path)
            moved[path] = target.with_name(f".{target.name}.{secrets.token_hex(4)}.specsmith-old")
            os.replace(target, moved[path])
        os.replace(staged[MANIFEST], plan.root / MANIFEST)  # always staged: see _plan
    except BaseException:
        _rollback(plan, replaced, moved)
        _discard((staged[path] for path in staged if path not in replaced), created)
        raise
    for aside in moved.values():
        aside.unlink(missing_ok=True)


def _rollback(plan: _Plan, replaced: list[str], moved: dict[str, Path]) -> None:
    for path, aside in moved.items():
        if aside.exists():
            os.rename(aside, target_path(plan.root, path))
    for path in reversed(replaced):
        target = target_path(plan.root, path)
        if path not in plan.previous:
            target.unlink(missing_ok=True)
            continue
        restored = _stage(target, plan.previous[path], secrets.token_hex(4), keep_mode=True)
        try:
            os.replace(restored, target)
        except OSError:  # restore in place rather than not at all
            restored.unlink(missing_ok=True)
            target.write_bytes(plan.previous[path])


def _make_dirs(root: Path, paths: dict[str, bytes], created: list[Path]) -> None:
    """Create the missing dirs for `paths` (and `root`), appending each to `created`."""
    missing = [parent for parent in [root, *root.parents] if not parent.exists()]
    verified: set[Path] = set()
    for path in paths:
        missing.extend(target_path(root, path, verified).parents)
    for directory in sorted(set(missing), key=lambda item: len(item.parts)):
        if not directory.exists():
            directory.mkdir()
            created.append(directory)


def _stage(target: Path, data: bytes, token: str, *, keep_mode: bool) -> Path:
    """Write `data` to a new hidden file beside `target` (with `target`'s mode if `keep_mode`)."""
    temporary = target.with_name(f".{target.name}.{token}.specsmith-tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if keep_mode and target.is_file() and not target.is_symlink():
        os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
    return temporary


def _discard(temporaries: Iterable[Path], created: list[Path]) -> None:
    for temporary in temporaries:
        temporary.unlink(missing_ok=True)
    for directory in reversed(created):
        with contextlib.suppress(OSError):  # not empty: something else lives there now
            directory.rmdir()


def _prune(root: Path, stale: tuple[str, ...]) -> None:
    """Remove the dirs that held stale files and are now empty, deepest first; never `root`."""
    held = {parent for path in stale for parent in target_path(root, path).parents}
    for directory in sorted(held, key=lambda item: len(item.parts), reverse=True):
        if root in directory.parents and not any(directory.iterdir()):
            with contextlib.suppress(OSError):  # the files are gone; an odd dir may stay
                directory.rmdir()


def _unified_diff(paths: list[str], old: dict[str, bytes], new: dict[str, bytes]) -> str:
    lines: list[str] = []
    for path in paths:
        before = _lines(old.get(path))
        after = _lines(new.get(path))
        source = f"a/{path}" if path in old else "/dev/null"
        destination = f"b/{path}" if path in new else "/dev/null"
        lines.extend(difflib.unified_diff(before, after, source, destination))
        if len(lines) > _DIFF_LINES:
            more = len(lines) - _DIFF_LINES
            lines[_DIFF_LINES:] = [f"... diff truncated ({more}+ more lines)\n"]
            break
    return "".join(lines)


def _lines(data: bytes | None) -> list[str]:
    if data is None:
        return []
    text = data.decode("utf-8", "replace")
    return [line if line.endswith("\n") else line + "\n" for line in text.splitlines(True)]
