"""The write stage: put a `FileSet` into the output dir, or (`check_files`) report the drift.

Design: **plan completely, stage, then commit in place** (not a whole-dir swap), journaled.

1. *Lock and recover*: take the output dir's lock (`journal.locked`: a second run waits), and complete
   or roll back a write a killed run left unfinished (`journal.recover`).
2. *Plan* (reads only): check every path, read the old manifest, compare bytes, find every
   conflict (a file we do not own that we would overwrite, a symlink or dir where a file should go,
   a non-empty dir without a manifest) and raise before anything is touched.
3. *Stage*: record the intent in the journal, then write each added or changed file, and the
   manifest, to a hidden temp file next to its target (same dir: the rename is atomic).
4. *Commit*: mark the journal `commit`, then `os.replace` each staged file over its target (the old
   file kept aside as a hard link), move stale generated files aside, replace the manifest last. On
   failure, everything is restored from the aside copies; on a kill, the next run rolls forward.
5. *Finish*: delete the aside files, prune the dirs stale files leave empty, drop the journal.

Ownership: a file the manifest does not list is never overwritten or deleted, even with `force`
(which only allows writing into a non-empty dir without a manifest); a stale generated file whose
bytes no longer match the manifest (a user edited it) is kept and reported in `WriteReport.kept`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import os
import secrets
import stat
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
    sha256_bytes,
    target_path,
)
from .journal import (
    LOCK_TIMEOUT,
    Journal,
    finish,
    journal_pending,
    locked,
    recover,
    roll_back,
    roll_forward,
    save,
    staged_path,
    sweep,
)

__all__ = ["MANIFEST", "Drift", "WriteReport", "check_files", "write_files"]

_DIFF_LINES = 200


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: tuple[str, ...]  # added or changed, sorted
    removed: tuple[str, ...]  # stale generated files deleted, sorted
    unchanged: int
    kept: tuple[str, ...] = ()  # stale generated files a user edited: kept, no longer tracked
    recovered: str | None = None  # "completed" / "rolled back": an interrupted earlier write


@dataclass(frozen=True, slots=True)
class Drift:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    diff: str  # unified diff, truncated to about 200 lines
    interrupted: bool = False  # an earlier write was killed and not yet completed

    @property
    def is_clean(self) -> bool:
        return not (self.added or self.changed or self.removed or self.interrupted)


@dataclass(frozen=True, slots=True)
class _Plan:
    root: Path
    writes: dict[str, bytes]  # path → new bytes, for added and changed files (the manifest last)
    previous: dict[str, bytes]  # path → old bytes, for changed files (and the manifest)
    stale: tuple[str, ...]
    kept: tuple[str, ...]
    unchanged: int


def write_files(files: FileSet, output_dir: Path, *, force: bool = False, spec: SpecStamp | None = None,
                lock_timeout: float = LOCK_TIMEOUT) -> WriteReport:  # fmt: skip
    """Make `output_dir` hold `files`, owning only what the generator wrote (see module docs).

    Raise `ValueError` for a path that is not normalized or would escape `output_dir`,
    `FileExistsError` when writing would overwrite a file the generator did not write, or when
    `output_dir` is a non-empty dir without a manifest (unless `force`), `OutputError` for an
    output dir specsmith must not trust, and `TimeoutError` when another run holds the folder.
    """
    check_fileset(files)
    root = output_dir.resolve()
    if root.exists() and not root.is_dir():
        raise NotADirectoryError(f"output dir {output_dir} exists and is not a dir")
    made = [parent for parent in [root, *root.parents] if not parent.exists()]
    root.mkdir(parents=True, exist_ok=True)
    try:
        with locked(root, lock_timeout):
            recovered = recover(root)
            report = _write(files, root, output_dir, force=force, spec=spec)
    except BaseException:
        for directory in made:  # deepest first; only when still empty
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise
    return dataclasses.replace(report, recovered=recovered)


def _write(files: FileSet, root: Path, output_dir: Path, *, force: bool, spec: SpecStamp | None) -> WriteReport:
    plan = _plan(files, root, output_dir, force=force, spec=spec)
    checked: set[Path] = set()  # dirs whose symlink check is done
    sweep(root, {root, *(target_path(root, p, checked).parent for p in (*files, *plan.stale))})  # an older run's orphans
    if not plan.writes and not plan.stale:
        return WriteReport((), (), plan.unchanged, plan.kept)
    token = secrets.token_hex(4)
    journal = Journal(
        token, "stage", writes=tuple(plan.writes), added=tuple(p for p in plan.writes if p not in plan.previous),
        stale=plan.stale, created=_missing_dirs(root, plan.writes),
    )  # fmt: skip
    save(root, journal)
    try:
        for directory in journal.created:
            (root / directory).mkdir()
        verified: set[Path] = set()
        for path, data in plan.writes.items():
            target = root / MANIFEST if path == MANIFEST else target_path(root, path, verified)
            _stage(target, data, token, keep_mode=path in plan.previous)
        committing = dataclasses.replace(journal, phase="commit")
        save(root, committing)
        journal = committing
        roll_forward(root, journal)
    except BaseException:
        roll_back(root, journal)
        raise
    finish(root, journal)
    written = tuple(sorted(path for path in plan.writes if path != MANIFEST))
    return WriteReport(written, plan.stale, plan.unchanged, plan.kept)


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
    return Drift(tuple(added), tuple(changed), tuple(removed), diff, interrupted=journal_pending(root))


def _plan(files: FileSet, root: Path, output_dir: Path, *, force: bool, spec: SpecStamp | None) -> _Plan:
    tracked = read_manifest(root)
    new = {path: text.encode("utf-8") for path, text in sorted(files.items())}
    if tracked is None and not force:
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
        elif old is not None and path not in tracked:
            conflicts.append(f"{path}: exists and was not written by specsmith (never overwritten, even with --force)")
        else:
            writes[path] = data
            if old is not None:
                previous[path] = old
    if conflicts:
        listed = "\n  ".join(conflicts[:20])
        raise FileExistsError(f"refusing to write into {output_dir}; move these away first:\n  {listed}")
    stale: list[str] = []
    kept: list[str] = []
    for path in sorted(tracked.keys() - new.keys()):
        content = read_regular(target_path(root, path))
        if content is not None:
            (stale if sha256_bytes(content) == tracked[path] else kept).append(path)
    manifest = manifest_text(new, spec).encode("utf-8")
    old_manifest = read_regular(root / MANIFEST)
    if writes or stale or old_manifest != manifest:
        writes[MANIFEST] = manifest
        if old_manifest is not None:
            previous[MANIFEST] = old_manifest
    unchanged = len(new) - len(writes.keys() - {MANIFEST})
    return _Plan(root, writes, previous, tuple(stale), tuple(kept), unchanged)


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


def _missing_dirs(root: Path, paths: dict[str, bytes]) -> tuple[str, ...]:
    """The dirs to create under `root` for `paths`, relative, shallowest first."""
    missing: set[Path] = set()
    verified: set[Path] = set()
    seen: set[Path] = set()  # a dir seen once was looked at with all its parents: 30 dirs, not 30 x 2,000
    for path in paths:
        if path == MANIFEST:
            continue
        for parent in target_path(root, path, verified).parents:
            if parent == root or parent in seen or root not in parent.parents:
                break
            seen.add(parent)
            if not parent.exists():
                missing.add(parent)
    ordered = sorted(missing, key=lambda item: (len(item.parts), item.as_posix()))
    return tuple(item.relative_to(root).as_posix() for item in ordered)


def _stage(target: Path, data: bytes, token: str, *, keep_mode: bool) -> Path:
    """Write `data` to a new hidden file beside `target` (with `target`'s mode if `keep_mode`)."""
    temporary = staged_path(target, token)
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
