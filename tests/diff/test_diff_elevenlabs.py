"""The differ on the real ElevenLabs spec as published on seven dates (../shared/specs/elevenlabs).

The counts of the newest pair were pinned after reading every breaking and risky finding against both
documents (see the report in issue 10); issue 10 then rated source breaks (removed optional fields,
response enum members and variant classes, renamed and removed classes) breaking in both views and added
the components no operation uses (+20 ``type-removed`` there). The other pairs must run and name the
changes they are known for; every pair, forward and reversed, must give a PR comment that fits and list
each fact once.
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise

import pytest
from specsmith.diff import CATALOGUE, DiffResult, diff_apis, format_json, format_markdown, summarize
from specsmith.ir import Api

pytestmark = pytest.mark.slow  # builds and diffs all seven real snapshots, both ways


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

    assert result.counts("strict") == {"breaking": 43, "risky": 31, "safe": 166}
    assert result.counts("specsmith") == {"breaking": 43, "risky": 10, "safe": 187}
    kinds = Counter(
        c.rule_id for c in result.changes if c.severity == "breaking" and c.kind == "source"
    )
    assert kinds == {"type-removed": 20, "response-optional-property-removed": 6,
                     "response-union-variant-removed": 2, "request-property-removed": 1, "type-renamed": 1}  # fmt: skip
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


def test_a_pair_without_wire_breaks(results: dict[tuple[str, str], DiffResult]) -> None:
    """07-18 → 08-03 breaks no old client on the wire; what breaks is code after regeneration."""
    result = results[("2026-07-18", "2026-08-03")]

    breaking = [c for c in result.changes if c.severity == "breaking"]
    assert {c.kind for c in breaking} == {"source"}
    assert len(breaking) == 12
    assert summarize(result).startswith("12 breaking, 21 risky, 129 safe changes: ")


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


@pytest.fixture(scope="module")
def both_ways(elevenlabs_apis: dict[str, Api]) -> dict[tuple[str, str], DiffResult]:
    dates = sorted(elevenlabs_apis)
    pairs = [*pairwise(dates), *((new, old) for old, new in pairwise(dates))]
    return {(old, new): diff_apis(elevenlabs_apis[old], elevenlabs_apis[new]) for old, new in pairs}


def test_every_pair_both_ways_gives_a_pr_comment_that_fits(
    both_ways: dict[tuple[str, str], DiffResult],
) -> None:
    assert len(both_ways) == 12
    for pair, result in both_ways.items():
        for view in ("strict", "specsmith"):
            markdown = format_markdown(result, view=view)
            assert len(markdown) < 60_000, (pair, view, len(markdown))
            assert "#### Breaking" in markdown or not result.counts(view)["breaking"], pair


def test_every_pair_both_ways_lists_each_fact_once(
    both_ways: dict[tuple[str, str], DiffResult],
) -> None:
    """No two items of the JSON are one fact: not the same text, and not the same rule with the same values
    about one old or one new definition (copies of one definition are merged, listing where they apply)."""
    for pair, result in both_ways.items():
        items = json.loads(format_json(result))["changes"]
        texts = Counter((i["rule_id"], i["message"], i["python"]) for i in items)
        assert [t for t, n in texts.items() if n > 1] == [], pair
        for side in ("old_pointer", "new_pointer"):
            keys = Counter(
                (c.rule_id, getattr(c, side), c.detail)
                for c in result.changes
                if getattr(c, side) and (not c.operation or "/components/" in getattr(c, side))
            )
            assert [k for k, n in keys.items() if n > 1] == [], (pair, side)
        assert len(items) == len(result.changes)


def test_the_named_ast_union_split_into_copies_reports_each_lost_variant_once(
    both_ways: dict[tuple[str, str], DiffResult],
) -> None:
    """04-02 → 03-17: ``ASTNode-Input`` became one inline copy per operator node, each without ``llm``."""
    result = both_ways[("2026-04-02", "2026-03-17")]

    lost = [
        c
        for c in result.changes
        if c.rule_id == "request-union-variant-removed" and "ASTLLMNode" in c.message
    ]
    assert len(lost) == 1
    assert len(lost[0].applies_to) == 15


def test_the_issue_examples_are_rated_by_what_happens_to_user_code(
    both_ways: dict[tuple[str, str], DiffResult],
) -> None:
    forward = both_ways[("2026-06-01", "2026-07-18")]
    backward = both_ways[("2026-07-18", "2026-06-01")]

    variants = [c for c in forward.changes if c.rule_id == "response-union-variant-removed"
                and "SystemToolConfigOutputParams" in c.python and "load_procedure" in c.python]  # fmt: skip
    assert [(c.severity, c.severity_specsmith, c.kind) for c in variants] == [
        ("breaking", "breaking", "source")
    ]
    token = [c for c in forward.changes if "hcaptcha_token" in c.message]
    assert token and {(c.rule_id, c.severity, c.kind) for c in token} == {
        ("request-property-removed", "breaking", "source")
    }
    name = [c for c in backward.changes if c.rule_id == "request-property-became-non-nullable"
            and "api-keys" in c.message and "`name`" in c.message]  # fmt: skip
    assert len(name) == 1 and name[0].severity == "breaking"
