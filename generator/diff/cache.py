"""Reuse built IRs across diffs: ``load_api`` results pickled per spec content and generator version.

Diffing against an unchanged OLD (the usual CI case) then only builds NEW. Specs with ``$ref``s to other
files are not cached (their content is not known before loading). The cache is trusted code: it holds
pickles, so keep it in a directory only you can write.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import ir
from ..cachelimits import prune_least_recent, touch
from ..config import default_cache_dir as specsmith_cache_dir
from ..diagnostics import Diagnostics
from ..ir import Api

__all__ = ["default_cache_dir", "load_api_cached"]

_EXTERNAL_REF = re.compile(rb"""["']?\$ref["']?\s*:\s*["']?(?!["']?#)[^\s"',{}\[\]]""")
_GENERATOR = Path(__file__).resolve().parents[1]


def default_cache_dir() -> Path:
    """``ir/`` in specsmith's cache directory (``$SPECSMITH_CACHE_DIR``, else the XDG cache)."""
    return specsmith_cache_dir() / "ir"


@functools.cache
def _generator_fingerprint() -> bytes:
    """Changes whenever the code that builds the IR changes (the differ itself does not count)."""
    digest = hashlib.sha256(sys.version.encode())
    for source in sorted(_GENERATOR.rglob("*.py")):
        if "diff" not in source.relative_to(_GENERATOR).parts[:1]:
            digest.update(str(source.relative_to(_GENERATOR)).encode())
            digest.update(source.read_bytes())
    return digest.digest()


def _cache_key(content: bytes, options: tuple[object, ...]) -> str:
    digest = hashlib.sha256(content)
    digest.update(_generator_fingerprint())
    digest.update(repr(options).encode())
    return digest.hexdigest()


def _read(entry: Path) -> tuple[Api | None, Diagnostics] | None:
    try:
        with entry.open("rb") as stream:
            api, diagnostics = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception:  # a stale or truncated entry is rebuilt, never fatal
        return None
    return (api, diagnostics) if isinstance(diagnostics, Diagnostics) else None


def _reducer(cls: type[Any]) -> Callable[[Any], tuple[type[Any], tuple[Any, ...]]]:
    names = [field.name for field in dataclasses.fields(cls)]
    return lambda value: (cls, tuple(getattr(value, name) for name in names))


@functools.cache
def _dispatch_table() -> dict[type[Any], Callable[[Any], tuple[type[Any], tuple[Any, ...]]]]:
    """IR dataclasses pickled as (class, field values): three times faster to write than their state."""
    classes: list[type[Any]] = [getattr(ir, name) for name in ir.__all__]
    return {
        cls: _reducer(cls)
        for cls in classes
        if isinstance(cls, type) and dataclasses.is_dataclass(cls)
    }


def _write(entry: Path, value: tuple[Api | None, Diagnostics]) -> None:
    entry.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = _dispatch_table()
        pickler.dump(value)
    os.replace(temporary, entry)


def _renamed(
    value: tuple[Api | None, Diagnostics], built_as: str, display: str
) -> tuple[Api | None, Diagnostics]:
    """``value`` as if built from a file named ``display`` (it was built from one named ``built_as``)."""
    api, diagnostics = value
    if built_as == display:
        return value
    items = [
        replace(item, file=display) if item.file == built_as else item for item in diagnostics.items
    ]
    return (None if api is None else replace(api, spec_file=display)), Diagnostics(items)


Loader = Callable[..., tuple[Api | None, Diagnostics]]


def load_api_cached(
    path: Path,
    cache_dir: Path | None,
    *,
    loader: Loader,
    display: str | None = None,
    validate: bool = False,
    api_key_header: str | None = None,
) -> tuple[Api | None, Diagnostics]:
    """``loader(path)`` (the pipeline's ``load_api``), served from ``cache_dir`` when this content was built
    before. The loader is passed in so that the differ does not depend on the generate pipeline.

    ``display`` names the spec in the IR and in diagnostics (e.g. ``git:HEAD~1:api.yaml`` for a temporary
    file; default: the path). ``cache_dir=None`` disables caching. Only successful builds are stored.
    """
    shown = str(path) if display is None else display

    def build() -> tuple[Api | None, Diagnostics]:
        built = loader(path, validate=validate, api_key_header=api_key_header)
        return _renamed(built, str(path), shown)

    content = path.read_bytes()
    if cache_dir is None or _EXTERNAL_REF.search(content):
        return build()
    entry = cache_dir / f"{_cache_key(content, (validate, api_key_header))}.pickle"
    cached = _read(entry)
    if cached is not None and cached[0] is not None:
        touch(entry)
        return _renamed(cached, cached[0].spec_file, shown)
    result = build()
    if result[0] is not None:
        _write(entry, result)
        prune_least_recent(cache_dir, "*.pickle")
    return result
