"""Diagnostics: spec problems as data, with a file and a JSON pointer, printed once and sorted."""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

__all__ = [
    "Diagnostic",
    "Diagnostics",
    "Severity",
    "SpecError",
    "format_json",
    "format_text",
    "printable",
]


# C0/C1 controls, DEL, line/paragraph separators and bidi overrides: printed raw, a spec key could
# forge a line (a CI ``::error`` command), move the cursor or reorder what the reader sees.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    """``text`` with every control character escaped (``\\n``, ``\\x1b``, ``\\u2028``): one line, inert."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    severity: Severity
    code: str  # stable kebab-case id, listed in docs/diagnostics.md
    message: str
    file: str = ""
    pointer: str = ""  # RFC 6901, without the leading '#'
    hint: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return f"{where}#{self.pointer}" if self.pointer or not where else where

    def __str__(self) -> str:
        text = printable(f"{self.location}: {self.severity}[{self.code}]: {self.message}")
        return f"{text}\n  hint: {printable(self.hint)}" if self.hint else text


@dataclass
class Diagnostics:
    """Collector passed to every stage; stages append, nobody raises for spec problems."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        *,
        file: str = "",
        pointer: str = "",
        hint: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.items.append(Diagnostic(severity, code, message, file, pointer, hint, line, column))

    def error(self, code: str, message: str, **where: str | None) -> None:
        self.add(Severity.ERROR, code, message, **where)  # type: ignore[arg-type]

    def warning(self, code: str, message: str, **where: str | None) -> None:
        self.add(Severity.WARNING, code, message, **where)  # type: ignore[arg-type]

    def info(self, code: str, message: str, **where: str | None) -> None:
        self.add(Severity.INFO, code, message, **where)  # type: ignore[arg-type]

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    @property
    def has_warnings(self) -> bool:
        return any(d.severity is Severity.WARNING for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.file, d.pointer, -d.severity, d.code, d.message))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class SpecError(Exception):
    """Raised by a stage that cannot go on; carries the diagnostics gathered so far."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def format_text(items: Iterable[Diagnostic]) -> str:
    return "\n".join(str(d) for d in items)


def format_json(items: Iterable[Diagnostic]) -> str:
    rows = []
    for d in items:
        row = asdict(d)
        row["severity"] = str(d.severity)
        rows.append(row)
    return json.dumps(rows, indent=2, ensure_ascii=False)
