"""End to end on the real ElevenLabs spec (../shared): generate, import, call both seed operations sync and
async through a mock transport, decode errors and unknown variants, type-check and run the generated tests."""

from __future__ import annotations

import asyncio
import json
import os
import re
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
    """Generated with no flags: the api key is detected, the base URL comes from the environment."""
    newest = require_snapshots()[-1]
    where = tmp_path_factory.mktemp("elevenlabs")
    generated = generate_client(newest, where, validate=True, package_name="elevenlabs_full_client")
    os.environ["ELEVENLABS_FULL_BASE_URL"] = "https://api.elevenlabs.io"
    yield generated
    del os.environ["ELEVENLABS_FULL_BASE_URL"]
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
                            expect_ok=False)  # fmt: skip
    assert again.result.files == client.result.files
    manifest = json.loads((client.root / ".specsmith-manifest.json").read_text())
    assert set(manifest["files"]) == set(client.result.files or {})  # the generator owns exactly what it wrote


def test_no_flags_give_a_client_level_api_key(client: GeneratedClient) -> None:
    api = client.result.api
    assert api is not None
    assert [(s.argument, s.param_name) for s in api.security_schemes] == [("api_key", "xi-api-key")]
    assert not [op.name for op in api.operations() for p in op.params if p.wire_name.lower() == "xi-api-key"]
    assert any(d.code == "credential-detected" for d in client.result.diagnostics)


def test_flagged_operations_stream(client: GeneratedClient) -> None:
    api = client.result.api
    assert api is not None
    kinds = {(op.path, op.method): op.stream for op in api.operations()}
    assert sum(kind is not None for kind in kinds.values()) >= 12
    assert kinds[("/v1/text-to-speech/{voice_id}/stream", "POST")] == "bytes"
    assert kinds[("/v1/text-to-speech/{voice_id}/stream/with-timestamps", "POST")] == "lines"
    assert kinds[("/v1/music/detailed/stream", "POST")] == "events"


def test_text_to_speech_streams_over_http(client: GeneratedClient) -> None:
    pytest.importorskip("uvicorn")
    pytest.importorskip("fastapi")
    from fastapi import FastAPI
    from fastapi.responses import StreamingResponse

    from tests.e2e.live import Gate, serve

    gate, app, keys = Gate(), FastAPI(), []

    @app.middleware("http")
    async def record(request: Any, call_next: Any) -> Any:  # annotations here are strings FastAPI never reads
        keys.append(request.headers.get("xi-api-key"))
        return await call_next(request)

    @app.post("/v1/text-to-speech/{voice_id}/stream")
    async def speak(voice_id: str) -> Any:
        return StreamingResponse(gate.parts([b"ID3", b"audio-1", b"audio-2"]), media_type="audio/mpeg")

    @app.post("/v1/text-to-speech/{voice_id}/stream/with-timestamps")
    async def timestamps(voice_id: str) -> Any:
        lines = [json.dumps({"audio_base64": f"QQ{n}=", "alignment": None}).encode() + b"\n" for n in range(3)]
        return StreamingResponse(gate.parts(lines), media_type="application/json")

    with serve(app) as url, client.package.Client(url, api_key="secret") as api:
        with api.text_to_speech.stream("voice_1", text="Hello") as audio:
            assert next(audio) == b"ID3" and gate.sent == [0]
            gate.open()
            assert b"".join(audio) == b"audio-1audio-2"
        gate.reset()
        with api.text_to_speech.stream_with_timestamps("voice_1", text="Hello") as lines:
            first = next(lines)
            assert gate.sent == [0]
            gate.open()
            chunks = [first, *lines]
    assert keys == ["secret", "secret"]
    assert [c.audio_base64 for c in chunks] == ["QQ0=", "QQ1=", "QQ2="]


def test_names_a_person_would_write(client: GeneratedClient) -> None:
    api = client.result.api
    assert api is not None
    names = [d.name for d in (*api.models, *api.enums, *api.unions)]
    assert [n for n in names if re.search(r"_[0-9a-f]{8}$", n)] == []  # no hash-shortened type names
    assert "ComposeDetailedStreamCompositionPlan" in names
    _, transport = _recording(httpx.Response(200, json={"models": []}))
    with client.package.Client(api_key="k", http_client=httpx.Client(transport=transport)) as sdk:
        assert callable(sdk.models.list)  # the resource keeps its name; its module is models_
