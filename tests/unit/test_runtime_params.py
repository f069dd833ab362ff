"""Parameter serialisation of the vendored runtime (templates/runtime/_params.py).

Expected strings follow the OpenAPI 3.1 "Style Examples" table (color = "blue",
["blue", "black", "brown"] and {"R": 100, "G": 200, "B": 150}).
"""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

RUNTIME = Path(__file__).resolve().parents[2] / "templates" / "runtime"
STRING = "blue"
ARRAY = ["blue", "black", "brown"]
OBJECT = {"R": 100, "G": 200, "B": 150}


@pytest.fixture(scope="module")
def rt(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """The runtime copied into a throwaway package, exactly as the generator vendors it."""
    root = tmp_path_factory.mktemp("vendored")
    package = root / "rt_params_client"
    shutil.copytree(RUNTIME, package / "_runtime", ignore=shutil.ignore_patterns("__pycache__"))
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module("rt_params_client._runtime")
    finally:
        sys.path.remove(str(root))


def path_of(rt: ModuleType, value: Any, **settings: Any) -> str:
    return rt._params.build_path("/{color}", [rt.Param("color", value, **settings)])[1:]


def query_of(rt: ModuleType, value: Any, **settings: Any) -> str:
    return rt._params.build_query([rt.Param("color", value, **settings)])


class Wire:
    """A SyncHTTP over MockTransport that remembers the requests it sent."""

    def __init__(self, rt: ModuleType, base_url: str = "https://api.test") -> None:
        self.requests: list[httpx.Request] = []
        client = httpx.Client(transport=httpx.MockTransport(self._handle))
        self.http = rt.SyncHTTP(base_url=base_url, http_client=client)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json={})

    def target(self, *args: Any, **kwargs: Any) -> str:
        self.http.send(*args, **kwargs)
        return self.requests[-1].url.raw_path.decode()


# --- path styles -------------------------------------------------------------------------

PATH_TABLE = [
    ("simple", False, STRING, "blue"),
    ("simple", False, ARRAY, "blue,black,brown"),
    ("simple", False, OBJECT, "R,100,G,200,B,150"),
    ("simple", True, STRING, "blue"),
    ("simple", True, ARRAY, "blue,black,brown"),
    ("simple", True, OBJECT, "R=100,G=200,B=150"),
    ("label", False, STRING, ".blue"),
    ("label", False, ARRAY, ".blue,black,brown"),
    ("label", False, OBJECT, ".R,100,G,200,B,150"),
    ("label", True, STRING, ".blue"),
    ("label", True, ARRAY, ".blue.black.brown"),
    ("label", True, OBJECT, ".R=100.G=200.B=150"),
    ("matrix", False, STRING, ";color=blue"),
    ("matrix", False, ARRAY, ";color=blue,black,brown"),
    ("matrix", False, OBJECT, ";color=R,100,G,200,B,150"),
    ("matrix", True, STRING, ";color=blue"),
    ("matrix", True, ARRAY, ";color=blue;color=black;color=brown"),
    ("matrix", True, OBJECT, ";R=100;G=200;B=150"),
]


@pytest.mark.parametrize(("style", "explode", "value", "expected"), PATH_TABLE)
def test_path_style_table(
    rt: ModuleType, style: str, explode: bool, value: Any, expected: str
) -> None:
    assert path_of(rt, value, style=style, explode=explode) == expected


def test_path_default_style_is_simple_and_scalars_render_as_wire_text(rt: ModuleType) -> None:
    build = rt._params.build_path
    params = [rt.Param("id", 42, style="simple"), rt.Param("flag", True, style="simple")]
    assert build("/items/{id}/{flag}", params) == "/items/42/true"
    assert build("/static/path", []) == "/static/path"


def test_path_content_encoded_param_is_json(rt: ModuleType) -> None:
    param = rt.Param("f", {"a": [1, 2]}, style="simple", content_type="application/json")
    assert rt._params.build_path("/x/{f}", [param]) == "/x/%7B%22a%22%3A%5B1%2C2%5D%7D"


# --- path safety -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "segment"),
    [
        ("../x", "..%2Fx"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        ("a/b", "a%2Fb"),
        ("%2F", "%252F"),
        ("a?b#c", "a%3Fb%23c"),
        ("héllo wörld", "h%C3%A9llo%20w%C3%B6rld"),
        ("...", "..."),
    ],
)
def test_path_values_cannot_change_the_path(rt: ModuleType, value: str, segment: str) -> None:
    wire = Wire(rt, "https://api.test/api/v2/")
    sent = wire.target("GET", "/files/{name}/meta", path_params=[rt.Param("name", value)])
    assert sent == f"/api/v2/files/{segment}/meta"


def test_path_list_items_are_encoded_too(rt: ModuleType) -> None:
    assert path_of(rt, ["a/b", ".."], style="simple") == "a%2Fb,.."
    assert path_of(rt, [".."], style="simple") == "%2E%2E"


@pytest.mark.parametrize("value", ["", None, [], {}])
def test_empty_path_value_is_rejected_before_io(rt: ModuleType, value: Any) -> None:
    wire = Wire(rt)
    with pytest.raises(ValueError, match="Expected a non-empty value for `doc_id`"):
        wire.http.send("GET", "/docs/{doc_id}", path_params=[rt.Param("doc_id", value)])
    assert wire.requests == []


def test_omitted_path_value_is_rejected(rt: ModuleType) -> None:
    with pytest.raises(ValueError, match="non-empty"):
        rt._params.build_path("/docs/{doc_id}", [rt.Param("doc_id", rt.OMIT)])


def test_missing_path_param_is_rejected(rt: ModuleType) -> None:
    with pytest.raises(ValueError, match="Missing path parameter `doc_id`"):
        rt._params.build_path("/docs/{doc_id}", [])


@given(st.text(min_size=1))
def test_any_path_value_stays_in_its_segment(rt: ModuleType, value: str) -> None:
    path = rt._params.build_path("/a/{v}/b", [rt.Param("v", value, style="simple")])
    segments = path.split("/")
    assert len(segments) == 4
    assert segments[2] not in (".", "..")
    assert httpx.URL("https://h" + path).raw_path.decode() == path


# --- query styles ------------------------------------------------------------------------

QUERY_TABLE = [
    ("form", False, STRING, "color=blue"),
    ("form", False, ARRAY, "color=blue,black,brown"),
    ("form", False, OBJECT, "color=R,100,G,200,B,150"),
    ("form", True, STRING, "color=blue"),
    ("form", True, ARRAY, "color=blue&color=black&color=brown"),
    ("form", True, OBJECT, "R=100&G=200&B=150"),
    ("spaceDelimited", False, ARRAY, "color=blue%20black%20brown"),
    ("spaceDelimited", False, OBJECT, "color=R%20100%20G%20200%20B%20150"),
    ("spaceDelimited", True, ARRAY, "color=blue&color=black&color=brown"),
    ("pipeDelimited", False, ARRAY, "color=blue|black|brown"),
    ("pipeDelimited", False, OBJECT, "color=R|100|G|200|B|150"),
    ("pipeDelimited", True, ARRAY, "color=blue&color=black&color=brown"),
    ("deepObject", True, OBJECT, "color[R]=100&color[G]=200&color[B]=150"),
    ("form", True, [], "color="),
    ("form", False, [], "color="),
]


@pytest.mark.parametrize(("style", "explode", "value", "expected"), QUERY_TABLE)
def test_query_style_table(
    rt: ModuleType, style: str, explode: bool, value: Any, expected: str
) -> None:
    assert query_of(rt, value, style=style, explode=explode) == expected


@pytest.mark.parametrize(("style", "explode", "value", "expected"), QUERY_TABLE)
def test_query_reaches_the_wire_unchanged(
    rt: ModuleType, style: str, explode: bool, value: Any, expected: str
) -> None:
    wire = Wire(rt)
    sent = wire.target("GET", "/q", query=[rt.Param("color", value, style=style, explode=explode)])
    assert sent == f"/q?{expected}"


def test_query_scalars_omit_and_none(rt: ModuleType) -> None:
    params = [
        rt.Param("a", True),
        rt.Param("b", False),
        rt.Param("c", 1.5),
        rt.Param("d", None),
        rt.Param("e", rt.OMIT),
        rt.Param("f", 0),
        rt.Param("g", ""),
    ]
    assert rt._params.build_query(params) == "a=true&b=false&c=1.5&f=0&g="


def test_query_values_are_percent_encoded_unless_reserved_allowed(rt: ModuleType) -> None:
    value = "a b&c=d/e:f?g#h+i"
    assert query_of(rt, value) == "color=a%20b%26c%3Dd%2Fe%3Af%3Fg%23h%2Bi"
    allowed = query_of(rt, value, allow_reserved=True)
    assert allowed == "color=a%20b%26c=d/e:f?g%23h+i"
    assert query_of(rt, {"k y": "v&"}, style="deepObject") == "color[k%20y]=v%26"


def test_query_content_encoded_param_is_compact_json(rt: ModuleType) -> None:
    encoded = query_of(rt, {"a": 1, "b": [True, None]}, content_type="application/json")
    assert encoded == "color=%7B%22a%22%3A1%2C%22b%22%3A%5Btrue%2Cnull%5D%7D"


def test_extra_query_is_merged_last_and_overrides(rt: ModuleType) -> None:
    wire = Wire(rt)
    sent = wire.target(
        "GET",
        "/q",
        query=[rt.Param("page", 1), rt.Param("tag", ["x", "y"])],
        options={"extra_query": {"page": 2, "debug": True}},
    )
    assert sent == "/q?tag=x&tag=y&page=2&debug=true"


# --- headers and cookies -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("explode", "value", "expected"),
    [
        (False, STRING, "blue"),
        (False, ARRAY, "blue,black,brown"),
        (False, OBJECT, "R,100,G,200,B,150"),
        (True, OBJECT, "R=100,G=200,B=150"),
        (False, True, "true"),
        (False, 7, "7"),
    ],
)
def test_header_simple_style(rt: ModuleType, explode: bool, value: Any, expected: str) -> None:
    param = rt.Param("X-Color", value, style="simple", explode=explode)
    assert rt._params.build_headers([param]) == [("X-Color", expected)]


def test_header_omit_none_and_json(rt: ModuleType) -> None:
    params = [
        rt.Param("A", rt.OMIT),
        rt.Param("B", None),
        rt.Param("C", {"x": 1}, content_type="application/json"),
    ]
    assert rt._params.build_headers(params) == [("C", '{"x":1}')]


@pytest.mark.parametrize(
    ("explode", "value", "expected"),
    [
        (True, STRING, "color=blue"),
        (False, ARRAY, "color=blue,black,brown"),
        (True, ARRAY, "color=blue; color=black; color=brown"),
        (False, OBJECT, "color=R,100,G,200,B,150"),
        (True, OBJECT, "R=100; G=200; B=150"),
        (True, "a b;c,d", "color=a%20b%3Bc%2Cd"),
    ],
)
def test_cookie_form_style(rt: ModuleType, explode: bool, value: Any, expected: str) -> None:
    assert rt._params.build_cookie([rt.Param("color", value, explode=explode)]) == expected


def test_headers_and_cookies_on_the_wire(rt: ModuleType) -> None:
    wire = Wire(rt)
    wire.http.headers["User-Agent"] = "specsmith-test/1"
    wire.http.headers["Cookie"] = "session=s1"
    wire.http.send(
        "GET",
        "/h",
        headers=[rt.Param("X-Ids", [1, 2], style="simple"), rt.Param("X-Skip", None)],
        cookies=[rt.Param("theme", "dark"), rt.Param("gone", rt.OMIT)],
        accept="application/json",
        options={"extra_headers": {"x-ids": "override"}},
    )
    headers = wire.requests[0].headers
    assert headers["user-agent"] == "specsmith-test/1"
    assert headers.get_list("x-ids") == ["override"]
    assert "x-skip" not in headers
    assert headers["cookie"] == "session=s1; theme=dark"
    assert headers["accept"] == "application/json"
