"""Constructs the client does not model warn with a JSON pointer; everything else is still generated."""

from __future__ import annotations

from typing import Any

import httpx

UNSUPPORTED = """
webhooks:
  newPet:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      responses: {'200': {description: ok}}
paths:
  /pets:
    post:
      operationId: addPet
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      callbacks:
        onAdded:
          '{$request.body#/callback}':
            post:
              responses: {'200': {description: ok}}
      responses:
        '201':
          description: created
          links:
            GetPet:
              operationId: getPet
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
            text/event-stream:
              schema: {type: string}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string, not: {const: ''}}
        size:
          type: string
          if: {const: big}
          then: {maxLength: 3}
          else: {minLength: 1}
        meta:
          type: object
          patternProperties: {'^x-': {type: string}}
      dependentSchemas:
        size: {required: [name]}
    Strict:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - not: {required: [secret]}
"""


def test_each_unsupported_construct_warns_once_at_its_pointer(make_client: Any) -> None:
    c = make_client(UNSUPPORTED)
    found = sorted((d.code, d.pointer) for d in c.result.diagnostics
                   if str(d.severity) == "warning" and d.code != "base-url-missing")  # fmt: skip
    assert found == [
        ("callback-unsupported", "/paths/~1pets/post/callbacks"),
        ("link-unsupported", "/paths/~1pets/post/responses/201/links"),
        ("schema-unsupported", "/components/schemas/Pet/dependentSchemas"),
        ("schema-unsupported", "/components/schemas/Pet/properties/meta/patternProperties"),
        ("schema-unsupported", "/components/schemas/Pet/properties/name/not"),
        ("schema-unsupported", "/components/schemas/Pet/properties/size/if"),
        ("schema-unsupported", "/components/schemas/Strict/allOf/1/not"),
        ("stream-unsupported", "/paths/~1pets/post/responses/201/content/text~1event-stream"),
        ("webhook-unsupported", "/webhooks"),
    ]


def test_the_rest_is_generated_and_works(make_client: Any) -> None:
    c = make_client(UNSUPPORTED)
    handler = httpx.MockTransport(lambda request: httpx.Response(201, content=request.content))
    client = c.package.Client("https://api.test", http_client=httpx.Client(transport=handler))
    pet = client.add_pet(name="Rex", size="big", meta={"x-color": "brown"})
    assert (pet.name, pet.size, pet.meta) == ("Rex", "big", {"x-color": "brown"})
    assert c.models.Strict.from_dict({"name": "n"}).name == "n"
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
