"""The format and write stages: make a rendered `FileSet` black-clean, then put it on disk."""

from __future__ import annotations

from .compiled import check_compiles
from .fileset import MANIFEST, FileSet, OutputError, SpecStamp, read_manifest, read_manifest_spec
from .format import FormatStats, format_files, formatter_versions
from .journal import journal_pending
from .write import Drift, WriteReport, check_files, write_files

__all__ = [
    "MANIFEST",
    "Drift",
    "FileSet",
    "FormatStats",
    "OutputError",
    "SpecStamp",
    "WriteReport",
    "check_compiles",
    "check_files",
    "format_files",
    "formatter_versions",
    "journal_pending",
    "read_manifest",
    "read_manifest_spec",
    "write_files",
]
