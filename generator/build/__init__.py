"""Resolved document → IR."""

from __future__ import annotations

from generator.build.api import build_api

__all__ = ["build_api"]
