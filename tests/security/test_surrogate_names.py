"""Regression: a lone surrogate in a name used to crash the build.

A lone surrogate (legal in JSON: ``"\\ud800"``; reachable with validation off, which is also the test
fixture's default) in a schema name crashed the build: build/context.py ``ref_to`` percent-encodes the
pointer with ``urllib.parse.quote``, which cannot encode a surrogate (``UnicodeEncodeError``, exit 70).
Fix: ``quote(pointer.encode("utf-8", "surrogatepass"), safe="/~")`` (and decode the same way), or leave
non-ASCII characters raw in the fragment.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.support import GeneratedClient


def test_lone_surrogates_in_names_generate(make_client: Callable[..., GeneratedClient]) -> None:
    name = "Caf\ud800"
    c = make_client({"components": {"schemas": {name: {"type": "object", "description": name,
                                                       "properties": {name: {"type": "string"}}}}}})  # fmt: skip
    (cls,) = [getattr(c.models, n) for n in c.models.__all__]
    assert cls.from_dict({name: "x"}).to_dict() == {name: "x"}
