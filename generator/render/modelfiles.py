"""The modules of the models package: which definitions each holds, and their shared imports and exports.

A named schema's inline types (its properties' objects, enums and unions) live in its module, and the inline
types of one operation share a module too (``ir.Model.module``), so the number of modules follows the named
schemas. Each definition is rendered by its kind's template (``models/model.py.jinja``, ``enum.py.jinja``,
``union.py.jinja``) as a part of ``models/module.py.jinja``, which holds the module's header and imports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import ir
from .imports import imports_for
from .modelview import enum_context, model_context, union_context
from .pytypes import Needs, Registry, union_decoder

__all__ = ["ModelModule", "grouped", "model_modules"]

Definition = ir.Model | ir.Enum | ir.UnionDef


@dataclass(frozen=True, slots=True)
class ModelModule:
    """One module of the models package: its name, the context of ``models/module.py.jinja`` and, per
    definition, ``(blank lines before it, its template, its context)``."""

    name: str
    context: dict[str, Any]
    parts: tuple[tuple[str, str, dict[str, Any]], ...]


def grouped(api: ir.Api) -> dict[str, list[Definition]]:
    """Module name → its definitions, the named schema first (then by pointer: as the spec nests them)."""
    definitions: list[Definition] = sorted([*api.models, *api.enums, *api.unions], key=lambda d: d.pointer)
    modules: dict[str, list[Definition]] = {}
    for definition in definitions:
        modules.setdefault(definition.module, []).append(definition)
    return modules


def model_modules(api: ir.Api, reg: Registry) -> Iterator[ModelModule]:
    """Every module of the models package, sorted by name."""
    for name, members in sorted(grouped(api).items()):
        yield _module(name, members, reg)


def _module(name: str, members: list[Definition], reg: Registry) -> ModelModule:
    needs = Needs()
    exports: list[str] = []
    parts: list[tuple[str, str, dict[str, Any]]] = []
    for index, (member, private) in enumerate(zip(members, _private_prefixes(members), strict=True)):
        template, context, names = _part(member, reg, needs, private=private)
        starts_with_class = isinstance(member, ir.Enum)
        gap = "\n" if index == 0 and not starts_with_class else "\n\n"
        parts.append((gap, template, context))
        exports.extend(names)
    first = members[0]
    doc = first.description or (first.title if isinstance(first, ir.Model) else None) or first.name
    context = {
        "doc": doc,
        "imports_block": imports_for(needs, reg, own=name),
        "exports": exports,
    }
    return ModelModule(name, context, tuple(parts))


def _private_prefixes(members: list[Definition]) -> list[str]:
    """The prefix of each definition's module-level helpers (``_KEYS``): ``_`` for the first one (the named
    schema), else ``_<its name without the first one's>_`` (``_OwnerKind_KEYS`` beside ``Pet``), so adding
    an inline type leaves the code of the others as it was."""
    owner = members[0].name
    taken: set[str] = set()
    found: list[str] = []
    for member in members:
        short = member.name.removeprefix(owner)
        prefix = f"_{short}_" if short else "_"
        counter = 1
        while prefix in taken:  # ``Pet`` + ``Owner`` beside ``Owner``: the full name, then a number
            prefix = f"_{member.name}_" if counter == 1 else f"_{member.name}{counter}_"
            counter += 1
        taken.add(prefix)
        found.append(prefix)
    return found


def _part(member: Definition, reg: Registry, needs: Needs, *, private: str) -> tuple[str, dict[str, Any], list[str]]:
    """The template and context of one definition, and the names its module exports for it. ``private`` is
    the prefix of its module-level helpers (``_KEYS``, ``_Owner_KEYS``)."""
    if isinstance(member, ir.Model):
        keys_name = f"{private}KEYS"
        context = model_context(member, reg, needs, keys_name)
        return "models/model.py.jinja", {**context, "keys_name": keys_name}, [member.name]
    if isinstance(member, ir.Enum):
        return "models/enum.py.jinja", enum_context(member, needs), [member.name]
    context = union_context(member, reg, needs)
    decoder = union_decoder(member)
    owns_module = decoder == f"decode_{member.module}"  # the models package's loader reads ``decode``
    decode = "decode" if owns_module else decoder
    encode = "encode" if owns_module else f"encode_{decoder.removeprefix('decode_')}"
    names = {"decode_name": decode, "encode_name": encode, "shapes_name": f"{private}SHAPES",
             "decoders_name": f"{private}decoders", "decoders_table": f"{private}DECODERS"}  # fmt: skip
    return "models/union.py.jinja", {**context, **names}, [member.name, decode, encode]
