"""The safety net before the write stage: every generated module must compile.

A name or literal the builders got wrong (a bug, or a spec shape nobody foresaw) must never reach the
disk as a module that does not import. Each ``.py`` file is compiled in memory; a failure becomes a
``generated-code-invalid`` error naming the file and, when known, the spec node it was rendered from,
and the run writes nothing.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

from ..diagnostics import Diagnostics

__all__ = ["check_compiles"]


def check_compiles(files: Mapping[str, str], diagnostics: Diagnostics, *, spec_file: str = "",
                   origins: Mapping[str, str] | None = None) -> int:  # fmt: skip
    """Compile every ``.py`` file of ``files``; add an error per failure (at its ``origins`` pointer
    when known); return the number of failures."""
    failures = 0
    for path, text in files.items():
        if not path.endswith(".py"):
            continue
        try:
            with warnings.catch_warnings():
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
    return failures
