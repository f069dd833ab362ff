"""The write stage: atomic, owns only what it wrote; and `check_files` drift reports."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from specsmith.emit import write as write_module
from specsmith.emit.write import MANIFEST, check_files, write_files

FILES = {
    "pyproject.toml": "[project]\nname = 'x'\n",
    "pkg/__init__.py": "",
    "pkg/models/a.py": "A = 1\n",
    "pkg/models/b.py": "B = 2\n",
    "pkg/resources/deep/c.py": "C = 3\n",
}


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def age(root: Path, seconds: int = 1000) -> None:
    """Push every file's mtime into the past, so a rewrite would show."""
    for path in root.rglob("*"):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 10**9))


def test_first_write_creates_dir_files_and_manifest(tmp_path: Path) -> None:
    out = tmp_path / "nested" / "out"
    report = write_files(FILES, out)
    assert report.written == tuple(sorted(FILES))
    assert (report.removed, report.unchanged) == ((), 0)
    assert snapshot(out) == {**{p: t.encode() for p, t in FILES.items()}, MANIFEST: ANY_BYTES}
    manifest = json.loads((out / MANIFEST).read_text())
    assert list(manifest["files"]) == sorted(FILES)
    assert not [p for p in out.rglob("*") if "specsmith-tmp" in p.name]


class _AnyBytes(bytes):
    def __eq__(self, other: object) -> bool:
        return isinstance(other, bytes)

    __hash__ = bytes.__hash__


ANY_BYTES = _AnyBytes()


def test_rewrite_keeps_mtime_of_unchanged_files(tmp_path: Path) -> None:
    write_files(FILES, tmp_path)
    age(tmp_path)
    before = {p: (tmp_path / p).stat().st_mtime_ns for p in FILES}
    report = write_files({**FILES, "pkg/models/a.py": "A = 10\n"}, tmp_path)
    assert report.written == ("pkg/models/a.py",)
    assert report.unchanged == len(FILES) - 1
    after = {p: (tmp_path / p).stat().st_mtime_ns for p in FILES}
    assert after["pkg/models/a.py"] != before["pkg/models/a.py"]
    assert {p: t for p, t in after.items() if p != "pkg/models/a.py"} == {
        p: t for p, t in before.items() if p != "pkg/models/a.py"
    }
    assert (tmp_path / "pkg/models/a.py").read_text() == "A = 10\n"


def test_identical_rewrite_touches_nothing(tmp_path: Path) -> None:
    write_files(FILES, tmp_path)
    age(tmp_path)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    report = write_files(FILES, tmp_path)
    assert (report.written, report.removed, report.unchanged) == ((), (), len(FILES))
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before


def test_stale_files_removed_and_empty_dirs_pruned(tmp_path: Path) -> None:
    write_files(FILES, tmp_path)
    (tmp_path / "pkg/models/user_notes.txt").write_text("mine")
    smaller = {p: t for p, t in FILES.items() if not p.startswith(("pkg/resources", "pkg/models"))}
    report = write_files(smaller, tmp_path)
    assert report.removed == ("pkg/models/a.py", "pkg/models/b.py", "pkg/resources/deep/c.py")
    assert not (tmp_path / "pkg/resources").exists()
    assert (tmp_path / "pkg/models/user_notes.txt").read_text() == "mine"
    assert sorted(json.loads((tmp_path / MANIFEST).read_text())["files"]) == sorted(smaller)


def test_user_files_are_never_touched(tmp_path: Path) -> None:
    write_files(FILES, tmp_path)
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib/extra.py").write_text("mine")
    (tmp_path / "pkg/custom.py").write_text("mine too")
    age(tmp_path)
    stamps = {p: (tmp_path / p).stat().st_mtime_ns for p in ("lib/extra.py", "pkg/custom.py")}
    write_files({"pkg/__init__.py": "changed\n"}, tmp_path)
    for path, stamp in stamps.items():
        assert (tmp_path / path).stat().st_mtime_ns == stamp
    assert (tmp_path / "lib/extra.py").read_text() == "mine"


def test_untracked_file_in_the_way_is_refused_unless_identical_or_forced(tmp_path: Path) -> None:
    write_files(FILES, tmp_path)
    (tmp_path / "pkg/new.py").write_text("user code")
    with pytest.raises(FileExistsError, match="not written by specsmith"):
        write_files({**FILES, "pkg/new.py": "generated\n"}, tmp_path)
    assert (tmp_path / "pkg/new.py").read_text() == "user code"
    write_files({**FILES, "pkg/new.py": "user code"}, tmp_path)  # identical: adopted
    write_files({**FILES, "pkg/new.py": "generated\n"}, tmp_path)  # now it is ours
    assert (tmp_path / "pkg/new.py").read_text() == "generated\n"


def test_non_empty_dir_without_manifest_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".bashrc").write_text("alias ll='ls -l'\n")
    with pytest.raises(FileExistsError, match=r"no \.specsmith-manifest\.json"):
        write_files(FILES, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".bashrc"]
    write_files(FILES, tmp_path, force=True)
    assert (tmp_path / ".bashrc").read_text() == "alias ll='ls -l'\n"
    assert (tmp_path / MANIFEST).exists()


def test_dir_without_manifest_holding_identical_files_is_accepted(tmp_path: Path) -> None:
    for path, text in FILES.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    report = write_files(FILES, tmp_path)
    assert (report.written, report.unchanged) == ((), len(FILES))
    assert (tmp_path / MANIFEST).exists()


@pytest.mark.parametrize("failing_call", [1, 3, 6])
def test_failure_mid_commit_restores_old_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_call: int
) -> None:
    write_files(FILES, tmp_path)
    before = snapshot(tmp_path)
    real_replace = os.replace
    calls = {"n": 0}

    def flaky_replace(source: Path, target: Path) -> None:
        calls["n"] += 1
        if calls["n"] >= failing_call:
            raise OSError("disk on fire")
        real_replace(source, target)

    monkeypatch.setattr(write_module.os, "replace", flaky_replace)
    changed = {
        "pyproject.toml": "[project]\nname = 'y'\n",
        "pkg/__init__.py": "x = 1\n",
        "pkg/models/a.py": "A = 2\n",
        "pkg/new/d.py": "D = 4\n",
    }
    with pytest.raises(OSError, match="disk on fire"):
        write_files(changed, tmp_path)
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "pkg/new").exists()


def test_failure_while_staging_leaves_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(FILES, tmp_path)
    before = snapshot(tmp_path)
    real_stage = write_module._stage
    calls = {"n": 0}

    def flaky_stage(target: Path, data: bytes, token: str, *, keep_mode: bool) -> Path:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("No space left on device")
        return real_stage(target, data, token, keep_mode=keep_mode)

    monkeypatch.setattr(write_module, "_stage", flaky_stage)
    with pytest.raises(OSError, match="No space"):
        write_files({**FILES, "a/new.py": "1\n", "b/new.py": "2\n", "c/new.py": "3\n"}, tmp_path)
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "pkg", "pyproject.toml"]


@pytest.mark.parametrize(
    "bad",
    ["../evil.py", "a/../../evil.py", "/etc/passwd", "C:/x.py", "c:x.py", "a\\b.py", "a\0.py",
     "", "./a.py", "a//b.py", "a/", "a/./b.py", MANIFEST],
)  # fmt: skip
def test_escaping_or_unnormalized_paths_are_rejected(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        write_files({bad: "x"}, tmp_path / "out")
    with pytest.raises(ValueError):
        check_files({bad: "x"}, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_file_and_dir_at_the_same_path_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="both a file and the dir"):
        write_files({"a": "1", "a/b.py": "2"}, tmp_path)


def test_paths_differing_only_in_case_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="only in case"):
        write_files({"pkg/Model.py": "1", "pkg/model.py": "2"}, tmp_path)


def test_symlinked_dir_leading_outside_is_rejected(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    write_files({"x.py": "1\n"}, out)
    (out / "pkg").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ValueError, match="symlink"):
        write_files({"x.py": "1\n", "pkg/evil.py": "boom\n"}, out)
    assert list(outside.iterdir()) == []


def test_symlink_at_a_target_is_never_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("keep")
    out = tmp_path / "out"
    write_files({"x.py": "1\n"}, out)
    (out / "x.py").unlink()
    (out / "x.py").symlink_to(outside)
    with pytest.raises(FileExistsError, match="symlink"):
        write_files({"x.py": "2\n"}, out)
    assert outside.read_text() == "keep"


def test_damaged_manifest_is_not_trusted(tmp_path: Path) -> None:
    write_files(FILES, tmp_path)
    victim = tmp_path.parent / f"{tmp_path.name}-victim.txt"
    victim.write_text("precious")
    manifest = {"format": 1, "generator": "specsmith", "files": {"../victim.txt": "0" * 64}}
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(ValueError, match="damaged"):
        write_files({}, tmp_path)
    assert victim.read_text() == "precious"


def test_check_clean_after_write(tmp_path: Path) -> None:
    write_files(FILES, tmp_path)
    (tmp_path / "user.txt").write_text("not ours")
    drift = check_files(FILES, tmp_path)
    assert drift.is_clean
    assert drift.diff == ""


def test_check_reports_added_changed_removed(tmp_path: Path) -> None:
    write_files(FILES, tmp_path)
    before = snapshot(tmp_path)
    new = {p: t for p, t in FILES.items() if p != "pkg/models/b.py"}
    new["pkg/models/a.py"] = "A = 100\n"
    new["pkg/models/z.py"] = "Z = 26\n"
    drift = check_files(new, tmp_path)
    assert drift.added == ("pkg/models/z.py",)
    assert drift.changed == (MANIFEST, "pkg/models/a.py")
    assert drift.removed == ("pkg/models/b.py",)
    assert not drift.is_clean
    assert "-A = 1\n+A = 100\n" in drift.diff
    assert "--- /dev/null\n+++ b/pkg/models/z.py\n" in drift.diff
    assert "--- a/pkg/models/b.py\n+++ /dev/null\n" in drift.diff
    assert snapshot(tmp_path) == before  # check writes nothing


def test_check_on_missing_dir_reports_everything_added(tmp_path: Path) -> None:
    drift = check_files(FILES, tmp_path / "absent")
    assert drift.added == tuple(sorted([*FILES, MANIFEST]))
    assert not (tmp_path / "absent").exists()


def test_check_diff_is_truncated(tmp_path: Path) -> None:
    big = {f"m{n}.py": "".join(f"line_{i} = {i}\n" for i in range(50)) for n in range(20)}
    drift = check_files(big, tmp_path)
    assert len(drift.diff.splitlines()) <= 201
    assert drift.diff.rstrip().endswith("more lines)")
