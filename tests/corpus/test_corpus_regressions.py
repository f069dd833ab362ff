"""Shapes from the real-world corpus that once misbehaved.

1. Stripe's form body with no declared fields (``properties: {}``) was accepted as ``body=`` and then
   silently not sent.
2. OpenAI's JSON + ``text/event-stream`` response dropped the event stream without a diagnostic.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qsl

import httpx
import yaml

from tests.support import GeneratedClient

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "specs"

EMPTY_FORM = """
paths:
  /v1/customers/{customer}:
    delete:
      operationId: DeleteCustomersCustomer
      parameters:
        - {name: customer, in: path, required: true, schema: {type: string}}
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, additionalProperties: false, properties: {}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {deleted: {type: boolean}}}}}}
"""


def _api(c: GeneratedClient, seen: list[httpx.Request], answer: object) -> object:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=answer)

    return c.package.Client("https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler)))


def test_empty_form_body_is_sent(make_client: Callable[..., GeneratedClient]) -> None:
    c, seen = make_client(EMPTY_FORM), []
    _api(c, seen, {"deleted": True}).delete_customers_customer("cus_1", body={"reason": "dup"})  # type: ignore[attr-defined]
    assert seen[0].headers.get("content-type", "").startswith("application/x-www-form-urlencoded")
    assert dict(parse_qsl(seen[0].content.decode())) == {"reason": "dup"}
    tests = c.run_generated_tests()
    assert tests.returncode == 0, tests.stdout[-2000:]


def test_event_stream_alternative_is_not_dropped_silently(make_client: Callable[..., GeneratedClient]) -> None:
    spec = yaml.safe_load((CORPUS / "openai.yaml").read_text(encoding="utf-8"))
    c = make_client(spec)
    pointers = [d.pointer for d in c.result.diagnostics]
    streaming = hasattr(c.module("resources.chat").ChatResource, "create_chat_completion_stream")
    assert streaming or any(p.endswith("/content/text~1event-stream") for p in pointers), pointers
