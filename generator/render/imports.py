"""Import blocks of generated modules, from the names their code needs (sorted, deterministic)."""

from __future__ import annotations

from dataclasses import dataclass

from ..blackstyle import LINE_LENGTH, from_import
from ..certain import vouch
from .pytypes import Needs, Registry

__all__ = ["ImportBlock", "import_line", "imports_for"]


def import_line(module: str, names: list[str], indent: int = 0) -> str:
    """``from module import a, b`` on one line when it fits, else black's one-name-per-line form (vouched
    for, as its first line may stay too long: see `certain`)."""
    laid = from_import(module, names, indent=indent)
    if laid is None:
        return f"{' ' * indent}from {module} import {', '.join(names)}"
    vouch(laid, column=indent, limit=LINE_LENGTH, anchored=True)
    return " " * indent + laid

_STDLIB = {  # name → the module it is imported from
    "datetime": "datetime", "date": "datetime", "UUID": "uuid", "Mapping": "collections.abc",
    "Callable": "collections.abc", "dataclass": "dataclasses", "field": "dataclasses",
}  # fmt: skip
_MODULES = frozenset({"builtins", "enum", "functools"})  # imported whole: ``import enum``


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
    """Lines for ``needs``; ``to_root``/``to_models`` are the relative prefixes from the importing module,
    ``own`` the models module they are for (its own definitions need no import)."""
    plain = [f"import {name}" for name in sorted(needs.stdlib & _MODULES)]
    by_module: dict[str, set[str]] = {}
    for name in needs.stdlib - _MODULES:
        by_module.setdefault(_STDLIB[name], set()).add(name)
    for module, names in sorted(by_module.items()):
        plain.append(import_line(module, sorted(names)))
    imported: dict[str, list[str]] = {}  # module → names, in the order of each module's first name
    for name in sorted(needs.definitions):
        if (home := reg.module(name)) != own:
            imported.setdefault(home, []).append(name)
    typing_names = set(needs.typing)
    if imported or needs.uses_self:
        typing_names.add("TYPE_CHECKING")
    if typing_names:
        plain.append(import_line("typing", sorted(typing_names)))
    if needs.runtime:
        plain.append(import_line(f"{to_root}_runtime", sorted(needs.runtime)))
    if needs.uses_models:
        plain.append(f"from {to_root} import models as _models")
    typing_only = ["from typing_extensions import Self"] if needs.uses_self else []
    for home, defined in imported.items():
        target = f"{to_models}{'' if to_models.endswith('.') else '.'}{home}"
        typing_only.append(import_line(target, defined, indent=4).removeprefix("    "))
    return ImportBlock(tuple(plain), tuple(typing_only))
