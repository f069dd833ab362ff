"""Does generation scale linearly? Times each stage for synthetic specs of growing size.

    python benchmarks/bench_scaling.py [--sizes 1000,2000,4000,8000] [--work DIR] [--stages all|build]

Two shapes (issue 11): a chain of N models (``M0.next → M1 … → M(N-1)``, ``next`` required, each with a few fields),
and one string enum of N short values that all collide after sanitising (``"a!"``, ``"a?"``,
``"a#"`` … → ``A``, ``A_2``, ``A_3`` …). For each size it prints the seconds of every stage (load, resolve,
build, render, format, compile; nothing is written) and the time per item, so a quadratic stage
shows as a per-item time that doubles with each doubling of N. Prints figures only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from specsmith.config import ClientConfig
from specsmith.pipeline import generate

__all__ = ["main"]


def chain(size: int) -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    for i in range(size):
        properties: dict[str, Any] = {"id": {"type": "string"}, "count": {"type": "integer"},
                                      "tags": {"type": "array", "items": {"type": "string"}}}  # fmt: skip
        if i + 1 < size:  # required: every example must go all the way down (sample heights)
            properties["next"] = {"$ref": f"#/components/schemas/M{i + 1}"}
        schemas[f"M{i}"] = {"type": "object", "required": ["id", *(["next"] if i + 1 < size else [])],
                            "properties": properties}
    paths = {"/first": {"get": {"operationId": "first", "responses": {"200": {"description": "ok", "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/M0"}}}}}}}}  # fmt: skip
    return {"openapi": "3.1.0", "info": {"title": "chain", "version": "1"}, "paths": paths,
            "components": {"schemas": schemas}}  # fmt: skip


_PUNCTUATION = "!?#$%&*+,.:;<=>@^~"


def _punctuation(number: int) -> str:
    """``number`` written in punctuation (short, distinct, and nothing a name keeps)."""
    text = ""
    while True:
        number, digit = divmod(number, len(_PUNCTUATION))
        text += _PUNCTUATION[digit]
        if not number:
            return text


def colliding_enum(size: int) -> dict[str, Any]:
    values = ["a" + _punctuation(i) for i in range(size)]
    return {"openapi": "3.1.0", "info": {"title": "enum", "version": "1"}, "paths": {},
            "components": {"schemas": {"Colliding": {"type": "string", "enum": values}}}}  # fmt: skip


def run(document: dict[str, Any], work: Path) -> dict[str, float]:
    spec = work / "spec.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    config = ClientConfig(spec=spec, output=work / "out", package_name="scaled", validate=False, with_tests=True)
    started = time.perf_counter()
    result = generate(config, check=True, cache_dir=work / "cache")
    timings = dict(result.timings)
    timings["total"] = time.perf_counter() - started
    if not result.ok:
        raise SystemExit("\n".join(str(d) for d in result.diagnostics.sorted()[:5]))
    return timings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--shapes", default="chain,enum")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for shape in args.shapes.split(","):
        make = chain if shape == "chain" else colliding_enum
        print(f"\n{shape}: seconds per stage (µs per item in the last column)")
        header = None
        for size in sizes:
            with tempfile.TemporaryDirectory() as work:
                timings = run(make(size), Path(work))
            if header is None:
                header = list(timings)
                print(f"{'N':>6}  " + "  ".join(f"{k:>8}" for k in header) + "  µs/item")
            cells = "  ".join(f"{timings.get(k, 0.0):8.2f}" for k in header)
            print(f"{size:>6}  {cells}  {timings['total'] / size * 1e6:7.0f}", flush=True)


if __name__ == "__main__":
    main()
