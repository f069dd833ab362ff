"""The files a spec's ``$ref``s name: where a reference points, whether it may be read, and reading it.

Local references resolve against the directory of the file that contains them and must stay inside the
root spec's folder (symlinks are followed before the check); ``http(s)`` references are fetched only when
the policy allows it, with a time and size budget; every other scheme is refused. Nothing is read that a
reference does not name.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from ..diagnostics import Diagnostics
from .loader import MAX_FILE_BYTES, Document, parse_bytes, read_capped
from .pointer import is_valid

__all__ = ["Address", "RefPolicy", "RefProblem", "Source", "Sources", "fetch_remote"]

_REMOTE_SCHEMES = ("http", "https")
_CHUNK = 65536


@dataclass(frozen=True, slots=True)
class RefPolicy:
    """What ``$ref``s may reach beyond the root spec's folder."""

    allow_outside_root: bool = False
    allow_remote: bool = False
    remote_timeout: float = 10.0  # seconds for a whole download
    remote_max_bytes: int = 20_000_000
    max_file_bytes: int = MAX_FILE_BYTES  # per local file; devices, pipes and sockets are never read


@dataclass(frozen=True, slots=True)
class Source:
    """A loaded file that references are resolved in."""

    key: str  # identity: real absolute path, or URL without fragment
    display: str  # how diagnostics name it
    data: Any
    sha256: str
    base: str  # what relative references in it resolve against: its directory, or its URL
    is_remote: bool = False
    is_root: bool = False


@dataclass(frozen=True, slots=True)
class Address:
    """Where a reference points: a file (by key) and an RFC 6901 pointer into it."""

    key: str
    display: str
    pointer: str
    is_remote: bool
    is_root: bool
    location: str = ""  # lexical absolute path or URL; relative refs inside resolve against it


@dataclass(frozen=True, slots=True)
class RefProblem:
    code: str
    message: str
    hint: str | None = None


class Sources:
    """Resolves reference strings to addresses and loads (once) the files they name."""

    def __init__(self, document: Document, diagnostics: Diagnostics, policy: RefPolicy) -> None:
        real = document.path.resolve()
        self.root = Source(
            str(real),
            document.display,
            document.data,
            document.sha256,
            str(document.path.parent),
            is_root=True,
        )
        self.root_dir = real.parent
        self.diagnostics = diagnostics
        self.policy = policy
        self._display_dir = os.path.dirname(document.display)
        self._loaded: dict[str, Source | None] = {self.root.key: self.root}

    def address(self, source: Source, ref: str) -> Address | RefProblem:
        """Where ``ref`` (found in ``source``) points; no I/O beyond following symlinks."""
        location, _, fragment = ref.partition("#")
        if "%" in fragment:
            fragment = unquote(fragment)
        if not is_valid(fragment):
            return RefProblem(
                "ref-invalid",
                f"$ref {ref!r}: the fragment must be a JSON pointer (#/...) with ~0/~1 escapes only",
            )
        if not location:
            if not ref:
                return RefProblem("ref-invalid", "empty $ref")
            return Address(source.key, source.display, fragment, source.is_remote, source.is_root)
        if source.is_remote:
            location = urljoin(source.base, location)
        parts = urlsplit(location)
        scheme = parts.scheme.lower()
        if scheme in _REMOTE_SCHEMES:
            if not self.policy.allow_remote:
                return RefProblem(
                    "ref-remote-refused",
                    f"$ref {ref!r} names a remote document; remote references are off",
                    "pass --allow-remote-refs to fetch it",
                )
            url = parts._replace(fragment="").geturl()
            return Address(url, url, fragment, True, False, url)
        if scheme or parts.netloc:
            return RefProblem(
                "ref-unsupported-scheme",
                f"$ref {ref!r}: only relative file paths and http(s) URLs are supported",
            )
        return self._local_address(source, ref, unquote(parts.path), fragment)

    def _local_address(
        self, source: Source, ref: str, path: str, fragment: str
    ) -> Address | RefProblem:
        if "\x00" in path:
            return RefProblem("ref-invalid", f"$ref {ref!r}: a file path cannot contain NUL")
        lexical = os.path.normpath(os.path.join(source.base, path))
        try:
            real = Path(lexical).resolve()
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop, before Python 3.13
            return RefProblem("ref-unresolved", f"$ref {ref!r}: cannot resolve the path ({exc})")
        if not self.policy.allow_outside_root and (
            PurePosixPath(path).is_absolute() or not real.is_relative_to(self.root_dir)
        ):
            return RefProblem(
                "ref-outside-root",
                f"$ref {ref!r} leaves the spec's folder; only files under it may be referenced",
                "move the file under the spec's folder, or pass --allow-outside-refs",
            )
        if str(real) == self.root.key:
            return Address(self.root.key, self.root.display, fragment, False, True)
        display = os.path.normpath(
            os.path.join(self._display_dir, os.path.relpath(lexical, self.root.base))
        )
        return Address(str(real), display, fragment, False, False, lexical)

    def open(self, address: Address, file: str, pointer: str) -> Source | None:
        """The loaded file at ``address``; problems are reported at the referencing ``file#pointer``."""
        if address.key in self._loaded:
            return self._loaded[address.key]
        raw = self._read(address, file, pointer)
        source = None
        if raw is not None:
            is_parsed, data = parse_bytes(raw, address.display, self.diagnostics)
            if is_parsed:
                base = address.location if address.is_remote else os.path.dirname(address.location)
                digest = hashlib.sha256(raw).hexdigest()
                source = Source(address.key, address.display, data, digest, base, address.is_remote)
        self._loaded[address.key] = source
        return source

    def _read(self, address: Address, file: str, pointer: str) -> bytes | None:
        try:
            if address.is_remote:
                return fetch_remote(
                    address.key, self.policy.remote_timeout, self.policy.remote_max_bytes
                )
            return read_capped(address.key, self.policy.max_file_bytes)
        except (OSError, ValueError, http.client.HTTPException) as exc:
            code = "ref-remote-failed" if address.is_remote else "ref-unresolved"
            reason = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
            self.diagnostics.error(
                code, f"cannot read {address.display}: {reason}", file=file, pointer=pointer
            )
            return None

    @property
    def bundled(self) -> list[Source]:
        """Every file other than the root that was loaded, sorted by key."""
        return sorted(
            (s for s in self._loaded.values() if s and not s.is_root), key=lambda s: s.key
        )


class _HTTPOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(  # noqa: PLR0917 - the standard library's signature
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        if urlsplit(newurl).scheme.lower() not in _REMOTE_SCHEMES:
            fp.close()
            raise urllib.error.URLError(f"redirect to a non-HTTP URL refused: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_remote(url: str, timeout: float, max_bytes: int) -> bytes:
    """Download ``url`` (http/https only) within ``timeout`` seconds and ``max_bytes`` bytes.

    Raises ``OSError`` (``urllib.error.URLError`` and timeouts included), ``ValueError`` or
    ``http.client.HTTPException`` on any failure.
    """
    if urlsplit(url).scheme.lower() not in _REMOTE_SCHEMES:
        raise ValueError(f"not an http(s) URL: {url}")
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_HTTPOnlyRedirects)
    chunks: list[bytes] = []
    size = 0
    with opener.open(url, timeout=timeout) as response:
        while chunk := response.read(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise ValueError(f"larger than {max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise TimeoutError(f"took longer than {timeout:g} s")
            chunks.append(chunk)
    return b"".join(chunks)
