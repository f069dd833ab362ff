"""specsmith as users install it: a built wheel in a fresh virtualenv, run from a folder that is not the
checkout (and that holds a module of the user's named ``generator.py``), on the oldest Python we support."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.pythons import find_python
from tests.support import ROOT

SEED = ROOT / "specs" / "elevenlabs.yaml"
pytestmark = pytest.mark.slow  # builds a wheel and a virtualenv; .ci/run also installs the wheel first


def _run(*argv: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          check=False, env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)})  # fmt: skip
    assert done.returncode == 0, f"{argv}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=600)  # fmt: skip
    [built] = dist.glob("specsmith-*.whl")
    return built


def test_the_wheel_carries_the_templates_and_the_runtime(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = [n for n in (ROOT / "templates").rglob("*") if n.is_file() and "__pycache__" not in n.parts]
    missing = [p for p in templates if f"specsmith/templates/{p.relative_to(ROOT / 'templates').as_posix()}" not in names]
    assert templates and not missing
    assert "specsmith/cli.py" in names and "specsmith/builder/api.py" in names
    assert not any(n.startswith("generator/") for n in names)


def test_an_installed_wheel_generates_a_client_that_imports(wheel: Path, tmp_path: Path) -> None:
    python = find_python("3.10") or Path(sys.executable)
    venv = tmp_path / "venv"
    subprocess.run([str(python), "-m", "venv", str(venv)], check=True, timeout=300)
    pip = venv / "bin" / "pip"
    _run(pip, "install", "--quiet", "--disable-pip-version-check", wheel, "httpx", cwd=tmp_path)

    work = tmp_path / "work"
    work.mkdir()
    (work / "generator.py").write_text("raise SystemExit('the user module ran, not specsmith')\n", encoding="utf-8")
    shutil.copy(SEED, work / "api.yaml")
    version = _run(venv / "bin" / "python", "-m", "specsmith", "--version", cwd=work)
    assert version.stdout.startswith("specsmith ")
    where = _run(venv / "bin" / "python", "-c", "import specsmith; print(specsmith.__file__)", cwd=work)
    assert str(venv) in where.stdout and str(ROOT) not in where.stdout

    _run(venv / "bin" / "specsmith", "generate", "api.yaml", "-o", "out", "--package-name", "seed_client",
         "--api-key-header", "xi-api-key", cwd=work)  # fmt: skip
    assert (work / "out" / "seed_client" / "_runtime").is_dir()
    call = (
        "import seed_client; from seed_client import Client; "
        "c = Client(api_key='k', base_url='http://127.0.0.1:9'); "
        "print(type(c.conversational_ai.knowledge_base.document).__name__)"
    )
    shown = _run(venv / "bin" / "python", "-c", call, cwd=work / "out")
    assert "Document" in shown.stdout
