"""Converters, value types and package-level guarantees of the vendored runtime."""

from __future__ import annotations

import ast
import copy
import importlib
import importlib.util
import pickle
import shutil
import subprocess
import sys
import uuid
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

RUNTIME = Path(__file__).resolve().parents[2] / "templates" / "runtime"
REPO = RUNTIME.parents[1]
UTC = timezone.utc


@pytest.fixture(scope="module")
def rt(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """The runtime copied into a throwaway package, exactly as the generator vendors it."""
    root = tmp_path_factory.mktemp("vendored")
    package = root / "rt_serde_client"
    shutil.copytree(RUNTIME, package / "_runtime", ignore=shutil.ignore_patterns("__pycache__"))
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module("rt_serde_client._runtime")
    finally:
        sys.path.remove(str(root))


# --- date-time ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T12:30:45Z", datetime(2024, 5, 1, 12, 30, 45, tzinfo=UTC)),
        ("2024-05-01t12:30:45z", datetime(2024, 5, 1, 12, 30, 45, tzinfo=UTC)),
        ("2024-05-01 12:30:45+00:00", datetime(2024, 5, 1, 12, 30, 45, tzinfo=UTC)),
        ("2024-05-01T12:30:45.5Z", datetime(2024, 5, 1, 12, 30, 45, 500000, tzinfo=UTC)),
        ("2024-05-01T12:30:45.123Z", datetime(2024, 5, 1, 12, 30, 45, 123000, tzinfo=UTC)),
        ("2024-05-01T12:30:45.123456789Z", datetime(2024, 5, 1, 12, 30, 45, 123456, tzinfo=UTC)),
        (
            "2024-05-01T12:30:45.1+05:30",
            datetime(2024, 5, 1, 12, 30, 45, 100000, timezone(timedelta(hours=5, minutes=30))),
        ),
        (
            "2024-05-01T12:30:45-0800",
            datetime(2024, 5, 1, 12, 30, 45, 0, timezone(timedelta(hours=-8))),
        ),
        ("2024-05-01T12:30:45-00:00", datetime(2024, 5, 1, 12, 30, 45, tzinfo=UTC)),
        ("2024-05-01T12:30:45", datetime(2024, 5, 1, 12, 30, 45)),
        ("2024-05-01T12:30Z", datetime(2024, 5, 1, 12, 30, tzinfo=UTC)),
        ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC)),
    ],
)
@pytest.mark.parametrize("parser", ["parse_datetime", "_parse_rfc3339"])
def test_parse_datetime(rt: ModuleType, parser: str, text: str, expected: datetime) -> None:
    """The public parser (fromisoformat fast path) and the strict RFC 3339 path agree."""
    parsed = getattr(rt._serde, parser)(text)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "text",
    ["", "2024-05-01", "2024-13-01T00:00:00Z", "2024-05-01T25:00:00Z", "2024-05-01T12:00:61Z",
     "yesterday", "2024-05-01T12:00:00+24:00", "20240501T120000Z"],
)  # fmt: skip
@pytest.mark.parametrize("parser", ["parse_datetime", "_parse_rfc3339"])
def test_parse_datetime_rejects(rt: ModuleType, parser: str, text: str) -> None:
    with pytest.raises(ValueError):
        getattr(rt._serde, parser)(text)


def test_strict_parser_rejects_sloppy_fractions(rt: ModuleType) -> None:
    with pytest.raises(ValueError):
        rt._serde._parse_rfc3339("2024-05-01T12:00:00.Z")


@given(st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=-3, minutes=-30))])))
def test_datetime_round_trip(rt: ModuleType, value: datetime) -> None:
    assert rt.parse_datetime(rt.format_datetime(value)) == value


def test_format_datetime_is_isoformat(rt: ModuleType) -> None:
    assert rt.format_datetime(datetime(2024, 5, 1, tzinfo=UTC)) == "2024-05-01T00:00:00+00:00"


def test_dates_and_times(rt: ModuleType) -> None:
    assert rt.parse_date("2024-02-29") == date(2024, 2, 29)
    assert rt.format_date(date(2024, 2, 29)) == "2024-02-29"
    for bad in ("2023-02-29", "20240229", "2024-W01-1"):
        with pytest.raises(ValueError):
            rt.parse_date(bad)
    assert rt.parse_time("08:15:00") == time(8, 15)
    assert rt.parse_time("08:15:00.25Z") == time(8, 15, 0, 250000, tzinfo=UTC)
    assert rt.parse_time("08:15:00+02:00").utcoffset() == timedelta(hours=2)
    assert rt.format_time(time(8, 15, 0, 250000)) == "08:15:00.250000"
    with pytest.raises(ValueError):
        rt.parse_time("8am")


def test_uuid_base64_decimal(rt: ModuleType) -> None:
    value = uuid.uuid4()
    assert rt.parse_uuid(str(value)) == value
    assert rt.b64encode(b"\xfb\xff\x00hi") == "+/8AaGk="
    assert rt.b64decode("+/8AaGk=") == b"\xfb\xff\x00hi"
    assert rt.b64decode("-_8AaGk") == b"\xfb\xff\x00hi"
    assert rt.b64decode("aGk") == b"hi"
    assert rt.parse_decimal(0.1) == Decimal("0.1")
    assert rt.parse_decimal("12.50") == Decimal("12.50")
    assert rt.parse_decimal(3) == Decimal(3)


# --- unions ------------------------------------------------------------------------------


def test_json_kind(rt: ModuleType) -> None:
    kinds = [rt.json_kind(v) for v in ({}, [], "s", 1, 1.0, True, None, (1,), object())]
    assert kinds == ["object", "array", "string", "integer", "number", "boolean", "null",
                     "array", "unknown"]  # fmt: skip


def test_expect_raises_at_the_key_unless_the_value_fits_after_all(rt: ModuleType) -> None:
    data = {"n": 1, "flag": True, "s": "x", "none": None}
    assert rt.expect(data, "n", "number") == 1  # an integer is a number
    assert rt.expect(data, "none", "string|null") is None
    assert rt.expect({"whole": 3.0}, "whole", "integer") == 3 and type(rt.expect({"w": 3.0}, "w", "integer")) is int
    for key, expected, got in [("flag", "integer", "boolean"), ("s", "integer|null", "string"), ("n", "string", "integer")]:
        with pytest.raises(rt.Mismatch) as caught:
            rt.expect(data, key, expected)
        assert caught.value.path == [key] and caught.value.node is data
        assert caught.value.message == f"expected {expected.replace('|', ' or ')}, got {got}"


def test_as_list_checks_the_kind_of_items(rt: ModuleType) -> None:
    assert rt.as_list(["a", "b"], "string") == ["a", "b"]
    assert rt.as_list([1, 2.5], "number") == [1, 2.5]
    assert [type(i) for i in rt.as_list([1, 2.0], "integer")] == [int, int]  # 2.0 is an integer (JSON Schema)
    for value, items, index, got in [(["a", 1], "string", 1, "integer"), ([1, True], "integer", 1, "boolean"),
                                     ([True, 0], "boolean", 1, "integer")]:  # fmt: skip
        with pytest.raises(rt.Mismatch) as caught:
            rt.as_list(value, items)
        assert caught.value.path == [index] and f"got {got}" in str(caught.value)
    with pytest.raises(rt.Mismatch, match="expected an array, got string"):
        rt.as_list("abc", "string")


def test_as_dict_checks_the_kind_of_values(rt: ModuleType) -> None:
    assert rt.as_dict({"a": "x"}, "string") == {"a": "x"}
    assert rt.as_dict({"a": 1, "b": 2.0}, "integer") == {"a": 1, "b": 2} and type(rt.as_dict({"b": 2.0}, "integer")["b"]) is int
    with pytest.raises(rt.Mismatch) as caught:
        rt.as_dict({"a": "x", "b": 3}, "string")
    assert caught.value.path == ["b"] and str(caught.value) == "at $['b']: expected string, got integer"
    with pytest.raises(rt.Mismatch, match="expected an object, got array"):
        rt.as_dict(["x"], "string")


@pytest.mark.parametrize("parser", ["parse_datetime", "parse_date", "parse_time", "parse_uuid", "b64decode"])
def test_parsers_say_a_number_is_not_a_string(rt: ModuleType, parser: str) -> None:
    with pytest.raises(rt.Mismatch, match="expected string, got integer"):
        getattr(rt, parser)(20240101)


def shape(kinds: str, required: str = "", known: str = "") -> tuple[frozenset[str], ...]:
    return (frozenset(kinds.split()), frozenset(required.split()), frozenset(known.split()))


def test_pick_variant_filters_by_kind(rt: ModuleType) -> None:
    shapes = [shape("string"), shape("integer"), shape("number"), shape("boolean"), shape("null")]
    assert rt.pick_variant("x", shapes) == 0
    assert rt.pick_variant(3, shapes) == 1
    assert rt.pick_variant(3.5, shapes) == 2
    assert rt.pick_variant(True, shapes) == 3
    assert rt.pick_variant(None, shapes) == 4
    assert rt.pick_variant(3, [shape("number"), shape("integer")]) == 0  # tie -> lowest index
    assert rt.pick_variant(True, [shape("integer number")]) == -1
    assert rt.pick_variant([1], shapes) == -1


def test_pick_variant_scores_objects(rt: ModuleType) -> None:
    cat = shape("object", "kind", "kind name meows")
    dog = shape("object", "kind", "kind name barks tail")
    strict = shape("object", "kind id", "kind id")
    shapes = [cat, dog, strict]
    assert rt.pick_variant({"kind": "?", "name": "x", "barks": True}, shapes) == 1
    assert rt.pick_variant({"kind": "?", "name": "x", "meows": True}, shapes) == 0
    assert rt.pick_variant({"kind": "?"}, shapes) == 0  # cat and dog tie, strict lacks `id`
    assert rt.pick_variant({"kind": "?", "id": 1}, shapes) == 2
    assert rt.pick_variant({"name": "no kind"}, shapes) == -1
    assert rt.pick_variant({"kind": 1, "a": 1, "b": 2, "c": 3}, shapes) == 0  # negatives still win
    assert rt.pick_variant({"kind": 1}, [shape("string"), shape("object", "", "")]) == 1


# --- value types -------------------------------------------------------------------------


def test_omit_is_a_falsy_singleton(rt: ModuleType) -> None:
    assert not rt.OMIT
    assert repr(rt.OMIT) == "OMIT"
    assert rt.Omit() is rt.OMIT
    assert copy.deepcopy(rt.OMIT) is rt.OMIT
    assert pickle.loads(pickle.dumps(rt.OMIT)) is rt.OMIT
    assert rt.OMIT is not None


def test_value_types(rt: ModuleType) -> None:
    unknown = rt.UnknownVariant(tag="new_kind", raw={"kind": "new_kind", "x": 1})
    assert unknown.to_dict() == {"kind": "new_kind", "x": 1}
    with pytest.raises(AttributeError):
        unknown.tag = "other"
    param = rt.Param("q", 1)
    assert (param.style, param.explode, param.allow_reserved, param.content_type) == (
        "form", True, False, None,
    )  # fmt: skip
    scheme = rt.SecurityScheme("apiKey", "header", "X-Key")
    assert (scheme.kind, scheme.location, scheme.param_name, scheme.scheme) == (
        "apiKey", "header", "X-Key", None,
    )  # fmt: skip
    assert rt.JsonPart([1]).value == [1]
    assert set(rt.RequestOptions.__annotations__) == {
        "timeout", "max_retries", "extra_headers", "extra_query", "extra_body",
    }  # fmt: skip


def test_error_tree(rt: ModuleType) -> None:
    assert issubclass(rt.ApiError, rt.ClientError)
    assert issubclass(rt.ApiTimeoutError, rt.ApiConnectionError)
    assert issubclass(rt.ApiConnectionError, rt.ClientError)
    assert issubclass(rt.DecodeError, rt.ClientError)
    expected = {
        400: rt.BadRequestError, 401: rt.AuthenticationError, 403: rt.PermissionDeniedError,
        404: rt.NotFoundError, 409: rt.ConflictError, 422: rt.UnprocessableEntityError,
        429: rt.RateLimitError, 500: rt.InternalServerError, 503: rt.InternalServerError,
        418: rt.ApiError, 302: rt.ApiError,
    }  # fmt: skip
    for status, cls in expected.items():
        assert rt.error_class_for(status) is cls
        assert issubclass(cls, rt.ApiError)


# --- package guarantees ------------------------------------------------------------------

PUBLIC = {
    "OMIT", "Omit", "FileContent", "FileInput", "RequestOptions", "UnknownVariant", "Param",
    "JsonPart", "SecurityScheme", "Credential", "parse_datetime", "format_datetime",
    "parse_date", "format_date", "parse_time", "format_time", "parse_uuid", "b64decode",
    "b64encode", "parse_decimal", "pick_variant", "VariantShape", "json_kind", "ClientError",
    "Mismatch", "mismatch", "as_list", "as_dict", "expect", "wrong_kind",
    "ApiError", "BadRequestError", "AuthenticationError", "PermissionDeniedError",
    "NotFoundError", "ConflictError", "UnprocessableEntityError", "RateLimitError",
    "InternalServerError", "error_class_for", "ApiConnectionError", "ApiTimeoutError",
    "DecodeError", "SyncHTTP", "AsyncHTTP", "decode_json", "decode_text", "decode_bytes",
    "to_jsonable", "json_part", "unknown_keys", "deep_object",
    # streaming, raw responses, pagination, logging (issue 8)
    "AsyncPager", "AsyncRawResponse", "AsyncStream", "AsyncStreamedResponse", "ItemDecoder", "Paging",
    "RawResponse", "ServerSentEvent", "Stream", "StreamedResponse", "SyncPager", "async_raw_response",
    "async_streaming_response", "binary_chunks", "enable_logging", "json_lines", "raw_response",
    "sse_events", "sse_text", "streaming_response", "text_chunks", "from_environment",
}  # fmt: skip


def test_public_names_are_exported(rt: ModuleType) -> None:
    assert set(rt.__all__) == PUBLIC
    for name in PUBLIC:
        assert hasattr(rt, name), name


def test_runtime_imports_only_stdlib_and_httpx() -> None:
    allowed = set(sys.stdlib_module_names) | {"httpx", "__future__"}
    for module in RUNTIME.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{module.name} imports {name}"


def test_runtime_stays_under_its_line_budget() -> None:
    total = sum(len(path.read_text().splitlines()) for path in RUNTIME.glob("*.py"))
    assert total < 2100  # streaming, raw responses, pagination, retry and logging (issue 8), decode paths (11)


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_runtime_passes_mypy_strict(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10",
         "--cache-dir", str(tmp_path / "cache"), "--no-incremental", str(RUNTIME)],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
