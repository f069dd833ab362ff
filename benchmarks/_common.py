"""Shared helpers of the benchmarks: measured subprocesses, medians, peers, tables, test data.

Every figure that matters is taken from a fresh subprocess:

* **CPU time** is user + system time of the subprocess *and every descendant it waited for*
  (pool workers, ruff), from the growth of ``getrusage(RUSAGE_CHILDREN)`` across the run.
* **Wall time** is ``time.perf_counter()`` around spawn → exit.
* **Peak RSS** is ``ru_maxrss`` of the rusage ``os.wait4`` returns for that one child: the largest
  resident set of the child or of any descendant it waited for (the largest single process, not a
  sum). ``RUSAGE_CHILDREN``'s own ``ru_maxrss`` is a running maximum over all children ever, so it
  cannot be split per run. A sampler thread also sums the RSS of the whole process tree every
  20 ms ("tree MB"), which catches pool workers running side by side.

Nothing here asserts: the scripts print figures and exit 0.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import platform
import random
import resource
import shutil
import statistics
import string
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_SPEC",
    "REPO",
    "RunStats",
    "Summary",
    "Synth",
    "ensure_specsmith_client",
    "find_peer",
    "knowledge_base_page",
    "machine_line",
    "median",
    "peer_missing",
    "print_table",
    "run_measured",
    "summarize",
]

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SPEC = REPO.parent / "shared" / "specs" / "elevenlabs" / "openapi-2026-08-22.json"
README = "benchmarks/README.md"
SPECSMITH_ARGS = (
    "--package-name",
    "elevenlabs_client",
    "--api-key-header",
    "xi-api-key",
    "--base-url",
    "https://api.elevenlabs.io",
)


# --------------------------------------------------------------------------------------------
# measured subprocesses


@dataclass
class RunStats:
    """One measured subprocess."""

    cpu: float  # user + system seconds of the process and its waited-for descendants
    wall: float
    peak_mb: float  # largest single process (ru_maxrss from wait4)
    tree_mb: float  # largest sampled sum over the process tree
    returncode: int
    stdout: str = ""
    stderr: str = ""
    user: float = 0.0
    system: float = 0.0


def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS over ``root`` and its descendants (Linux /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        pid = int(entry)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total = 0
    for pid, kilobytes in rss.items():
        node, hops = pid, 0
        while node > 1 and hops < 64:
            if node == root:
                total += kilobytes
                break
            node, hops = parents.get(node, 0), hops + 1
    return total


def run_measured(
    command: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    sample_tree: bool = True,
    timeout: float = 1800.0,
) -> RunStats:
    """Run ``command`` to completion in a fresh process and measure it (see the module docstring)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out_path = (
        Path(os.environ.get("TMPDIR", "/tmp")) / f"specsmith-bench-{os.getpid()}-{time.time_ns()}"
    )
    with open(f"{out_path}.out", "w+b") as out, open(f"{out_path}.err", "w+b") as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command), stdout=out, stderr=err, env=dict(env) if env else None, cwd=cwd
        )
        peak_tree = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                peak_tree[0] = max(peak_tree[0], _tree_rss_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True) if sample_tree else None
        if sampler is not None:
            sampler.start()
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        if sampler is not None:
            sampler.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    for suffix in (".out", ".err"):
        Path(f"{out_path}{suffix}").unlink(missing_ok=True)
    user = after.ru_utime - before.ru_utime
    system = after.ru_stime - before.ru_stime
    return RunStats(
        cpu=user + system,
        wall=wall,
        peak_mb=usage.ru_maxrss / 1024,
        tree_mb=peak_tree[0] / 1024,
        returncode=process.returncode,
        stdout=stdout,
        stderr=stderr,
        user=user,
        system=system,
    )


def median(values: Iterable[float]) -> float:
    items = list(values)
    return statistics.median(items) if items else float("nan")


@dataclass
class Summary:
    cpu: float
    wall: float
    peak_mb: float
    tree_mb: float
    runs: int
    failed: int
    spread: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def summarize(runs: Sequence[RunStats]) -> Summary:
    """Medians over the runs that exited 0 (all runs when none did)."""
    good = [r for r in runs if r.returncode == 0] or list(runs)
    cpus = [r.cpu for r in good]
    spread = f"{min(cpus):.2f}-{max(cpus):.2f}" if len(cpus) > 1 else ""
    return Summary(
        median(cpus),
        median(r.wall for r in good),
        median(r.peak_mb for r in good),
        median(r.tree_mb for r in good),
        len(runs),
        sum(r.returncode != 0 for r in runs),
        spread,
    )


# --------------------------------------------------------------------------------------------
# peers and environment


def find_peer(venv_env: str, default_venv: str, executable: str) -> Path | None:
    """The peer's executable in its throwaway venv (``$<venv_env>`` or ``default_venv``), if installed."""
    venv = Path(os.environ.get(venv_env, default_venv))
    candidate = venv / "bin" / executable
    return candidate if candidate.is_file() and os.access(candidate, os.X_OK) else None


def peer_missing(what: str, venv_env: str, default_venv: str) -> None:
    venv = os.environ.get(venv_env, default_venv)
    print(
        f"  {what}: not installed in {venv} (set ${venv_env} to another venv); "
        f"see 'Installing the peers' in {README} for the install command — row skipped"
    )


def machine_line() -> str:
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "n/a"
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"machine: {os.cpu_count()} cores {model}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; load average {load}; {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [
        max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
        for i, h in enumerate(headers)
    ]
    line = "  ".join(
        str(h).ljust(w) if i == 0 else str(h).rjust(w)
        for i, (h, w) in enumerate(zip(headers, widths, strict=True))
    )
    print(line)
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(
            "  ".join(
                str(c).ljust(w) if i == 0 else str(c).rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def ensure_specsmith_client(spec: Path, work: Path) -> tuple[Path, float]:
    """Generate the client (``--no-tests --no-validate``) into ``work/specsmith``; returns (root, seconds).

    The generator's own cache (``work/cache``) makes a repeat cheap when nothing changed.
    """
    out = work / "specsmith"
    env = {**os.environ, "SPECSMITH_CACHE_DIR": str(work / "cache")}
    started = time.perf_counter()
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "specsmith",
            "generate",
            str(spec),
            "-o",
            str(out),
            *SPECSMITH_ARGS,
            "--no-tests",
            "--no-validate",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if process.returncode != 0:
        raise RuntimeError(
            f"specsmith generate failed ({process.returncode}):\n{process.stderr[-3000:]}"
        )
    return out, time.perf_counter() - started


# --------------------------------------------------------------------------------------------
# realistic test data, synthesized from the spec's schemas


_WORDS = (
    "product onboarding pricing faq refund policy shipping returns warranty support escalation "
    "billing invoice account security privacy terms api reference quickstart troubleshooting "
    "release notes roadmap handbook sales playbook voice agent script compliance gdpr "
    "integration webhook catalogue inventory holiday hours contact escalation matrix"
).split()
_FIRST = (
    "Ada",
    "Grace",
    "Linus",
    "Margaret",
    "Alan",
    "Barbara",
    "Ken",
    "Frances",
    "Dennis",
    "Radia",
)
_LAST = (
    "Lovelace",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Turing",
    "Liskov",
    "Thompson",
    "Allen",
    "Ritchie",
)
_EXTENSIONS = (
    ("pdf", "application/pdf"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("txt", "text/plain"),
    ("md", "text/markdown"),
    ("html", "text/html"),
    ("epub", "application/epub+zip"),
)
_ID_CHARS = string.ascii_letters + string.digits


class Synth:
    """Deterministic, realistic JSON values for OpenAPI schemas of one spec.

    Every declared property is filled; a nullable one is null with probability ``null_rate``;
    discriminated unions pick a variant at random. Strings and integers follow the property name
    (ids, names, urls, emails, unix timestamps, sizes, counts) and ``format`` (date-time, uri, email).
    """

    def __init__(
        self, spec: Mapping[str, Any], seed: int = 20260822, null_rate: float = 0.15
    ) -> None:
        self.spec = spec
        self.rng = random.Random(seed)
        self.null_rate = null_rate

    def schema(self, name: str) -> Mapping[str, Any]:
        found: Mapping[str, Any] = self.spec["components"]["schemas"][name]
        return found

    def _deref(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        while "$ref" in schema:
            node: Any = self.spec
            for token in schema["$ref"].lstrip("#/").split("/"):
                node = node[token.replace("~1", "/").replace("~0", "~")]
            schema = node
        return schema

    def value(self, schema: Mapping[str, Any], name: str = "", depth: int = 0) -> Any:
        rng = self.rng
        schema = self._deref(schema)
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return rng.choice([v for v in schema["enum"] if v is not None])
        for key in ("anyOf", "oneOf"):
            if key in schema:
                options = [self._deref(o) for o in schema[key]]
                real = [o for o in options if o.get("type") != "null"]
                if len(real) < len(options) and (not real or rng.random() < self.null_rate):
                    return None
                return self.value(rng.choice(real), name, depth)
        if "allOf" in schema:
            merged: dict[str, Any] = {}
            for part in schema["allOf"]:
                part_value = self.value(part, name, depth)
                if isinstance(part_value, dict):
                    merged.update(part_value)
                else:
                    return part_value
            return merged
        kind = schema.get("type")
        if isinstance(kind, list):
            real_kinds = [k for k in kind if k != "null"]
            if len(real_kinds) < len(kind) and rng.random() < self.null_rate:
                return None
            kind = real_kinds[0] if real_kinds else "null"
        if kind == "object" or "properties" in schema:
            if depth > 6:
                return {}
            return {
                prop: self.value(sub, prop, depth + 1)
                for prop, sub in schema.get("properties", {}).items()
            }
        if kind == "array":
            count = self._count(name, schema)
            items = self._deref(schema.get("items", {}))
            if "enum" in items:  # a set of flags: no repeats
                return rng.sample(items["enum"], min(count, len(items["enum"])))
            return [
                self.value(schema.get("items", {}), name.rstrip("s"), depth + 1)
                for _ in range(count)
            ]
        if kind == "string":
            return self._string(name, schema)
        if kind == "integer":
            return self._integer(name, schema)
        if kind == "number":
            low, high = schema.get("minimum", 0.0), schema.get("maximum", 100.0)
            return round(rng.uniform(low, high), 3)
        if kind == "boolean":
            return rng.random() < 0.5
        if kind == "null":
            return None
        return None

    def _count(self, name: str, schema: Mapping[str, Any]) -> int:
        low = schema.get("minItems", 0)
        high = max(low, min(schema.get("maxItems", 3), 3))
        if name == "folder_path":
            high = 3
        if name in ("supported_usages",):
            low, high = 1, 2
        return self.rng.randint(low, high)

    def ident(self, length: int = 20) -> str:
        return "".join(self.rng.choice(_ID_CHARS) for _ in range(length))

    def _string(self, name: str, schema: Mapping[str, Any]) -> str:
        rng = self.rng
        fmt = schema.get("format")
        if fmt == "date-time" or name.endswith(("_time", "_at")):
            stamp = 1_735_689_600 + rng.randint(0, 60_000_000)
            return (
                time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(stamp))
                + f".{rng.randint(0, 999999):06d}Z"
            )
        if fmt == "date":
            return time.strftime(
                "%Y-%m-%d", time.gmtime(1_735_689_600 + rng.randint(0, 60_000_000))
            )
        if fmt == "email" or name.endswith("email"):
            return f"{rng.choice(_FIRST).lower()}.{rng.choice(_LAST).lower()}@example.com"
        if fmt in ("uri", "url") or name == "url" or name.endswith("_url"):
            slug = "-".join(rng.sample(_WORDS, 3))
            return f"https://docs.example.com/{rng.choice(('help', 'kb', 'guides'))}/{slug}"
        if name == "id" or name.endswith(("_id", "_ids", "_resource_id", "cursor")):
            return self.ident()
        if name.endswith("mime_type"):
            return rng.choice(_EXTENSIONS)[1]
        if name.endswith("creator_name") or name == "author":
            return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if name == "name":
            return " ".join(rng.sample(_WORDS, rng.randint(2, 4))).title()
        if name.endswith(("message", "description")):
            return " ".join(rng.choices(_WORDS, k=rng.randint(6, 14))).capitalize() + "."
        return " ".join(rng.choices(_WORDS, k=rng.randint(1, 3)))

    def _integer(self, name: str, schema: Mapping[str, Any]) -> int:
        rng = self.rng
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None or high is not None:
            lo = int(low) if low is not None else 0
            return rng.randint(lo, int(high) if high is not None else lo + 100)
        if "unix" in name or name.endswith(("_at", "_by", "_secs")):
            return 1_735_689_600 + rng.randint(0, 60_000_000)
        if "bytes" in name:
            return int(rng.lognormvariate(11, 1.5))
        if name.endswith("_ms"):
            return rng.randint(50, 30_000)
        return rng.randint(0, 250)


_KB_VARIANTS = (
    ("url", "GetKnowledgeBaseSummaryURLResponseModel", 30),
    ("file", "GetKnowledgeBaseSummaryFileResponseModel", 35),
    ("text", "GetKnowledgeBaseSummaryTextResponseModel", 20),
    ("folder", "GetKnowledgeBaseSummaryFolderResponseModel", 15),
)


def knowledge_base_page(
    spec: Mapping[str, Any], items: int, seed: int = 20260822
) -> dict[str, Any]:
    """A ``GET /v1/convai/knowledge-base`` response with ``items`` documents (url/file/text/folder)."""
    synth = Synth(spec, seed)
    rng = synth.rng
    kinds = [kind for kind, _, weight in _KB_VARIANTS for _ in range(weight)]
    schemas = {kind: synth.schema(name) for kind, name, _ in _KB_VARIANTS}
    documents = []
    for _ in range(items):
        kind = rng.choice(kinds)
        document = synth.value(schemas[kind])
        extension, _mime = rng.choice(_EXTENSIONS)
        if kind == "file":
            document["name"] = f"{document['name']}.{extension}"
        documents.append(document)
    return {"documents": documents, "next_cursor": synth.ident(32), "has_more": True}


def timer_json(stdout: str) -> Any:
    """The last line of a timing subprocess's stdout, parsed as JSON."""
    return json.loads(stdout.strip().splitlines()[-1])


def which_in(venv_bin: Path, name: str) -> str | None:
    return shutil.which(name, path=f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}")


def fmt(value: float, digits: int = 2) -> str:
    return "n/a" if math.isnan(value) else f"{value:.{digits}f}"
