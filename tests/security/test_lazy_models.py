"""Issue 11 item 2: the lazy models package keeps working whatever its schemas are named.

Importing a submodule binds its name in the package namespace, so a schema named like a builtin the
loader calls (``getattr``, ``globals``, ``sorted``) used to break every later lookup."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from tests.support import GeneratedClient

_NAMES = ["getattr", "globals", "sorted", "importlib", "ModuleType", "Callable", "AttributeError", "__name__",
          "_MODULES", "__getattr__", "__dir__", "__all__", "list", "str", "Any", "TYPE_CHECKING", "annotations"]

_LOAD_EACH = """
import importlib, sys
models = importlib.import_module(sys.argv[1] + ".models")
names = list(models.__all__)
for first in names:  # each name loaded first, then every other one
    for name in names:
        value = getattr(models, name)
        assert isinstance(value, type) or callable(value), (first, name, value)
assert sorted(dir(models)) == sorted(names)
print(len(names))
"""


def test_schemas_named_like_the_loaders_names_load_in_any_order(make_client: Callable[..., GeneratedClient]) -> None:
    schemas = {name: {"type": "object", "properties": {"x": {"type": "string"}}} for name in _NAMES}
    client = make_client({"components": {"schemas": schemas}})
    for first in sorted(_NAMES):
        command = [sys.executable, "-c", _LOAD_EACH.replace("for first in names:", f"for first in [{first!r}]:"),
                   client.name]  # fmt: skip
        run = subprocess.run(command, cwd=client.root, capture_output=True, text=True, timeout=60, check=False)
        assert run.returncode == 0, run.stderr
    models = client.models
    assert models.__all__ and all(getattr(models, n).__name__ == n for n in models.__all__)
    assert client.mypy().returncode == 0, client.mypy().stdout
