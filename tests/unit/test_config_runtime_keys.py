"""The issue-8 config keys: env-prefix, environments, detect-credentials, pagination."""

from __future__ import annotations

from pathlib import Path

import pytest
from specsmith.config import ClientConfig, ConfigError, default_prefix, read_clients

ENTRY = """
[[tool.specsmith.clients]]
spec = "s.yaml"
output = "out"
package-name = "acme_sdk"
{extra}
"""


def _read(tmp_path: Path, extra: str) -> ClientConfig:
    (tmp_path / "pyproject.toml").write_text(ENTRY.format(extra=extra))
    return read_clients(tmp_path / "pyproject.toml")[0]


def test_new_keys_are_read(tmp_path: Path) -> None:
    config = _read(tmp_path, """env-prefix = "ACME"
detect-credentials = false
pagination = {list_things = false, "GET /v1/items" = {cursor = "after", next_cursor = "next", results = "data"}}

[tool.specsmith.clients.environments]
production = "https://api.acme.test"
eu = "https://eu.acme.test"
""")
    assert config.env_prefix == "ACME" and config.detect_credentials is False
    assert config.environments == (("production", "https://api.acme.test"), ("eu", "https://eu.acme.test"))
    assert dict(config.pagination)["list_things"] is False
    assert dict(dict(config.pagination)["GET /v1/items"])["cursor"] == "after"


@pytest.mark.parametrize("extra", ['env-prefix = "A-B"', 'environments = {prod = "ftp://x"}',
                                   'pagination = {op = "yes"}', 'environments = "https://x"'])  # fmt: skip
def test_bad_values_are_config_errors(tmp_path: Path, extra: str) -> None:
    with pytest.raises(ConfigError):
        _read(tmp_path, extra)


def test_default_prefix_drops_the_suffix() -> None:
    assert default_prefix("elevenlabs_client") == "ELEVENLABS"
    assert default_prefix("acme_sdk") == "ACME" and default_prefix("github_api") == "GITHUB"
    assert default_prefix("plain") == "PLAIN" and default_prefix("_client") == "_CLIENT"
