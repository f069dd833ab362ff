"""Import blocks of generated modules, from the names their code needs (sorted, deterministic)."""

from __future__ import annotations

from dataclasses import dataclass

from .pytypes import Needs, Registry

__all__ = ["ImportBlock", "import_line", "imports_for"]

LINE_LENGTH = 100


def import_line(module: str, names: list[str], indent: int = 0) -> str:
    """``from module import a, b`` on one line when it fits, else black's one-name-per-line form."""
    pad = " " * indent
    line = f"{pad}from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return line
    inner = "".join(f"{pad}    {name},\n" for name in names)
    return f"{pad}from {module} import (\n{inner}{pad})"

_STDLIB = {"datetime": "datetime", "date": "datetime", "UUID": "uuid"}


@dataclass(frozen=True)
class ImportBlock:
    """``plain``: module-level import lines; ``typing_only``: lines under ``if TYPE_CHECKING:``."""

    plain: tuple[str, ...]
    typing_only: tuple[str, ...]


def imports_for(
    needs: Needs,
    reg: Registry,
    *,
    own: str | None = None,
    to_root: str = "..",
    to_models: str = ".",
) -> ImportBlock:
    """Lines for ``needs``; ``to_root``/``to_models`` are the relative prefixes from the importing module."""
    plain: list[str] = []
    by_module: dict[str, set[str]] = {}
    if "builtins" in needs.stdlib:
        plain.append("import builtins")
    for name in needs.stdlib - {"builtins"}:
        by_module.setdefault(_STDLIB[name], set()).add(name)
    for module, names in sorted(by_module.items()):
        plain.append(import_line(module, sorted(names)))
    typing_names = set(needs.typing)
    if needs.definitions - ({own} if own else set()) or needs.uses_self:
        typing_names.add("TYPE_CHECKING")
    if typing_names:
        plain.append(import_line("typing", sorted(typing_names)))
    if needs.runtime:
        plain.append(import_line(f"{to_root}_runtime", sorted(needs.runtime)))
    if needs.uses_models:
        plain.append(f"from {to_root} import models as _models")
    typing_only = ["from typing_extensions import Self"] if needs.uses_self else []
    for name in sorted(needs.definitions):
        module = reg.module(name)
        if module != own:
            target = f"{to_models}{'' if to_models.endswith('.') else '.'}{module}"
            typing_only.append(import_line(target, [name], indent=4).removeprefix("    "))
    return ImportBlock(tuple(plain), tuple(typing_only))
