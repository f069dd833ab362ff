"""A corpus of broken inputs: every one ends in diagnostics and exit 0/1, never a traceback or exit 70."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.cli_run import isolated_cache, run_cli, run_cli_process  # noqa: F401  (autouse fixture)

HEADER = 'openapi: 3.1.0\ninfo: {title: x, version: "1"}\n'
_GET = '{get: {responses: {"200": {description: ok, content: {application/json: {schema: %s}}}}}}'

BROKEN: dict[str, bytes | str] = {
    "empty": "",
    "whitespace": "   \n\t\n",
    "list-root": "- a\n- b\n",
    "scalar-root": "just a string\n",
    "binary": b"\xff\xfe\x00\x01garbage\x00\x00",
    "latin-1": "openapi: 3.1.0\ninfo: {title: caf\xe9, version: '1'}\npaths: {}\n".encode("latin-1"),
    "utf-16": (HEADER + "paths: {}\n").encode("utf-16"),
    "control-characters": HEADER + "paths: {}\nx-a: \"\x07\x1b\"\n",
    "yaml-syntax": HEADER + "paths:\n  /a: {get: {responses: {}}\n  b: [\n",
    "yaml-tabs": HEADER + "paths:\n\t/a: {}\n",
    "yaml-python-tag": HEADER + "paths: {}\nx-a: !!python/object/apply:os.system ['echo hi']\n",
    "yaml-unknown-tag": HEADER + "paths: {}\nx-a: !custom 5\n",
    "yaml-alias-cycle": HEADER + "paths: {}\nx-a: &a [*a]\n",
    "yaml-undefined-alias": HEADER + "paths: {}\nx-a: *nowhere\n",
    "yaml-complex-key": HEADER + "paths: {}\nx-a: {[1, 2]: 3}\n",
    "yaml-duplicate-keys": HEADER + "paths: {}\nx-a: {k: 1, k: 2}\n",
    "yaml-multi-document": HEADER + "paths: {}\n---\nopenapi: 3.0.0\n",
    "json-truncated": '{"openapi": "3.1.0", "info": {"title": "x"',
    "json-trailing-comma": '{"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {},}',
    "json-nan": '{"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {}, "x-n": NaN}',
    "json-huge-number": '{"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {}, "x-n": 1e99999}',
    "openapi-missing": 'info: {title: x, version: "1"}\npaths: {}\n',
    "openapi-number": 'openapi: 3.1\ninfo: {title: x, version: "1"}\npaths: {}\n',
    "openapi-2": 'openapi: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n',
    "openapi-3.2": 'openapi: 3.2.0\ninfo: {title: x, version: "1"}\npaths: {}\n',
    "swagger-2": 'swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n',
    "info-missing": "openapi: 3.1.0\npaths: {}\n",
    "paths-list": HEADER + "paths: [1, 2]\n",
    "operation-scalar": HEADER + "paths: {/a: {get: 5}}\n",
    "parameters-scalar": HEADER + "paths: {/a: {get: {parameters: 5, responses: {}}}}\n",
    "schemas-junk": HEADER + "paths: {}\ncomponents: {schemas: {A: hello, B: [1], C: null, D: {type: [5]}}}\n",
    "ref-not-string": HEADER + "paths:\n  /a: " + _GET % "{$ref: 5}" + "\n",
    "ref-anchor": HEADER + "paths:\n  /a: " + _GET % '{$ref: "#anchor"}' + "\n",
    "ref-bad-escape": HEADER + "paths:\n  /a: " + _GET % '{$ref: "#/components/schemas/~2"}' + "\n",
    "ref-missing-file": HEADER + "paths:\n  /a: " + _GET % '{$ref: "missing.yaml#/X"}' + "\n",
    "ref-broken-file": HEADER + "paths:\n  /a: " + _GET % '{$ref: "broken.yaml#/X"}' + "\n",
    "ref-directory": HEADER + "paths:\n  /a: " + _GET % '{$ref: "adir/"}' + "\n",
    "ref-file-scheme": HEADER + "paths:\n  /a: " + _GET % '{$ref: "file:///etc/passwd"}' + "\n",
    "ref-outside": HEADER + "paths:\n  /a: " + _GET % '{$ref: "../../../../etc/passwd"}' + "\n",
    "ref-remote": HEADER + "paths:\n  /a: " + _GET % '{$ref: "https://example.invalid/s.yaml#/S"}' + "\n",
    "ref-cycle": HEADER + "paths: {}\ncomponents: {schemas: {A: {$ref: '#/components/schemas/A'}}}\n",
    "long-line": HEADER + "paths: {}\nx-a: " + "a" * 2_000_000 + "\n",
}


@pytest.fixture
def broken_dir(tmp_path: Path) -> Path:
    (tmp_path / "broken.yaml").write_text("a: [\n", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    for name, content in BROKEN.items():
        path = tmp_path / f"{name}.yaml"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return tmp_path


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_input_gives_diagnostics_not_a_traceback(name: str, broken_dir: Path) -> None:
    spec, out = broken_dir / f"{name}.yaml", broken_dir / "out" / name
    for argv in (("generate", spec, "-o", out, "--package-name", "p"), ("validate", spec)):
        run = run_cli(*argv)
        assert run.code in (0, 1), (argv[0], run.output)
        assert "Traceback" not in run.output and "internal error" not in run.output, run.output
        if run.code == 1:
            assert "error[" in run.stderr
            assert not out.exists(), "a failed run wrote output"


def test_the_cli_process_prints_no_traceback(broken_dir: Path) -> None:
    for name in ("binary", "yaml-syntax", "yaml-python-tag", "json-truncated", "ref-outside", "schemas-junk"):
        spec = broken_dir / f"{name}.yaml"
        run = run_cli_process("generate", spec, "-o", broken_dir / "out" / name, "--package-name", "p")
        assert run.code == 1, run.stderr
        assert "Traceback" not in run.stderr and "error[" in run.stderr, run.stderr


@pytest.mark.parametrize("spec", ["missing.yaml", "adir"])
def test_unreadable_spec_path_is_an_error(spec: str, broken_dir: Path) -> None:
    run = run_cli("generate", broken_dir / spec, "-o", broken_dir / "out", "--package-name", "p")
    assert run.code == 1
    assert "error[file-unreadable]" in run.stderr


def test_bad_package_name_is_an_error_not_a_traceback(broken_dir: Path) -> None:
    spec = broken_dir / "ok.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {}}))
    for package in ("../evil", "a-b", "class ", "x/y", "a\\b"):
        run = run_cli("generate", spec, "-o", broken_dir / "out", "--package-name", package)
        assert run.code == 1 and "not a Python identifier" in run.stderr, (package, run.output)
    assert not (broken_dir / "out").exists()
