"""A small FastAPI app implementing the two seed operations of specs/elevenlabs.yaml with an in-memory store.

It behaves like the real API where the client can tell: the ``xi-api-key`` header is required, the file
arrives as a multipart part, unknown documents are 404, a missing file is a 422 validation error.
"""

from __future__ import annotations

import itertools
from typing import Any

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse

__all__ = ["create_app"]

API_KEY = "test-key"


def create_app() -> FastAPI:
    """A fresh app with one text document (``doc_1``) in its store."""
    app = FastAPI()
    documents: dict[str, dict[str, Any]] = {"doc_1": _document("doc_1", "notes.txt", b"")}
    uploads: dict[str, list[bytes]] = {}
    counter = itertools.count(1)

    def authorise(key: str | None) -> None:
        if key != API_KEY:
            raise HTTPException(status_code=401, detail="invalid api key")

    async def file_part(request: Request) -> tuple[str, bytes] | JSONResponse:
        async with request.form() as form:  # closes the spooled upload files
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                detail = [{"loc": ["body", "file"], "msg": "Field required", "type": "missing"}]
                return JSONResponse({"detail": detail}, status_code=422)
            return upload.filename or "upload", await upload.read()

    @app.post("/v1/convai/conversations/{conversation_id}/files")
    async def upload_file(conversation_id: str, request: Request, xi_api_key: str | None = Header(None)) -> Any:
        authorise(xi_api_key)
        part = await file_part(request)
        if isinstance(part, JSONResponse):
            return part
        uploads.setdefault(conversation_id, []).append(part[1])
        return {"file_id": f"file_{next(counter)}"}

    @app.patch("/v1/convai/knowledge-base/{documentation_id}/update-file")
    async def update_file(documentation_id: str, request: Request, xi_api_key: str | None = Header(None)) -> Any:
        authorise(xi_api_key)
        if documentation_id not in documents:
            raise HTTPException(status_code=404, detail="document not found")
        part = await file_part(request)
        if isinstance(part, JSONResponse):
            return part
        documents[documentation_id] = _document(documentation_id, part[0], part[1])
        return documents[documentation_id]

    app.state.uploads = uploads
    return app


def _document(identifier: str, filename: str, content: bytes) -> dict[str, Any]:
    return {
        "type": "file",
        "id": identifier,
        "name": filename,
        "filename": filename,
        "metadata": {"created_at_unix_secs": 1, "last_updated_at_unix_secs": 2, "size_bytes": len(content)},
        "supported_usages": ["prompt", "auto"],
        "access_info": {"is_creator": True, "creator_name": "Ada", "creator_email": "ada@example.com",
                        "role": "admin"},
        "folder_parent_id": None,
        "extracted_inner_html": content.decode("utf-8", "replace"),
    }
