"""IR + templates → files in memory."""

from __future__ import annotations

from pathlib import Path

from .environment import TEMPLATES_DIR, make_environment, user_template_error
from .plan import OutputOptions, RenderJob, origins, plan_files, render_files, verbatim_paths

__all__ = [
    "OutputOptions",
    "RenderJob",
    "make_environment",
    "origins",
    "plan_files",
    "render_files",
    "runtime_dir",
    "user_template_error",
    "verbatim_paths",
]


def runtime_dir() -> Path:
    """The runtime sources copied verbatim into every generated package."""
    return TEMPLATES_DIR / "runtime"
