"""A credential header every operation takes, in a spec that declares no security scheme.

Many real specs (ElevenLabs' ``xi-api-key``) pass the API key as an ordinary header parameter on each
operation. When (nearly) all operations take the same credential-looking header, the client sends it
from a client-level ``api_key`` instead of a per-call argument.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..load.pointer import join
from .context import BuildContext
from .operations import HTTP_METHODS

__all__ = ["detect_credential_header"]

_CREDENTIAL = re.compile(r"(api[-_]?key|token|secret|^authorization$|^x-auth)", re.IGNORECASE)
_SHARE = 0.8  # "nearly all" operations


def detect_credential_header(ctx: BuildContext, paths: dict[str, Any]) -> str | None:
    """The header name (as the spec spells it) taken by at least 80 % of operations, else None."""
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    total = 0
    for path, raw_item in paths.items():
        item, at = ctx.deref(raw_item, join("/paths", path))
        if not isinstance(item, dict):
            continue
        shared = _headers(ctx, item.get("parameters"), join(at, "parameters"))
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            total += 1
            names = shared | _headers(ctx, op.get("parameters"), join(at, method, "parameters"))
            for name in names:
                spelled.setdefault(name.lower(), name)
            counts.update({name.lower() for name in names})
    candidates = [(n, c) for n, c in counts.most_common() if _CREDENTIAL.search(n) and c >= _SHARE * total]
    if not candidates or total == 0:
        return None
    name, count = candidates[0]
    ctx.diagnostics.info("credential-detected", f"header {spelled[name]!r} is taken by {count} of {total} "
                         "operations: the client sends it from `api_key` (detect-credentials = false turns "
                         "this off)", **ctx.where("/paths"))  # fmt: skip
    return spelled[name]


def _headers(ctx: BuildContext, listed: Any, pointer: str) -> set[str]:
    found = set()
    for index, raw in enumerate(listed if isinstance(listed, list) else ()):
        param, _ = ctx.deref(raw, join(pointer, index))
        if isinstance(param, dict) and param.get("in") == "header" and isinstance(param.get("name"), str):
            found.add(param["name"])
    return found
