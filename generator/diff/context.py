"""State of one comparison: both APIs indexed by name, the memo of compared pairs, and the changes found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ..ir import Api, Enum, Model, UnionDef
from .changes import Change
from .rules import make_change
from .usage import ClientMethod, client_methods, use_sites

__all__ = ["Context", "Index", "NamedComparers", "Site"]


@dataclass(frozen=True, slots=True)
class Site:
    """Where a comparison happens: the rule prefix and how to name the place in the spec and in Python.

    ``member_format`` names a member of this place in Python (``"`Foo.{name}`"`` for a model,
    ``"client.x.y(): argument `{name}`"`` for a call's flattened body) and is empty elsewhere.
    """

    prefix: (
        str  # "parameter", "request-property", "request-body", "response-property", "response-body"
    )
    where: str
    subject: str
    operation: str = ""
    old_pointer: str = ""
    new_pointer: str = ""
    used_in: tuple[str, ...] = ()
    member_format: str = ""
    trail: str = ""  # the steps taken by ``inner`` ("items", "values", ...), part of a fact's identity

    @property
    def direction(self) -> str:
        return "response" if self.prefix.startswith("response") else "request"

    def inner(self, where: str, subject: str) -> Site:
        """The same site one level down (array items, map values, union variants)."""
        return replace(
            self,
            where=f"{self.where} {where}",
            subject=f"{self.subject}{subject}",
            trail=f"{self.trail}/{where}",
        )


class Index:
    """One API's named definitions and client methods, looked up by name."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.models: dict[str, Model] = {model.name: model for model in api.models}
        self.enums: dict[str, Enum] = {enum.name: enum for enum in api.enums}
        self.unions: dict[str, UnionDef] = {union.name: union for union in api.unions}
        self.methods: list[ClientMethod] = client_methods(api)

    def has_type(self, name: str) -> bool:
        return name in self.models or name in self.enums or name in self.unions

    def enum_kind(self, name: str) -> str:
        enum = self.enums.get(name)
        return enum.value_kind if enum is not None else "mixed"


NamedComparer = Callable[["Context", str, str, str], None]  # (context, old name, new name, direction)


@dataclass(frozen=True, slots=True)
class NamedComparers:
    """How named types are compared. Passed in (by ``compare.py``) so that comparing a field's type can
    recurse into the models it names without the type comparer importing the model comparer."""

    model: NamedComparer
    enum: NamedComparer
    union: NamedComparer


class Context:
    """Passed to every comparer: ``emit`` records a change, ``first_visit`` keeps each pair compared once."""

    def __init__(self, old: Api, new: Api, named: NamedComparers) -> None:
        self.named = named
        self.old = Index(old)
        self.new = Index(new)
        self.changes: list[Change] = []
        self._seen: set[tuple[str, str, str]] = set()
        self._renamed: dict[tuple[str, str], dict[str, str]] = {}
        self._usage = use_sites(new, self.new.methods)

    def emit(self, rule_id: str, site: Site, **fields: Any) -> None:
        """Record a change of ``rule_id`` at ``site``; ``old_pointer``/``new_pointer`` may be overridden."""
        pointers = {"old_pointer": site.old_pointer, "new_pointer": site.new_pointer}
        pointers.update((key, fields.pop(key)) for key in list(pointers) if key in fields)
        self.changes.append(
            make_change(
                rule_id,
                where=site.where,
                subject=site.subject,
                operation=site.operation,
                used_in=site.used_in,
                trail=site.trail,
                **pointers,
                **fields,
            )
        )

    def first_visit(self, old_name: str, new_name: str, direction: str) -> bool:
        """True the first time a pair of named types is compared in ``direction``."""
        key = (old_name, new_name, direction)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def used_in(self, name: str, direction: str) -> tuple[str, ...]:
        return self._usage.get((name, direction), ())

    def add_usage(self, name: str, direction: str, labels: tuple[str, ...]) -> None:
        """Name where a definition no operation reaches is used (the models that contain it)."""
        self._usage.setdefault((name, direction), labels)

    def close_compared(self, direction: str) -> None:
        """Treat every pair compared so far as compared in ``direction`` too (no second report of a fact)."""
        self._seen |= {(old, new, direction) for old, new, _ in self._seen}

    def compared_names(self) -> set[str]:
        """The names of the definitions compared so far, old and new."""
        return {name for old, new, _ in self._seen for name in (old, new)}

    def was_renamed(self, old_name: str) -> bool:
        return any(old_name in olds for olds in self._renamed.values())

    def note_rename(self, old_name: str, new_name: str, old_pointer: str, new_pointer: str) -> None:
        """Remember a class rename: the old name is gone and the new one did not exist before."""
        if old_name == new_name or self.new.has_type(old_name) or self.old.has_type(new_name):
            return  # same class, or a use site switched between existing classes (their fields tell)
        self._renamed.setdefault((new_name, new_pointer), {}).setdefault(old_name, old_pointer)

    def emit_renames(self) -> None:
        """One ``type-renamed`` per new class, naming every old class it replaces."""
        for (new_name, new_pointer), olds in sorted(self._renamed.items()):
            old = _names_text(sorted(olds))
            site = Site("", "", "", old_pointer=min(olds.values()), new_pointer=new_pointer)
            self.emit("type-renamed", site, old=old, new=new_name)


def _names_text(names: list[str], shown: int = 3) -> str:
    quoted = [f"`{name}`" for name in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) > shown:
        return ", ".join(quoted[:shown]) + f" and {len(quoted) - shown} more"
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]
