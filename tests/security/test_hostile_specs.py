"""Property test: hostile strings anywhere in a spec never become code in the generated client.

Hypothesis builds documents whose descriptions, titles, property/schema/parameter names, operationIds,
paths, enum values, defaults, examples, server URLs and security scheme names carry payloads (see
``hostile.py``); every generated client must compile, import without running them, and contain no
dangerous call.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.hostile import braceless, build_document, check_client, documents, payloads


@pytest.fixture(scope="module")
def marker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("marker") / "payload-ran"


_counter = iter(range(10**6))


_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=_HEALTH)
@given(data=st.data())
def test_hostile_documents_generate_inert_clients(
    data: st.DataObject, marker: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    spec = data.draw(documents(marker))
    check_client(spec, tmp_path_factory.mktemp(f"hostile{next(_counter)}"), marker)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=_HEALTH)
@given(data=st.data())
def test_many_more_hostile_documents_generate_inert_clients(
    data: st.DataObject, marker: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The same property over ten times the documents, drawn afresh on every run (the slow tier)."""
    spec = data.draw(documents(marker))
    check_client(spec, tmp_path_factory.mktemp(f"hostile-many{next(_counter)}"), marker)


def test_every_payload_in_every_slot(marker: Path, tmp_path: Path) -> None:
    """The fixed worst case: each slot of one document gets the next payload, round-robin."""
    texts = itertools.cycle(payloads(marker))
    names = itertools.cycle([braceless(p) for p in payloads(marker) if p.strip()])
    check_client(build_document(lambda: next(texts), lambda: next(names)), tmp_path / "all", marker)
