"""The format and write stages: make a rendered `FileSet` black-clean, then put it on disk."""

from __future__ import annotations

from .fileset import MANIFEST, FileSet, SpecStamp, read_manifest, read_manifest_spec
from .format import FormatStats, format_files, formatter_versions
from .write import Drift, WriteReport, check_files, write_files

__all__ = [
    "MANIFEST",
    "Drift",
    "FileSet",
    "FormatStats",
    "SpecStamp",
    "WriteReport",
    "check_files",
    "format_files",
    "formatter_versions",
    "read_manifest",
    "read_manifest_spec",
    "write_files",
]
