"""Which validator findings stop a correct client, and which are tolerated with a warning.

A real spec that openapi-spec-validator rejects is usually still clear about everything a client needs:
a ``default`` that does not fit its schema, a ``description`` where the object has none, a response
without a description. Such a finding becomes a warning at its pointer and the offending value is
removed from the document the builder sees, so what the client is built from is exactly what the
warning says. Anything that could make the client ambiguous or wrong (a malformed ``type``, a
duplicate operationId, a parameter that does not exist in the path) stays an error. ``--strict``
turns the warnings into a refusal as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .spec_validator import LocatedError

__all__ = ["Verdict", "classify", "without"]

Path = tuple[str | int, ...]

# Keywords that only document (or, for ``format`` and ``default``, only annotate): a malformed value is
# ignored and the rest of the node is used as written.
_ANNOTATIONS = frozenset({
    "description", "summary", "title", "example", "examples", "externalDocs", "deprecated", "format",
    "default", "termsOfService", "contact", "license", "xml", "$comment", "tags",
})  # fmt: skip
# A required field that only documents: a response without a ``description`` is still clear.
_DOCUMENTING = "description"
_PATH_PARAMETER = re.compile(r"^Path parameter '(?P<name>[^']*)' for ")
_UNEXPECTED = ("additionalProperties", "unevaluatedProperties")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What to do with one finding: report it as ``severity`` ("error" or "warning") with ``message``
    and remove the values at ``drop`` (document paths); a ``severity`` of None means another stage
    reports the problem (the builder declares an undeclared path parameter itself)."""

    severity: str | None
    message: str
    drop: tuple[Path, ...] = ()


def classify(finding: LocatedError) -> Verdict:
    """The verdict on one validator finding (see the module docstring for the policy)."""
    message, path = finding.message, finding.path
    if finding.rule == "default":
        return Verdict("warning", f"`default` does not fit its schema ({message}); the default is ignored", (path,))
    if finding.rule == "UnresolvableParameterError":
        match = _PATH_PARAMETER.match(message)
        url = path[1] if len(path) > 1 and path[0] == "paths" else None
        if match and isinstance(url, str) and "{" + match["name"] + "}" in url:
            return Verdict(None, message)  # in the template, not declared: the builder declares it
        return Verdict("error", message)
    if finding.rule == "ExtraParametersError":
        return Verdict("warning", f"{message}; those names are not required")
    if finding.rule != "schema":
        return Verdict("error", message)
    if finding.keyword in _UNEXPECTED and finding.names:
        names = ", ".join(f"`{name}`" for name in finding.names)
        return Verdict("warning", f"{names} not allowed here; ignored", tuple((*path, n) for n in finding.names))
    if finding.keyword == "required" and finding.names == (_DOCUMENTING,) and "responses" in path[-2:-1]:
        return Verdict("warning", f"{message} (it only documents; generated without it)")
    if path and path[-1] in _ANNOTATIONS and not _inside_properties(path):
        return Verdict("warning", f"`{path[-1]}`: {message}; ignored", (path,))
    return Verdict("error", message)


def _inside_properties(path: Path) -> bool:
    """True when the last token is a property *name* (``properties/description``), not a keyword."""
    return len(path) >= 2 and path[-2] in ("properties", "patternProperties", "$defs", "definitions")


def without(data: Any, paths: Iterable[Path]) -> Any:
    """A copy of ``data`` with the values at ``paths`` removed; only the containers on those paths are
    copied, everything else is shared with ``data`` (which is left as it was)."""
    tree: dict[Any, Any] = {}
    for path in paths:
        if not path:
            continue
        node = tree
        for token in path[:-1]:
            child = node.setdefault(token, {})
            if child is True:
                break
            node = child
        else:
            node[path[-1]] = True
    return _rebuilt(data, tree)


def _rebuilt(node: Any, removals: dict[Any, Any]) -> Any:
    if isinstance(node, dict):
        copy = dict(node)
        for token, inner in removals.items():
            if token in copy:
                if inner is True:
                    del copy[token]
                else:
                    copy[token] = _rebuilt(copy[token], inner)
        return copy
    if isinstance(node, list):
        items = list(node)
        for token, inner in removals.items():
            index = int(token) if isinstance(token, int) or str(token).isdigit() else -1
            if 0 <= index < len(items) and inner is not True:
                items[index] = _rebuilt(items[index], inner)
        return items
    return node
