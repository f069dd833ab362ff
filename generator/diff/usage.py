"""Where things are used: the client's methods, and which methods' requests/responses reach each named type."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..ir import (
    Api,
    ArrayOf,
    EnumRef,
    MapOf,
    Model,
    ModelRef,
    Operation,
    Resource,
    TupleOf,
    Type,
    UnionDef,
    UnionRef,
)

__all__ = [
    "ClientMethod",
    "client_methods",
    "contained_types",
    "request_types",
    "response_types",
    "use_sites",
]


@dataclass(frozen=True, slots=True)
class ClientMethod:
    """An operation together with where the generated client exposes it."""

    resource: tuple[
        str, ...
    ]  # attribute chain from the client, e.g. ("conversational_ai", "agents")
    operation: Operation

    @property
    def path(self) -> str:
        """Dotted Python path without the client: ``conversational_ai.agents.get``."""
        return ".".join((*self.resource, self.operation.name))

    @property
    def call(self) -> str:
        return f"client.{self.path}()"

    @property
    def label(self) -> str:
        return f"{self.operation.method} {self.operation.path}"


def client_methods(api: Api) -> list[ClientMethod]:
    """Every operation with its resource chain, in resource-tree order."""
    found: list[ClientMethod] = []

    def visit(node: Resource, chain: tuple[str, ...]) -> None:
        found.extend(ClientMethod(chain, operation) for operation in node.operations)
        for child in node.children:
            visit(child, (*chain, child.name))

    visit(api.root, ())
    return found


def request_types(operation: Operation) -> Iterator[Type]:
    """The types a call sends: parameters, body types and flattened body fields."""
    yield from (param.type for param in operation.params)
    for body in (operation.body, *operation.other_bodies):
        if body is not None:
            yield from (field.type for field in body.fields)
            if body.type is not None:
                yield body.type


def response_types(operation: Operation) -> Iterator[Type]:
    """The types a call returns: the success response and any other 2xx response."""
    responses = (operation.success, *operation.responses)
    for response in responses:
        if response is not None and response.type is not None:
            if response is operation.success or response.status.startswith("2"):
                yield response.type


def contained_types(definition: Model | UnionDef) -> Iterator[Type]:
    """The types a model (fields, extra keys) or a union (variants) holds directly, containers unwrapped."""
    stack: list[Type] = (
        [*definition.variants]
        if isinstance(definition, UnionDef)
        else [field.type for field in definition.fields]
        + ([definition.extra] if definition.extra is not None else [])
    )
    while stack:
        type_ = stack.pop()
        yield type_
        if not isinstance(type_, ModelRef | UnionRef):
            stack.extend(_children(type_, {}, {}))


def _children(
    type_: Type, models: Mapping[str, Model], unions: Mapping[str, UnionDef]
) -> Iterator[Type]:
    if isinstance(type_, ArrayOf):
        yield type_.item
    elif isinstance(type_, MapOf):
        yield type_.value
    elif isinstance(type_, TupleOf):
        yield from type_.items
        if type_.rest is not None:
            yield type_.rest
    elif isinstance(type_, ModelRef) and type_.name in models:
        model = models[type_.name]
        yield from (field.type for field in model.fields)
        if model.extra is not None:
            yield model.extra
    elif isinstance(type_, UnionRef) and type_.name in unions:
        yield from unions[type_.name].variants


def _reachable_names(
    roots: list[Type], models: Mapping[str, Model], unions: Mapping[str, UnionDef]
) -> set[str]:
    names: set[str] = set()
    stack = list(roots)
    while stack:
        type_ = stack.pop()
        if isinstance(type_, ModelRef | EnumRef | UnionRef):
            if type_.name in names:
                continue
            names.add(type_.name)
        stack.extend(_children(type_, models, unions))
    return names


def use_sites(api: Api, methods: list[ClientMethod]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(type name, "request"|"response") → "request of x.y" / "response of x.y" labels, sorted."""
    models = {model.name: model for model in api.models}
    unions = {union.name: union for union in api.unions}
    found: dict[tuple[str, str], set[str]] = {}
    for method in methods:
        for direction, types in (
            ("request", request_types(method.operation)),
            ("response", response_types(method.operation)),
        ):
            for name in _reachable_names(list(types), models, unions):
                found.setdefault((name, direction), set()).add(f"{direction} of {method.path}")
    return {key: tuple(sorted(labels)) for key, labels in found.items()}
