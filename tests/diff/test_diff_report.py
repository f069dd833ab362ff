"""Text, Markdown and JSON reports, the one-paragraph summary and the --fail-on exit code."""

from __future__ import annotations

import json

import pytest
from diff_factories import api, enum, field, model, op, param
from specsmith.diff import DiffResult, diff_apis
from specsmith.diff.report import exit_code, format_json, format_markdown, format_text, summarize
from specsmith.ir import EnumRef

OLD = api(
    op("GET", "/things", "list", params=(param("q"),)),
    op("DELETE", "/things/{id}", "delete"),
    models=(model("Thing", field("id", required=True), field("color", EnumRef("Color"))),),
    enums=(enum("Color", "red"),),
)
NEW = api(
    op("GET", "/things", "list"),
    op("POST", "/things", "create", body=None, success=None),
    models=(model("Thing", field("id", required=True), field("color", EnumRef("Color"))),),
    enums=(enum("Color", "red", "blue|green"),),
)


@pytest.fixture(scope="module")
def result() -> DiffResult:
    return diff_apis(OLD, NEW)


def test_the_fixture_has_one_change_per_severity_and_views_that_differ(result: DiffResult) -> None:
    assert result.counts() == {"breaking": 1, "risky": 2, "safe": 1}
    assert result.counts("specsmith") == {"breaking": 2, "risky": 0, "safe": 2}


def test_text_groups_by_severity_of_the_chosen_view(result: DiffResult) -> None:
    strict = format_text(result)
    specsmith = format_text(result, view="specsmith")

    assert (
        strict.splitlines()[1]
        == "strict clients: 1 breaking, 2 risky, 1 safe; specsmith clients: 2 breaking, 0 risky, 2 safe"
    )
    assert "BREAKING (1)" in strict and "RISKY (2)" in strict and "SAFE (1)" in strict
    assert "BREAKING (2)" in specsmith and "RISKY" not in specsmith
    assert "      python: client.things.delete(): method removed" in strict
    assert "(safe for specsmith clients)" in strict
    assert "\033[" not in strict


def test_text_is_coloured_on_request(result: DiffResult) -> None:
    coloured = format_text(result, color=True)

    assert "\033[31m" in coloured and "\033[0m" in coloured


def test_markdown_has_tables_with_escaped_cells_and_folds_safe_changes(result: DiffResult) -> None:
    markdown = format_markdown(result)

    assert markdown.startswith("### specsmith diff: `spec.yaml` → `spec.yaml`")
    assert "#### Breaking (1)" in markdown
    assert "| Rule | Change | Python client | Used in | Specsmith view |" in markdown
    assert "<details><summary>Safe (1)</summary>" in markdown
    assert 'value "blue\\|green" added' in markdown
    assert "Suggested version bump for the vendored client: **major**" in markdown


def test_json_follows_the_documented_schema(result: DiffResult) -> None:
    document = json.loads(format_json(result))

    assert list(document) == ["schema", "old", "new", "semver_bump", "counts", "changes"]
    assert document["schema"] == "specsmith-diff/1"
    assert document["counts"]["strict"] == {"breaking": 1, "risky": 2, "safe": 1}
    change = document["changes"][0]
    assert change == {
        "rule_id": "operation-removed",
        "severity": "breaking",
        "severity_specsmith": "breaking",
        "bump": "major",
        "message": "DELETE /things/{id}: operation removed",
        "python": "client.things.delete(): method removed",
        "operation": "DELETE /things/{id}",
        "old_pointer": "/paths/~1things~1{id}/delete",
        "new_pointer": None,
        "used_in": [],
    }
    assert format_json(result) == format_json(diff_apis(OLD, NEW))


def test_summary_names_the_worst_changes_in_python_terms(result: DiffResult) -> None:
    assert summarize(result) == (
        "1 breaking, 2 risky, 1 safe changes: things.delete(): method removed; "
        "`Color.BLUE|GREEN` added (older specsmith clients keep it as the raw value); "
        "things.list(): argument `q` removed. Suggested version bump: major."
    )
    assert summarize(result, limit=1).endswith(
        "method removed; and 2 more. Suggested version bump: major."
    )
    assert summarize(diff_apis(OLD, OLD)) == "No changes to the client surface."


@pytest.mark.parametrize(
    ("fail_on", "view", "expected"),
    [
        (None, "strict", 0),
        ("breaking", "strict", 1),
        ("risky", "strict", 1),
        ("breaking", "specsmith", 1),
    ],
)
def test_exit_code_fails_at_or_above_the_level(
    result: DiffResult, fail_on: str | None, view: str, expected: int
) -> None:
    assert exit_code(result, fail_on, view) == expected


def test_exit_code_passes_when_only_lower_severities_exist() -> None:
    added_only = diff_apis(
        api(op("GET", "/a", "a")), api(op("GET", "/a", "a"), op("GET", "/b", "b"))
    )
    risky_only = diff_apis(
        api(op("GET", "/a", "a", params=(param("q"),))), api(op("GET", "/a", "a"))
    )

    assert exit_code(added_only, "risky", "strict") == 0
    assert exit_code(risky_only, "breaking", "strict") == 0
    assert exit_code(risky_only, "risky", "strict") == 1


def test_unknown_levels_and_views_are_errors(result: DiffResult) -> None:
    with pytest.raises(ValueError, match="--fail-on"):
        exit_code(result, "warning", "strict")
    with pytest.raises(ValueError, match="view"):
        format_text(result, view="lenient")


def test_reports_of_no_changes_say_so() -> None:
    same = diff_apis(OLD, OLD)

    assert "no changes to the client surface" in format_text(same)
    assert "No changes to the client surface." in format_markdown(same)
    assert json.loads(format_json(same))["changes"] == []
