"""The differ on the real ElevenLabs spec as published on seven dates (../shared/specs/elevenlabs).

The counts of the newest pair are pinned after reading every breaking and risky finding against both
documents (see the report in the issue); the other pairs must run and name the changes they are known for.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from specsmith.diff import CATALOGUE, DiffResult, diff_apis, format_json, summarize
from specsmith.ir import Api


@pytest.fixture(scope="module")
def results(elevenlabs_apis: dict[str, Api]) -> dict[tuple[str, str], DiffResult]:
    dates = sorted(elevenlabs_apis)
    return {
        (old, new): diff_apis(elevenlabs_apis[old], elevenlabs_apis[new])
        for old, new in pairwise(dates)
    }


def _ids(result: DiffResult, severity: str) -> set[tuple[str, str]]:
    return {(c.rule_id, c.python) for c in result.changes if c.severity == severity}


def test_every_consecutive_pair_diffs_with_catalogued_rules(
    results: dict[tuple[str, str], DiffResult],
) -> None:
    assert len(results) == 6
    for result in results.values():
        assert result.changes
        assert {change.rule_id for change in result.changes} <= set(CATALOGUE)
        assert result.semver_bump in ("major", "minor", "patch")


def test_the_newest_pair_has_the_inspected_counts(
    results: dict[tuple[str, str], DiffResult],
) -> None:
    result = results[("2026-08-03", "2026-08-22")]

    assert result.counts("strict") == {"breaking": 13, "risky": 38, "safe": 158}
    assert result.counts("specsmith") == {"breaking": 20, "risky": 11, "safe": 178}
    assert result.semver_bump == "major"
    breaking = _ids(result, "breaking")
    assert (
        "response-required-property-removed",
        "`DubbingRegenerateResponse.created_at`: removed",
    ) in breaking
    assert (
        "request-property-type-changed",
        'client.text_to_sound_effects.convert(): argument `model_id`: type `str` → `Literal["eleven_text_to_sound_v2"]`',
    ) in breaking
    assert (
        "response-property-became-nullable",
        "`AnalysisProperty.constant_value`: now `AnalysisPropertyConstantValue | None`",
    ) in breaking


def test_reshaped_but_equivalent_schemas_are_not_reported(
    results: dict[tuple[str, str], DiffResult],
) -> None:
    """08-22 rewrote ``extract_composition_plan`` from an inline mixed enum to ``anyOf [boolean, MusicModelID]``
    and ``ASTNumberNode.value`` from ``number`` to ``anyOf [number, integer]``: the same values, no change."""
    text = format_json(results[("2026-08-03", "2026-08-22")])

    assert "extract_composition_plan" not in text
    assert "ASTNumberNodeOutput.value" not in text


def test_removed_operations_are_found(results: dict[tuple[str, str], DiffResult]) -> None:
    removed = {
        pair: [c.operation for c in result.changes if c.rule_id == "operation-removed"]
        for pair, result in results.items()
    }

    assert removed[("2026-05-01", "2026-06-01")] == ["GET /v1/convai/api-integrations/docs"]
    assert removed[("2026-06-01", "2026-07-18")] == ["DELETE /v1/workspaces/api-keys/revoke"]
    assert sum(len(found) for found in removed.values()) == 2


def test_a_pair_without_breaking_changes_for_strict_clients(
    results: dict[tuple[str, str], DiffResult],
) -> None:
    result = results[("2026-07-18", "2026-08-03")]

    assert result.counts("strict")["breaking"] == 0
    assert (
        result.counts("specsmith")["breaking"] == 5
    )  # properties removed: servers ignore, attributes vanish
    assert summarize(result).startswith("0 breaking, 25 risky, 118 safe changes: ")


def test_an_inline_union_merged_into_one_component_is_reported_once(
    results: dict[tuple[str, str], DiffResult],
) -> None:
    """03-17 had one inline copy of the AST node union per operator; 04-02 has ``ASTNode-Input``."""
    result = results[("2026-03-17", "2026-04-02")]

    renamed = [
        c
        for c in result.changes
        if c.rule_id == "type-renamed" and c.python.endswith("`ASTNodeInput`")
    ]
    assert len(renamed) == 1
    assert not any("variant `llm`" in c.message for c in result.changes)
