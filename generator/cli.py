"""Command line: ``specsmith generate | validate | diff``.  Parsing and exit codes only; no logic.

Exit codes: 0 clean, 1 errors, 2 warnings under ``--strict``, 3 ``--check`` found drift
(``diff``: 1 when a change at or above ``--fail-on`` exists).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from . import comparison, pipeline
from .config import ClientConfig, ConfigError, read_clients
from .diagnostics import Diagnostics, Severity, format_json, format_text, printable
from .progress import StatusLine
from .staleness import describe_drift

__all__ = ["main"]

EXIT_OK, EXIT_ERRORS, EXIT_WARNINGS, EXIT_DRIFT, EXIT_BUG = 0, 1, 2, 3, 70
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool whose reader went away


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="specsmith", description="OpenAPI 3.0/3.1 → typed Python client.")
    parser.add_argument("--version", action="version", version=f"specsmith {_version()}")
    _global(parser, argparse.ArgumentParser.add_argument)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="generate a client (no SPEC: every client in pyproject.toml)")
    gen.add_argument("spec", nargs="?", type=Path, help="OpenAPI document (YAML or JSON)")
    gen.add_argument("--output", "-o", type=Path, help="output directory (the package goes in OUTPUT/NAME)")
    gen.add_argument("--package-name", help="import name of the generated package")
    gen.add_argument("--project-name", help="distribution name in the generated pyproject.toml")
    gen.add_argument("--base-url", help="default base URL when the spec has no servers")
    gen.add_argument("--api-key-header", help="header carrying the API key when the spec declares no scheme")
    gen.add_argument("--template-dir", type=Path, help="directory of templates that override ours by name")
    gen.add_argument("--config", type=Path, default=Path("pyproject.toml"), help="pyproject.toml to read")
    gen.add_argument("--check", action="store_true", help="write nothing; exit 3 when the output is stale")
    gen.add_argument("--exit-code", action="store_true",
                     help="regenerate, and exit 3 when that wrote or removed a file (for pre-commit hooks)")  # fmt: skip
    gen.add_argument("--no-validate", action="store_true", help="skip openapi-spec-validator")
    gen.add_argument("--no-tests", action="store_true", help="do not generate test stubs")
    gen.add_argument("--force", action="store_true", help="write into a non-empty directory without a manifest")
    _common(gen)
    val = commands.add_parser("validate", help="check a spec and print its problems")
    val.add_argument("spec", type=Path)
    _common(val)
    dif = commands.add_parser("diff", help="what changed between two versions of a spec")
    dif.add_argument("old", help="old spec: a file or git:REV:path")
    dif.add_argument("new", help="new spec: a file or git:REV:path")
    dif.add_argument("--format", dest="output_format", choices=("text", "markdown", "json"), default=argparse.SUPPRESS,
                     help="report format (default: text)")  # fmt: skip
    _global(dif, _suppressed)
    dif.add_argument("--fail-on", choices=("breaking", "risky"), help="exit 1 when such a change exists")
    dif.add_argument("--view", choices=("strict", "specsmith"), default="specsmith",
                     help="severity for a strict client, or for specsmith's forward-compatible one")  # fmt: skip
    dif.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    return parser


def _suppressed(parser: argparse.ArgumentParser, *names: str, **options: Any) -> argparse.Action:
    """A subcommand's copy of a global flag: set only when given there, so a value given before the
    subcommand is not overwritten by the subcommand's default."""
    return parser.add_argument(*names, **{**options, "default": argparse.SUPPRESS})


def _global(parser: argparse.ArgumentParser, add: Callable[..., argparse.Action]) -> None:
    """Flags accepted before or after the subcommand (``specsmith -v generate`` = ``specsmith generate -v``)."""
    add(parser, "--debug", action="store_true", default=False, help="show tracebacks of internal errors")
    add(parser, "--verbose", "-v", action="store_true", default=False,
        help="list every warning, the stage timings and what was detected")  # fmt: skip
    if parser.prog == "specsmith":
        add(parser, "--format", dest="global_format", choices=("text", "json", "markdown"), default=None,
            help="diagnostics format (generate, validate) or report format (diff)")  # fmt: skip


def _common(parser: argparse.ArgumentParser) -> None:
    _global(parser, _suppressed)
    parser.add_argument("--strict", action="store_true", help="treat warnings as failure (exit 2)")
    parser.add_argument("--format", dest="diagnostics_format", choices=("text", "json"), default=argparse.SUPPRESS,
                        help="how diagnostics are printed (default: text)")  # fmt: skip
    parser.add_argument("--allow-outside-refs", action="store_true", help="allow $refs to files outside the spec's folder")
    parser.add_argument("--allow-remote-refs", action="store_true", help="allow http(s) $refs (with timeout and size cap)")
    parser.add_argument("--max-file-bytes", type=int, default=100_000_000,
                        help="refuse a spec file (root or $ref'd) larger than this (default 100 MB)")  # fmt: skip


def _report(diagnostics: Diagnostics, args: argparse.Namespace) -> int:
    items = diagnostics.sorted()
    if args.diagnostics_format == "json":
        print(format_json(items))
    else:
        shown = [d for d in items if d.severity is Severity.ERROR or args.verbose or args.strict]
        if shown:
            print(format_text(shown), file=sys.stderr)
        hidden = Counter(d.code for d in items if d not in shown and d.severity is Severity.WARNING)
        if hidden:
            summary = ", ".join(f"{code}: {n}" for code, n in sorted(hidden.items()))
            print(f"{sum(hidden.values())} warnings ({summary}); -v lists them", file=sys.stderr)
    if diagnostics.has_errors:
        return EXIT_ERRORS
    return EXIT_WARNINGS if args.strict and diagnostics.has_warnings else EXIT_OK


def _configs(args: argparse.Namespace) -> list[ClientConfig]:
    if args.spec is None:
        return [
            dataclasses.replace(c, validate=c.validate and not args.no_validate,
                                with_tests=c.with_tests and not args.no_tests)
            for c in read_clients(args.config)
        ]  # fmt: skip
    if args.output is None:
        raise ConfigError("--output is required with a SPEC")
    package = args.package_name or args.output.name.replace("-", "_")
    return [ClientConfig(
        spec=args.spec, output=args.output, package_name=package, project_name=args.project_name,
        base_url=args.base_url, api_key_header=args.api_key_header, template_dir=args.template_dir,
        allow_outside_refs=args.allow_outside_refs, allow_remote_refs=args.allow_remote_refs,
        validate=not args.no_validate, with_tests=not args.no_tests, spec_label=str(args.spec),
        max_file_bytes=args.max_file_bytes,
    )]  # fmt: skip


def _status(text: str, args: argparse.Namespace) -> None:
    """A human status line: stdout normally, stderr when stdout carries JSON diagnostics."""
    print(printable(text), file=sys.stderr if args.diagnostics_format == "json" else sys.stdout)


def _generate(args: argparse.Namespace) -> int:
    worst = EXIT_OK
    configs = _configs(args)
    for config in configs:
        if config.template_dir is not None and not config.template_dir.is_dir():
            raise ConfigError(f"template dir {config.template_dir} does not exist or is not a directory")
    shown = sys.stderr.isatty() and args.diagnostics_format != "json"
    for config in configs:
        with StatusLine(sys.stderr, enabled=shown).for_client(str(config.output)) as status:
            result = pipeline.generate(config, check=args.check, force=args.force, progress=status)
        code = _report(result.diagnostics, args)
        if result.drift is not None and not result.drift.is_clean:
            print(describe_drift(config, result), file=sys.stderr)
            code = max(code, EXIT_DRIFT)
        elif code == EXIT_OK and result.reused:
            _status(f"{config.output}: up to date (nothing changed)", args)
        elif code == EXIT_OK and not args.check and result.written is not None:
            _status(f"{config.output}: {len(result.written.written)} written, "
                    f"{len(result.written.removed)} removed, {result.written.unchanged} unchanged", args)  # fmt: skip
            if args.exit_code and (result.written.written or result.written.removed):
                code = EXIT_DRIFT
        elif code == EXIT_OK and args.check:
            _status(f"{config.output}: up to date", args)
        if args.verbose:
            print("timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items()), file=sys.stderr)
        worst = max(worst, code)
    return worst


def _validate(args: argparse.Namespace) -> int:
    diagnostics = pipeline.validate(args.spec, allow_outside=args.allow_outside_refs, allow_remote=args.allow_remote_refs,
                                    max_file_bytes=args.max_file_bytes)  # fmt: skip
    code = _report(diagnostics, args)
    if code == EXIT_OK:
        _status(f"{args.spec}: valid", args)
    return code


def _diff(args: argparse.Namespace) -> int:
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    text, code, diagnostics = comparison.diff(args.old, args.new, output_format=args.output_format,
                                            fail_on=args.fail_on, view=args.view, color=color)  # fmt: skip
    if diagnostics.has_errors:
        print(format_text(d for d in diagnostics.sorted() if d.severity is Severity.ERROR), file=sys.stderr)
        return EXIT_ERRORS
    print(text)
    return code


def _settle_formats(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """``--format`` given before the subcommand means the diagnostics format, or for ``diff`` the report's."""
    given = args.global_format
    if args.command == "diff":
        if not hasattr(args, "output_format"):
            args.output_format = given or "text"
        args.diagnostics_format = "text"
    elif not hasattr(args, "diagnostics_format"):
        if given == "markdown":
            parser.error("--format markdown is a diff report format; diagnostics are text or json")
        args.diagnostics_format = given or "text"


def _version() -> str:
    try:
        return metadata.version("specsmith")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (spec problems never surface as tracebacks)."""
    parser = _parser()
    args = parser.parse_args(argv)
    _settle_formats(parser, args)
    handlers = {"generate": _generate, "validate": _validate, "diff": _diff}
    try:
        code = handlers[args.command](args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:  # stdout closed early (`specsmith diff … | head`): end quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except (ImportError, metadata.PackageNotFoundError) as error:  # run without its dependencies installed
        missing = getattr(error, "name", None) or str(error)
        print(f"specsmith: a dependency is not installed ({missing}); install specsmith with its dependencies, "
              "e.g. `python -m pip install -e .` in a checkout", file=sys.stderr)  # fmt: skip
        return EXIT_ERRORS
    except (ConfigError, OSError) as error:  # bad configuration, or the disk/paths said no
        print(printable(f"specsmith: {error}"), file=sys.stderr)
        return EXIT_ERRORS
    except Exception as error:  # a bug: say so plainly, keep the traceback for --debug
        if args.debug:
            raise
        print(printable(f"specsmith: internal error ({type(error).__name__}: {error}); rerun with --debug and report it"),
              file=sys.stderr)  # fmt: skip
        return EXIT_BUG
