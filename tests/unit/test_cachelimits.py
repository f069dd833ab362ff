"""Caches stay bounded: least recently used entries go first, a hit counts as a use."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from specsmith.cachelimits import DEFAULT_MAX_BYTES, max_bytes_from_env, prune_least_recent, touch


def _entries(folder: Path, count: int, size: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        entry = folder / f"e{n}.pickle"
        entry.write_bytes(b"x" * size)
        os.utime(entry, ns=(n * 10**9, n * 10**9))  # e0 is the oldest
        made.append(entry)
    return made


def test_the_least_recently_used_entries_go_until_the_rest_fit(tmp_path: Path) -> None:
    entries = _entries(tmp_path, 10, 1_000)
    (tmp_path / "other.txt").write_bytes(b"y" * 50_000)  # not an entry of this cache: never touched
    prune_least_recent(tmp_path, "*.pickle", max_bytes=5_000)
    left = sorted(p.name for p in tmp_path.glob("*.pickle"))
    assert left == [f"e{n}.pickle" for n in range(6, 10)]  # down to 80% of the cap, newest kept
    assert (tmp_path / "other.txt").exists()
    assert not entries[0].exists()


def test_a_touched_entry_is_kept(tmp_path: Path) -> None:
    entries = _entries(tmp_path, 10, 1_000)
    touch(entries[0])  # used just now
    prune_least_recent(tmp_path, "*.pickle", max_bytes=5_000)
    assert entries[0].exists() and not entries[1].exists()


def test_under_the_cap_nothing_goes(tmp_path: Path) -> None:
    _entries(tmp_path, 3, 100)
    prune_least_recent(tmp_path, "*.pickle", max_bytes=10_000)
    assert len(list(tmp_path.glob("*.pickle"))) == 3


@pytest.mark.parametrize(("value", "expected"), [("12", 12 * 1024 * 1024), ("", DEFAULT_MAX_BYTES), ("lots", DEFAULT_MAX_BYTES)])
def test_the_cap_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str, expected: int) -> None:
    monkeypatch.setenv("SPECSMITH_CACHE_MAX_MB", value)
    assert max_bytes_from_env() == expected


def test_the_ir_cache_of_the_diff_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from specsmith import pipeline
    from specsmith.diff.cache import load_api_cached

    monkeypatch.setenv("SPECSMITH_CACHE_MAX_MB", "1")
    cache = tmp_path / "ir"
    padding = "x" * 300_000  # each spec's IR carries a long description: ~0.3 MB per entry
    for n in range(8):
        spec = tmp_path / f"s{n}.json"
        spec.write_text(
            f'{{"openapi": "3.1.0", "info": {{"title": "t{n}", "version": "1", "description": "{padding}"}},'
            ' "paths": {}}',
            encoding="utf-8",
        )
        api, _ = load_api_cached(spec, cache, loader=pipeline.load_api)
        assert api is not None
    sizes = [p.stat().st_size for p in cache.glob("*.pickle")]
    assert min(sizes) > 250_000  # the entries are as big as intended...
    assert 0 < sum(sizes) <= 1024 * 1024 and len(sizes) < 8  # ...and the oldest went
