"""What a diff produces: one ``Change`` per finding, collected in a sorted ``DiffResult``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "BUMPS",
    "SEVERITIES",
    "VIEWS",
    "Change",
    "DiffResult",
    "Rule",
    "SpecInfo",
    "sort_changes",
    "suggest_bump",
]

SEVERITIES = ("breaking", "risky", "safe")  # most severe first
BUMPS = ("major", "minor", "patch", "none")  # largest first
VIEWS = ("strict", "specsmith")


@dataclass(frozen=True, slots=True)
class Rule:
    """One entry of the catalogue. ``message`` and ``python`` are ``str.format`` templates."""

    id: str
    severity: str  # strict-client view
    severity_specsmith: str  # specsmith-client view
    bump: str  # what the change asks of the vendored client's version
    message: str
    python: str
    summary: str  # one line for docs/diff.md
    # "wire": an old client fails against a new server; "source": code fails after regeneration
    kind: str = "wire"

    @property
    def break_kind(self) -> str:
        """The kind ("wire" or "source") when some view rates it risky or breaking, else ""."""
        return "" if self.severity == self.severity_specsmith == "safe" else self.kind


@dataclass(frozen=True, slots=True)
class Change:
    """One finding of one rule.

    ``severity`` is the strict-client view (a client that rejects unknown enum values and union variants and
    derives method names from operationIds, as oasdiff assumes); ``severity_specsmith`` is the view of a
    specsmith client (forward-compatible decoding, method names as the generated Python API has them).
    ``python`` says the same thing in terms of the generated client; ``used_in`` names the operations whose
    request or response reach a changed model, enum or union. ``kind`` says what breaks: "wire" (a client
    built from OLD fails against a server implementing NEW) or "source" (the wire is compatible, but code
    written against the old client stops working once the client is regenerated).
    """

    rule_id: str
    severity: str
    severity_specsmith: str
    bump: str
    message: str
    python: str
    operation: str = ""
    old_pointer: str = ""
    new_pointer: str = ""
    used_in: tuple[str, ...] = ()
    kind: str = ""  # "wire", "source" or "" (safe in both views); see ``Rule.kind``
    applies_to: tuple[str, ...] = ()  # every Python place this one fact applies to
    detail: tuple[tuple[str, str], ...] = ()  # the fact's values without names (for merging copies)

    def severity_in(self, view: str) -> str:
        """The severity in ``view`` ("strict" or "specsmith")."""
        return self.severity_specsmith if view == "specsmith" else self.severity


@dataclass(frozen=True, slots=True)
class SpecInfo:
    title: str
    version: str
    spec_file: str
    spec_sha256: str


@dataclass(frozen=True, slots=True)
class DiffResult:
    """All changes between two APIs, sorted deterministically, with the suggested version bump."""

    old: SpecInfo
    new: SpecInfo
    changes: tuple[Change, ...]
    semver_bump: str

    def counts(self, view: str = "strict") -> dict[str, int]:
        """Number of changes per severity in ``view``, every severity present (possibly 0)."""
        found = dict.fromkeys(SEVERITIES, 0)
        for change in self.changes:
            found[change.severity_in(view)] += 1
        return found


def _sort_key(change: Change) -> tuple[int, str, str, str, str, str]:
    return (
        SEVERITIES.index(change.severity),
        change.python,
        change.rule_id,
        change.message,
        change.old_pointer,
        change.new_pointer,
    )


def sort_changes(changes: Iterable[Change]) -> tuple[Change, ...]:
    """Most severe first, then by the Python subject so that changes to one method or model stay together."""
    return tuple(sorted(changes, key=_sort_key))


def suggest_bump(changes: Iterable[Change]) -> str:
    """The largest bump any change asks for; "none" when there are no changes."""
    ranks = [BUMPS.index(change.bump) for change in changes]
    return BUMPS[min(ranks)] if ranks else "none"
