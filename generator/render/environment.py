"""The Jinja environment: our templates, optionally shadowed by a user's directory of overrides."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..knownshapes import fit_call, fit_item, fit_parameter, fit_returns, fit_statement
from ..paths import TEMPLATES_DIR
from .filters import assign, py_comment, py_doc, py_str

__all__ = ["TEMPLATES_DIR", "TemplateFault", "make_environment", "user_template_error"]



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
    # Statements as black lays them out, where that is certain (see blackstyle and knownshapes): the format
    # stage then has nothing to decide for them.
    env.globals["call_layout"] = fit_call
    env.globals["parameter_layout"] = fit_parameter
    env.filters["fit"] = fit_statement
    env.filters["fit_item"] = fit_item
    env.filters["fit_returns"] = fit_returns
    return env



@dataclass(frozen=True, slots=True)
class TemplateFault:
    """Where a user's override template failed: its file, the line when known, and what went wrong."""

    file: str
    line: int | None
    message: str


def user_template_error(error: BaseException, override_dir: Path | None) -> TemplateFault | None:
    """The user's template that raised ``error`` while rendering, or None when it is not one of theirs.

    A syntax error names its template; any other error raised while a template runs has that template's
    file and line in its traceback (Jinja maps the compiled code back to the template's lines).
    """
    if override_dir is None:
        return None
    root = override_dir.resolve()

    def theirs(filename: str | None) -> bool:
        return filename is not None and Path(filename).resolve().is_relative_to(root)

    message = f"{type(error).__name__}: {error}"
    if isinstance(error, jinja2.TemplateSyntaxError) and theirs(error.filename):
        return TemplateFault(str(error.filename), error.lineno, message)
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if theirs(frame.filename):
            return TemplateFault(frame.filename, frame.lineno, message)
    return None
