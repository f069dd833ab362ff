"""Security schemes (apiKey in header/query/cookie, HTTP bearer and basic, OAuth2 with a token passed in,
several schemes per operation) and servers with variables, selectable by name."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

SECURED = """
servers:
  - url: https://{region}.api.example.com/{version}
    description: Production
    variables:
      region: {default: us, enum: [us, eu]}
      version: {default: v1}
  - url: https://staging.example.com
    description: Staging
security:
  - bearer: []
paths:
  /default:
    get: {operationId: usesDefault, responses: {'204': {description: ok}}}
  /both-keys:
    get:
      operationId: bothKeys
      security: [{header_key: [], query_key: []}, {basic: []}]
      responses: {'204': {description: ok}}
  /cookie:
    get:
      operationId: cookieKey
      security: [{cookie_key: []}]
      responses: {'204': {description: ok}}
  /oauth:
    get:
      operationId: oauth
      security: [{oauth: [read]}]
      responses: {'204': {description: ok}}
  /public:
    get:
      operationId: public
      security: []
      responses: {'204': {description: ok}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    basic: {type: http, scheme: basic}
    header_key: {type: apiKey, in: header, name: X-Api-Key}
    query_key: {type: apiKey, in: query, name: api_key}
    cookie_key: {type: apiKey, in: cookie, name: sid}
    oauth:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {read: Read}}}
"""

ALL_CREDENTIALS = {
    "bearer_token": "b-token", "basic_auth": ("ann", "pw"), "header_key_api_key": "hk",
    "query_key_api_key": "qk", "cookie_key_api_key": "ck", "oauth_token": "o-token",
}  # fmt: skip


def _client(c: Any, **kwargs: Any) -> tuple[Any, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    return c.package.Client(http_client=http, **kwargs), seen


def test_each_scheme_puts_its_credential_where_the_spec_says(make_client: Any) -> None:
    c = make_client(SECURED)
    client, seen = _client(c, **ALL_CREDENTIALS)
    client.uses_default()
    client.both_keys()
    client.cookie_key()
    client.oauth()
    client.public()
    assert seen[0].headers["authorization"] == "Bearer b-token"
    assert seen[1].headers["x-api-key"] == "hk" and seen[1].url.params["api_key"] == "qk"  # both of an AND-set
    assert "authorization" not in seen[1].headers
    assert seen[2].headers["cookie"] == "sid=ck"
    assert seen[3].headers["authorization"] == "Bearer o-token"
    assert "authorization" not in seen[4].headers and not seen[4].url.params


def test_the_next_alternative_is_used_when_a_credential_is_missing(make_client: Any) -> None:
    c = make_client(SECURED)
    client, seen = _client(c, header_key_api_key="hk", basic_auth=("ann", "pw"))
    client.both_keys()  # query_key is missing, so the {header_key, query_key} set cannot be used
    expected = "Basic " + base64.b64encode(b"ann:pw").decode()
    assert seen[0].headers["authorization"] == expected
    assert "x-api-key" not in seen[0].headers


def test_servers_are_selectable_by_name_with_variables(make_client: Any) -> None:
    c = make_client(SECURED)
    assert c.package.SERVERS == {
        "production": "https://{region}.api.example.com/{version}", "staging": "https://staging.example.com",
    }  # fmt: skip
    client, seen = _client(c)
    client.public()
    assert str(seen[0].url) == "https://us.api.example.com/v1/public"  # the first server, variable defaults
    client, seen = _client(c, server="production", server_variables={"region": "eu"})
    client.public()
    assert str(seen[0].url) == "https://eu.api.example.com/v1/public"
    client, seen = _client(c, server="staging")
    client.public()
    assert str(seen[0].url) == "https://staging.example.com/public"
    with pytest.raises(ValueError, match="unknown server"):
        c.package.Client(server="nowhere")


def test_the_generated_package_type_checks(make_client: Any) -> None:
    c = make_client(SECURED)
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
    run = c.run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:]
