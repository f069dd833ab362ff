"""The Jinja environment: our templates, optionally shadowed by a user's directory of overrides."""

from __future__ import annotations

from pathlib import Path

import jinja2

from ..paths import TEMPLATES_DIR
from .filters import assign, py_comment, py_doc, py_str

__all__ = ["TEMPLATES_DIR", "make_environment"]



def make_environment(override_dir: Path | None = None) -> jinja2.Environment:
    """Environment with StrictUndefined, no autoescape (output is Python, escaped by our filters)."""
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(override_dir)))
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES_DIR)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(py_str=py_str, py_doc=py_doc, py_comment=py_comment, assign=assign)
    return env

