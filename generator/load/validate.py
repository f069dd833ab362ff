"""Validate a bundled spec against the OpenAPI 3.0/3.1 schemas (openapi-spec-validator), with a cache."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from .pointer import join
from .refs import ResolvedSpec, deref, locate
from .spec_validator import iter_errors

__all__ = ["oas_version", "validate_spec"]

_CACHE_FORMAT = "1"  # bump when bundling changes what the validator sees for the same input files
_MESSAGE_HEAD, _MESSAGE_TAIL = 160, 60
_VERSIONS = ("3.0", "3.1")
_SPACE = re.compile(r"\s+")


def validate_spec(spec: ResolvedSpec, diagnostics: Diagnostics, *, cache_dir: Path | None) -> None:
    """Check ``spec`` against its OpenAPI version's schema and rules; report problems as diagnostics.

    Each problem is a ``spec-invalid`` error at the offending node (mapped back to its source file);
    an ``openapi`` field other than 3.0.x/3.1.x is ``unsupported-version``; a crash inside the validator
    is a ``validator-crashed`` warning. When ``cache_dir`` is given, a clean result is remembered there
    (keyed by the spec's sha256 and the validator version) and later runs skip the work; invalid
    results are not cached.
    """
    version = oas_version(spec, diagnostics)
    if version is None:
        return
    marker = _marker(cache_dir, spec, version) if cache_dir is not None else None
    if marker is not None and marker.exists():
        return
    is_clean = _run(version, spec, diagnostics)
    if marker is not None and is_clean:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(f"{spec.display}\n", encoding="utf-8")
        except OSError as exc:
            message = f"cannot write {marker}: {exc.strerror or exc}"
            diagnostics.info("validation-cache-unwritable", message, file=spec.display)


def oas_version(spec: ResolvedSpec, diagnostics: Diagnostics) -> str | None:
    """"3.0" or "3.1"; anything else (Swagger 2, 3.2, a missing field) is an ``unsupported-version`` error."""
    data = spec.data if isinstance(spec.data, dict) else {}
    version = data.get("openapi")
    hint = None
    if version is None and "swagger" in data:
        message = f"Swagger {data['swagger']} documents are not supported"
        hint = "convert it to OpenAPI 3 first (for example with swagger2openapi)"
    elif version is None:
        message = "the document has no `openapi` field"
    elif not isinstance(version, str):
        message = f'`openapi` must be a string such as "3.1.0", not {version!r}'
        hint = 'quote the version in YAML: openapi: "3.1.0"'
    elif version[:3] in _VERSIONS and version[3:4] in ("", "."):
        return version[:3]
    else:
        message = f"OpenAPI {version} is not supported; use 3.0.x or 3.1.x"
    pointer = "/openapi" if version is not None else ("/swagger" if "swagger" in data else "")
    diagnostics.error("unsupported-version", message, file=spec.display, pointer=pointer, hint=hint)
    return None


def _marker(cache_dir: Path, spec: ResolvedSpec, version: str) -> Path:
    try:
        validator = importlib.metadata.version("openapi-spec-validator")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - vendored or renamed
        validator = "unknown"
    return cache_dir / f"valid-{spec.sha256}-oas{version}-osv{validator}-f{_CACHE_FORMAT}"


def _run(version: str, spec: ResolvedSpec, diagnostics: Diagnostics) -> bool:
    """Report every validation error; True when there were none and the validator did not crash."""
    seen: set[tuple[str, str, str]] = set()
    try:
        for error in iter_errors(version, spec.data):
            file, pointer = locate(spec, _real_pointer(spec.data, error.path))
            message = _one_line(error.message)
            if (file, pointer, message) not in seen:
                seen.add((file, pointer, message))
                diagnostics.error("spec-invalid", message, file=file, pointer=pointer)
    except Exception as exc:  # third-party code: whatever it raises, the run goes on
        diagnostics.warning(
            "validator-crashed",
            f"openapi-spec-validator failed ({exc.__class__.__name__}: {_one_line(str(exc))}); "
            "the spec was only partly validated",
            file=spec.display,
        )
        return False
    return not seen


def _real_pointer(data: Any, path: tuple[str | int, ...]) -> str:
    """The pointer of ``path`` in ``data``, following ``$ref``s the path passes through."""
    node, pointer, index = data, "", 0
    for index, token in enumerate(path):  # noqa: B007 - the index is used after a break
        if isinstance(node, dict) and token not in node and isinstance(node.get("$ref"), str):
            try:
                node, pointer = deref(data, node, pointer)
            except (KeyError, IndexError, ValueError):
                break
        try:
            node = node[token]
        except (KeyError, IndexError, TypeError):
            break
        pointer = join(pointer, token)
    else:
        return pointer
    return join(pointer, *path[index:])


def _one_line(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= _MESSAGE_HEAD + _MESSAGE_TAIL + 5:
        return text
    return f"{text[:_MESSAGE_HEAD]} … {text[-_MESSAGE_TAIL:]}"
