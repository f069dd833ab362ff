"""State shared by the IR builders: the resolved document, diagnostics, names and finished definitions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostics
from ..ir import Enum, Model, Type, UnionDef
from ..load import ResolvedSpec, deref
from ..load.pointer import join, parse, resolve_pointer
from .naming import Scope, class_name, module_name

__all__ = ["BuildContext", "Definition", "owner_of", "ref_to"]

Definition = Model | Enum | UnionDef


_OWNERS = frozenset({"components", "paths", "webhooks"})


def owner_of(pointer: str) -> str | None:
    """The named schema, operation or webhook a definition's schema sits in (``/components/schemas/Pet``,
    ``/paths/~1pets/post``), whose module it shares; None when it sits in none of them."""
    tokens = parse(pointer)
    return join("", *tokens[:3]) if len(tokens) >= 3 and tokens[0] in _OWNERS else None


def ref_to(pointer: str) -> str:
    """The internal ``$ref`` for a JSON pointer: ``%`` is escaped, as ``lookup`` percent-decodes refs."""
    return "#" + pointer.replace("%", "%25")


@dataclass
class BuildContext:
    """Everything a builder needs; builders append diagnostics here and never raise for spec problems."""

    spec: ResolvedSpec
    diagnostics: Diagnostics
    is_openapi_30: bool
    classes: Scope = field(default_factory=lambda: Scope(fold_case=True))
    modules: Scope = field(default_factory=lambda: Scope(fold_case=True))
    definitions: dict[str, Definition] = field(default_factory=dict)
    ref_types: dict[str, Type] = field(default_factory=dict)  # pointer of a $ref target → its type
    in_progress: set[str] = field(default_factory=set)
    reported: set[tuple[str, str]] = field(default_factory=set)  # (code, pointer) of warn_once warnings
    default_checker: Any = None  # a JSON Schema validator for defaults, made on first use (defaults.py)
    inline_owners: dict[str, str] = field(default_factory=dict)  # component pointer → name its inline types take
    owner_modules: dict[str, str] = field(default_factory=dict)  # owner pointer (``owner_of``) → its module
    _extensions: dict[str, list[tuple[str, str]]] | None = None
    _component_ids: dict[int, str] | None = None

    @property
    def data(self) -> Any:
        return self.spec.data

    def where(self, pointer: str) -> dict[str, str]:
        return {"file": self.spec.display, "pointer": pointer}

    def warn(self, code: str, message: str, pointer: str, hint: str | None = None) -> None:
        self.diagnostics.warning(code, message, hint=hint, **self.where(pointer))

    def component_pointer(self, schema: Any) -> str | None:
        """``/components/schemas/<name>`` when ``schema`` is that component object itself."""
        if self._component_ids is None:
            schemas = self._component_schemas()
            self._component_ids = {id(v): join("/components/schemas", k) for k, v in schemas.items()}
        return self._component_ids.get(id(schema))

    def extensions(self) -> dict[str, list[tuple[str, str]]]:
        """Component pointer → (name, $ref) of each component schema whose ``allOf`` names it directly."""
        if self._extensions is None:
            self._extensions = {}
            for name, schema in self._component_schemas().items():
                parts = schema.get("allOf") if isinstance(schema, dict) else None
                for part in parts if isinstance(parts, list) else ():
                    found = self.lookup(part["$ref"]) if isinstance(part, dict) and isinstance(part.get("$ref"), str) else None
                    if found is not None:
                        child = ref_to(join("/components/schemas", name))
                        self._extensions.setdefault(found[1], []).append((name, child))
        return self._extensions

    def _component_schemas(self) -> dict[str, Any]:
        components = self.data.get("components") if isinstance(self.data, dict) else None
        schemas = components.get("schemas") if isinstance(components, dict) else None
        return schemas if isinstance(schemas, dict) else {}

    def warn_once(self, code: str, message: str, pointer: str) -> None:
        """A warning about a spec place that builders may visit more than once (shared schemas)."""
        if (code, pointer) not in self.reported:
            self.reported.add((code, pointer))
            self.warn(code, message, pointer)

    def error(self, code: str, message: str, pointer: str, hint: str | None = None) -> None:
        self.diagnostics.error(code, message, hint=hint, **self.where(pointer))

    def lookup(self, ref: str) -> tuple[Any, str] | None:
        """The node an internal ``$ref`` names and its pointer (None when it does not exist)."""
        if not ref.startswith("#"):
            return None
        try:
            pointer = join("", *parse(ref))
            return resolve_pointer(self.data, pointer), pointer
        except (KeyError, IndexError, ValueError):
            return None

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow a chain of ``$ref`` objects (parameters, responses, ...) to the real node; a broken
        chain (only possible when the resolve stage was bypassed) is a diagnostic and an empty node."""
        try:
            return deref(self.data, node, pointer)
        except (KeyError, IndexError, ValueError, TypeError):
            self.error("ref-unresolved", f"cannot follow $ref {node.get('$ref')!r}", pointer)
            return {}, pointer

    def new_class(self, wanted: str, pointer: str) -> tuple[str, str, str]:
        """Claim a unique class name and stem (a module-like name: ``decode_<stem>`` decodes a union) for a
        definition; its module is the one of the first definition claimed in the same owner (``owner_of``),
        so a named schema's inline types live in its module. Returns (class name, module, stem)."""
        name, collided = self.classes.claim(class_name(wanted))
        if collided:
            self.warn(
                "name-collision",
                f"class name {class_name(wanted)!r} is taken; this schema is named {name!r}",
                pointer,
            )
        stem, _ = self.modules.claim(module_name(name))
        owner = owner_of(pointer)
        module = stem if owner is None else self.owner_modules.setdefault(owner, stem)
        return name, module, stem

    def add(self, definition: Definition) -> None:
        self.definitions[definition.name] = definition
