"""Validate a bundled spec against the OpenAPI 3.0/3.1 schemas and rules (fast_validator, or openapi-spec-validator
as the reference), tolerate what a correct client does not need, cache clean verdicts."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from . import fast_validator, spec_validator
from .pointer import join, parse
from .refs import ResolvedSpec, deref, locate
from .tolerance import classify, without

__all__ = ["oas_version", "validate_spec"]

_CACHE_FORMAT = "1"  # bump when bundling changes what the validator sees for the same input files
_MESSAGE_HEAD, _MESSAGE_TAIL = 160, 60
_VERSIONS = ("3.0", "3.1")
_SPACE = re.compile(r"\s+")
_CHOICE = "SPECSMITH_VALIDATOR"
_ROUNDS = 8  # validations of a pruned document at most; each round removes at least one value


def validate_spec(spec: ResolvedSpec, diagnostics: Diagnostics, *, cache_dir: Path | None) -> ResolvedSpec:
    """Check ``spec`` against its OpenAPI version's schema and rules; report problems as diagnostics.

    Each problem that makes the client ambiguous or wrong is a ``spec-invalid`` error at the offending
    node (mapped back to its source file); one that does not is a ``spec-tolerated`` warning and the
    offending value is removed from the returned spec (see :mod:`.tolerance`). An ``openapi`` field
    other than 3.0.x/3.1.x is ``unsupported-version``; a crash inside the validator is a
    ``validator-crashed`` warning. When ``cache_dir`` is given, a clean result is remembered there
    (keyed by the spec's sha256 and the validator version) and later runs skip the work; results with
    any finding are not cached.
    """
    version = oas_version(spec, diagnostics)
    if version is None:
        return spec
    marker = _marker(cache_dir, spec, version) if cache_dir is not None else None
    if marker is not None and marker.exists():
        return spec
    checked, is_clean = _run(version, spec, diagnostics)
    if marker is not None and is_clean:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(f"{spec.display}\n", encoding="utf-8")
        except OSError as exc:
            message = f"cannot write {marker}: {exc.strerror or exc}"
            diagnostics.info("validation-cache-unwritable", message, file=spec.display)
    return checked


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


def _uses_reference() -> bool:
    """openapi-spec-validator itself when ``SPECSMITH_VALIDATOR=reference``; else the fast validator,
    which reports the same findings (tests/unit/test_fast_validator.py compares the two)."""
    return os.environ.get(_CHOICE, "").strip().lower() in ("reference", "openapi-spec-validator")


def _iter_errors(version: str, data: Any) -> Iterator[spec_validator.LocatedError]:
    if _uses_reference():
        return spec_validator.iter_errors(version, data)
    return fast_validator.iter_errors(version, data)


def _marker(cache_dir: Path, spec: ResolvedSpec, version: str) -> Path:
    if _uses_reference():
        try:
            validator = "osv" + importlib.metadata.version("openapi-spec-validator")
        except importlib.metadata.PackageNotFoundError:  # pragma: no cover - vendored or renamed
            validator = "osv-unknown"
    else:
        validator = fast_validator.version()
    digest = hashlib.sha256(validator.encode()).hexdigest()[:12]
    return cache_dir / f"valid-{spec.sha256}-oas{version}-{digest}-f{_CACHE_FORMAT}"


def _run(version: str, spec: ResolvedSpec, diagnostics: Diagnostics) -> tuple[ResolvedSpec, bool]:
    """Report every finding; the spec without tolerated values, and True when there were no findings and
    the validator did not crash.

    Removing a tolerated value can reveal findings the validator hid behind it (it reports one
    alternative of a ``oneOf``), so the pruned document is validated again, a bounded number of times.
    """
    seen: set[tuple[str, str, str]] = set()
    findings = 0
    data = spec.data
    try:
        for _ in range(_ROUNDS):
            drops: list[tuple[str, ...]] = []
            for finding in _iter_errors(version, data):
                findings += 1
                verdict = classify(finding)
                drops.extend(tuple(parse(_real_pointer(data, path))) for path in verdict.drop)
                if verdict.severity is None:
                    continue
                file, pointer = locate(spec, _real_pointer(data, finding.path))
                message = _one_line(verdict.message)
                if (file, pointer, message) in seen:
                    continue
                seen.add((file, pointer, message))
                if verdict.severity == "error":
                    diagnostics.error("spec-invalid", message, file=file, pointer=pointer)
                else:
                    diagnostics.warning("spec-tolerated", message, file=file, pointer=pointer)
            if not drops:
                break
            data = without(data, drops)
    except Exception as exc:  # third-party code: whatever it raises, the run goes on
        diagnostics.warning(
            "validator-crashed",
            f"the validator failed ({exc.__class__.__name__}: {_one_line(str(exc))}); "
            "the spec was only partly validated",
            file=spec.display,
        )
        return replace(spec, data=data), False
    return (spec if data is spec.data else replace(spec, data=data)), not findings


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
