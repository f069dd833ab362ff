"""Crash safety for the write stage: an intent journal, recovery at the next start, and a folder lock.

Before anything is staged, the write stage records its intent in ``.specsmith-journal.json`` at the
output root: a random token, the paths it will write (new files: ``added``), the stale paths it will
remove and the dirs it will create. Every staged file is ``.<name>.<token>.specsmith-tmp`` beside its
target and every displaced old file ``.<name>.<token>.specsmith-old``, so the journal names them all.

Phases: ``stage`` (files being staged), ``commit`` (every staged file is complete; targets are being
replaced, old bytes kept aside as hard links), ``rollback`` (undoing a failed commit). A run killed at
any moment leaves a journal, and the next start (or the next write) completes it: ``commit`` rolls
forward (the staged files are all there), ``stage``/``rollback`` roll back (the old bytes are all
there). ``--check`` reports an unfinished journal as drift. The whole stage runs under an exclusive
``flock`` on the output dir itself (no lock file), so two runs into one folder take turns.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; runs are not serialised there
    fcntl = None  # type: ignore[assignment]

from .fileset import MANIFEST, OutputError, check_path, is_regular, target_path

__all__ = [
    "JOURNAL",
    "LOCK_TIMEOUT",
    "Journal",
    "aside_path",
    "finish",
    "is_ours",
    "journal_pending",
    "locked",
    "recover",
    "roll_back",
    "roll_forward",
    "save",
    "staged_path",
    "sweep",
]

JOURNAL = ".specsmith-journal.json"
LOCK_TIMEOUT = 600.0  # seconds a run waits for another one writing into the same folder
_OURS = re.compile(r"^\..+\.[0-9a-f]{8}\.specsmith-(tmp|old)$")
_POLL = 0.1


@dataclass(frozen=True, slots=True)
class Journal:
    token: str  # 8 hex digits, in the name of every staged and aside file of this run
    phase: str  # "stage" | "commit" | "rollback"
    writes: tuple[str, ...]  # paths to write, the manifest (MANIFEST) last
    added: tuple[str, ...]  # those of `writes` that had no file before
    stale: tuple[str, ...]  # tracked paths to remove
    created: tuple[str, ...]  # dirs this run creates, relative, shallowest first


def staged_path(target: Path, token: str) -> Path:
    return target.with_name(f".{target.name}.{token}.specsmith-tmp")


def aside_path(target: Path, token: str) -> Path:
    return target.with_name(f".{target.name}.{token}.specsmith-old")


def is_ours(name: str) -> bool:
    """Whether a file name is one of the write stage's own temporary names."""
    return bool(_OURS.match(name))


def _target(root: Path, path: str) -> Path:
    return root / MANIFEST if path == MANIFEST else target_path(root, path)


def save(root: Path, journal: Journal) -> None:
    """Write the journal atomically (temp file, fsync, rename)."""
    temporary = root / f"{JOURNAL}.tmp"
    data = json.dumps({"format": 1, **asdict(journal)}).encode("utf-8")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, root / JOURNAL)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def journal_pending(root: Path) -> bool:
    """Whether a write into `root` was interrupted and not yet completed or rolled back."""
    return (root / JOURNAL).exists() or (root / JOURNAL).is_symlink()


def _load(root: Path) -> Journal:
    location = root / JOURNAL
    if location.is_symlink():
        raise OutputError(f"{location} is a symlink; refusing to trust it")
    try:
        document = json.loads(location.read_bytes().decode("utf-8"))
        fields = {name: document[name] for name in ("token", "phase", "writes", "added", "stale", "created")}
        if not re.fullmatch(r"[0-9a-f]{8}", fields["token"]) or fields["phase"] not in ("stage", "commit", "rollback"):
            raise TypeError("unknown token or phase")
        lists = {name: tuple(fields[name]) for name in ("writes", "added", "stale", "created")}
        for path in [p for name in lists for p in lists[name]]:
            if path != MANIFEST:
                check_path(path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise OutputError(
            f"{location} (the record of an interrupted write) is damaged ({exc}); "
            "delete it and regenerate with --force"
        ) from exc
    return Journal(fields["token"], fields["phase"], **lists)


def recover(root: Path) -> str | None:
    """Complete or roll back an interrupted write into `root` (call under `locked`); what was done."""
    (root / f"{JOURNAL}.tmp").unlink(missing_ok=True)
    if not journal_pending(root):
        return None
    journal = _load(root)
    if journal.phase == "commit":
        roll_forward(root, journal)
        finish(root, journal)
        return "completed"
    roll_back(root, journal)
    return "rolled back"


def roll_forward(root: Path, journal: Journal) -> None:
    """Put every staged file in place (old bytes kept aside), stale files aside, the manifest last."""
    files = [path for path in journal.writes if path != MANIFEST]
    for path in files:
        _put(root, path, journal.token)
    for path in journal.stale:
        target = _target(root, path)
        if is_regular(target) and not aside_path(target, journal.token).exists():
            os.replace(target, aside_path(target, journal.token))
    if MANIFEST in journal.writes:
        _put(root, MANIFEST, journal.token)


def _put(root: Path, path: str, token: str) -> None:
    target = _target(root, path)
    staged = staged_path(target, token)
    if not staged.exists():
        return  # already in place
    aside = aside_path(target, token)
    if is_regular(target) and not aside.exists():
        try:
            os.link(target, aside)
        except OSError:  # no hard links here: keep a copy
            aside.write_bytes(target.read_bytes())
    os.replace(staged, target)


def finish(root: Path, journal: Journal) -> None:
    """Delete what a completed commit set aside, prune the dirs stale files leave empty, drop the journal."""
    for path in (*journal.writes, *journal.stale):
        aside_path(_target(root, path), journal.token).unlink(missing_ok=True)
    held = {parent for path in journal.stale for parent in _target(root, path).parents}
    for directory in sorted(held, key=lambda item: len(item.parts), reverse=True):
        if root in directory.parents and directory.is_dir() and not any(directory.iterdir()):
            with contextlib.suppress(OSError):
                directory.rmdir()
    (root / JOURNAL).unlink(missing_ok=True)


def roll_back(root: Path, journal: Journal) -> None:
    """Restore every old file from its aside copy, remove new files, staged files and created dirs."""
    placed = journal.phase != "stage"  # before the commit nothing was put in place
    if placed and journal.phase != "rollback":
        with contextlib.suppress(OSError):
            save(root, replace(journal, phase="rollback"))
    for path in (*journal.stale, *reversed(journal.writes)):
        target = _target(root, path)
        staged = staged_path(target, journal.token)
        aside = aside_path(target, journal.token)
        if aside.exists() and target.exists() and os.path.samefile(aside, target):
            aside.unlink()  # never replaced (rename between two links of one file does nothing)
        elif aside.exists():
            os.rename(aside, target)
        elif placed and path in journal.added and not staged.exists():
            target.unlink(missing_ok=True)  # it was put in place; there was nothing before
        staged.unlink(missing_ok=True)
    for relative in reversed(journal.created):
        with contextlib.suppress(OSError):  # not empty: something else lives there now
            (root / relative).rmdir()
    (root / JOURNAL).unlink(missing_ok=True)


def sweep(root: Path, directories: set[Path]) -> None:
    """Remove orphaned staged/aside files (ours by name) an older, journal-less run left in `directories`."""
    for directory in directories:
        with contextlib.suppress(OSError), os.scandir(directory) as entries:
            for entry in entries:
                if is_ours(entry.name) and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


@contextlib.contextmanager
def locked(root: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on the dir `root` (which must exist); wait up to `timeout` seconds for
    another run holding it, then raise `TimeoutError` naming the folder."""
    if fcntl is None:
        yield
        return
    descriptor = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    break  # the file system cannot lock: go on unlocked rather than not at all
                if time.monotonic() >= deadline:
                    raise TimeoutError(
                        f"{root} is being written by another specsmith run (waited {timeout:.0f} s); "
                        "wait for it to finish, or stop it and rerun"
                    ) from None
                time.sleep(_POLL)
        yield
    finally:
        os.close(descriptor)  # releases the lock
