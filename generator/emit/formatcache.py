"""The format stage's cache: formatted text by key, in one SQLite database, bounded in size.

A run reads only the entries it asks for (one indexed query per few hundred keys), so its memory does not
grow with the cache; each entry records when it was last used, and past the size cap the least recently
used entries go. SQLite (standard library) handles concurrent runs: a run that finds the database busy or
damaged only loses the cache's speed, never correctness.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterable, Mapping
from contextlib import closing
from pathlib import Path

from ..cachelimits import max_bytes_from_env

__all__ = ["FormatCache"]

_DATABASE = "format-v2.sqlite3"
_CHUNK = 500  # keys per query (SQLite allows at least 999 bound parameters)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT, size INTEGER NOT NULL, used INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entries_by_use ON entries (used);
"""


class FormatCache:
    """``lookup`` the keys a run needs, then ``store`` what it formatted (and mark its hits as used)."""

    def __init__(self, root: Path, *, max_bytes: int | None = None) -> None:
        self.path = root / _DATABASE
        self.max_bytes = max_bytes_from_env() if max_bytes is None else max_bytes
        self._hits: list[str] = []
        self._old_packs = root / "format-v1"  # the pack files of earlier specsmith versions

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.executescript(_SCHEMA)
        return connection

    def lookup(self, keys: Iterable[str]) -> dict[str, str | None]:
        """The cached entries among ``keys``: formatted text, or None for "formatting changed nothing"."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, str | None] = {}
        if not wanted or not self.path.is_file():
            return found
        try:
            with closing(self._connect()) as connection:
                for start in range(0, len(wanted), _CHUNK):
                    chunk = wanted[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT key, value FROM entries WHERE key IN ({marks})"
                    found.update(connection.execute(query, chunk).fetchall())
        except sqlite3.Error:  # busy past the timeout, damaged, unreadable: run without the cache
            return {}
        self._hits = list(found)
        return found

    def store(self, entries: Mapping[str, str | None]) -> None:
        """Add ``entries``, mark this run's hits as just used, and drop the least recently used past the cap."""
        if not entries and not self._hits:
            return
        now = time.time_ns()
        rows = [(key, value, len(key) + len(value or ""), now) for key, value in entries.items()]
        try:
            with closing(self._connect()) as connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)
                connection.executemany("UPDATE entries SET used = ? WHERE key = ?", ((now, k) for k in self._hits))
                self._evict(connection)
                connection.execute("COMMIT")
        except sqlite3.Error:  # a cache that cannot be written only costs time
            return
        if self._old_packs.is_dir():
            shutil.rmtree(self._old_packs, ignore_errors=True)

    def _evict(self, connection: sqlite3.Connection) -> None:
        (total,) = connection.execute("SELECT COALESCE(SUM(size), 0) FROM entries").fetchone()
        if total <= self.max_bytes:
            return
        # down to 80% of the cap, oldest first, so that the next runs do not evict again at once
        excess = total - self.max_bytes * 8 // 10
        cutoff = connection.execute(
            "SELECT used FROM (SELECT used, SUM(size) OVER (ORDER BY used, key) AS running FROM entries)"
            " WHERE running >= ? ORDER BY used LIMIT 1",
            (excess,),
        ).fetchone()
        if cutoff is not None:
            connection.execute("DELETE FROM entries WHERE used <= ?", cutoff)
