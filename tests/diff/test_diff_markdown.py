"""The Markdown report as a pull-request comment: it fits by construction and spec text stays text."""

from __future__ import annotations

import re

from diff_factories import api, enum, field, model, op, param
from hypothesis import given
from hypothesis import strategies as st
from specsmith.diff import DiffResult, diff_apis
from specsmith.diff.report_markdown import LIMIT, escape, format_markdown
from specsmith.ir import EnumRef

HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "@octocat",
    "[click](https://evil.example)",
    "a`b",
    "x|y",
    "*bold*",
    "www.evil.example",
)
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _hostile() -> DiffResult:
    old = api(
        op("GET", "/things", "list", params=tuple(param(f"p{i}", wire=name) for i, name in enumerate(HOSTILE))),
        models=(model("Thing", field("id", required=True)),),
        spec_file="<b>old</b>.yaml",
    )  # fmt: skip
    new = api(
        op("GET", "/things", "list"),
        models=(model("Thing", field("id", required=True),
                      *(field(f"f{i}", wire=name) for i, name in enumerate(HOSTILE))),),
        spec_file="@new.yaml",
    )  # fmt: skip
    return diff_apis(old, new)


def test_spec_text_cannot_become_html_links_mentions_or_cells() -> None:
    markdown = format_markdown(_hostile())

    assert re.search(r"(?<!\\)<(?!/?(details|summary)>)", markdown) is None  # no HTML but ours
    assert "\\<img src=x onerror=alert(1)\\>" in markdown
    assert re.search(r"(?<!\\)\[click", markdown) is None
    assert "https://evil" not in markdown and "www.evil" not in markdown
    assert re.search(r"@(?!\u200b)", markdown) is None  # every @ is followed by a zero-width space
    assert "a\\`b" in markdown and "\\*bold\\*" in markdown
    rows = [line for line in markdown.splitlines() if re.match(r"\| (wire|source|) \| `", line)]
    assert len(rows) == 2 * len(HOSTILE)
    assert all(len(_UNESCAPED_PIPE.findall(row)) == 7 for row in rows)  # six cells, never more


def _many(count: int, name_length: int) -> DiffResult:
    """``count`` removed operations (breaking), optional parameters removed (breaking, source) and added
    (safe), response properties added (safe) — with long names."""
    long = "x" * name_length
    old = api(
        *(op("GET", f"/{long}/{i}", f"get_{i}", params=(param(f"q{i}"),)) for i in range(count))
    )
    new = api(
        *(
            op("GET", f"/{long}/{i}", f"get_{i}", params=(param(f"r{i}"),))
            for i in range(count // 2)
        ),
        *(op("POST", f"/{long}/new/{i}", f"post_{i}") for i in range(count)),
    )
    return diff_apis(old, new)


def test_a_huge_diff_fits_a_pr_comment_and_counts_what_it_leaves_out() -> None:
    result = _many(3000, 200)
    markdown = format_markdown(result)

    assert len(markdown) < LIMIT
    assert f"#### Breaking ({result.counts()['breaking']})" in markdown
    assert re.search(r"_… and \d+ more breaking changes, not shown here\._", markdown)
    assert "Safe (" in markdown
    assert (
        "with its JSON pointers: specsmith diff spec.yaml spec.yaml \\-\\-format json"
        not in markdown
    )
    assert markdown.rstrip().endswith("specsmith diff spec.yaml spec.yaml --format json")
    shown = len(re.findall(r"^\| (wire|source|) \| `", markdown, re.MULTILINE))
    left = sum(int(n) for n in re.findall(r"and (\d+) more \w+ changes, not shown", markdown))
    not_shown = re.findall(r"\*\*\w+ \((\d+)\)\*\*: not shown", markdown)
    assert shown + left + sum(map(int, not_shown)) == len(result.changes)


def test_breaking_changes_leave_room_for_risky_ones() -> None:
    """Thousands of breaking changes cannot crowd the risky ones out of the comment."""
    many = _many(3000, 200)

    def colors(*values: str) -> object:
        return api(op("GET", "/c", "c"), enums=(enum("Color", *values),),
                   models=(model("Thing", field("id", required=True), field("color", EnumRef("Color"))),))  # fmt: skip

    risky = diff_apis(colors("red"), colors("red", "blue"))  # type: ignore[arg-type]
    assert [c.severity for c in risky.changes] == ["risky"]
    combined = DiffResult(many.old, many.new, many.changes + risky.changes, "major")

    markdown = format_markdown(combined)

    assert len(markdown) < LIMIT
    assert "#### Risky (1)" in markdown
    assert "| wire | `response-enum-value-added` |" in markdown


def test_a_small_diff_is_shown_in_full_with_a_pointer_to_the_json() -> None:
    markdown = format_markdown(_hostile(), full_report="https://ci.example/run/1/diff.json")

    assert "not shown" not in markdown
    assert markdown.rstrip().endswith(
        "Every change with its JSON pointers: https://\u200bci.example/run/1/diff.json"
    )


@given(st.text(max_size=400))
def test_escaped_text_is_one_line_of_literal_characters(text: str) -> None:
    escaped = escape(text)

    assert "\n" not in escaped and "\r" not in escaped
    assert re.search(r"(?<!\\)[`*_\[\]<>&|~$!]", escaped.replace("\\\\", "")) is None
    assert len(escaped) <= 2 * 300 + 3 * len(re.findall("@|://|www\\.", text))
