"""End to end on the real ElevenLabs spec (../shared): generate, import, call both seed operations sync and
async through a mock transport, decode errors and unknown variants, type-check and run the generated tests."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support import GeneratedClient, generate_client, require_snapshots

pytestmark = pytest.mark.slow

FILE_DOCUMENT: dict[str, Any] = {
    "type": "file",
    "id": "doc_1",
    "name": "handbook.pdf",
    "metadata": {"created_at_unix_secs": 1, "last_updated_at_unix_secs": 2, "size_bytes": 3},
    "supported_usages": ["prompt", "auto"],
    "access_info": {"is_creator": True, "creator_name": "A", "creator_email": "a@x.io", "role": "admin"},
    "extracted_inner_html": "<p>hi</p>",
    "filename": "handbook.pdf",
    "folder_path": [{"id": "f1", "name": None}],
    "a_field_from_a_newer_server": {"kept": True},
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GeneratedClient]:
    newest = require_snapshots()[-1]
    where = tmp_path_factory.mktemp("elevenlabs")
    generated = generate_client(newest, where, validate=True, package_name="elevenlabs_full_client",
                                base_url="https://api.elevenlabs.io", api_key_header="xi-api-key")  # fmt: skip
    yield generated
    for name in [m for m in sys.modules if m.startswith("elevenlabs_full_client")]:
        del sys.modules[name]


def _recording(answer: httpx.Response) -> tuple[list[httpx.Request], httpx.MockTransport]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer

    return seen, httpx.MockTransport(handler)


def test_generation_is_clean(client: GeneratedClient) -> None:
    errors = [d for d in client.result.diagnostics if d.severity.name == "ERROR"]
    assert errors == []
    api = client.result.api
    assert api is not None and len(api.operations()) >= 380
    names = {m.name for m in api.models}
    # Foo-Input / Foo-Output pairs stay two classes (openapi-python-client folds them into one).
    assert {"AgentConfigAPIModelInput", "AgentConfigAPIModelOutput"} <= names or \
        sum(n.endswith("Input") for n in names) > 50  # fmt: skip


def test_update_file_sync(client: GeneratedClient) -> None:
    seen, transport = _recording(httpx.Response(200, json=FILE_DOCUMENT))
    api = client.package.Client(api_key="secret", http_client=httpx.Client(transport=transport))
    result = api.conversational_ai.knowledge_base.document.update_file(documentation_id="doc/../1", file=b"%PDF")
    request = seen[0]
    assert request.method == "PATCH"
    assert request.url.raw_path == b"/v1/convai/knowledge-base/doc%2F..%2F1/update-file"
    assert request.url.host == "api.elevenlabs.io"
    assert request.headers["xi-api-key"] == "secret"
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"' in request.content and b"%PDF" in request.content
    assert type(result).__name__ == "GetKnowledgeBaseFileResponseModel"
    assert result.filename == "handbook.pdf" and result.metadata.size_bytes == 3
    assert result.to_dict()["a_field_from_a_newer_server"] == {"kept": True}


def test_conversation_file_upload_async(client: GeneratedClient, tmp_path: Path) -> None:
    seen, transport = _recording(httpx.Response(200, json={"file_id": "file_9"}))
    upload = tmp_path / "photo.png"
    upload.write_bytes(b"\x89PNG")

    async def call() -> Any:
        async with client.package.AsyncClient(api_key="k", http_client=httpx.AsyncClient(transport=transport)) as api:
            return await api.conversational_ai.conversations.files.create(conversation_id="conv_1", file=upload)

    result = asyncio.run(call())
    request = seen[0]
    assert request.method == "POST"
    assert request.url.path == "/v1/convai/conversations/conv_1/files"
    assert request.headers["xi-api-key"] == "k"
    assert b'filename="photo.png"' in request.content
    assert result.file_id == "file_9"


def test_update_file_async_decodes_each_variant(client: GeneratedClient) -> None:
    folder = {**FILE_DOCUMENT, "type": "folder", "children_count": 4, "document_count": 1}
    _seen, transport = _recording(httpx.Response(200, json=folder))

    async def call() -> Any:
        api = client.package.AsyncClient(api_key="k", http_client=httpx.AsyncClient(transport=transport))
        return await api.conversational_ai.knowledge_base.document.update_file("d", file=(None, b"x", "text/plain"))

    result = asyncio.run(call())
    assert type(result).__name__ == "GetKnowledgeBaseFolderResponseModel"
    assert result.children_count == 4


def test_validation_error_is_raised_with_parsed_body(client: GeneratedClient) -> None:
    detail = {"detail": [{"loc": ["body", "file"], "msg": "field required", "type": "missing"}]}
    _seen, transport = _recording(httpx.Response(422, json=detail))
    api = client.package.Client(api_key="k", http_client=httpx.Client(transport=transport), max_retries=0)
    with pytest.raises(client.package.UnprocessableEntityError) as raised:
        api.conversational_ai.knowledge_base.document.update_file("d", file=b"x")
    error = raised.value
    assert error.status_code == 422
    assert type(error.body).__name__ == "HTTPValidationError"
    assert error.body.detail[0].msg == "field required"
    assert error.body.detail[0].loc == ["body", "file"]


def test_unknown_document_type_does_not_crash(client: GeneratedClient) -> None:
    newer = {**FILE_DOCUMENT, "type": "video", "duration": 3}
    _, transport = _recording(httpx.Response(200, json=newer))
    api = client.package.Client(api_key="k", http_client=httpx.Client(transport=transport))
    result = api.conversational_ai.knowledge_base.document.update_file("d", file=b"x")
    assert isinstance(result, client.package.UnknownVariant)
    assert result.tag == "video" and result.raw == newer


def test_generated_tests_pass(client: GeneratedClient) -> None:
    run = client.run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert " passed" in run.stdout


def test_generated_package_type_checks(client: GeneratedClient) -> None:
    run = client.mypy()
    assert run.returncode == 0, run.stdout[-3000:]


def test_every_generated_file_is_black_clean(client: GeneratedClient) -> None:
    run = subprocess.run([sys.executable, "-m", "black", "--check", "-q", "--line-length", "100",
                          "--target-version", "py310", str(client.root)], capture_output=True, text=True, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]


def test_regeneration_is_deterministic(client: GeneratedClient, tmp_path: Path) -> None:
    again = generate_client(require_snapshots()[-1], tmp_path, package_name="elevenlabs_full_client",
                            base_url="https://api.elevenlabs.io", api_key_header="xi-api-key", expect_ok=False)  # fmt: skip
    assert again.result.files == client.result.files
    manifest = json.loads((client.root / ".specsmith-manifest.json").read_text())
    assert set(manifest["files"]) == set(client.result.files or {})  # the generator owns exactly what it wrote
