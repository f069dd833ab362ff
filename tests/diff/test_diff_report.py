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
    assert result.counts() == {"breaking": 2, "risky": 1, "safe": 1}
    assert result.counts("specsmith") == {"breaking": 2, "risky": 0, "safe": 2}
    assert [change.kind for change in result.changes] == ["wire", "source", "wire", ""]


def test_text_groups_by_severity_of_the_chosen_view(result: DiffResult) -> None:
    strict = format_text(result)
    specsmith = format_text(result, view="specsmith")

    assert (
        strict.splitlines()[1]
        == "strict clients: 2 breaking, 1 risky, 1 safe; specsmith clients: 2 breaking, 0 risky, 2 safe"
    )
    assert strict.splitlines()[2].startswith("breaking changes: 1 wire (an old client fails")
    assert "BREAKING (2)" in strict and "RISKY (1)" in strict and "SAFE (1)" in strict
    assert "BREAKING (2)" in specsmith and "RISKY" not in specsmith
    assert "      python: client.things.delete(): method removed\n      (wire break)" in strict
    assert "raises TypeError)\n      (source break)" in strict
    assert "(wire break; safe for specsmith clients)" in strict
    assert "\033[" not in strict


def test_text_is_coloured_on_request(result: DiffResult) -> None:
    coloured = format_text(result, color=True)

    assert "\033[31m" in coloured and "\033[0m" in coloured


def test_markdown_has_a_summary_and_tables_with_escaped_cells(result: DiffResult) -> None:
    markdown = format_markdown(result)

    assert markdown.startswith("### specsmith diff: spec.yaml → spec.yaml")
    assert "| strict | 2 | 1 | 1 |" in markdown and "| specsmith | 2 | 0 | 2 |" in markdown
    assert "Breaking for strict clients: **1** wire breaks" in markdown
    assert "**1** source breaks" in markdown
    assert "#### Breaking (2)" in markdown and "#### Risky (1)" in markdown
    assert "| Break | Rule | Change | Python client | Used in | Specsmith view |" in markdown
    assert "| source | `parameter-removed` |" in markdown
    assert "<details><summary>Breaking and risky changes by rule</summary>" in markdown
    assert "| breaking | `parameter-removed` | source | 1 |" in markdown
    assert "| risky | `response-enum-value-added` | wire | 1 |" in markdown
    assert "<details><summary>Safe (1)</summary>" in markdown
    assert 'value "blue\\|green" added' in markdown
    assert "suggested version bump for the vendored client: **major**" in markdown.lower()
    assert "not shown" not in markdown
    assert (
        "Every change with its JSON pointers: specsmith diff spec.yaml spec.yaml --format json"
        in markdown
    )


def test_json_follows_the_documented_schema(result: DiffResult) -> None:
    document = json.loads(format_json(result))

    assert list(document) == ["schema", "old", "new", "semver_bump", "counts", "changes"]
    assert document["schema"] == "specsmith-diff/1"
    assert document["counts"]["strict"] == {"breaking": 2, "risky": 1, "safe": 1}
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
        "kind": "wire",
        "applies_to": ["client.things.delete()"],
    }
    assert [c["kind"] for c in document["changes"]] == ["wire", "source", "wire", None]
    assert format_json(result) == format_json(diff_apis(OLD, NEW))


def test_summary_names_the_worst_changes_in_python_terms(result: DiffResult) -> None:
    assert summarize(result) == (
        "2 breaking, 1 risky, 1 safe changes: things.delete(): method removed; "
        "things.list(): argument `q` removed (a call passing it raises TypeError); "
        "`Color.BLUE|GREEN` added (older specsmith clients keep it as the raw value). "
        "Suggested version bump: major."
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

    def colors(*values: str) -> object:
        return api(op("GET", "/a", "a"), enums=(enum("Color", *values),),
                   models=(model("Thing", field("color", EnumRef("Color"))),))  # fmt: skip

    risky_only = diff_apis(colors("red"), colors("red", "blue"))  # type: ignore[arg-type]

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
