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
    **fields: Any,
) -> Change:
    """A ``Change`` of rule ``rule_id`` with its templates filled from ``where``, ``subject`` and ``fields``."""
    rule = CATALOGUE[rule_id]
    values = {"where": where, "subject": subject, **fields}
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
    )
