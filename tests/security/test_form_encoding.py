"""Regression found with the real-world corpus (tests/corpus/specs/stripe.yaml).

Form bodies ignored the media type's ``encoding`` map: Stripe declares ``encoding: {metadata: {style:
deepObject, explode: true}, address: {...}}`` and expects ``metadata[order]=6735&address[city]=Paris``;
the client sent ``metadata={"order":"6735"}`` (render/opview.py wraps object fields in ``json_part``),
which Stripe rejects ("Invalid hash"). Fixed: carry each form field's ``encoding`` style/explode into the
IR (build/media.py ``Body.styles``) and send objects as ``name[key]=value`` (runtime ``deep_object``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qsl, unquote

import httpx
import yaml

from tests.support import GeneratedClient

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "specs"


def _api(c: GeneratedClient, seen: list[httpx.Request], answer: object) -> object:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=answer)

    return c.package.Client("https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler)))


def test_form_fields_follow_their_deep_object_encoding(make_client: Callable[..., GeneratedClient]) -> None:
    spec = yaml.safe_load((CORPUS / "stripe.yaml").read_text(encoding="utf-8"))
    c, seen = make_client(spec), []
    customer = {"id": "cus_1", "object": "customer", "created": 1, "livemode": False}
    address = c.models.PostCustomersRequestAddressOptionalFieldsCustomerAddress(city="Paris")
    _api(c, seen, customer).post_customers(metadata={"order": "6735"}, address=address)  # type: ignore[attr-defined]
    sent = sorted(parse_qsl(unquote(seen[0].content.decode())))
    assert sent == [("address[city]", "Paris"), ("metadata[order]", "6735")]
