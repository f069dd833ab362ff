"""The stage sequence: load → validate → resolve → build IR → render → format → write.

This is the only module that knows the order of the stages.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import ir
from .certain import Block
from .config import ClientConfig, default_cache_dir, default_prefix
from .diagnostics import Diagnostics, Severity
from .emit import (
    Drift,
    FormatStats,
    OutputError,
    SpecStamp,
    WriteReport,
    check_compiles,
    check_files,
    format_files,
    write_files,
)
from .load import (
    DEFAULT_POLICY,
    MAX_FILE_BYTES,
    RefPolicy,
    ResolvedSpec,
    load_document,
    oas_version,
    resolve_refs,
)
from .reuse import is_current, remember, run_key

# build, render (jinja2) and the validator are imported where they run: a rerun with nothing changed stops
# before them, and its cost is mostly imports.

__all__ = ["Result", "generate", "load_api", "resolve_spec", "validate"]


@dataclass
class Result:
    """What one run produced: diagnostics always; files, write report or drift when it got that far."""

    diagnostics: Diagnostics
    api: ir.Api | None = None
    files: dict[str, str] | None = None
    format_stats: FormatStats | None = None
    written: WriteReport | None = None
    drift: Drift | None = None
    timings: dict[str, float] = field(default_factory=dict)
    reused: bool = False  # True when nothing changed and no stage after resolve ran

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors


_STACK_BYTES = 512 * 1024 * 1024
_RECURSION = 100_000
T = TypeVar("T")


def _deep(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``function`` in a thread with a large stack: builders recurse once per schema nesting level and
    per ``$ref`` they define, and real specs nest deeper than Python's default limit allows."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        previous = sys.getrecursionlimit()
        sys.setrecursionlimit(max(previous, _RECURSION))
        try:
            outcome.append(function(*args, **kwargs))
        except BaseException as error:  # re-raised in the caller's thread
            failure.append(error)
        finally:
            sys.setrecursionlimit(previous)

    size = threading.stack_size(_STACK_BYTES)
    try:
        worker = threading.Thread(target=run, name="specsmith-build")
        worker.start()
    finally:
        threading.stack_size(size)
    worker.join()
    if failure:
        raise failure[0]
    return outcome[0]


Progress = Callable[[str], None]
"""Told the name of each stage as it starts (the CLI shows it on a terminal); e.g. ``format 2,211 files``."""


@contextmanager
def _timed(timings: dict[str, float], stage: str, progress: Progress | None = None, detail: str = "") -> Iterator[None]:
    if progress is not None:
        progress(f"{stage} {detail}".strip())
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = time.perf_counter() - start


def resolve_spec(
    spec: Path, diagnostics: Diagnostics, *, policy: RefPolicy = DEFAULT_POLICY, validate: bool = True,
    cache_dir: Path | None = None, timings: dict[str, float] | None = None, display: str | None = None,
    progress: Progress | None = None,
) -> ResolvedSpec | None:  # fmt: skip
    """Load, resolve and (optionally) validate one spec; None when errors stop the run."""
    timings = {} if timings is None else timings
    with _timed(timings, "load", progress):
        document = load_document(spec, diagnostics, display, max_bytes=policy.max_file_bytes)
    if document is None:
        return None
    with _timed(timings, "resolve", progress):
        resolved = resolve_refs(document, diagnostics, policy)
    if resolved is None or diagnostics.has_errors:
        return None
    if validate:
        from .load.validate import validate_spec

        with _timed(timings, "validate", progress):
            resolved = validate_spec(resolved, diagnostics, cache_dir=cache_dir)
    else:
        oas_version(resolved, diagnostics)  # even unvalidated, a Swagger 2 or 3.2 document is refused
    if diagnostics.has_errors:
        return None
    from .load.dynamic import follow_dynamic_refs
    from .load.wellformed import drop_malformed_keywords

    with _timed(timings, "keywords", progress):
        return follow_dynamic_refs(drop_malformed_keywords(resolved, diagnostics), diagnostics)


def load_api(
    spec: Path, *, validate: bool = False, api_key_header: str | None = None, policy: RefPolicy = DEFAULT_POLICY
) -> tuple[ir.Api | None, Diagnostics]:
    """Build the IR of one spec (used by ``diff``); validation is off by default for speed."""
    diagnostics = Diagnostics()
    resolved = resolve_spec(spec, diagnostics, policy=policy, validate=validate, cache_dir=default_cache_dir())
    if resolved is None:
        return None, diagnostics
    from .builder import build_api

    api = _deep(build_api, resolved, diagnostics, api_key_header=api_key_header)
    return (None if diagnostics.has_errors else api), diagnostics


def validate(spec: Path, *, allow_outside: bool = False, allow_remote: bool = False,
             max_file_bytes: int = MAX_FILE_BYTES) -> Diagnostics:  # fmt: skip
    """Every problem of one spec: syntax, references, schema validation and IR-building warnings."""
    diagnostics = Diagnostics()
    policy = RefPolicy(allow_outside_root=allow_outside, allow_remote=allow_remote, max_file_bytes=max_file_bytes)
    resolved = resolve_spec(spec, diagnostics, policy=policy, validate=True, cache_dir=default_cache_dir())
    if resolved is not None:
        from .builder import build_api

        _deep(build_api, resolved, diagnostics)
    return diagnostics


def _render(result: Result, options: Any, template_dir: Path | None,
            certain: dict[str, tuple[Block, ...]]) -> dict[str, str] | None:  # fmt: skip
    """Render the IR (into ``certain``, the blocks laid out with certainty: see `certain`); an error raised
    inside a user's override template is a diagnostic naming it."""
    from .render import make_environment, render_files, runtime_dir, user_template_error

    assert result.api is not None
    try:
        rendered: dict[str, str] = _deep(render_files, result.api, options, make_environment(template_dir), runtime_dir(),
                                         certain)
    except Exception as error:
        found = user_template_error(error, template_dir)
        if found is None:
            raise  # our own template failed: a bug
        result.diagnostics.add(Severity.ERROR, "template-error", found.message, file=found.file, line=found.line)
        return None
    return rendered


def generate(
    config: ClientConfig, *, check: bool = False, force: bool = False, cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> Result:  # fmt: skip
    """Generate one client into ``config.output`` (or, with ``check``, only compare with it)."""
    result = Result(Diagnostics())
    cache = cache_dir or default_cache_dir()
    policy = RefPolicy(allow_outside_root=config.allow_outside_refs, allow_remote=config.allow_remote_refs,
                       max_file_bytes=config.max_file_bytes)  # fmt: skip
    resolved = resolve_spec(config.spec, result.diagnostics, policy=policy, validate=config.validate,
                            cache_dir=cache, timings=result.timings, display=config.spec_label,
                            progress=progress)  # fmt: skip
    if resolved is None:
        return result
    key = run_key(resolved.sha256, config)
    earlier = is_current(cache, key, config.output)
    if earlier is not None:  # nothing changed: the output is what this very run would write
        result.reused = True
        result.diagnostics.extend(d for d in earlier if d not in result.diagnostics.items)
        result.drift = Drift((), (), (), "") if check else None
        result.written = None if check else WriteReport((), (), 0)
        return result
    from .builder import build_api
    from .render import OutputOptions, origins, runtime_dir, verbatim_paths

    with _timed(result.timings, "build", progress):
        result.api = _deep(build_api, resolved, result.diagnostics, api_key_header=config.api_key_header,
                           detect_credentials=config.detect_credentials,
                           pagination={k: dict(v) if isinstance(v, tuple) else v for k, v in config.pagination})  # fmt: skip
    display, resolved = resolved.display, None  # the IR holds what later stages need: free the document
    if result.diagnostics.has_errors:
        return result
    if result.api.root.operations or result.api.root.children:
        needs_url = not (result.api.servers or config.base_url or config.environments)
    else:
        needs_url = False  # no operation: nothing to send anywhere
    if needs_url:
        prefix = config.env_prefix or default_prefix(config.package_name)
        result.diagnostics.warning(
            "base-url-missing", "the spec has no servers and no base-url is configured: the client needs "
            f"base_url=..., environment=... or ${prefix}_BASE_URL (set base-url or environments in the config)",
            file=display, pointer="/servers",
        )  # fmt: skip
    options = OutputOptions(
        package=config.package_name, project=config.distribution, version=config.version,
        base_url=config.base_url, client_name=config.client_name, with_tests=config.with_tests,
        env_prefix=config.env_prefix or default_prefix(config.package_name), environments=config.environments,
    )  # fmt: skip
    with _timed(result.timings, "render", progress):
        certain: dict[str, tuple[Block, ...]] = {}
        rendered = _render(result, options, config.template_dir, certain)
    if rendered is None:
        return result
    with _timed(result.timings, "format", progress, f"{len(rendered):,} files"):
        result.files, result.format_stats = _format(rendered, cache / "format", result.diagnostics,
                                                    verbatim_paths(options, runtime_dir()), certain)  # fmt: skip
    certain.clear()  # held only for the format stage
    with _timed(result.timings, "compile", progress):
        check_compiles(result.files, result.diagnostics, spec_file=result.api.spec_file,
                       origins=origins(result.api, config.package_name), cache_dir=cache / "format")  # fmt: skip
    if result.diagnostics.has_errors:
        return result
    stamp = SpecStamp(result.api.spec_file, result.api.spec_sha256)
    with _timed(result.timings, "check" if check else "write", progress, f"{len(result.files):,} files"):
        try:
            if check:
                result.drift = check_files(result.files, config.output, spec=stamp)
            else:
                result.written = write_files(result.files, config.output, force=force, spec=stamp)
        except (OutputError, OSError) as error:  # the output dir said no: a user problem, not a bug
            result.diagnostics.error("output-refused", str(error), file=str(config.output))
            return result
    _report_write(result, str(config.output))
    if result.drift is None or result.drift.is_clean:
        remember(cache, key, config.output, result.diagnostics.items)
    return result


_FORMAT_BATCH_CHARS = 8_000_000


def _format(rendered: dict[str, str], cache: Path, diagnostics: Diagnostics, formatted: Collection[str],
            certain: Mapping[str, tuple[Block, ...]]) -> tuple[dict[str, str], FormatStats]:  # fmt: skip
    """Format ``rendered`` in batches of about 8 MB of text, emptying it as it goes: the run holds its output
    about once (rendered or formatted), not twice, and the formatter's own copies stay batch-sized."""
    files: dict[str, str] = {}
    stats: list[FormatStats] = []
    batch: dict[str, str] = {}
    size = 0
    for path in sorted(rendered):
        batch[path] = rendered.pop(path)
        size += len(batch[path])
        if size >= _FORMAT_BATCH_CHARS or not rendered:
            done, batch_stats = format_files(batch, cache_dir=cache, diagnostics=diagnostics, formatted=formatted,
                                             certain=certain)  # fmt: skip
            files.update(done)
            stats.append(batch_stats)
            batch, size = {}, 0
    if not stats:  # nothing rendered
        return format_files({}, cache_dir=cache, diagnostics=diagnostics)
    totals = {f.name: sum(getattr(s, f.name) for s in stats) if isinstance(getattr(stats[0], f.name), (int, float))
              else getattr(stats[-1], f.name) for f in dataclasses.fields(FormatStats)}  # fmt: skip
    return dict(sorted(files.items())), FormatStats(**totals)


def _report_write(result: Result, output: str) -> None:
    """Warnings for what the write stage kept or recovered."""
    written = result.written
    if written is None:
        return
    for path in written.kept:
        result.diagnostics.warning(
            "stale-file-kept", f"{path} is no longer generated but was edited since; it is kept (delete it "
            "yourself if you do not need it) and no longer tracked", file=f"{output}/{path}")  # fmt: skip
    if written.recovered:
        result.diagnostics.warning(
            "interrupted-write-recovered",
            f"an earlier run writing here was interrupted; its write was {written.recovered} first", file=output,
        )  # fmt: skip
