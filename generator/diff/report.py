"""Render a ``DiffResult``: text for terminals, Markdown for pull requests, JSON for machines.

Also the one-paragraph summary for ``generate --check`` and the exit code for ``--fail-on``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..diagnostics import printable
from .changes import SEVERITIES, VIEWS, Change, DiffResult, SpecInfo
from .report_markdown import format_markdown

__all__ = [
    "JSON_SCHEMA_ID",
    "exit_code",
    "format_json",
    "format_markdown",
    "format_text",
    "summarize",
]

JSON_SCHEMA_ID = "specsmith-diff/1"
_COLORS = {"breaking": "\033[31m", "risky": "\033[33m", "safe": "\033[32m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
_USED_IN_SHOWN = 3


def _check_view(view: str) -> None:
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")


def _counts_text(result: DiffResult, view: str) -> str:
    counts = result.counts(view)
    return ", ".join(f"{counts[severity]} {severity}" for severity in SEVERITIES)


def _grouped(result: DiffResult, view: str) -> list[tuple[str, list[Change]]]:
    groups: list[tuple[str, list[Change]]] = []
    for severity in SEVERITIES:
        members = [change for change in result.changes if change.severity_in(view) == severity]
        if members:
            groups.append((severity, members))
    return groups


def _other_view(change: Change, view: str) -> str | None:
    other = "specsmith" if view == "strict" else "strict"
    severity = change.severity_in(other)
    return f"{severity} for {other} clients" if severity != change.severity_in(view) else None


def _used_in_text(used_in: tuple[str, ...]) -> str:
    shown = ", ".join(used_in[:_USED_IN_SHOWN])
    more = len(used_in) - _USED_IN_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _headline(result: DiffResult) -> list[str]:
    old, new = result.old, result.new
    breaking = [
        change
        for change in result.changes
        if "breaking" in (change.severity, change.severity_specsmith)
    ]
    kinds = [sum(1 for change in breaking if change.kind == kind) for kind in ("wire", "source")]
    return [
        printable(f"specsmith diff: {old.spec_file} ({old.title} {old.version}) → "
                  f"{new.spec_file} ({new.title} {new.version})"),
        f"strict clients: {_counts_text(result, 'strict')}; "
        f"specsmith clients: {_counts_text(result, 'specsmith')}",
        f"breaking changes: {kinds[0]} wire (an old client fails against the new server), {kinds[1]} source "
        "(code written against the old client stops working after regeneration)",
        f"suggested version bump for the vendored client: {result.semver_bump}",
    ]


def _text_change(change: Change, view: str, paint: Callable[[str, str | None], str]) -> list[str]:
    lines = [
        f"  {paint(change.rule_id, change.severity_in(view))}  {printable(change.message)}",
        f"      python: {printable(change.python)}",
    ]
    notes = [f"{change.kind} break"] if change.kind else []
    other = _other_view(change, view)
    if other:
        notes.append(other)
    if notes:
        lines.append(f"      ({'; '.join(notes)})")
    if len(change.applies_to) > 1:
        lines.append(f"      applies to: {_used_in_text(change.applies_to)}")
    if change.used_in:
        lines.append(f"      used in: {printable(_used_in_text(change.used_in))}")
    pointers = [
        f"{side}: {printable(pointer)}"
        for side, pointer in (("old", change.old_pointer), ("new", change.new_pointer))
        if pointer
    ]
    if pointers:
        lines.append(paint("      " + "  ".join(pointers), None))
    return lines


def format_text(result: DiffResult, color: bool = False, view: str = "strict") -> str:
    """Human-readable report grouped by severity in ``view``; ANSI-coloured when ``color``."""
    _check_view(view)

    def paint(text: str, severity: str | None) -> str:
        if not color:
            return text
        return f"{_COLORS[severity] if severity else _DIM}{text}{_RESET}"

    lines = _headline(result)
    if not result.changes:
        lines.append("no changes to the client surface")
    for severity, members in _grouped(result, view):
        heading = f"{severity.upper()} ({len(members)})"
        lines += ["", f"{_BOLD}{paint(heading, severity)}{_RESET}" if color else heading]
        for change in members:
            lines += _text_change(change, view, paint)
    return "\n".join(lines) + "\n"


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "rule_id": change.rule_id,
        "severity": change.severity,
        "severity_specsmith": change.severity_specsmith,
        "bump": change.bump,
        "message": change.message,
        "python": change.python,
        "operation": change.operation or None,
        "old_pointer": change.old_pointer or None,
        "new_pointer": change.new_pointer or None,
        "used_in": list(change.used_in),
        "kind": change.kind or None,
        "applies_to": list(change.applies_to),
    }


def format_json(result: DiffResult) -> str:
    """The machine format documented in docs/diff.md (``"schema": "specsmith-diff/1"``)."""
    document = {
        "schema": JSON_SCHEMA_ID,
        "old": _spec_json(result.old),
        "new": _spec_json(result.new),
        "semver_bump": result.semver_bump,
        "counts": {view: result.counts(view) for view in VIEWS},
        "changes": [_change_json(change) for change in result.changes],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _spec_json(info: SpecInfo) -> dict[str, str]:
    return {
        "title": info.title,
        "version": info.version,
        "spec_file": info.spec_file,
        "spec_sha256": info.spec_sha256,
    }


def summarize(result: DiffResult, view: str = "strict", limit: int = 5) -> str:
    """One paragraph: counts, the first breaking and risky changes in Python terms, the suggested bump."""
    _check_view(view)
    if not result.changes:
        return "No changes to the client surface."
    counts = result.counts(view)
    head = ", ".join(f"{counts[severity]} {severity}" for severity in SEVERITIES) + " changes"
    notable = [c for c in result.changes if c.severity_in(view) != "safe"] or list(result.changes)
    notable.sort(key=lambda change: SEVERITIES.index(change.severity_in(view)))
    items = [printable(change.python.removeprefix("client.")) for change in notable[:limit]]
    if len(notable) > limit:
        items.append(f"and {len(notable) - limit} more")
    return f"{head}: {'; '.join(items)}. Suggested version bump: {result.semver_bump}."


def exit_code(result: DiffResult, fail_on: str | None, view: str = "strict") -> int:
    """1 when a change at or above ``fail_on`` ("breaking" or "risky") exists in ``view``, else 0."""
    _check_view(view)
    if fail_on is None:
        return 0
    if fail_on not in ("breaking", "risky"):
        raise ValueError(f"unknown --fail-on level {fail_on!r}; expected breaking or risky")
    failing = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return int(any(change.severity_in(view) in failing for change in result.changes))
