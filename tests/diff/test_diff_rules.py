"""Every rule of the catalogue fires on its fixture pair, alone, with the catalogue's severities."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from diff_cases_operations import OPERATION_CASES, Case
from diff_cases_schemas import SCHEMA_CASES
from diff_factories import diff, rule_ids
from specsmith.diff import CATALOGUE

CASES = (*OPERATION_CASES, *SCHEMA_CASES)


def test_every_rule_has_a_fixture_pair() -> None:
    assert sorted({case.rule for case in CASES}) == sorted(CATALOGUE)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_alone(case: Case) -> None:
    result = diff(case.old, case.new)

    assert rule_ids(result) == list(case.expected)
    rule = CATALOGUE[case.rule]
    change = next(c for c in result.changes if c.rule_id == case.rule)
    assert (change.severity, change.severity_specsmith, change.bump) == (
        rule.severity,
        rule.severity_specsmith,
        rule.bump,
    )
    assert change.message and change.python


@pytest.mark.parametrize("case", CASES, ids=str)
def test_identical_apis_have_no_changes(case: Case) -> None:
    assert diff(case.old, case.old).changes == ()
    assert diff(case.new, case.new).semver_bump == "none"


def test_the_documented_catalogue_matches_the_code() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "diff.md").read_text()
    pattern = r"^\| `([a-z-]+)` \| (\w+ \| \w+ \| \w+ \| [\w-]+) \|"
    rows = dict(re.findall(pattern, docs, re.MULTILINE))

    assert rows == {
        rule.id: f"{rule.severity} | {rule.severity_specsmith} | {rule.bump} | {rule.break_kind or '-'}"
        for rule in CATALOGUE.values()
    }


# issue 10: what each rule it added or re-rated does to a user, written out by hand (strict, specsmith, kind)
RATED = {
    "method-renamed": ("breaking", "breaking", "source"),
    "operation-id-changed": ("breaking", "safe", "source"),
    "parameter-removed": ("breaking", "breaking", "source"),
    "path-parameter-renamed": ("risky", "risky", "source"),
    "request-body-removed": ("breaking", "breaking", "source"),
    "request-body-flattening-changed": ("breaking", "breaking", "source"),
    "request-property-removed": ("breaking", "breaking", "source"),
    "response-optional-property-removed": ("breaking", "breaking", "source"),
    "response-required-property-removed": ("breaking", "breaking", "wire"),
    "response-enum-value-removed": ("breaking", "breaking", "source"),
    "response-literal-value-removed": ("safe", "safe", ""),
    "response-enum-value-added": ("risky", "safe", "wire"),
    "response-union-variant-removed": ("breaking", "breaking", "source"),
    "response-union-variant-narrowed": ("safe", "safe", ""),
    "request-property-became-non-nullable": ("breaking", "breaking", "wire"),
    "type-renamed": ("breaking", "breaking", "source"),
    "type-removed": ("breaking", "breaking", "source"),
    "type-added": ("safe", "safe", ""),
    "response-content-type-changed": ("risky", "risky", "wire"),
    "response-header-added": ("safe", "safe", ""),
    "response-header-removed": ("risky", "risky", "wire"),
    "response-header-became-optional": ("risky", "risky", "wire"),
    "callback-added": ("safe", "safe", ""),
    "callback-removed": ("safe", "safe", ""),
    "webhook-added": ("safe", "safe", ""),
    "webhook-removed": ("safe", "safe", ""),
    "server-renamed": ("breaking", "breaking", "source"),
    "server-variable-default-changed": ("risky", "risky", "wire"),
}


@pytest.mark.parametrize("rule", sorted(RATED))
def test_rules_are_rated_by_what_happens_to_user_code(rule: str) -> None:
    case = next(case for case in CASES if case.rule == rule)

    change = next(c for c in diff(case.old, case.new).changes if c.rule_id == rule)

    assert (change.severity, change.severity_specsmith, change.kind) == RATED[rule]
