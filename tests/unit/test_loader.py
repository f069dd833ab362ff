"""The load stage: JSON and YAML into JSON-like data, with hostile-input limits."""

from __future__ import annotations

import hashlib
import json
import math
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from specsmith.diagnostics import Diagnostics
from specsmith.load import MAX_DEPTH, Document, load_document
from specsmith.load.loader import parse_bytes
from specsmith.load.safeyaml import YAMLLimitError, load_yaml


def load(
    tmp_path: Path, text: str | bytes, name: str = "spec.yaml"
) -> tuple[Document | None, Diagnostics]:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    diagnostics = Diagnostics()
    return load_document(path, diagnostics), diagnostics


def test_json_document(tmp_path: Path) -> None:
    raw = b'{"openapi": "3.1.0", "paths": {"/a": {}}, "n": 1.5}'
    document, diagnostics = load(tmp_path, raw, "spec.json")
    assert not diagnostics.items
    assert document is not None
    assert document.data == {"openapi": "3.1.0", "paths": {"/a": {}}, "n": 1.5}
    assert document.sha256 == hashlib.sha256(raw).hexdigest()
    assert document.path == (tmp_path / "spec.json").absolute()
    assert document.display == str(tmp_path / "spec.json")


def test_json_is_recognised_by_content_not_extension(tmp_path: Path) -> None:
    document, _ = load(tmp_path, '\ufeff  {"openapi": "3.0.3"}', "spec.yaml")
    assert document is not None and document.data == {"openapi": "3.0.3"}


def test_flow_yaml_that_is_not_json_falls_back_to_yaml(tmp_path: Path) -> None:
    document, diagnostics = load(tmp_path, "{openapi: 3.1.0, paths: {}}\n")
    assert not diagnostics.items
    assert document is not None and document.data == {"openapi": "3.1.0", "paths": {}}


def test_display_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "api.yaml").write_text("openapi: 3.1.0\n")
    monkeypatch.chdir(tmp_path)
    document = load_document("specs/api.yaml", Diagnostics())
    assert document is not None
    assert document.display == "specs/api.yaml"
    assert document.path == tmp_path / "specs" / "api.yaml"


def test_yaml_keys_become_strings_as_written(tmp_path: Path) -> None:
    text = "openapi: 3.0.3\nresponses:\n  200: {description: ok}\n  default: {}\non: 1\nyes: 2\n1.5: 3\n~: 4\n"
    document, _ = load(tmp_path, text)
    assert document is not None
    assert list(document.data["responses"]) == ["200", "default"]
    assert {"on", "yes", "1.5", "~"} <= set(document.data)


def test_yaml_dates_and_timestamps_stay_strings(tmp_path: Path) -> None:
    text = "openapi: 3.0.3\nexample: 2024-01-01\nat: 2024-01-01T10:00:00Z\ntagged: !!timestamp 2024-01-02\n"
    document, _ = load(tmp_path, text)
    assert document is not None
    assert document.data["example"] == "2024-01-01"
    assert document.data["at"] == "2024-01-01T10:00:00Z"
    assert document.data["tagged"] == "2024-01-02"


def test_yaml_scalars_keep_their_types(tmp_path: Path) -> None:
    text = "openapi: 3.0.3\nvalues: [1, 0x1F, 1.5, .inf, true, null, '12', \"x\", no]\n"
    document, _ = load(tmp_path, text)
    assert document is not None
    assert document.data["values"] == [1, 31, 1.5, math.inf, True, None, "12", "x", False]


def test_yaml_anchors_merges_and_collection_tags(tmp_path: Path) -> None:
    text = (
        "openapi: 3.0.3\n"
        "base: &base {type: object, description: base}\n"
        "copy: *base\n"
        "merged: {<<: *base, description: own}\n"
        "multi: {<<: [{a: 1}, {a: 2, b: 2}]}\n"
        "set: !!set {x, y}\n"
        "pairs: !!omap [{a: 1}, {b: 2}]\n"
    )
    document, _ = load(tmp_path, text)
    assert document is not None
    data = document.data
    assert data["copy"] == {"type": "object", "description": "base"}
    assert data["merged"] == {"type": "object", "description": "own"}
    assert data["multi"] == {"a": 1, "b": 2}
    assert data["set"] == {"x": None, "y": None}
    assert data["pairs"] == [{"a": 1}, {"b": 2}]


# Control and line-separator characters are left out: PyYAML's dumper mangles some of them.
_TEXT = st.text(st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]))
_SCALARS = st.none() | st.booleans() | st.integers() | _TEXT | st.floats(allow_nan=False)
_JSON_LIKE = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(_TEXT, _JSON_LIKE, max_size=5))
def test_yaml_round_trips_json_like_data(data: dict[str, Any]) -> None:
    dumped = yaml.safe_dump(data, allow_unicode=True)
    assert load_yaml(dumped.encode()) == data
    is_parsed, parsed = parse_bytes(json.dumps(data).encode(), "x.json", Diagnostics())
    assert is_parsed and parsed == data


@pytest.mark.parametrize(
    ("text", "found"),
    [("- a\n- b\n", "a list"), ("just a string\n", "a string"), ("", "empty"), ("42", "a number")],
)
def test_a_root_that_is_not_a_mapping_is_not_openapi(tmp_path: Path, text: str, found: str) -> None:
    document, diagnostics = load(tmp_path, text)
    assert document is None
    [item] = diagnostics.items
    assert item.code == "not-openapi"
    assert found in item.message


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    lines.append("openapi: *a9")
    started = time.perf_counter()
    with pytest.raises(YAMLLimitError) as caught:
        load_yaml("\n".join(lines).encode())
    assert time.perf_counter() - started < 2
    assert caught.value.code == "yaml-alias-bomb"


def test_moderate_alias_use_is_fine() -> None:
    text = "s: &s {type: string}\n" + "".join(f"p{i}: *s\n" for i in range(5000))
    data = load_yaml(text.encode())
    assert data["p4999"] == {"type": "string"}


def test_nesting_limit_is_exact() -> None:
    assert load_yaml(("[" * MAX_DEPTH + "]" * MAX_DEPTH).encode()) is not None
    with pytest.raises(YAMLLimitError):
        load_yaml(("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)).encode())
    assert parse_bytes(("[" * MAX_DEPTH + "]" * MAX_DEPTH).encode(), "x.json", Diagnostics())[0]
    assert not parse_bytes(
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)).encode(), "x.json", Diagnostics()
    )[0]


def test_empty_yaml_stream_is_none() -> None:
    assert load_yaml(b"") is None
    assert load_yaml(b"# only a comment\n") is None
