"""The safety net before the write stage: every generated module must compile.

A name or literal the builders got wrong (a bug, or a spec shape nobody foresaw) must never reach the
disk as a module that does not import. Each ``.py`` file is compiled in memory; a failure becomes a
``generated-code-invalid`` error naming the file and, when known, the spec node it was rendered from,
and the run writes nothing.

Compiling ElevenLabs' 2,200 modules costs about a CPU-second, and a regeneration after a small spec
change would pay it again for modules that did not change: so the text of every module that compiled
is remembered (by its sha256 and the Python version) in the format stage's bounded cache, and only
texts never seen to compile are compiled.
"""

from __future__ import annotations

import hashlib
import sys
import warnings
from collections.abc import Mapping
from pathlib import Path

from ..diagnostics import Diagnostics
from ..gcpause import paused_gc
from .formatcache import FormatCache

__all__ = ["check_compiles"]


def check_compiles(files: Mapping[str, str], diagnostics: Diagnostics, *, spec_file: str = "",
                   origins: Mapping[str, str] | None = None, cache_dir: Path | None = None) -> int:  # fmt: skip
    """Compile every ``.py`` file of ``files`` not known to compile (see ``cache_dir``); add an error per
    failure (at its ``origins`` pointer when known); return the number of failures."""
    keys = {path: _key(text) for path, text in files.items() if path.endswith(".py")}
    cache = FormatCache(cache_dir) if cache_dir is not None else None
    known = cache.lookup(keys.values()) if cache is not None else {}
    failures = 0
    for path, key in keys.items():
        if key in known:
            continue
        text = files[path]
        try:
            with warnings.catch_warnings(), paused_gc():
                warnings.simplefilter("ignore")  # SyntaxWarning: an odd escape is still code
                compile(text, path, "exec", dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
            failures += 1
            detail = getattr(error, "msg", None) or str(error)
            line = getattr(error, "lineno", None)
            where = f"{path}:{line}" if line else path
            pointer = (origins or {}).get(path)
            diagnostics.error(
                "generated-code-invalid",
                f"the generated module {where} does not compile ({detail}); nothing was written",
                file=spec_file if pointer is not None else path,
                pointer=pointer or "",
                hint="this is a specsmith bug: please report it with the spec node named here",
            )
    if cache is not None and not failures:
        cache.store({key: None for key in keys.values() if key not in known})
    return failures


def _key(text: str) -> str:
    digest = hashlib.sha256(f"compiled\0{sys.version_info[0]}.{sys.version_info[1]}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return "compiled:" + digest.hexdigest()
