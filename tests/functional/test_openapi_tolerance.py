"""Real specs the validator rejects still generate, with a warning at each tolerated finding; what would make
the client wrong stays an error, and ``--strict`` refuses every finding."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
from specsmith.diagnostics import Severity

from tests.cli.cli_run import run_cli
from tests.support import complete_spec

# ElevenLabs (Feb-June 2025): an undeclared path parameter, a `description` inside a media type object.
ELEVENLABS_SHAPE = """
openapi: 3.1.0
paths:
  /v1/convai/agents/{agent_id}/add-to-knowledge-base:
    post:
      operationId: add_to_knowledge_base
      requestBody:
        required: true
        content:
          application/json:
            description: misplaced, harmless
            schema: {type: object, required: [url], properties: {url: {type: string}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
"""

# OpenAI's spec and Kubernetes apps/v1: defaults of the wrong type, a response without a description,
# documentation keywords of the wrong type, a required name with no property.
OPENAI_KUBERNETES_SHAPE = """
openapi: 3.0.0
paths:
  /deployments/{name}:
    get:
      operationId: read_deployment
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer, default: '20'}}
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Deployment'}
components:
  schemas:
    Deployment:
      type: object
      required: [metadata]
      properties:
        metadata: {allOf: [{$ref: '#/components/schemas/ObjectMeta'}], default: {}}
        stop: {type: string, default: [], description: Up to 4 sequences.}
        replicas: {type: integer, default: '1', example: 3}
        strategy: {type: string, format: 7, description: 12}
    ObjectMeta:
      type: object
      required: [name, generateName]
      allOf: [{type: object, properties: {name: {type: string}}}]
"""


def _warnings(client: Any) -> dict[str, str]:
    items = client.result.diagnostics.items
    assert not [d for d in items if d.severity is Severity.ERROR]
    return {d.pointer: d.message for d in items if d.severity is Severity.WARNING}


def test_an_undeclared_path_parameter_becomes_a_required_str(make_client: Any) -> None:
    c = make_client(ELEVENLABS_SHAPE, validate=True)
    warnings = _warnings(c)
    operation = "/paths/~1v1~1convai~1agents~1{agent_id}~1add-to-knowledge-base/post"
    assert "{agent_id} is not declared" in warnings[operation]
    assert "`description` not allowed here; ignored" in warnings[f"{operation}/requestBody/content/application~1json"]
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"id": "d1"})

    api = c.package.Client("https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    assert api.add_to_knowledge_base(agent_id="a/1", url="https://x").id == "d1"
    assert seen[0].url.raw_path == b"/v1/convai/agents/a%2F1/add-to-knowledge-base"
    assert json.loads(seen[0].content) == {"url": "https://x"}


def test_openai_and_kubernetes_shapes_generate_with_warnings_and_type_check(make_client: Any) -> None:
    c = make_client(OPENAI_KUBERNETES_SHAPE, validate=True)
    warnings = _warnings(c)
    schema = "/components/schemas/Deployment/properties"
    assert "the default is ignored" in warnings[f"{schema}/stop/default"]
    assert "the default is ignored" in warnings[f"{schema}/replicas/default"]
    assert "ignored" in warnings[f"{schema}/strategy/format"] and "ignored" in warnings[f"{schema}/strategy/description"]
    assert "it only documents" in warnings["/paths/~1deployments~1{name}/get/responses/200"]
    assert "the default is ignored" in warnings["/paths/~1deployments~1{name}/get/parameters/1/schema/default"]
    decoded = c.models.Deployment.from_dict({"metadata": {"name": "web"}})
    assert decoded.stop is c.package.OMIT and decoded.replicas is c.package.OMIT  # wrong defaults dropped
    assert decoded.to_dict() == {"metadata": {"name": "web"}}
    assert c.models.Deployment.from_dict({"metadata": {"name": "a"}, "stop": "\n"}).stop == "\n"
    checked = c.mypy()
    assert checked.returncode == 0, checked.stdout
    run = c.run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:]


def test_what_would_make_the_client_wrong_stays_an_error(tmp_path: Path) -> None:
    spec = complete_spec(OPENAI_KUBERNETES_SHAPE)
    spec["components"]["schemas"]["Broken"] = {"type": {"string": True}}
    spec["paths"]["/other"] = {"get": {"operationId": "read_deployment", "responses": {"200": {"description": "ok"}}}}
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    run = run_cli("generate", path, "-o", tmp_path / "out", "--package-name", "p")
    assert run.code == 1
    assert "spec.json#/components/schemas/Broken/type: error[spec-invalid]" in run.stderr
    assert "spec.json#/paths/~1other/get: error[spec-invalid]: Operation ID 'read_deployment'" in run.stderr
    assert not (tmp_path / "out").exists()


def test_strict_refuses_every_tolerated_finding(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(complete_spec(OPENAI_KUBERNETES_SHAPE)), encoding="utf-8")
    run = run_cli("generate", path, "-o", tmp_path / "out", "--package-name", "p", "--strict", "-v")
    assert run.code == 2
    assert "spec.json#/components/schemas/Deployment/properties/stop/default: warning[spec-tolerated]" in run.stderr


# A real public API's bundle keeps source file paths as mapping values; '#/dog' points nowhere either.
BROKEN_MAPPING = """
components:
  schemas:
    Action:
      oneOf: [{$ref: '#/components/schemas/Resize'}, {$ref: '#/components/schemas/Attach'}]
      discriminator:
        propertyName: type
        mapping: {resize: models/volume_action_post_resize.yml, attach: '#/dog'}
    Resize:
      type: object
      required: [type]
      properties: {type: {type: string, enum: [resize]}, size: {type: integer}}
    Attach:
      type: object
      required: [type]
      properties: {type: {type: string}, droplet: {type: integer}}
"""


def test_mapping_values_that_point_nowhere_fall_back_to_the_implicit_mapping(make_client: Any) -> None:
    c = make_client(BROKEN_MAPPING, validate=True)
    warnings = _warnings(c)
    assert "points nowhere" in warnings["/components/schemas/Action/discriminator/mapping/resize"]
    assert "points nowhere" in warnings["/components/schemas/Action/discriminator/mapping/attach"]
    decode = c.module("models.action").decode
    assert decode({"type": "resize", "size": 2}) == c.models.Resize(type="resize", size=2)  # its enum value
    assert decode({"type": "Attach", "droplet": 1}) == c.models.Attach(type="Attach", droplet=1)  # component name
    assert isinstance(decode({"type": "attach"}), c.package.UnknownVariant)
