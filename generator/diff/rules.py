"""The rule catalogue: stable id → severities, version bump and message templates.

The rows live in ``rules_operations.py`` (operations, parameters, bodies, responses, security, servers) and
``rules_schemas.py`` (types, properties, constraints, enums, unions); ``docs/diff.md`` lists them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .changes import Change, Rule
from .rules_operations import OPERATION_RULES
from .rules_schemas import SCHEMA_RULES

__all__ = ["CATALOGUE", "make_change"]


def _catalogue(rules: tuple[Rule, ...]) -> Mapping[str, Rule]:
    found: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in found:
            raise ValueError(f"duplicate diff rule id {rule.id!r}")
        found[rule.id] = rule
    return found


# template fields that name the place (class, argument) rather than the fact
_NAMING_FIELDS = frozenset({"member", "subject", "where"})

CATALOGUE: Mapping[str, Rule] = _catalogue((*OPERATION_RULES, *SCHEMA_RULES))


def make_change(
    rule_id: str,
    *,
    where: str,
    subject: str,
    operation: str = "",
    old_pointer: str = "",
    new_pointer: str = "",
    used_in: tuple[str, ...] = (),
    trail: str = "",
    **fields: Any,
) -> Change:
    """A ``Change`` of rule ``rule_id`` with its templates filled from ``where``, ``subject`` and ``fields``.

    ``detail`` keeps the fact without the names of the place (``member``, ``subject``, ``where``) plus the
    ``trail`` inside it, so that copies of one definition reporting the same fact can be merged.
    """
    rule = CATALOGUE[rule_id]
    values = {"where": where, "subject": subject, **fields}
    facts = [
        (key, str(value)) for key, value in sorted(fields.items()) if key not in _NAMING_FIELDS
    ]
    detail = (*facts, ("trail", trail))
    return Change(
        rule_id=rule.id,
        severity=rule.severity,
        severity_specsmith=rule.severity_specsmith,
        bump=rule.bump,
        message=rule.message.format(**values),
        python=rule.python.format(**values),
        operation=operation,
        old_pointer=old_pointer,
        new_pointer=new_pointer,
        used_in=used_in,
        kind=rule.break_kind,
        applies_to=(str(fields.get("member") or subject or where),),
        detail=detail,
    )
