"""``git:REV:path`` sources and the IR cache that lets a second diff against the same OLD skip its build."""

from __future__ import annotations

import pickle
import shutil
import subprocess
from pathlib import Path

import pytest
import specsmith.pipeline
from diff_factories import api, op
from specsmith.diagnostics import Diagnostics
from specsmith.diff import cache as cache_module
from specsmith.diff.cache import load_api_cached
from specsmith.diff.source import SourceError, resolve_source
from specsmith.ir import Api

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "test@example.com")
    _git(tmp_path, "config", "user.name", "Test")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "api.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: v1, version: '1'}\n"
    )
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "v1")
    (tmp_path / "specs" / "api.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: v2, version: '2'}\n"
    )
    return tmp_path


def test_a_plain_path_is_returned_as_is(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text("openapi: 3.1.0\n")

    assert resolve_source(str(spec)) == spec
    with pytest.raises(SourceError, match="no such file"):
        resolve_source(str(tmp_path / "missing.yaml"))


@needs_git
def test_a_git_revision_is_written_to_a_temporary_file_with_the_same_name(repo: Path) -> None:
    path = resolve_source("git:HEAD:specs/api.yaml", cwd=repo)

    assert path.name == "api.yaml"
    assert "title: v1" in path.read_text()
    assert path.parent != repo / "specs"


@needs_git
@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("git:nope:specs/api.yaml", "unknown revision 'nope'"),
        ("git:HEAD:specs/other.yaml", "'specs/other.yaml' does not exist in 'HEAD'"),
        ("git:HEAD", "expected git:REV:path"),
        ("git::specs/api.yaml", "expected git:REV:path"),
    ],
)
def test_git_sources_fail_with_a_clear_message(repo: Path, spec: str, message: str) -> None:
    with pytest.raises(SourceError, match=message.replace("(", r"\(")):
        resolve_source(spec, cwd=repo)


@needs_git
def test_outside_a_repository_git_sources_say_so(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not inside a git repository"):
        resolve_source("git:HEAD:api.yaml", cwd=tmp_path)


class CountingLoader:
    """Stands in for ``specsmith.pipeline.load_api``: counts builds, returns a tiny API."""

    def __init__(self) -> None:
        self.calls: list[Path] = []

    def __call__(
        self, path: Path, *, validate: bool = False, api_key_header: str | None = None
    ) -> tuple[Api | None, Diagnostics]:
        self.calls.append(path)
        diagnostics = Diagnostics()
        diagnostics.warning("name-collision", "renamed", file=str(path), pointer="/x")
        return api(op("GET", "/a", "a"), spec_file=str(path)), diagnostics


@pytest.fixture
def loader(monkeypatch: pytest.MonkeyPatch) -> CountingLoader:
    import specsmith.pipeline

    counting = CountingLoader()
    monkeypatch.setattr(specsmith.pipeline, "load_api", counting)
    return counting


def test_the_second_load_of_the_same_content_comes_from_the_cache(
    tmp_path: Path, loader: CountingLoader
) -> None:
    first, second = tmp_path / "old.json", tmp_path / "copy.json"
    first.write_text('{"openapi": "3.1.0"}')
    second.write_text('{"openapi": "3.1.0"}')
    cache = tmp_path / "cache"

    built, _ = load_api_cached(first, cache, loader=specsmith.pipeline.load_api)
    cached, diagnostics = load_api_cached(second, cache, loader=specsmith.pipeline.load_api)

    assert loader.calls == [first]
    assert built is not None and cached is not None
    assert cached.spec_file == str(second)
    assert cached.root == built.root
    assert [d.file for d in diagnostics.items] == [str(second)]


def test_other_content_options_or_no_cache_dir_build_again(
    tmp_path: Path, loader: CountingLoader
) -> None:
    spec = tmp_path / "api.json"
    spec.write_text('{"openapi": "3.1.0"}')
    cache = tmp_path / "cache"

    load_api_cached(spec, cache, loader=specsmith.pipeline.load_api)
    load_api_cached(spec, cache, api_key_header="xi-api-key", loader=specsmith.pipeline.load_api)
    load_api_cached(spec, None, loader=specsmith.pipeline.load_api)
    spec.write_text('{"openapi": "3.1.1"}')
    load_api_cached(spec, cache, loader=specsmith.pipeline.load_api)

    assert len(loader.calls) == 4


def test_specs_with_external_refs_are_not_cached(tmp_path: Path, loader: CountingLoader) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text("components:\n  schemas:\n    A: {$ref: './other.yaml#/A'}\n")
    cache = tmp_path / "cache"

    load_api_cached(spec, cache, loader=specsmith.pipeline.load_api)
    load_api_cached(spec, cache, loader=specsmith.pipeline.load_api)

    assert len(loader.calls) == 2
    assert not cache.exists()


def test_a_broken_cache_entry_is_rebuilt(tmp_path: Path, loader: CountingLoader) -> None:
    spec = tmp_path / "api.json"
    spec.write_text('{"openapi": "3.1.0"}')
    cache = tmp_path / "cache"
    load_api_cached(spec, cache, loader=specsmith.pipeline.load_api)
    (entry,) = cache.iterdir()
    entry.write_bytes(pickle.dumps("not a cache entry")[:5])

    built, _ = load_api_cached(spec, cache, loader=specsmith.pipeline.load_api)

    assert built is not None and len(loader.calls) == 2


def test_the_default_cache_dir_lives_in_the_specsmith_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SPECSMITH_CACHE_DIR", str(tmp_path))

    assert cache_module.default_cache_dir() == tmp_path / "ir"


def test_display_names_the_spec_in_the_ir_and_diagnostics(
    tmp_path: Path, loader: CountingLoader
) -> None:
    spec = tmp_path / "api.json"
    spec.write_text('{"openapi": "3.1.0"}')
    cache = tmp_path / "cache"

    fresh, fresh_diagnostics = load_api_cached(spec, cache, display="git:HEAD~1:api.json", loader=specsmith.pipeline.load_api)
    cached, cached_diagnostics = load_api_cached(spec, cache, display="git:main:api.json", loader=specsmith.pipeline.load_api)

    assert fresh is not None and cached is not None
    assert (fresh.spec_file, cached.spec_file) == ("git:HEAD~1:api.json", "git:main:api.json")
    assert [d.file for d in fresh_diagnostics.items] == ["git:HEAD~1:api.json"]
    assert [d.file for d in cached_diagnostics.items] == ["git:main:api.json"]
