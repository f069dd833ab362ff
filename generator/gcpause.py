"""The cyclic garbage collector paused around work that makes millions of objects that hold no cycle.

Parsing a module (``ast.parse``, ``compile``) allocates one object per syntax node. Each allocation
counts towards the collector's thresholds, and every collection it triggers walks the objects the
process already holds (the IR, the rendered files): on GitHub's 1 MB modules that tripled the parse's
cost. Syntax trees hold no reference cycles, so nothing is lost by not collecting while they are made.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block (the collector's state before it comes back after it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
