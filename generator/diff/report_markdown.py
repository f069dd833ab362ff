"""The Markdown report: a pull-request comment that fits by construction.

A summary table, then the breaking and risky changes of the chosen view in full as long as they fit a
budget, the safe ones folded in ``<details>`` with what is left; whatever does not fit is counted, with a
pointer to the full JSON report. The whole comment stays under ``LIMIT`` characters (a hosted PR comment
takes 65,536) whatever the specs hold. Text from the specs (names, values, URLs) is escaped: it can never
become HTML, a link, an ``@mention``, emphasis, a code span or a table cell boundary.
"""

from __future__ import annotations

import re
from collections import Counter

from ..diagnostics import printable
from .changes import SEVERITIES, VIEWS, Change, DiffResult

__all__ = ["LIMIT", "escape", "format_markdown"]

LIMIT = 60_000  # characters, the whole comment
_RESERVE = 2_000  # kept for the closing lines (counts, pointer to the JSON, </details>)
_CELL = 300  # characters of one cell's text before escaping
_USED_IN_SHOWN = 3
# what Markdown (GitHub flavour) gives a meaning inline: escapes, code, emphasis, links and images, HTML and
# entities, table cells, strikethrough, math
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~$!])")
_LINKISH = re.compile(r"(?i)(@|://|www\.)")


def escape(text: str, limit: int = _CELL) -> str:
    """``text`` as literal Markdown inline text: one line, at most ``limit`` characters shown.

    Every character Markdown gives a meaning inline is backslash-escaped (CommonMark renders an escaped
    ASCII punctuation character literally, so no HTML, entity, link, emphasis, code span, math or table
    pipe survives), and a zero-width space after ``@``, ``://`` and ``www.`` keeps GitHub from turning the
    text into mentions or links.
    """
    flat = printable(" ".join(text.split()))  # control characters and bidi marks made visible
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    flat = _LINKISH.sub(lambda match: match.group(1) + "\u200b", flat)
    return _SPECIAL.sub(r"\\\1", flat)


def _used_in(change: Change) -> str:
    places = change.used_in or (change.applies_to if len(change.applies_to) > 1 else ())
    shown = ", ".join(places[:_USED_IN_SHOWN])
    more = len(places) - _USED_IN_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _row(change: Change, view: str) -> str:
    other = "specsmith" if view == "strict" else "strict"
    where = change.python
    if len(change.applies_to) > 1:
        where += f" (and {len(change.applies_to) - 1} more places)"
    cells = [
        change.kind,
        f"`{change.rule_id}`",
        escape(change.message),
        escape(where),
        escape(_used_in(change)),
        change.severity_in(other),
    ]
    return "| " + " | ".join(cells) + " |"


def _header(view: str) -> list[str]:
    other = "specsmith" if view == "strict" else "strict"
    return [
        f"| Break | Rule | Change | Python client | Used in | {other.capitalize()} view |",
        "|---|---|---|---|---|---|",
    ]


def _summary(result: DiffResult, view: str) -> list[str]:
    rows = ["| Clients | Breaking | Risky | Safe |", "|---|---|---|---|"]
    for each in VIEWS:
        counts = result.counts(each)
        rows.append(f"| {each} | " + " | ".join(str(counts[s]) for s in SEVERITIES) + " |")
    breaking = [c for c in result.changes if c.severity_in(view) == "breaking"]
    kinds = {kind: sum(1 for c in breaking if c.kind == kind) for kind in ("wire", "source")}
    rows += [
        "",
        f"Breaking for {view} clients: **{kinds['wire']}** wire breaks (an old client fails against the new "
        f"server), **{kinds['source']}** source breaks (code written against the old client stops working "
        f"after regeneration). Suggested version bump for the vendored client: **{result.semver_bump}**",
    ]
    return rows + _by_rule(result, view)


def _by_rule(result: DiffResult, view: str) -> list[str]:
    """How many breaking and risky changes each rule found (folded): what the tables below may cut."""
    found = Counter(
        (change.severity_in(view), change.rule_id, change.kind)
        for change in result.changes
        if change.severity_in(view) != "safe"
    )
    if not found:
        return []
    rows = ["", "<details><summary>Breaking and risky changes by rule</summary>", ""]
    rows += ["| Severity | Rule | Break | Changes |", "|---|---|---|---|"]
    order = sorted(
        found.items(), key=lambda item: (SEVERITIES.index(item[0][0]), -item[1], item[0][1])
    )
    rows += [
        f"| {severity} | `{rule}` | {kind} | {count} |" for (severity, rule, kind), count in order
    ]
    return [*rows, "", "</details>"]


class _Budget:
    """Lines added while the comment stays under ``LIMIT - _RESERVE`` characters."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.size = sum(len(line) + 1 for line in lines)

    def fits(self, lines: list[str], cap: int = LIMIT - _RESERVE) -> bool:
        return self.size + sum(len(line) + 1 for line in lines) <= min(cap, LIMIT - _RESERVE)

    def share(self, fraction: float) -> int:
        """The size the comment may reach when ``fraction`` of the room left is used."""
        return self.size + int((LIMIT - _RESERVE - self.size) * fraction)

    def add(self, lines: list[str]) -> None:
        self.lines += lines
        self.size += sum(len(line) + 1 for line in lines)


def _section(budget: _Budget, severity: str, members: list[Change], view: str, cap: int) -> int:
    """Add one severity's table while the comment stays under ``cap``; returns how many did not fit."""
    title = f"{severity.capitalize()} ({len(members)})"
    is_folded = severity == "safe"
    opening = [f"<details><summary>{title}</summary>", ""] if is_folded else [f"#### {title}", ""]
    if not budget.fits([*opening, *_header(view), _row(members[0], view)]):
        budget.add(["", f"**{title}**: not shown (no room left in this comment)."])
        return len(members)
    budget.add(["", *opening, *_header(view)])
    shown = 0
    for change in members:
        row = _row(change, view)
        if not budget.fits([row], cap):
            break
        budget.add([row])
        shown += 1
    left = len(members) - shown
    if left:
        budget.add(["", f"_… and {left} more {severity} changes, not shown here._"])
    if is_folded:
        budget.add(["", "</details>"])
    return left


def format_markdown(
    result: DiffResult, view: str = "strict", full_report: str | None = None
) -> str:
    """A pull-request comment under ``LIMIT`` characters; ``full_report`` says where the JSON is (a URL or
    a command), by default the command that prints it."""
    old, new = result.old.spec_file, result.new.spec_file
    lines = [
        f"### specsmith diff: {escape(old, 200)} → {escape(new, 200)}",
        "",
        *_summary(result, view),
    ]
    if not result.changes:
        return "\n".join([*lines, "", "No changes to the client surface."]) + "\n"
    budget = _Budget(lines)
    left = 0
    groups = {s: [c for c in result.changes if c.severity_in(view) == s] for s in SEVERITIES}
    for severity, members in groups.items():
        # breaking changes leave a quarter of the room to risky ones, when there are any
        cap = budget.share(0.75 if severity == "breaking" and groups["risky"] else 1.0)
        if members:
            left += _section(budget, severity, members, view, cap)
    pointer = full_report or f"specsmith diff {old} {new} --format json"
    closing = (
        "Every change" if not left else f"The {left} changes not shown here, and every change,"
    )
    budget.add(["", f"{closing} with its JSON pointers: {escape(pointer, 500)}"])
    return "\n".join(budget.lines) + "\n"
