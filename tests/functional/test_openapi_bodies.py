"""Request bodies: several content types per operation (one method each), octet-stream, text/plain,
x-www-form-urlencoded, multipart with arrays of files and JSON parts, and JSON variants like merge-patch."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

BODIES = """
paths:
  /notes:
    post:
      operationId: createNote
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Note'}
          multipart/form-data:
            schema: {$ref: '#/components/schemas/Note'}
          application/x-www-form-urlencoded:
            schema: {$ref: '#/components/schemas/Note'}
          text/plain:
            schema: {type: string}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Note'}
  /blobs/{name}:
    put:
      operationId: putBlob
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      requestBody:
        required: true
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
      responses: {'204': {description: stored}}
  /logs:
    post:
      operationId: appendLog
      requestBody:
        content:
          text/plain:
            schema: {type: string}
      responses: {'204': {description: stored}}
  /tokens:
    post:
      operationId: requestToken
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [grant_type]
              properties:
                grant_type: {type: string, enum: [client_credentials, refresh_token]}
                scope: {type: array, items: {type: string}}
                remember: {type: boolean}
      responses: {'204': {description: issued}}
  /uploads:
    post:
      operationId: upload
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [files]
              properties:
                files: {type: array, items: {type: string, format: binary}}
                cover: {type: string, format: binary}
                meta: {$ref: '#/components/schemas/Note'}
                options: {type: object, properties: {public: {type: boolean}}}
                tags: {type: array, items: {type: string}}
            encoding:
              meta: {contentType: application/json}
      responses: {'204': {description: stored}}
  /notes/{id}:
    patch:
      operationId: patchNote
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content:
          application/merge-patch+json:
            schema: {$ref: '#/components/schemas/Note'}
      responses: {'204': {description: patched}}
components:
  schemas:
    Note:
      type: object
      required: [title]
      properties:
        title: {type: string}
        pinned: {type: boolean}
"""


@pytest.fixture
def api(make_client: Any) -> tuple[Any, Any, list[httpx.Request]]:
    c = make_client(BODIES)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/notes":
            return httpx.Response(201, json={"title": "t"})
        return httpx.Response(204)

    client = c.package.Client("https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    return c, client, seen


def _parts(request: httpx.Request) -> list[tuple[str, str | None, str | None, bytes]]:
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.message_from_bytes(head + request.content, policy=email.policy.HTTP)
    return [(part.get_param("name", header="content-disposition"), part.get_filename(), part.get("content-type"),
             part.get_payload(decode=True)) for part in message.iter_parts()]  # fmt: skip


def test_each_request_content_type_has_its_own_method(api: Any) -> None:
    c, client, seen = api
    note = client.create_note(title="t", pinned=True)
    client.create_note_multipart(title="t", pinned=True)
    client.create_note_form(title="t", pinned=False)
    client.create_note_text(body="just text")
    assert isinstance(note, c.models.Note)  # every variant returns what the operation returns
    assert [r.headers["content-type"].split(";")[0] for r in seen] == [
        "application/json", "multipart/form-data", "application/x-www-form-urlencoded", "text/plain",
    ]  # fmt: skip
    assert json.loads(seen[0].content) == {"title": "t", "pinned": True}
    assert [(name, payload) for name, _, _, payload in _parts(seen[1])] == [("title", b"t"), ("pinned", b"true")]
    assert parse_qsl(seen[2].content.decode()) == [("title", "t"), ("pinned", "false")]
    assert seen[3].content == b"just text"
    doc = type(client).create_note.__doc__
    assert "To send ``multipart/form-data`` instead, call ``create_note_multipart``." in doc
    assert "To send ``text/plain`` instead, call ``create_note_text``." in doc


def test_octet_stream_upload_takes_bytes_paths_and_named_tuples(api: Any, tmp_path: Path) -> None:
    _, client, seen = api
    client.put_blob("a", body=b"\x00\x01")
    file = tmp_path / "data.bin"
    file.write_bytes(b"from disk")
    client.put_blob("b", body=file)
    client.put_blob("c", body=("x.png", b"png!", "image/png"))
    assert [(r.content, r.headers["content-type"]) for r in seen] == [
        (b"\x00\x01", "application/octet-stream"), (b"from disk", "application/octet-stream"),
        (b"png!", "application/octet-stream"),
    ]  # fmt: skip


def test_text_plain_body_is_optional(api: Any) -> None:
    _, client, seen = api
    client.append_log(body="line 1\nline 2")
    client.append_log()
    assert (seen[0].content, seen[0].headers["content-type"]) == (b"line 1\nline 2", "text/plain")
    assert seen[1].content == b"" and "content-type" not in seen[1].headers


def test_form_urlencoded_fields(api: Any) -> None:
    c, client, seen = api
    client.request_token(grant_type=c.models.RequestTokenRequestGrantType.CLIENT_CREDENTIALS,
                         scope=["read", "write"], remember=True)  # fmt: skip
    assert seen[0].headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(seen[0].content.decode()) == [
        ("grant_type", "client_credentials"), ("scope", "read"), ("scope", "write"), ("remember", "true"),
    ]  # fmt: skip


def test_multipart_with_an_array_of_files_and_json_parts(api: Any) -> None:
    c, client, seen = api
    client.upload(
        files=[b"one", ("two.txt", b"two", "text/plain")], cover=("c.jpg", b"jpg", "image/jpeg"),
        meta=c.models.Note(title="n"), options_={"public": True}, tags=["a", "b"],
    )  # fmt: skip
    assert _parts(seen[0]) == [
        ("meta", None, "application/json", b'{"title":"n"}'),
        ("options", None, "application/json", b'{"public":true}'),
        ("tags", None, None, b"a"),
        ("tags", None, None, b"b"),
        ("files", "files", "application/octet-stream", b"one"),
        ("files", "two.txt", "text/plain", b"two"),
        ("cover", "c.jpg", "image/jpeg", b"jpg"),
    ]


def test_json_variants_keep_their_content_type(api: Any) -> None:
    _, client, seen = api
    client.patch_note("n1", title="new")
    assert seen[0].headers["content-type"] == "application/merge-patch+json"
    assert json.loads(seen[0].content) == {"title": "new"}


def test_the_generated_package_type_checks(api: Any) -> None:
    c, _, _ = api
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
    run = c.run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:]


def test_an_alternative_whose_method_name_is_taken_is_skipped_with_a_warning(make_client: Any) -> None:
    c = make_client("""
paths:
  /a:
    post:
      operationId: send
      requestBody:
        content:
          application/json: {schema: {type: object, properties: {x: {type: string}}}}
          application/x-www-form-urlencoded: {schema: {type: object, properties: {x: {type: string}}}}
          application/octet-stream: {schema: {type: string, format: binary}}
      responses: {'204': {description: ok}}
  /b:
    post:
      operationId: sendForm
      responses: {'204': {description: ok}}
""")
    warned = [(d.code, d.pointer) for d in c.result.diagnostics if d.code == "name-collision"]
    assert warned == [("name-collision", "/paths/~1a/post/requestBody/content/application~1x-www-form-urlencoded")]
    client = c.package.Client("https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(
        lambda request: httpx.Response(204, headers={"x-path": request.url.path}))))  # fmt: skip
    assert client.send_form() is None  # the operation keeps its name
    assert callable(client.send_binary)  # the other alternative still has its method


def test_a_form_body_without_declared_fields_sends_the_given_object(make_client: Any) -> None:
    c = make_client("""
paths:
  /customers/{id}:
    delete:
      operationId: deleteCustomer
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {}}
      responses: {'204': {description: ok}}
""")
    seen: list[httpx.Request] = []
    handler = httpx.MockTransport(lambda request: seen.append(request) or httpx.Response(204))
    client = c.package.Client("https://api.test", http_client=httpx.Client(transport=handler))
    client.delete_customer("c1", body={"reason": "duplicate", "tags": ["a", "b"]})
    client.delete_customer("c2")
    assert seen[0].headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(seen[0].content.decode()) == [("reason", "duplicate"), ("tags", "a"), ("tags", "b")]
    assert seen[1].content == b""
