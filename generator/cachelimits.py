"""How big specsmith's caches may grow, and how a folder of cache entries is kept under that size.

Every cache under the cache directory is bounded: ``$SPECSMITH_CACHE_MAX_MB`` megabytes each (default
256). The format cache evicts inside its database; folders of entry files (the diff's IR cache) drop
their least recently used files (by modification time, which a hit refreshes).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DEFAULT_MAX_BYTES", "max_bytes_from_env", "prune_least_recent", "touch"]

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
_ENV_MAX_MB = "SPECSMITH_CACHE_MAX_MB"


def max_bytes_from_env() -> int:
    """The cap: ``$SPECSMITH_CACHE_MAX_MB`` megabytes when set to a whole number, else 256 MiB."""
    raw = os.environ.get(_ENV_MAX_MB, "")
    return int(raw) * 1024 * 1024 if raw.strip().isdigit() else DEFAULT_MAX_BYTES


def touch(entry: Path) -> None:
    """Mark a cache entry as just used (it is then the last to go)."""
    try:
        os.utime(entry)
    except OSError:  # gone meanwhile, or read-only: only the eviction order suffers
        pass


def prune_least_recent(folder: Path, pattern: str, max_bytes: int | None = None) -> None:
    """Delete the least recently used ``pattern`` files of ``folder`` until they fit in 80% of the cap."""
    limit = max_bytes_from_env() if max_bytes is None else max_bytes
    entries = []
    for entry in folder.glob(pattern):
        try:
            status = entry.stat()
        except OSError:
            continue
        entries.append((status.st_mtime_ns, status.st_size, entry))
    total = sum(size for _, size, _ in entries)
    if total <= limit:
        return
    for _, size, entry in sorted(entries, key=lambda item: item[0]):
        if total <= limit * 8 // 10:
            break
        entry.unlink(missing_ok=True)
        total -= size
