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
