"""pytest fixtures; the helpers behind them live in ``tests/support.py``.

Test files live in folders without ``__init__.py``; their basenames must be unique across ``tests/``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import GeneratedClient, generate_client


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Callable[..., GeneratedClient]]:
    """``make_client(spec, **config)``: generate and import a client from an inline spec fragment."""
    made: list[GeneratedClient] = []

    def make(spec: str | dict[str, Any] | Path, **config: Any) -> GeneratedClient:
        client = generate_client(spec, tmp_path / f"c{len(made)}", **config)
        made.append(client)
        return client

    yield make
    for client in made:
        for module in [m for m in sys.modules if m == client.name or m.startswith(client.name + ".")]:
            del sys.modules[module]
        if str(client.root) in sys.path:
            sys.path.remove(str(client.root))
