"""Bad and hostile inputs to load/resolve: each yields a diagnostic code at a pointer, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from specsmith.diagnostics import Diagnostic, Diagnostics
from specsmith.load import DEFAULT_POLICY, RefPolicy, load_document, resolve_refs
from specsmith.load import sources as sources_module

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "load"
HEAD = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"


def load_failure(path: Path) -> list[Diagnostic]:
    diagnostics = Diagnostics()
    assert load_document(path, diagnostics) is None
    return diagnostics.items


def resolve_failure(path: Path, policy: RefPolicy = DEFAULT_POLICY) -> list[Diagnostic]:
    diagnostics = Diagnostics()
    document = load_document(path, diagnostics)
    assert document is not None, [str(d) for d in diagnostics]
    assert resolve_refs(document, diagnostics, policy) is None
    return diagnostics.items


def write(tmp_path: Path, text: str, name: str = "openapi.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def codes(items: list[Diagnostic]) -> list[tuple[str, str]]:
    return [(item.code, item.pointer) for item in items]


# --- load ---------------------------------------------------------------------------------------


def test_yaml_syntax_error_has_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "paths:\n  /a:\n    get: {\n  bad: [\n")
    [item] = load_failure(path)
    assert (item.code, item.file, item.line, item.column) == ("syntax-error", str(path), 7, 1)


def test_yaml_indentation_error(tmp_path: Path) -> None:
    path = write(tmp_path, "openapi: 3.1.0\ninfo:\n  title: x\n   version: 1\n")
    [item] = load_failure(path)
    assert (item.code, item.line, item.column) == ("syntax-error", 4, 11)
    assert "mapping values are not allowed" in item.message


def test_json_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '{\n  "openapi": "3.1.0",\n  "paths": {,}\n}\n', "openapi.json")
    [item] = load_failure(path)
    assert (item.code, item.line, item.column) == ("syntax-error", 3, 13)
    assert item.message.startswith("invalid JSON")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: !python/object:os.system ls\n", "unsupported tag"),
        ("? [a, b]\n: 1\n", "keys must be scalars"),
    ],
)
def test_unsafe_or_non_json_yaml_is_a_syntax_error(tmp_path: Path, text: str, problem: str) -> None:
    [item] = load_failure(write(tmp_path, text))
    assert item.code == "syntax-error" and problem in item.message
    assert item.line == 1


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    [missing] = load_failure(tmp_path / "nope.yaml")
    assert missing.code == "file-unreadable" and "No such file" in missing.message
    [directory] = load_failure(tmp_path)
    assert directory.code == "file-unreadable"


def test_not_openapi(tmp_path: Path) -> None:
    [item] = load_failure(write(tmp_path, "- just\n- a list\n"))
    assert (item.code, item.pointer) == ("not-openapi", "")


def test_billion_laughs_is_refused_with_a_location(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    started = time.perf_counter()
    [item] = load_failure(path)
    assert time.perf_counter() - started < 2
    assert item.code == "yaml-alias-bomb"
    assert item.line is not None and item.line <= 10


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    [item] = load_failure(write(tmp_path, "openapi: &a\n  self: *a\n"))
    assert (item.code, item.line) == ("yaml-alias-cycle", 2)


@pytest.mark.parametrize(("name", "opening"), [("deep.yaml", "a: "), ("deep.json", '{"a": ')])
@pytest.mark.parametrize("depth", [600, 100_000])
def test_deep_nesting_is_refused(tmp_path: Path, name: str, opening: str, depth: int) -> None:
    path = write(
        tmp_path, opening + "[" * depth + "]" * depth + ("}" if name.endswith("json") else ""), name
    )
    [item] = load_failure(path)
    assert (item.code, item.line) == ("nesting-too-deep", 1)
    assert item.column is not None


# --- resolve: references ------------------------------------------------------------------------


def test_dangling_ref_is_reported_at_the_ref(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + "paths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n"
        + "          content:\n            application/json:\n              schema:\n"
        + "                $ref: '#/components/schemas/Pet'\n",
    )
    [item] = resolve_failure(path)
    assert item.code == "ref-unresolved"
    assert item.pointer == "/paths/~1pets/get/responses/200/content/application~1json/schema"
    assert "#/components/schemas/Pet" in item.message
    assert item.file == str(path)


def test_dangling_ref_inside_an_external_file_names_that_file(tmp_path: Path) -> None:
    write(tmp_path, "properties:\n  tag:\n    $ref: '#/definitions/Tag'\n", "schemas/pet.yaml")
    path = write(
        tmp_path, HEAD + "components:\n  schemas:\n    Pet:\n      $ref: schemas/pet.yaml\n"
    )
    [item] = resolve_failure(path)
    assert (item.code, item.file, item.pointer) == (
        "ref-unresolved",
        str(tmp_path / "schemas" / "pet.yaml"),
        "/properties/tag",
    )


def test_missing_external_file_and_missing_target_in_it(tmp_path: Path) -> None:
    write(tmp_path, "Pet: {type: object}\n", "common.yaml")
    path = write(
        tmp_path,
        HEAD
        + "components:\n  schemas:\n    A: {$ref: gone.yaml}\n    B: {$ref: 'common.yaml#/Cat'}\n",
    )
    items = resolve_failure(path)
    assert codes(items) == [
        ("ref-unresolved", "/components/schemas/A"),
        ("ref-unresolved", "/components/schemas/B"),
    ]
    assert "gone.yaml" in items[0].message and "No such file" in items[0].message
    assert "common.yaml#/Cat does not exist" in items[1].message


def test_syntax_error_in_a_referenced_file(tmp_path: Path) -> None:
    write(tmp_path, "type: object\n  bad: indent\n", "broken.yaml")
    path = write(tmp_path, HEAD + "components:\n  schemas:\n    A: {$ref: broken.yaml}\n")
    [item] = resolve_failure(path)
    assert (item.code, item.file, item.line) == ("syntax-error", str(tmp_path / "broken.yaml"), 2)


def test_cycle_made_only_of_refs(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + "components:\n  schemas:\n"
        + "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n"
        + "    C: {$ref: '#/components/schemas/A'}\n    Self: {$ref: '#/components/schemas/Self'}\n"
        + "    Fine: {properties: {next: {$ref: '#/components/schemas/Fine'}}}\n",
    )
    items = resolve_failure(path)
    assert codes(items) == [
        ("ref-cycle", "/components/schemas/A"),
        ("ref-cycle", "/components/schemas/Self"),
    ]
    assert (
        "#/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A"
        in items[0].message
    )


def test_cycle_across_files(tmp_path: Path) -> None:
    write(tmp_path, "$ref: 'openapi.yaml#/components/schemas/A'\n", "b.yaml")
    path = write(
        tmp_path, HEAD + "components:\n  schemas:\n    A: {$ref: 'b.yaml', description: x}\n"
    )
    assert [code for code, _ in codes(resolve_failure(path))] == ["ref-cycle"]


def test_an_external_path_item_that_includes_itself(tmp_path: Path) -> None:
    write(
        tmp_path,
        "get:\n  callbacks:\n    cb:\n      '{$url}':\n        $ref: 'item.yaml'\n",
        "item.yaml",
    )
    path = write(tmp_path, HEAD + "paths:\n  /a:\n    $ref: item.yaml\n")
    [item] = resolve_failure(path)
    assert (item.code, item.file, item.pointer) == (
        "ref-cycle",
        str(tmp_path / "item.yaml"),
        "/get/callbacks/cb/{$url}",
    )


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        ("42", "must be a string"),
        ("'#foo'", "JSON pointer"),
        ("'#components/schemas/A'", "JSON pointer"),
        ("'#/components/~2'", "~0/~1"),
        ("''", "empty"),
    ],
)
def test_malformed_refs(tmp_path: Path, ref: str, words: str) -> None:
    path = write(
        tmp_path,
        HEAD + f"components:\n  schemas:\n    A: {{type: object}}\n    B: {{$ref: {ref}}}\n",
    )
    [item] = resolve_failure(path)
    assert (item.code, item.pointer) == ("ref-invalid", "/components/schemas/B")
    assert words in item.message


def test_unresolved_discriminator_mapping_is_a_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + "components:\n  schemas:\n    Pet:\n      oneOf: [{$ref: '#/components/schemas/Dog'}]\n"
        + "      discriminator:\n        propertyName: kind\n"
        + "        mapping: {cat: '#/components/schemas/Cat', dog: models/dog.yml}\n"
        + "    Dog: {type: object}\n",
    )
    diagnostics = Diagnostics()
    document = load_document(path, diagnostics)
    assert document is not None and resolve_refs(document, diagnostics) is not None
    found = sorted((d.code, str(d.severity), d.pointer) for d in diagnostics)
    assert found == [
        ("discriminator-mapping-unresolved", "warning", "/components/schemas/Pet/discriminator/mapping/cat"),
        ("discriminator-mapping-unresolved", "warning", "/components/schemas/Pet/discriminator/mapping/dog"),
    ]


# --- resolve: security --------------------------------------------------------------------------


def test_ref_leaving_the_spec_folder_is_refused() -> None:
    [item] = resolve_failure(FIXTURES / "outside" / "spec" / "openapi.yaml")
    assert (item.code, item.pointer) == ("ref-outside-root", "/components/schemas/Secret")
    assert item.hint is not None


@pytest.mark.parametrize("ref", ["/etc/passwd", "../../../../../../etc/passwd", "sub/../../x.yaml"])
def test_absolute_and_parent_paths_are_refused(tmp_path: Path, ref: str) -> None:
    path = write(
        tmp_path, HEAD + f"components:\n  schemas:\n    A: {{$ref: '{ref}'}}\n", "spec/openapi.yaml"
    )
    assert codes(resolve_failure(path)) == [("ref-outside-root", "/components/schemas/A")]


def test_symlink_pointing_out_of_the_spec_folder_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "secret: 1\n", "secret.yaml")
    path = write(
        tmp_path,
        HEAD + "components:\n  schemas:\n    A: {$ref: 'link.yaml'}\n",
        "spec/openapi.yaml",
    )
    (tmp_path / "spec" / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    assert codes(resolve_failure(path)) == [("ref-outside-root", "/components/schemas/A")]


def test_remote_refs_are_refused_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(url: str, timeout: float, max_bytes: int) -> bytes:
        raise AssertionError(f"fetched {url}")

    monkeypatch.setattr(sources_module, "fetch_remote", no_network)
    path = write(
        tmp_path,
        HEAD + "components:\n  schemas:\n    A: {$ref: 'https://example.com/a.yaml#/A'}\n"
        "    B: {$ref: 'http://example.com/b.yaml'}\n",
    )
    items = resolve_failure(path)
    assert codes(items) == [
        ("ref-remote-refused", "/components/schemas/A"),
        ("ref-remote-refused", "/components/schemas/B"),
    ]
    assert items[0].hint is not None and "--allow-remote-refs" in items[0].hint


@pytest.mark.parametrize(
    "ref", ["file:///etc/passwd", "ftp://example.com/a.yaml", "//example.com/a.yaml"]
)
def test_other_schemes_are_refused_even_with_remote_allowed(tmp_path: Path, ref: str) -> None:
    path = write(tmp_path, HEAD + f"components:\n  schemas:\n    A: {{$ref: '{ref}'}}\n")
    items = resolve_failure(path, RefPolicy(allow_remote=True, allow_outside_root=True))
    assert codes(items) == [("ref-unsupported-scheme", "/components/schemas/A")]


def test_a_remote_document_cannot_reach_local_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_fetch(url: str, timeout: float, max_bytes: int) -> bytes:
        assert url == "https://example.com/a.yaml"
        return b"properties:\n  x: {$ref: 'file:///etc/passwd'}\n"

    monkeypatch.setattr(sources_module, "fetch_remote", fake_fetch)
    path = write(
        tmp_path, HEAD + "components:\n  schemas:\n    A: {$ref: 'https://example.com/a.yaml'}\n"
    )
    items = resolve_failure(path, RefPolicy(allow_remote=True))
    assert [(i.code, i.file, i.pointer) for i in items] == [
        ("ref-unsupported-scheme", "https://example.com/a.yaml", "/properties/x")
    ]


def test_too_many_nested_external_inlines(tmp_path: Path) -> None:
    for index in range(70):
        write(tmp_path, f"$ref: item{index + 1}.yaml\n", f"item{index}.yaml")
    write(tmp_path, "get: {responses: {}}\n", "item70.yaml")
    path = write(tmp_path, HEAD + "paths:\n  /a:\n    $ref: item0.yaml\n")
    [item] = resolve_failure(path)
    assert (item.code, item.file) == ("nesting-too-deep", str(tmp_path / "item63.yaml"))
