"""Resolved document → IR."""

from __future__ import annotations

from .api import build_api

__all__ = ["build_api"]
