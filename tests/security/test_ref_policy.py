"""``$ref``s that leave the spec's folder or name a remote document are refused unless a flag allows it.

The network is never touched here: every socket entry point fails the test if called. (The load
engineer's tests cover fetching with ``--allow-remote-refs``.)
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.cli_run import isolated_cache, run_cli  # noqa: F401  (autouse fixture)

SECRET = "Secret: {type: object, properties: {password_hash: {type: string}}}\n"


def _spec(ref: str) -> str:
    return f"""openapi: 3.1.0
info: {{title: Refs, version: "1"}}
paths:
  /a:
    get:
      operationId: get_a
      responses:
        "200": {{description: ok, content: {{application/json: {{schema: {{$ref: "{ref}"}}}}}}}}
"""


POINTER = "#/paths/~1a/get/responses/200/content/application~1json/schema"


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    """tmp/secret.yaml (outside) and tmp/api/ (the spec's folder) with a symlink pointing out."""
    (tmp_path / "secret.yaml").write_text(SECRET, encoding="utf-8")
    (tmp_path / "api" / "sub").mkdir(parents=True)
    (tmp_path / "api" / "sub" / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    (tmp_path / "api" / "inner.yaml").write_text(
        "Inner: {type: object, properties: {leak: {$ref: '../secret.yaml#/Secret'}}}\n", encoding="utf-8"
    )
    return tmp_path


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args))
        raise AssertionError(f"network access attempted: {args!r}")

    for name in ("getaddrinfo", "create_connection"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield attempts
    assert not attempts, attempts


def _generate(layout: Path, ref: str, *flags: str) -> tuple[int, str, Path]:
    spec = layout / "api" / "openapi.yaml"
    spec.write_text(_spec(ref), encoding="utf-8")
    out = layout / "out"
    run = run_cli("generate", spec, "-o", out, "--package-name", "refs", *flags)
    return run.code, run.stderr, out


@pytest.mark.parametrize(
    "ref",
    ["../secret.yaml#/Secret", "sub/../../secret.yaml#/Secret", "sub/link.yaml#/Secret", "inner.yaml#/Inner"],
    ids=["parent", "dotdot-inside-path", "symlink-out", "nested-file-refers-out"],
)
def test_refs_leaving_the_spec_folder_are_refused(ref: str, layout: Path) -> None:
    code, stderr, out = _generate(layout, ref)
    assert code == 1
    assert "error[ref-outside-root]" in stderr and "--allow-outside-refs" in stderr
    assert not out.exists()


def test_absolute_path_refs_are_refused(layout: Path) -> None:
    code, stderr, out = _generate(layout, f"{layout / 'secret.yaml'}#/Secret")
    assert code == 1
    assert "error[ref-outside-root]" in stderr
    assert not out.exists()


def test_outside_ref_error_points_at_the_ref(layout: Path) -> None:
    _, stderr, _ = _generate(layout, "../secret.yaml#/Secret")
    assert f"openapi.yaml{POINTER}: error[ref-outside-root]" in stderr


def test_outside_refs_are_followed_when_allowed(layout: Path) -> None:
    code, stderr, out = _generate(layout, "../secret.yaml#/Secret", "--allow-outside-refs")
    assert code == 0, stderr
    assert "password_hash" in (out / "refs" / "models" / "secret.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("ref", ["https://example.com/s.yaml#/S", "http://127.0.0.1:9/s.json#/S",
                                 "HTTPS://EXAMPLE.COM/S.YAML"])  # fmt: skip
def test_remote_refs_are_refused_without_touching_the_network(ref: str, layout: Path) -> None:
    code, stderr, out = _generate(layout, ref)
    assert code == 1
    assert "error[ref-remote-refused]" in stderr and "--allow-remote-refs" in stderr
    assert not out.exists()


def test_remote_refs_are_refused_even_with_outside_refs_allowed(layout: Path) -> None:
    code, stderr, _ = _generate(layout, "https://example.com/s.yaml#/S", "--allow-outside-refs")
    assert code == 1 and "error[ref-remote-refused]" in stderr


@pytest.mark.parametrize("ref", ["file:///etc/passwd", "ftp://example.com/x.yaml", "//example.com/x.yaml"])
def test_other_schemes_are_never_followed(ref: str, layout: Path) -> None:
    code, stderr, _ = _generate(layout, ref, "--allow-outside-refs")
    assert code == 1
    assert "error[ref-unsupported-scheme]" in stderr or "error[ref-outside-root]" in stderr
    assert "root:" not in stderr  # nothing of /etc/passwd is echoed


def test_validate_applies_the_same_policy(layout: Path) -> None:
    spec = layout / "api" / "openapi.yaml"
    spec.write_text(_spec("../secret.yaml#/Secret"), encoding="utf-8")
    assert run_cli("validate", spec).code == 1
    assert run_cli("validate", spec, "--allow-outside-refs").code == 0
