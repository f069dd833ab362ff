"""Spec diff composed with the generate pipeline: two sources (files or ``git:REV:path``) → a report.

The differ compares two IRs and knows nothing of how they are built; this module hands it the
pipeline's ``load_api`` (through the IR cache), so neither of the two imports the other.
"""

from __future__ import annotations

from . import diff as spec_diff
from . import pipeline
from .config import default_cache_dir
from .diagnostics import Diagnostics
from .ir import Api

__all__ = ["diff"]


def diff(
    old: str, new: str, *, output_format: str = "text", fail_on: str | None = None, view: str = "specsmith",
    color: bool = False,
) -> tuple[str, int, Diagnostics]:  # fmt: skip
    """Compare two specs (files or ``git:REV:path``); returns (report, exit code, diagnostics)."""
    diagnostics = Diagnostics()
    apis: list[Api | None] = []
    for source in (old, new):
        try:
            path = spec_diff.resolve_source(source)
        except spec_diff.SourceError as error:  # bad revision, path or repository: exit 1
            message = str(error).removeprefix(f"{source}: ")
            diagnostics.error("file-unreadable", message, file=source, hint=error.hint)
            apis.append(None)
            continue
        api, found = spec_diff.load_api_cached(
            path, default_cache_dir() / "ir", loader=pipeline.load_api, display=source
        )
        diagnostics.extend(found)
        apis.append(api)
    if apis[0] is None or apis[1] is None:
        return "", 1, diagnostics
    result = spec_diff.diff_apis(apis[0], apis[1])
    formatters = {"text": lambda r: spec_diff.format_text(r, color=color, view=view),
                  "markdown": lambda r: spec_diff.format_markdown(r, view=view), "json": spec_diff.format_json}  # fmt: skip
    return formatters[output_format](result), spec_diff.exit_code(result, fail_on, view), diagnostics
