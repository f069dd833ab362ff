"""The CLI as people live with it: --version, global flags anywhere, a progress line on a terminal only,
user mistakes in templates reported as diagnostics, and a closed stdout that ends quietly."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import specsmith.progress
import yaml

from tests.cli.cli_run import ROOT, run_cli

SEED = ROOT / "specs" / "elevenlabs.yaml"


def test_version_is_printed_by_the_console_command() -> None:
    from importlib import metadata

    done = subprocess.run([sys.executable, "-m", "specsmith", "--version"], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout.strip() == f"specsmith {metadata.version('specsmith')}"


@pytest.mark.parametrize(
    "argv",
    [
        ["-v", "--format", "json", "validate", str(SEED)],
        ["validate", str(SEED), "--format", "json", "-v"],
        ["--format", "json", "validate", "-v", str(SEED)],
    ],
)
def test_global_flags_work_before_or_after_the_subcommand(argv: list[str]) -> None:
    run = run_cli(*argv)
    assert run.code == 0
    shown = json.loads(run.stdout)  # JSON diagnostics on stdout, whichever side the flag stood
    assert isinstance(shown, list) and not [d for d in shown if d["severity"] == "error"]


def test_diff_takes_its_report_format_before_the_subcommand_too() -> None:
    run = run_cli("--format", "json", "diff", SEED, SEED)
    assert run.code == 0
    assert json.loads(run.stdout)["schema"].startswith("specsmith-diff/")


def test_markdown_is_refused_as_a_diagnostics_format() -> None:
    with pytest.raises(SystemExit) as stop:
        run_cli("--format", "markdown", "validate", SEED)
    assert stop.value.code == 2


def test_debug_after_the_subcommand_is_accepted() -> None:
    assert run_cli("validate", SEED, "--debug").code == 0


def test_a_misspelled_template_dir_is_an_error(tmp_path: Path) -> None:
    run = run_cli("generate", SEED, "-o", tmp_path / "out", "--template-dir", tmp_path / "no-such-dir")
    assert run.code == 1
    assert "no-such-dir" in run.stderr and "does not exist" in run.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('{{ "unclosed" \n', 2),  # syntax error: Jinja reports the line where it gave up
        ("ok\n{{ api.no_such_attribute }}\n", 3),  # runtime error in the user's template
    ],
)
def test_an_error_in_a_users_template_names_its_file_and_line(tmp_path: Path, body: str, line: int) -> None:
    overrides = tmp_path / "templates" / "package"
    overrides.mkdir(parents=True)
    template = overrides / "README.md.jinja"
    template.write_text("{# my README #}\n" + body, encoding="utf-8")
    run = run_cli("generate", SEED, "-o", tmp_path / "out", "--no-validate", "--template-dir", tmp_path / "templates")
    assert run.code == 1, run.output
    assert "internal error" not in run.output
    assert f"{template}:{line}: error[template-error]" in run.stderr
    assert not (tmp_path / "out").exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _generate_with_stderr(stderr: io.StringIO, tmp_path: Path, *extra: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(specsmith.progress, "DELAY", 0.0)
    monkeypatch.setenv("SPECSMITH_CACHE_DIR", str(tmp_path / "cache"))  # cold: every stage runs
    monkeypatch.setattr(sys, "stderr", stderr)
    original = specsmith.progress.StatusLine.__call__

    def slow(self: specsmith.progress.StatusLine, stage: str) -> None:
        original(self, stage)
        time.sleep(0.3)  # each stage outlasts one redraw of the line

    monkeypatch.setattr(specsmith.progress.StatusLine, "__call__", slow)
    from specsmith.cli import main

    assert main(["generate", str(SEED), "-o", str(tmp_path / "out"), "--no-validate", *extra]) == 0
    return stderr.getvalue()


def test_a_terminal_sees_the_stage_being_worked_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _generate_with_stderr(_Terminal(), tmp_path, monkeypatch=monkeypatch)
    assert "\r\x1b[Kspecsmith: " in shown
    for stage in ("load", "render", "format", "write"):
        assert f": {stage}" in shown
    assert "files (" in shown  # file counts on the format and write stages
    assert shown.endswith("\r\x1b[K")  # the line is erased when the run ends


@pytest.mark.parametrize("extra", [(), ("--format", "json")])
def test_no_progress_line_when_not_a_terminal_or_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: tuple[str, ...]
) -> None:
    stream = io.StringIO() if not extra else _Terminal()
    shown = _generate_with_stderr(stream, tmp_path, *extra, monkeypatch=monkeypatch)
    assert "\x1b" not in shown and "\r" not in shown


def _many_schemas(count: int) -> dict[str, object]:
    schemas = {f"Model{i}": {"type": "object", "properties": {"a": {"type": "string"}}} for i in range(count)}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/m": {"get": {"operationId": "m", "responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": {"type": "array", "items": {"anyOf": [
                    {"$ref": f"#/components/schemas/Model{i}"} for i in range(count)]}}}}}}}}
        },
        "components": {"schemas": schemas},
    }  # fmt: skip


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(_many_schemas(400)), encoding="utf-8")
    smaller = _many_schemas(400)
    smaller["components"]["schemas"] = {k: v for k, v in smaller["components"]["schemas"].items() if k < "Model2"}  # type: ignore[index]
    smaller["paths"]["/m"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["items"]["anyOf"] = [  # type: ignore[index]
        {"$ref": f"#/components/schemas/{k}"} for k in smaller["components"]["schemas"]  # type: ignore[index]
    ]
    new.write_text(yaml.safe_dump(smaller), encoding="utf-8")
    script = textwrap.dedent(
        f"""
        set -o pipefail
        {sys.executable} -m specsmith diff {old} {new} --color never | head -n 1
        """
    )
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.startswith("specsmith diff:")
    assert done.stderr == ""  # no "[Errno 32] Broken pipe", no traceback
    assert done.returncode == 141  # as a shell reports a tool whose reader went away


def test_exit_code_reports_whether_a_regeneration_wrote_anything(tmp_path: Path) -> None:
    argv = ("generate", SEED, "-o", tmp_path / "out", "--no-validate", "--exit-code")
    first = run_cli(*argv)
    assert first.code == 3 and "written" in first.stdout  # a fresh client: files were written
    assert run_cli(*argv).code == 0  # nothing to change the second time


def test_a_missing_dependency_is_named_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import specsmith.pipeline

    def without_black(*args: object, **kwargs: object) -> None:
        raise ModuleNotFoundError("No module named 'black'", name="black")

    monkeypatch.setattr(specsmith.pipeline, "generate", without_black)
    run = run_cli("generate", SEED, "-o", tmp_path / "out")
    assert run.code == 1
    assert "a dependency is not installed (black)" in run.stderr and "internal error" not in run.stderr
