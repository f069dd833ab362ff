"""Spec diff: compare the client surfaces of two specs and say what breaks (see docs/diff.md)."""

from __future__ import annotations

from .cache import default_cache_dir, load_api_cached
from .changes import Change, DiffResult, Rule, SpecInfo
from .compare import diff_apis
from .report import exit_code, format_json, format_markdown, format_text, summarize
from .rules import CATALOGUE
from .source import SourceError, resolve_source

__all__ = [
    "CATALOGUE",
    "Change",
    "DiffResult",
    "Rule",
    "SourceError",
    "SpecInfo",
    "default_cache_dir",
    "diff_apis",
    "exit_code",
    "format_json",
    "format_markdown",
    "format_text",
    "load_api_cached",
    "resolve_source",
    "summarize",
]
