"""Document-wide parts of the client surface: security requirements and schemes, servers, webhooks."""

from __future__ import annotations

from ..ir import Api, SecurityScheme
from .context import Context, Site
from .usage import ClientMethod

__all__ = ["compare_document", "compare_operation_security"]

Requirements = frozenset[tuple[str, ...]]


def _requirements(alternatives: tuple[tuple[str, ...], ...]) -> Requirements:
    return frozenset(tuple(sorted(names)) for names in alternatives)


def _text(requirements: Requirements | set[tuple[str, ...]]) -> str:
    if not requirements:
        return "none"
    return " or ".join(" + ".join(names) or "anonymous" for names in sorted(requirements))


def _is_anonymous(requirements: Requirements) -> bool:
    return not requirements or () in requirements


def compare_security(context: Context, old: Requirements, new: Requirements, site: Site) -> None:
    """Requirements are alternatives (OR) of scheme sets (AND); ``()`` allows anonymous access."""
    if old == new:
        return
    if _is_anonymous(old) and not _is_anonymous(new):
        context.emit("security-requirement-added", site, new=_text(new))
        return
    dropped, offered = old - new, new - old
    if dropped and not _is_anonymous(old) and not old & new:
        context.emit("security-requirement-changed", site, old=_text(old), new=_text(new))
        return
    for names in sorted(dropped):
        context.emit("security-alternative-removed", site, old=_text({names}))
    for names in sorted(offered):
        context.emit("security-alternative-added", site, new=_text({names}))


def compare_operation_security(
    context: Context, old: ClientMethod, new: ClientMethod, site: Site
) -> None:
    """Only operations that set their own requirements; inherited ones are compared once, document-wide."""
    before, after = old.operation.security, new.operation.security
    if before is None and after is None:
        return
    old_reqs = _requirements(context.old.api.security if before is None else before)
    new_reqs = _requirements(context.new.api.security if after is None else after)
    compare_security(context, old_reqs, new_reqs, site)


def _scheme_text(scheme: SecurityScheme) -> str:
    parts = [scheme.kind, scheme.location, scheme.param_name, scheme.scheme]
    return " ".join(part for part in parts if part) + f" (argument `{scheme.argument}`)"


def _compare_schemes(context: Context, old: Api, new: Api) -> None:
    old_by = {scheme.name: scheme for scheme in old.security_schemes}
    new_by = {scheme.name: scheme for scheme in new.security_schemes}
    site = Site("", "document", "client")
    for name in sorted(old_by.keys() - new_by.keys()):
        context.emit("security-scheme-removed", site, name=name, old_pointer=old_by[name].pointer)
    for name in sorted(new_by.keys() - old_by.keys()):
        context.emit("security-scheme-added", site, name=name, new_pointer=new_by[name].pointer)
    for name in sorted(old_by.keys() & new_by.keys()):
        before, after = _scheme_text(old_by[name]), _scheme_text(new_by[name])
        if before != after:
            context.emit(
                "security-scheme-changed",
                site,
                name=name,
                old=before,
                new=after,
                old_pointer=old_by[name].pointer,
                new_pointer=new_by[name].pointer,
            )


def _compare_servers(context: Context, old: Api, new: Api) -> None:
    old_urls = [server.url for server in old.servers]
    new_urls = [server.url for server in new.servers]
    site = Site("", "document", "client", old_pointer="/servers", new_pointer="/servers")
    for url in sorted(set(old_urls) - set(new_urls)):
        context.emit("server-removed", site, url=url)
    for url in sorted(set(new_urls) - set(old_urls)):
        context.emit("server-added", site, url=url)
    if old_urls and new_urls and old_urls[0] != new_urls[0]:
        context.emit("default-server-changed", site, old=old_urls[0], new=new_urls[0])
    old_by_url = {server.url: server for server in old.servers}
    for server in new.servers:
        before = old_by_url.get(server.url)
        if before is None:
            continue
        if before.name != server.name:
            context.emit("server-renamed", site, url=server.url, old=before.name, new=server.name)
        defaults = {variable.name: variable.default for variable in before.variables}
        for variable in server.variables:
            was = defaults.get(variable.name)
            if was is not None and was != variable.default:
                context.emit("server-variable-default-changed", site, url=server.url, name=variable.name,
                             old=was, new=variable.default)  # fmt: skip


def _compare_webhooks(context: Context, old: Api, new: Api) -> None:
    site = Site("", "document", "client", old_pointer="/webhooks", new_pointer="/webhooks")
    for name in sorted(set(old.webhooks) - set(new.webhooks)):
        context.emit("webhook-removed", site, name=name, new_pointer="")
    for name in sorted(set(new.webhooks) - set(old.webhooks)):
        context.emit("webhook-added", site, name=name, old_pointer="")


def compare_document(context: Context) -> None:
    """Document-level security requirements, security schemes, servers and webhooks."""
    old, new = context.old.api, context.new.api
    site = Site("", "document", "client", old_pointer="/security", new_pointer="/security")
    compare_security(context, _requirements(old.security), _requirements(new.security), site)
    _compare_schemes(context, old, new)
    _compare_servers(context, old, new)
    _compare_webhooks(context, old, new)
