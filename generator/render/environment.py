"""The Jinja environment: our templates, optionally shadowed by a user's directory of overrides."""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.render.filters import assign, py_comment, py_doc, py_str

__all__ = ["TEMPLATES_DIR", "make_environment"]

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


def make_environment(override_dir: Path | None = None) -> jinja2.Environment:
    """Environment with StrictUndefined, no autoescape (output is Python, escaped by our filters)."""
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(override_dir)))
    loaders.append(jinja2.FileSystemLoader(str(_templates_dir())))
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


def _templates_dir() -> Path:
    """Templates live in the repository; an installed package carries them as package data."""
    packaged = Path(__file__).resolve().parents[1] / "templates"
    return TEMPLATES_DIR if TEMPLATES_DIR.is_dir() else packaged
