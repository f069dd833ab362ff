"""Configuration: one ``ClientConfig`` per generated client, from ``[tool.specsmith]`` or flags."""

from __future__ import annotations

import keyword
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

__all__ = ["ClientConfig", "ConfigError", "default_cache_dir", "default_prefix", "package_name_problem", "read_clients"]


class ConfigError(Exception):
    """A problem with pyproject.toml's [tool.specsmith] table (reported without a traceback)."""


# Importable names a generated package must not take: every client imports httpx (and its own
# dependencies), the standard library's modules, and the output folder's ``tests`` package.
_TAKEN = frozenset(sys.stdlib_module_names) | {
    "httpx", "httpcore", "h11", "anyio", "sniffio", "idna", "certifi", "typing_extensions", "tests",
    "specsmith", "pytest", "site", "sitecustomize", "usercustomize",
}  # fmt: skip
_DISTRIBUTION = re.compile(r"^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$")  # PEP 508


def package_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a generated package's import name, or None when it can."""
    if not isinstance(name, str) or not name.isascii() or not name.isidentifier():
        return "is not a Python identifier of ASCII letters, digits and underscores (not starting with a digit)"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return "is a Python keyword"
    if name in _TAKEN or name.lower() in _TAKEN:
        return "is the name of a module the client imports (standard library, httpx or its dependencies, tests)"
    if name.startswith("__") and name.endswith("__"):
        return "is a dunder name"
    return None


@dataclass(frozen=True, slots=True)
class ClientConfig:
    spec: Path
    output: Path
    package_name: str
    project_name: str | None = None
    version: str = "0.1.0"
    base_url: str | None = None
    api_key_header: str | None = None
    client_name: str = "Client"
    template_dir: Path | None = None
    allow_outside_refs: bool = False
    allow_remote_refs: bool = False
    validate: bool = True
    with_tests: bool = True
    max_file_bytes: int = 100_000_000  # per spec file read (root or $ref'd)
    spec_label: str | None = None  # how output headers and diagnostics name the spec (as the user wrote it)
    env_prefix: str | None = None  # <PREFIX>_API_KEY, <PREFIX>_BASE_URL, <PREFIX>_LOG; default from the package
    environments: tuple[tuple[str, str], ...] = ()  # named base URLs beside the spec's servers
    detect_credentials: bool = True  # a header (nearly) every operation takes becomes the client's api_key
    pagination: tuple[tuple[str, Any], ...] = ()  # operationId or "METHOD /path" → false or {cursor, ...}

    def __post_init__(self) -> None:
        problem = package_name_problem(self.package_name)
        if problem:
            raise ConfigError(f"package name {self.package_name!r} {problem}; choose another with --package-name")
        if not _DISTRIBUTION.match(self.distribution):
            raise ConfigError(f"project name {self.distribution!r} is not a valid distribution name (PEP 508: "
                              "ASCII letters, digits, '.', '_', '-'); pass --project-name")  # fmt: skip
        if not self.client_name.isascii() or not self.client_name.isidentifier() or keyword.iskeyword(self.client_name):
            raise ConfigError(f"client name {self.client_name!r} is not an ASCII Python identifier")

    @property
    def distribution(self) -> str:
        return self.project_name or self.package_name.replace("_", "-")


_KEYS = {
    "spec": "spec", "output": "output", "package-name": "package_name", "project-name": "project_name",
    "version": "version", "base-url": "base_url", "api-key-header": "api_key_header",
    "client-name": "client_name", "template-dir": "template_dir", "allow-outside-refs": "allow_outside_refs",
    "allow-remote-refs": "allow_remote_refs", "validate": "validate", "tests": "with_tests",
    "max-file-bytes": "max_file_bytes",
    "env-prefix": "env_prefix", "environments": "environments", "detect-credentials": "detect_credentials",
    "pagination": "pagination",
}  # fmt: skip
_PATHS = ("spec", "output", "template_dir")


def read_clients(pyproject: Path) -> list[ClientConfig]:
    """Every ``[[tool.specsmith.clients]]`` entry, paths made relative to the pyproject's folder."""
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{pyproject}: cannot read: {error}") from error
    entries = data.get("tool", {}).get("specsmith", {}).get("clients", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{pyproject}: no [[tool.specsmith.clients]] entries; pass SPEC --output DIR instead")
    return [_client(pyproject.parent, entry, index) for index, entry in enumerate(entries)]


def _client(root: Path, entry: Any, index: int) -> ClientConfig:
    where = f"[[tool.specsmith.clients]] #{index + 1}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be a table")
    unknown = sorted(set(entry) - set(_KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown keys {unknown}; known: {sorted(_KEYS)}")
    values: dict[str, Any] = {_KEYS[k]: v for k, v in entry.items()}
    for required in ("spec", "output", "package_name"):
        if not values.get(required):
            raise ConfigError(f"{where}: '{required.replace('_', '-')}' is required")
    problem = package_name_problem(str(values["package_name"]))
    if problem:
        raise ConfigError(f"{where}: package-name {values['package_name']!r} {problem}")
    values["spec_label"] = str(values["spec"])
    if "pagination" in values:
        values["pagination"] = _pagination(where, values["pagination"])
    if "environments" in values:
        values["environments"] = _environments(where, values["environments"])
    prefix = values.get("env_prefix")
    if prefix is not None and not (isinstance(prefix, str) and prefix.isidentifier()):
        raise ConfigError(f"{where}: env-prefix {prefix!r} must be letters, digits and underscores")
    for key in _PATHS:
        if key in values:
            values[key] = (root / str(values[key])).resolve() if values[key] else None
    return ClientConfig(**values)


def _environments(where: str, table: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: environments must be a table of name = \"https://...\"")
    for name, url in table.items():
        if not name.isidentifier() or not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ConfigError(f"{where}: environments.{name} must be an identifier = an http(s) URL")
    return tuple((str(name), str(url)) for name, url in table.items())


def _pagination(where: str, table: Any) -> tuple[tuple[str, Any], ...]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: pagination must be a table of operation = false or {{cursor = ...}}")
    for key, entry in table.items():
        if entry is not False and not isinstance(entry, dict):
            raise ConfigError(f"{where}: pagination.{key!r} must be false or a table (cursor, next_cursor, "
                              "page, offset, results, has_more)")  # fmt: skip
    return tuple(sorted((str(k), _freeze(v)) for k, v in table.items()))


def _freeze(value: Any) -> Any:
    return tuple(sorted(value.items())) if isinstance(value, dict) else value


def default_prefix(package_name: str) -> str:
    """``elevenlabs_client`` → ``ELEVENLABS``: the package name less a _client/_sdk/_api suffix."""
    name = package_name
    for suffix in ("_client", "_sdk", "_api"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    return name.upper()


def default_cache_dir() -> Path:
    """``$SPECSMITH_CACHE_DIR``, else ``$XDG_CACHE_HOME/specsmith``, else ``~/.cache/specsmith``."""
    explicit = os.environ.get("SPECSMITH_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "specsmith"
