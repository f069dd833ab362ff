"""Operations → resource tree.  ``x-fern-sdk-group-name``/``x-fern-sdk-method-name`` first, then the first
tag and the operationId, then the HTTP verb and path."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..ir import Operation, Resource
from .context import BuildContext
from .naming import MODULE_ONLY, RESERVED_MEMBERS, Scope, pascal_case, snake_case

__all__ = ["ResourceNode", "assemble_tree", "operation_place"]



def operation_place(op: dict[str, Any], method: str, path: str) -> tuple[tuple[str, ...], str]:
    """(resource path, method name) for one operation, before uniqueness."""
    group = op.get("x-fern-sdk-group-name")
    if isinstance(group, str):
        group = group.split(".")
    if isinstance(group, list) and all(isinstance(g, str) for g in group):
        resource = tuple(snake_case(g, fallback="group") for g in group if g.strip())
    else:
        listed = op.get("tags")
        tags = [t for t in listed if isinstance(t, str) and t.strip()] if isinstance(listed, list) else []
        resource = (snake_case(tags[0], fallback="group"),) if tags else ()
    name = op.get("x-fern-sdk-method-name") or op.get("operationId")
    if isinstance(name, str) and name.strip():
        return resource, snake_case(name, fallback="call")
    return resource, snake_case(f"{method} {path}", fallback="call")


@dataclass
class ResourceNode:
    """Mutable tree used while collecting operations; frozen into ``ir.Resource`` by ``assemble_tree``."""

    operations: list[Operation] = field(default_factory=list)
    children: dict[str, ResourceNode] = field(default_factory=dict)

    def first_pointer(self) -> str:
        """Where the first operation of this subtree is (for diagnostics about the resource)."""
        for op in self.operations:
            return op.pointer
        for child in self.children.values():
            return child.first_pointer()
        return "/paths"

    def at(self, path: tuple[str, ...]) -> ResourceNode:
        node = self
        for part in path:
            node = node.children.setdefault(part, ResourceNode())
        return node


def assemble_tree(ctx: BuildContext, node: ResourceNode, name: str = "", path: tuple[str, ...] = (),
                  attributes: tuple[str, ...] = ()) -> Resource:  # fmt: skip
    """Freeze the tree; children are claimed before methods so a clash renames the method (with a warning).

    A child named like a reserved module (``models``) keeps its attribute name; its module gets a ``_``.
    """
    scope = Scope(reserved=RESERVED_MEMBERS - MODULE_ONLY)
    children = []
    for child_name in sorted(node.children):
        final, _ = scope.claim(child_name)
        if final != child_name:
            where = node.children[child_name].first_pointer()
            ctx.warn("name-collision", f"resource {child_name!r} would shadow a client member; named {final!r}", where)
        module = f"{final}_" if final in MODULE_ONLY else final
        scope.taken.add(module)
        children.append(assemble_tree(ctx, node.children[child_name], final, (*path, module), (*attributes, final)))
    operations = []
    for op in sorted(node.operations, key=lambda o: (o.name, o.path, o.method)):
        final, collided = scope.claim(op.name)
        if final != op.name:
            why = "is taken in this resource" if collided else "would shadow a client member"
            ctx.warn("name-collision", f"method {op.name!r} {why}; named {final!r}", op.pointer)
        operations.append(_renamed(op, final) if final != op.name else op)
    operations = [_with_alternatives(ctx, scope, op) for op in operations]
    class_name = f"{pascal_case(name, fallback='Root')}Resource" if name else "RootResource"
    while class_name in ctx.definitions or f"Async{class_name}" in ctx.definitions:
        class_name += "_"  # a schema of that name may be imported into the resource's module
    return Resource(name, class_name, path, tuple(operations), tuple(children),
                    attribute_path=attributes if attributes != path else None)


def _with_alternatives(ctx: BuildContext, scope: Scope, op: Operation) -> Operation:
    """Each other request content type gets a method ``<name>_<kind>`` (one per kind not already the
    main body's), recorded as the body's ``method_name``; a taken name gets no method and a warning."""
    kinds = {op.body.kind} if op.body is not None else set()
    bodies = []
    for body in op.other_bodies:
        name = f"{op.name}_{body.kind}"
        if body.kind not in kinds and name in scope.taken:
            ctx.warn("name-collision", f"no method {name!r} is generated for {body.content_type}: the name is taken",
                     body.pointer)  # fmt: skip
        elif body.kind not in kinds:
            kinds.add(body.kind)
            scope.taken.add(name)
            bodies.append(replace(body, method_name=name))
            continue
        bodies.append(body)
    return replace(op, other_bodies=tuple(bodies)) if bodies else op


def _renamed(op: Operation, name: str) -> Operation:
    return replace(op, name=name)
