"""The vendored client of specs/elevenlabs.yaml against a real HTTP server (uvicorn on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")
pytest.importorskip("multipart")

from tests.e2e.live import serve  # noqa: E402
from tests.e2e.seed_server import API_KEY, create_app  # noqa: E402

VENDORED = Path(__file__).resolve().parents[2] / "generated" / "elevenlabs"


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve(create_app()) as url:
        yield url


@pytest.fixture(scope="module")
def sdk() -> Iterator[ModuleType]:
    sys.path.insert(0, str(VENDORED))
    try:
        import elevenlabs_client

        yield elevenlabs_client
    finally:
        sys.path.remove(str(VENDORED))


def test_update_file_over_http(sdk: ModuleType, base_url: str, tmp_path: Path) -> None:
    handbook = tmp_path / "handbook.txt"
    handbook.write_text("Refunds take 5 days.")
    with sdk.Client(base_url, api_key=API_KEY) as client:
        document = client.conversational_ai.knowledge_base.document.update_file(documentation_id="doc_1", file=handbook)
    assert type(document).__name__ == "GetKnowledgeBaseFileResponseModel"
    assert document.filename == "handbook.txt"
    assert document.extracted_inner_html == "Refunds take 5 days."
    assert document.metadata.size_bytes == len("Refunds take 5 days.")


def test_conversation_upload_over_http_async(sdk: ModuleType, base_url: str) -> None:
    async def upload() -> object:
        async with sdk.AsyncClient(base_url, api_key=API_KEY) as client:
            return await client.conversational_ai.conversations.files.create(
                conversation_id="conv_7", file=("scan.pdf", b"%PDF-1.7", "application/pdf")
            )

    result = asyncio.run(upload())
    assert result.file_id.startswith("file_")


def test_errors_over_http(sdk: ModuleType, base_url: str) -> None:
    with sdk.Client(base_url, api_key="wrong", max_retries=0) as client:
        with pytest.raises(sdk.AuthenticationError) as denied:
            client.conversational_ai.knowledge_base.document.update_file("doc_1", file=b"x")
    assert denied.value.status_code == 401
    with sdk.Client(base_url, api_key=API_KEY, max_retries=0) as client:
        with pytest.raises(sdk.NotFoundError):
            client.conversational_ai.knowledge_base.document.update_file("missing", file=b"x")


def test_path_parameter_cannot_escape_its_segment(sdk: ModuleType, base_url: str) -> None:
    with sdk.Client(base_url, api_key=API_KEY, max_retries=0) as client:
        with pytest.raises(sdk.NotFoundError):  # "../.." stays inside the documentation_id segment
            client.conversational_ai.knowledge_base.document.update_file("../../conversations/x/files", file=b"x")
