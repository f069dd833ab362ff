"""The whole client surface of one spec."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Enum, Model, UnionDef
from .operations import Operation, Resource

__all__ = ["Api", "SecurityScheme", "Server", "ServerVariable"]


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    """kind: "apiKey" | "http" | "oauth2" | "openIdConnect"."""

    name: str  # the scheme's key in components/securitySchemes
    argument: str  # the client constructor's keyword for this credential (api_key, token, ...)
    kind: str
    pointer: str
    location: str | None = None  # apiKey: "header" | "query" | "cookie"
    param_name: str | None = None  # apiKey: header/query/cookie name
    scheme: str | None = None  # http: "bearer" | "basic" | ...
    description: str | None = None


@dataclass(frozen=True, slots=True)
class ServerVariable:
    name: str
    default: str
    enum: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Server:
    name: str  # Python-safe key users select the server by ("production", "server_2", ...)
    url: str
    description: str | None = None
    variables: tuple[ServerVariable, ...] = ()


@dataclass(frozen=True, slots=True)
class Api:
    title: str
    version: str
    spec_file: str  # display path of the root spec file
    spec_sha256: str
    root: Resource
    models: tuple[Model, ...] = ()  # sorted by name
    enums: tuple[Enum, ...] = ()
    unions: tuple[UnionDef, ...] = ()
    security_schemes: tuple[SecurityScheme, ...] = ()
    security: tuple[tuple[str, ...], ...] = ()  # document-level requirements (alternatives of AND-sets)
    servers: tuple[Server, ...] = ()
    description: str | None = None
    webhooks: tuple[str, ...] = ()  # names of declared webhooks (3.1; no code is generated for them)

    def operations(self) -> list[Operation]:
        """Every operation in resource-tree order."""
        found: list[Operation] = []
        stack = [self.root]
        while stack:
            node = stack.pop(0)
            found.extend(node.operations)
            stack[0:0] = node.children
        return found
