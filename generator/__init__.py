"""specsmith: OpenAPI 3.0/3.1 documents → typed Python clients (dataclasses, httpx, sync + async)."""

from __future__ import annotations

from .comparison import diff
from .config import ClientConfig
from .pipeline import Result, generate, load_api, validate

__all__ = ["ClientConfig", "Result", "diff", "generate", "load_api", "validate"]
