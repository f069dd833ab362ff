"""Where specsmith's own files are: the package and its templates (package data once installed)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE_DIR", "TEMPLATES_DIR"]

PACKAGE_DIR = Path(__file__).resolve().parent


def _templates_dir() -> Path:
    # A wheel carries the templates inside the package (specsmith/templates); a checkout, editable
    # install included, keeps them beside the package folder (templates/ next to generator/).
    packaged = PACKAGE_DIR / "templates"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "templates"


TEMPLATES_DIR = _templates_dir()
