"""Resource (tag/group) names that once broke the generated package, and model/resource class clashes.

1. A tag named ``functools`` became a ``functools`` property of ``RootResource``, so the next
   ``@functools.cached_property`` in the class body failed at import; a tag named ``warnings`` became
   ``resources/warnings.py``, whose import rebinds the package's ``warnings`` global.
2. A schema named ``<Tag>Resource`` returned by resource ``<tag>`` clashed with the resource class.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.support import GeneratedClient

_OPS = "\n".join(
    f"""  /{tag}:
    get:
      operationId: list_{tag}
      tags: [{tag}]
      deprecated: true
      responses: {{"200": {{description: ok, content: {{application/json: {{schema: {{type: string}}}}}}}}}}"""
    for tag in ("functools", "warnings", "importlib", "str", "datetime")
)
TAGS_SPEC = f"""
paths:
{_OPS}
  /root:
    get:
      operationId: root_call
      deprecated: true
      responses: {{"204": {{description: none}}}}
"""

RESOURCE_CLASS_SPEC = """
paths:
  /a:
    get:
      operationId: getA
      tags: [things]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/ThingsResource"}}}}
components:
  schemas:
    ThingsResource: {type: object, properties: {a: {type: string}}}
"""


def _api(c: GeneratedClient, answer: httpx.Response) -> object:
    transport = httpx.MockTransport(lambda request: answer)
    return c.package.Client("https://api.test", http_client=httpx.Client(transport=transport))


def test_tags_named_like_module_globals_give_a_working_client(make_client: Callable[..., GeneratedClient]) -> None:
    c = make_client(TAGS_SPEC)
    api = _api(c, httpx.Response(200, json="ok"))  # importing the client failed here
    resources = [name for name in dir(api) if name.startswith(("functools", "warnings", "importlib"))]
    assert len(resources) == 3
    for name in resources:
        group = getattr(api, name)
        method = next(getattr(group, m) for m in dir(group) if m.startswith("list_"))
        with pytest.warns(DeprecationWarning, match="is deprecated"):
            assert method() == "ok"
    # resources/warnings*.py is loaded now; the root's own `warnings` global must still be the module
    with pytest.warns(DeprecationWarning, match="GET /root is deprecated"):
        api.root_call()  # type: ignore[attr-defined]


def test_tags_named_like_module_globals_type_check(make_client: Callable[..., GeneratedClient]) -> None:
    checked = make_client(TAGS_SPEC).mypy()
    assert checked.returncode == 0, checked.stdout


def test_model_named_like_its_resource_class_type_checks(make_client: Callable[..., GeneratedClient]) -> None:
    c = make_client(RESOURCE_CLASS_SPEC)
    api = _api(c, httpx.Response(200, json={"a": "x"}))
    assert api.things.get_a() == c.models.ThingsResource(a="x")  # type: ignore[attr-defined]
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
