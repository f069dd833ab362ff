"""One fixture pair (old API, new API) per operation-level rule, with every rule id the diff must report."""

from __future__ import annotations

from dataclasses import dataclass, replace

from diff_factories import INT, STR, api, body, field, model, op, param, response
from specsmith.ir import Api, Field, ModelRef, SecurityScheme, Server, ServerVariable

__all__ = ["OPERATION_CASES", "Case"]


@dataclass(frozen=True)
class Case:
    rule: str
    old: Api
    new: Api
    expected: tuple[str, ...]  # every rule id reported, sorted

    def __str__(self) -> str:
        return self.rule


GET = op("GET", "/things/{id}", "get", params=(param("id", "path"),))
REQUEST = model("Req", field("name", required=True))


def _one(rule: str, old: Api, new: Api, *also: str) -> Case:
    return Case(rule, old, new, tuple(sorted((rule, *also))))


def _get(**extra: object) -> Api:
    return api(op("GET", "/things", "list", **extra))  # type: ignore[arg-type]


def _post(**extra: object) -> Api:
    return api(
        op("POST", "/things", "create", **extra), models=(model("Thing", field("id")), REQUEST)
    )  # type: ignore[arg-type]


def _secured(*requirements: tuple[str, ...]) -> Api:
    return api(GET, security=requirements)


def _schemes(*schemes: SecurityScheme) -> Api:
    return api(GET, security_schemes=schemes)


def _servers(*urls: str, **names: str) -> Api:
    """Servers named after their host unless ``names`` maps a URL to another name."""
    named = [Server(names.get(url, url.split("//")[1].split(".")[0]), url) for url in urls]
    return api(GET, servers=tuple(named))


def _headers(*headers: Field) -> Api:
    return _get(success=replace(response(ModelRef("Thing")), headers=headers))


REQUEST_ID = field("x-request-id", required=True)


KEY = SecurityScheme(
    "key", "api_key", "apiKey", "/components/securitySchemes/key", "header", "xi-api-key"
)
JSON_BODY = body(None, field("name", required=True))
FORM_BODY = body(
    None, field("name", required=True), content_type="multipart/form-data", kind="multipart"
)

OPERATION_CASES: tuple[Case, ...] = (
    _one("operation-added", api(GET), api(GET, op("POST", "/things", "create"))),
    _one("operation-removed", api(GET, op("POST", "/things", "create")), api(GET)),
    _one("operation-path-changed", api(op("GET", "/v1/things", "list")), api(op("GET", "/v2/things", "list"))),
    _one("operation-method-changed", api(op("PUT", "/things", "update")), api(op("PATCH", "/things", "update"))),
    _one("operation-id-changed", _get(), _get(operation_id="list_things")),
    _one("method-renamed", api(op("GET", "/things", "list", operation_id="x")),
         api(op("GET", "/things", "all", operation_id="x"))),
    _one("operation-deprecated", _get(), _get(deprecated=True)),
    _one("parameter-added-required", _get(), _get(params=(param("q", required=True),))),
    _one("parameter-added-optional", _get(), _get(params=(param("q"),))),
    _one("parameter-removed", _get(params=(param("q"),)), _get()),
    _one("parameter-renamed", _get(params=(param("q"),)), _get(params=(param("query"),))),
    _one("path-parameter-renamed", api(GET),
         api(op("GET", "/things/{thing_id}", "get", params=(param("thing_id", "path"),)))),
    _one("parameter-moved", _get(params=(param("q"),)), _get(params=(param("q", "header"),))),
    _one("parameter-became-required", _get(params=(param("q"),)), _get(params=(param("q", required=True),))),
    _one("parameter-became-optional", _get(params=(param("q", required=True),)), _get(params=(param("q"),))),
    _one("parameter-style-changed", _get(params=(param("q"),)), _get(params=(param("q", explode=False),))),
    _one("parameter-deprecated", _get(params=(param("q"),)), _get(params=(param("q", deprecated=True),))),
    _one("request-body-added-required", _post(), _post(body=JSON_BODY)),
    _one("request-body-added-optional", _post(), _post(body=body(None, field("name"), required=False))),
    _one("request-body-removed", _post(body=JSON_BODY), _post()),
    _one("request-body-became-required", _post(body=body(None, field("name", required=True), required=False)),
         _post(body=JSON_BODY)),
    _one("request-body-became-optional", _post(body=JSON_BODY),
         _post(body=body(None, field("name", required=True), required=False))),
    _one("request-content-type-added", _post(body=JSON_BODY), _post(body=JSON_BODY, other_bodies=(FORM_BODY,))),
    _one("request-content-type-removed", _post(body=JSON_BODY, other_bodies=(FORM_BODY,)), _post(body=JSON_BODY)),
    _one("request-body-flattening-changed", _post(body=body(ModelRef("Req"))), _post(body=JSON_BODY)),
    _one("response-body-added", _get(success=response(kind="empty")), _get()),
    _one("response-body-removed", _get(), _get(success=response(kind="empty"))),
    _one("response-success-status-changed", _get(), _get(success=response(ModelRef("Thing"), "201"))),
    _one("response-kind-changed", _get(),
         _get(success=response(kind="binary", content_type="audio/mpeg"))),
    _one("response-content-type-changed", _get(success=response(kind="binary", content_type="audio/mpeg")),
         _get(success=response(kind="binary", content_type="audio/wav"))),
    _one("response-success-status-added", _get(),
         _get(responses=(response(ModelRef("Thing")), response(ModelRef("Thing"), "202")))),
    _one("response-success-status-removed", _get(responses=(response(ModelRef("Thing")), response(None, "202"))),
         _get()),
    _one("response-error-status-added", _get(), _get(responses=(response(ModelRef("Thing")), response(INT, "422")))),
    _one("response-error-status-removed", _get(responses=(response(ModelRef("Thing")), response(STR, "404"))),
         _get()),
    _one("security-requirement-added", _secured(), _secured(("key",))),
    _one("security-requirement-changed", _secured(("key",)), _secured(("bearer",))),
    _one("security-alternative-removed", _secured(("key",), ("bearer",)), _secured(("key",))),
    _one("security-alternative-added", _secured(("key",)), _secured(("key",), ("bearer",))),
    _one("security-scheme-added", _schemes(), _schemes(KEY)),
    _one("security-scheme-removed", _schemes(KEY), _schemes()),
    _one("security-scheme-changed", _schemes(KEY),
         _schemes(SecurityScheme("key", "api_key", "apiKey", KEY.pointer, "query", "api_key"))),
    _one("server-added", _servers("https://a.example"), _servers("https://a.example", "https://b.example")),
    _one("server-removed", _servers("https://a.example", "https://b.example"), _servers("https://a.example")),
    _one("default-server-changed", _servers("https://a.example", "https://b.example"),
         _servers("https://b.example", "https://a.example")),
    _one("server-renamed", _servers("https://a.example"), _servers("https://a.example", **{"https://a.example": "prod"})),
    _one("server-variable-default-changed",
         api(GET, servers=(Server("eu", "https://{region}.example", variables=(ServerVariable("region", "eu"),)),)),
         api(GET, servers=(Server("eu", "https://{region}.example", variables=(ServerVariable("region", "us"),)),))),
    _one("response-header-added", _headers(), _headers(REQUEST_ID)),
    _one("response-header-removed", _headers(REQUEST_ID), _headers()),
    _one("response-header-became-optional", _headers(REQUEST_ID), _headers(replace(REQUEST_ID, required=False))),
    _one("callback-added", _get(), _get(callbacks=("onDone",))),
    _one("callback-removed", _get(callbacks=("onDone",)), _get()),
    _one("webhook-added", api(GET), api(GET, webhooks=("newThing",))),
    _one("webhook-removed", api(GET, webhooks=("newThing",)), api(GET)),
)  # fmt: skip
