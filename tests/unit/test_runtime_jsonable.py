"""Request arguments become JSON the way a user expects: enums, dates, models, OMIT dropped."""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import shutil
import sys
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

RUNTIME = Path(__file__).resolve().parents[2] / "templates" / "runtime"


@pytest.fixture(scope="module")
def rt(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    root = tmp_path_factory.mktemp("jsonable")
    (root / "jsonable_pkg").mkdir()
    (root / "jsonable_pkg" / "__init__.py").write_text("")
    shutil.copytree(RUNTIME, root / "jsonable_pkg" / "_runtime")
    sys.path.insert(0, str(root))
    return importlib.import_module("jsonable_pkg._runtime")


class Colour(str, enum.Enum):
    RED = "red"


class Model:
    def to_dict(self) -> dict[str, Any]:
        return {"k": 1}


def test_to_jsonable_converts_nested_values_and_drops_omitted_keys(rt: ModuleType) -> None:
    value = {
        "colour": Colour.RED,
        "when": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc),
        "day": dt.date(2024, 1, 2),
        "id": uuid.UUID(int=1),
        "model": Model(),
        "items": (Colour.RED, None),
        "raw": b"hi",
        "skipped": rt.OMIT,
        "null": None,
    }
    assert rt.to_jsonable(value) == {
        "colour": "red",
        "when": "2024-01-02T03:04:05+00:00",
        "day": "2024-01-02",
        "id": "00000000-0000-0000-0000-000000000001",
        "model": {"k": 1},
        "items": ["red", None],
        "raw": "aGk=",
        "null": None,
    }


def test_to_jsonable_refuses_unknown_objects(rt: ModuleType) -> None:
    with pytest.raises(TypeError, match="cannot send a object"):
        rt.to_jsonable(object())


def test_json_part_and_unknown_keys(rt: ModuleType) -> None:
    assert rt.json_part(rt.OMIT) is rt.OMIT
    assert rt.json_part({"a": Colour.RED}) == rt.JsonPart({"a": "red"})
    known = frozenset({"a"})
    assert rt.unknown_keys({"a": 1}, known) == {}
    assert rt.unknown_keys({"a": 1, "b": 2}, known) == {"b": 2}
