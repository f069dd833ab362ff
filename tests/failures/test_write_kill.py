"""Issue 11 items 3 and 4: ``kill -9`` at any moment of the write stage, and two runs into one folder.

A child process writes the new file set over the old tree and SIGKILLs itself at the N-th file-system
call (open, link, replace, rename, unlink, mkdir) of the write stage: a real kill, nothing cleaned up.
After each kill the tree must be exactly the old one or the new one, or hold a journal that ``--check``
reports and that recovery turns into exactly the old or the new tree; the next write then gives exactly
the new tree, with no stray ``.specsmith-*`` file. The file sets are the ElevenLabs 08-03 → 08-22
update when ../shared is present (``slow``), else a synthetic one of 2,700 files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from specsmith.config import ClientConfig
from specsmith.emit import check_files, write_files
from specsmith.emit.journal import locked, recover
from specsmith.pipeline import generate

from tests.support import elevenlabs_snapshots

_CHILD = """
import json, os, signal, sys
from pathlib import Path
from specsmith.emit import write_files
files = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
kill_at, counter = int(sys.argv[3]), [0]
def counted(real):
    def call(*args, **kwargs):
        counter[0] += 1
        if counter[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call
for name in ("open", "link", "replace", "rename", "unlink", "mkdir", "rmdir"):
    setattr(os, name, counted(getattr(os, name)))
write_files(files, Path(sys.argv[2]))
print(counter[0])
"""


def _synthetic() -> tuple[dict[str, str], dict[str, str]]:
    old = {f"pkg/models/m{i}.py": f"M{i} = {i}\n" for i in range(120)}
    old.update({f"pkg/gone/g{i}.py": f"G = {i}\n" for i in range(30)})
    new = {path: text for path, text in old.items() if "/gone/" not in path}
    new.update({f"pkg/models/m{i}.py": f"M{i} = {i + 1}\n" for i in range(0, 120, 2)})
    new.update({f"pkg/added/a{i}.py": f"A = {i}\n" for i in range(60)})
    return old, new


def _elevenlabs(where: Path) -> tuple[dict[str, str], dict[str, str]]:
    snapshots = sorted(elevenlabs_snapshots())
    if not snapshots:
        pytest.skip("real ElevenLabs specs not found (../shared is absent)")
    by_name = {p.name: p for p in snapshots}
    found = []
    for name, fallback in (("openapi-2026-08-03.json", snapshots[0]), ("openapi-2026-08-22.json", snapshots[-1])):
        spec = by_name.get(name, fallback)
        config = ClientConfig(spec=spec, output=where / "unused", package_name="elevenlabs", validate=False)
        result = generate(config, check=True, cache_dir=where / "cache")
        assert result.files is not None, [str(d) for d in result.diagnostics.sorted()][:5]
        found.append(dict(result.files))
    return found[0], found[1]


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _expected(root: Path, files: dict[str, str]) -> dict[str, bytes]:
    scratch = root.parent / f"{root.name}-expected"
    shutil.rmtree(scratch, ignore_errors=True)
    write_files(files, scratch)
    tree = _tree(scratch)
    shutil.rmtree(scratch)
    return tree


def test_kill_at_any_point_of_a_synthetic_write_leaves_a_recoverable_tree(tmp_path: Path) -> None:
    _kill_everywhere(tmp_path, *_synthetic())


@pytest.mark.slow
def test_kill_at_any_point_of_the_elevenlabs_update_leaves_a_recoverable_tree(tmp_path: Path) -> None:
    _kill_everywhere(tmp_path, *_elevenlabs(tmp_path))


def _kill_everywhere(tmp_path: Path, old: dict[str, str], new: dict[str, str]) -> None:
    new_json = tmp_path / "new.json"
    new_json.write_text(json.dumps(new), encoding="utf-8")
    out = tmp_path / "out"
    old_tree, new_tree = _expected(out, old), _expected(out, new)
    write_files(old, out)
    command = [sys.executable, "-c", _CHILD, str(new_json), str(out)]
    total = int(subprocess.run([*command, "0"], capture_output=True, text=True, check=True).stdout)
    assert _tree(out) == new_tree
    points = sorted({1, 2, 3, total - 2, total - 1, *range(1, total, max(1, total // 18))})
    outcomes = {"old": 0, "new": 0, "journal": 0}
    for point in points:
        shutil.rmtree(out)
        write_files(old, out)
        run = subprocess.run([*command, str(point)], capture_output=True, text=True, check=False)
        assert run.returncode == -9, (point, run.stderr[-2000:])
        tree = _tree(out)
        if ".specsmith-journal.json" in tree:
            outcomes["journal"] += 1
            assert not check_files(new, out).is_clean, point  # --check never calls it up to date
            with locked(out):
                recover(out)
            assert _tree(out) in (old_tree, new_tree), point
        else:
            outcomes["old" if tree == old_tree else "new"] += 1
            assert tree in (old_tree, new_tree), (point, sorted(set(tree) ^ set(old_tree))[:5])
        write_files(new, out)
        assert _tree(out) == new_tree, point
        assert check_files(new, out).is_clean
    assert len(points) >= 20 and outcomes["journal"] >= 10, outcomes


def test_orphans_of_an_older_run_are_swept(tmp_path: Path) -> None:
    files = {"pkg/a.py": "A = 1\n", "pkg/b.py": "B = 1\n"}
    write_files(files, tmp_path)
    (tmp_path / "pkg/.a.py.0123abcd.specsmith-tmp").write_text("half")
    (tmp_path / "pkg/.b.py.89abcdef.specsmith-old").write_text("old")
    write_files({**files, "pkg/a.py": "A = 2\n"}, tmp_path)
    assert sorted(p.name for p in (tmp_path / "pkg").iterdir()) == ["a.py", "b.py"]


def test_a_second_run_into_the_same_folder_waits_for_the_first(tmp_path: Path) -> None:
    files = {"pkg/a.py": "A = 1\n"}
    write_files(files, tmp_path)
    finished: list[float] = []
    with locked(tmp_path):  # a first run holds the folder
        other = threading.Thread(target=lambda: (write_files({"pkg/b.py": "B = 1\n"}, tmp_path),
                                                 finished.append(time.monotonic())))  # fmt: skip
        other.start()
        other.join(0.5)
        assert not finished and not (tmp_path / "pkg/b.py").exists()
        released = time.monotonic()
    other.join(30)
    assert finished and finished[0] >= released
    assert _tree(tmp_path).keys() == {".specsmith-manifest.json", "pkg/b.py"}


def test_a_run_that_cannot_get_the_lock_fails_clearly(tmp_path: Path) -> None:
    write_files({"a.py": "1\n"}, tmp_path)
    with locked(tmp_path), pytest.raises(TimeoutError, match="another specsmith run"):
        write_files({"a.py": "2\n"}, tmp_path, lock_timeout=0.3)
    assert (tmp_path / "a.py").read_text() == "1\n"


def test_check_reports_an_interrupted_write_and_generate_completes_it(tmp_path: Path) -> None:
    from tests.cli.cli_run import run_cli

    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}))
    out = tmp_path / "out"
    assert run_cli("generate", spec, "-o", out, "--package-name", "pkg").code == 0
    journal = {"format": 1, "token": "0123abcd", "phase": "commit", "writes": [], "added": [], "stale": [],
               "created": []}  # fmt: skip
    (out / ".specsmith-journal.json").write_text(json.dumps(journal))
    check = run_cli("generate", spec, "-o", out, "--package-name", "pkg", "--check")
    assert check.code == 3 and "interrupted" in check.stderr
    run = run_cli("generate", spec, "-o", out, "--package-name", "pkg", "-v")
    assert run.code == 0 and "interrupted-write-recovered" in run.stderr
    assert not (out / ".specsmith-journal.json").exists()
    assert run_cli("generate", spec, "-o", out, "--package-name", "pkg", "--check").code == 0


def test_two_generates_into_one_folder_leave_a_tree_the_manifest_describes(tmp_path: Path) -> None:
    """Issue 11 item 4 with real processes: two versions of a spec generated at once into one folder."""
    specs = []
    for version, count in (("a", 150), ("b", 90)):
        schemas = {f"{version.upper()}{i}": {"type": "object", "properties": {"x": {"type": "string"}}}
                   for i in range(count)}  # fmt: skip
        spec = tmp_path / f"{version}.json"
        spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": version}, "paths": {},
                                    "components": {"schemas": schemas}}))  # fmt: skip
        specs.append(spec)
    out = tmp_path / "out"
    env = {**os.environ, "SPECSMITH_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.Popen([sys.executable, "-m", "specsmith", "generate", str(spec), "-o", str(out),
                              "--package-name", "pkg", "--no-validate"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for spec in specs]  # fmt: skip
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    manifest = json.loads((out / ".specsmith-manifest.json").read_text())["files"]
    on_disk = {path for path in _tree(out) if path != ".specsmith-manifest.json"}
    assert on_disk == set(manifest), sorted(on_disk ^ set(manifest))[:10]
