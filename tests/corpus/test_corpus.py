"""Real-world spec shapes (tests/corpus/specs, each citing the API it imitates): every valid one
generates with validation on, imports, passes ``mypy --strict`` and its own generated tests, and
behaves on the wire as that API expects; a Swagger 2.0 document is refused cleanly.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx
import pytest
from specsmith.config import default_prefix

from tests.cli.cli_run import isolated_cache, run_cli  # noqa: F401  (autouse fixture)
from tests.support import GeneratedClient, generate_client, mypy_command

SPECS = Path(__file__).parent / "specs"
REFUSED = {"swagger2.yaml": "unsupported-version"}
VALID = sorted(p.name for p in SPECS.iterdir() if p.suffix in (".yaml", ".yml", ".json") and p.name not in REFUSED)


def _package(spec: str) -> str:
    return "corpus_" + spec.rsplit(".", 1)[0].replace("-", "_")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, GeneratedClient]]:
    """Every valid spec generated once (validation on), importable for the module's tests."""
    root = tmp_path_factory.mktemp("corpus")
    made = {spec: generate_client(SPECS / spec, root / _package(spec), validate=True, package_name=_package(spec))
            for spec in VALID}  # fmt: skip
    yield made
    for client in made.values():
        for module in [m for m in sys.modules if m == client.name or m.startswith(client.name + ".")]:
            del sys.modules[module]
        if str(client.root) in sys.path:
            sys.path.remove(str(client.root))


@pytest.fixture(scope="module")
def mypy_report(corpus: dict[str, GeneratedClient]) -> str:
    """One ``mypy --strict`` run over every generated package (much faster than one run each)."""
    env = {**os.environ, "MYPYPATH": os.pathsep.join(str(c.root) for c in corpus.values())}
    packages = [arg for c in corpus.values() for arg in ("-p", c.name)]
    done = subprocess.run(mypy_command(*packages),
                          capture_output=True, text=True, timeout=900, env=env, check=False)  # fmt: skip
    return done.stdout + done.stderr


def test_the_corpus_is_there() -> None:
    assert len(VALID) >= 8 and set(REFUSED) <= {p.name for p in SPECS.iterdir()}
    for spec in SPECS.iterdir():
        text = spec.read_text(encoding="utf-8")
        assert text.startswith("# Imitates"), f"{spec.name}: cite the API it imitates in a header comment"
        assert text.count("\n") <= 300, f"{spec.name} is longer than 300 lines"


@pytest.mark.parametrize("spec", VALID)
def test_generates_without_errors(spec: str, corpus: dict[str, GeneratedClient]) -> None:
    result = corpus[spec].result
    assert result.ok
    assert result.files and any(path.endswith("_client.py") for path in result.files)


@pytest.mark.parametrize("spec", VALID)
def test_every_module_imports(spec: str, corpus: dict[str, GeneratedClient]) -> None:
    client = corpus[spec]
    for path in sorted((client.root / client.name).rglob("*.py")):
        parts = path.relative_to(client.root).with_suffix("").parts
        importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    with client.package.Client("https://api.test") as api:
        assert api.__class__.__module__ == f"{client.name}._client"


@pytest.mark.parametrize("spec", VALID)
def test_type_checks_with_mypy_strict(spec: str, corpus: dict[str, GeneratedClient], mypy_report: str) -> None:
    name = corpus[spec].name
    problems = [line for line in mypy_report.splitlines() if line.startswith(f"{name}/") or f"/{name}/" in line]
    assert not problems, "\n".join(problems)
    assert "Success: no issues found" in mypy_report, mypy_report[-2000:]


@pytest.mark.parametrize("spec", VALID)
def test_generated_tests_pass(spec: str, corpus: dict[str, GeneratedClient]) -> None:
    run = corpus[spec].run_generated_tests()
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout


@pytest.mark.parametrize(("spec", "code"), sorted(REFUSED.items()))
def test_unsupported_documents_are_refused_cleanly(spec: str, code: str, tmp_path: Path) -> None:
    run = run_cli("generate", SPECS / spec, "-o", tmp_path / "out", "--package-name", "p")
    assert run.code == 1
    assert f"error[{code}]" in run.stderr and "hint:" in run.stderr and "Traceback" not in run.output
    assert not (tmp_path / "out").exists()


# --- what each API expects on the wire ---------------------------------------------------------


def _api(c: GeneratedClient, answer: Any, seen: list[httpx.Request], **auth: Any) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer if isinstance(answer, httpx.Response) else httpx.Response(200, json=answer)

    return c.package.Client("https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler)),
                            **auth)  # fmt: skip


def _query(request: httpx.Request) -> list[tuple[str, str]]:
    return parse_qsl(request.url.query.decode(), keep_blank_values=True)


PET = {"id": 10, "name": "doggie", "photoUrls": [], "nickname": None, "status": "available"}


def test_petstore_nullable_fields_and_tags(corpus: dict[str, GeneratedClient]) -> None:
    c, seen = corpus["petstore.yaml"], []
    api = _api(c, [PET], seen, api_key="k")
    [pet] = api.pet.find_pets_by_status(status="sold")
    assert _query(seen[0]) == [("status", "sold")]
    assert pet.nickname is None and pet.to_dict() == PET  # null survives, absent stays absent
    assert pet.status is c.models.PetStatus.AVAILABLE
    assert c.models.Pet(name="rex", photo_urls=[], nickname=None).to_dict() == {
        "name": "rex", "photoUrls": [], "nickname": None}  # fmt: skip


def test_github_reactions_and_shared_parameters(corpus: dict[str, GeneratedClient]) -> None:
    c, seen = corpus["github.yaml"], []
    rollup = {"url": "https://x", "total_count": 3, "+1": 2, "-1": 1, "laugh": 0, "confused": 0,
              "heart": 0, "hooray": 0, "eyes": 0, "rocket": 0}  # fmt: skip
    decoded = c.models.ReactionRollup.from_dict(rollup)
    assert (decoded.plus_1, decoded.minus_1) == (2, 1)
    assert decoded.to_dict() == rollup
    api = _api(c, [], seen)
    pager = api.issues.issues_list_for_repo("octo", "hello", state="closed", per_page=5, labels="bug,ui")
    assert seen == []  # a paginated method fetches nothing until it is read
    pager.first_page()
    assert seen[0].url.path == "/repos/octo/hello/issues"
    assert dict(_query(seen[0])) == {"state": "closed", "per_page": "5", "labels": "bug,ui"}


def test_stripe_form_bodies_and_expandable_fields(corpus: dict[str, GeneratedClient]) -> None:
    c, seen = corpus["stripe.yaml"], []
    customer = {"id": "cus_1", "object": "customer", "created": 1, "livemode": False, "default_source": "card_1"}
    api = _api(c, customer, seen, basic_auth=("sk_test", ""))
    created = api.post_customers(email="a@b.c", name="Ann", balance=5)
    assert seen[0].headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert dict(parse_qsl(seen[0].content.decode())) == {"email": "a@b.c", "name": "Ann", "balance": "5"}
    assert created.default_source == "card_1"  # expandable field: the id form
    charge = {"id": "ch_1", "object": "charge", "amount": 5, "captured": True, "paid": True}
    expanded = c.models.Customer.from_dict({**customer, "default_source": charge})
    assert expanded.default_source == c.models.Charge.from_dict(charge)  # ...or the expanded object
    listing = {"data": [customer], "has_more": False, "object": "list", "url": "/v1/customers"}
    _api(c, listing, seen).get_customers(created=c.models.RangeQuerySpecs(gte=10, lt=20), limit=3).first_page()
    assert sorted(_query(seen[1])) == [("created[gte]", "10"), ("created[lt]", "20"), ("limit", "3")]


def test_kubernetes_ref_chains_and_int_or_string(corpus: dict[str, GeneratedClient]) -> None:
    c, seen = corpus["kubernetes.yaml"], []
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "labels": {"app": "web"}},
           "spec": {"containers": [{"name": "c", "image": "nginx", "ports": [{"containerPort": 80, "protocol": "TCP"}], "resources": {},
                                    "livenessProbe": {"httpGet": {"port": "http", "path": "/healthz"}}}]}}  # fmt: skip
    api = _api(c, pod, seen)
    got = api.core_v1.read_core_v1_namespaced_pod("web", "default")
    assert seen[0].url.path == "/api/v1/namespaces/default/pods/web"
    container = got.spec.containers[0]
    assert container.liveness_probe.http_get.port == "http"
    assert got.to_dict() == pod
    numbered = json.loads(json.dumps(pod).replace('"http"', "8080"))
    assert c.models.IoK8sApiCoreV1Pod.from_dict(numbered).to_dict() == numbered


def test_twilio_odd_names_keep_their_wire_form(corpus: dict[str, GeneratedClient]) -> None:
    c, seen = corpus["twilio.yaml"], []
    api = _api(c, {"calls": [], "page": 0}, seen, basic_auth=("AC1", "token"))
    api.list_call("AC" + "0" * 32, start_time_lt="2024-01-02", start_time_gt="2024-01-01", page_size=20)
    assert seen[0].url.path == "/2010-04-01/Accounts/AC00000000000000000000000000000000/Calls.json"
    assert sorted(_query(seen[0])) == [("PageSize", "20"), ("StartTime<", "2024-01-02"), ("StartTime>", "2024-01-01")]
    seen.clear()
    api = _api(c, httpx.Response(201, json={"sid": "CA1", "status": "queued"}), seen, basic_auth=("AC1", "t"))
    call = api.create_call("AC1", to="+15551234567", from_="+15557654321", url="https://x/twiml")
    assert dict(parse_qsl(seen[0].content.decode())) == {"To": "+15551234567", "From": "+15557654321",
                                                         "Url": "https://x/twiml"}  # fmt: skip
    assert call.status is c.models.CallEnumStatus.QUEUED


def test_openai_multipart_and_discriminated_unions(corpus: dict[str, GeneratedClient], tmp_path: Path) -> None:
    c, seen = corpus["openai.yaml"], []
    upload = {"id": "file-1", "object": "file", "bytes": 3, "created_at": 1, "filename": "a.jsonl",
              "purpose": "batch", "status": "processed"}  # fmt: skip
    api = _api(c, upload, seen, token="sk")
    (tmp_path / "a.jsonl").write_bytes(b"{}\n")
    got = api.files.create_file(file=tmp_path / "a.jsonl", purpose="batch")
    body = seen[0].content
    assert seen[0].headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"; filename="a.jsonl"' in body and b'name="purpose"\r\n\r\nbatch' in body
    assert seen[0].headers["authorization"] == "Bearer sk"
    assert got.filename == "a.jsonl"
    user = {"role": "user", "content": [{"type": "text", "text": "hi"}, {"type": "image_url", "image_url": {"url": "https://x/i.png"}}]}
    message = c.models.decode_chat_completion_request_message(user)
    assert type(message).__name__ == "ChatCompletionRequestUserMessage"
    assert [type(p).__name__ for p in message.content] == ["ChatCompletionRequestMessageContentPartText",
                                                            "ChatCompletionRequestMessageContentPartImage"]  # fmt: skip
    assert type(c.models.decode_chat_completion_request_message({"role": "tool", "x": 1})).__name__ == "UnknownVariant"


def test_slack_query_token_and_form_bodies(corpus: dict[str, GeneratedClient]) -> None:
    c, seen = corpus["slack.yaml"], []
    posted = {"ok": True, "channel": "C12345678", "ts": "1700000000.000100", "message": {"type": "message", "text": "hi", "ts": "1"}}
    api = _api(c, posted, seen, token_query_api_key="xoxb-1")
    result = api.chat.chat_post_message(channel="C12345678", text="hi", mrkdwn=False)
    assert ("token", "xoxb-1") in _query(seen[0])
    assert dict(parse_qsl(seen[0].content.decode())) == {"channel": "C12345678", "text": "hi", "mrkdwn": "false"}
    assert result.message.text == "hi"
    cookie_api = _api(c, {"ok": True}, seen, session_cookie_api_key="sess")
    cookie_api.api.api_test(foo="bar")
    assert "token" not in dict(_query(seen[1])) and "cookie" not in seen[1].headers  # `security: []`


def test_yaml_1_1_keys_codes_and_dates_stay_as_written(corpus: dict[str, GeneratedClient]) -> None:
    c, seen = corpus["yaml11_quirks.yaml"], []
    wire = {"on": {"push": {"branches": ["main"]}}, "yes": True, "no": False, "off": None,
            "created": "2024-01-15T10:30:00+00:00", "day": "2024-01-15", "mode": "on"}  # fmt: skip
    api = _api(c, wire, seen)
    got = api.get_triggers("w1", on="push", since="2024-01-15")
    assert sorted(_query(seen[0])) == [("on", "push"), ("since", "2024-01-15")]
    assert got.on["push"].branches == ["main"]
    assert (got.created.year, got.day.isoformat(), got.mode) == (2024, "2024-01-15", "on")
    assert got.to_dict() == wire
    assert unquote(seen[0].url.path) == "/workflows/w1/triggers"
    assert c.result.api is not None and c.result.api.version == "2024-01-15"  # a date, kept as text


@pytest.mark.parametrize("spec", VALID)
def test_generation_is_deterministic(spec: str, corpus: dict[str, GeneratedClient],
                                     make_client: Callable[..., GeneratedClient]) -> None:  # fmt: skip
    # Another package name of the same length: layout (line breaks) depends on how wide names are.
    name = corpus[spec].name
    again = make_client(SPECS / spec, package_name=name[:-1] + ("y" if name.endswith("z") else "z"))

    def neutral(client: GeneratedClient) -> dict[str, str]:
        names = (client.name, client.name.replace("_", "-"), default_prefix(client.name))  # env names too
        return {_swap(path, names): _swap(text, names) for path, text in (client.result.files or {}).items()}

    assert neutral(corpus[spec]) == neutral(again)


def _swap(text: str, names: tuple[str, ...]) -> str:
    for name in names:
        text = text.replace(name, "PKG")
    return text
