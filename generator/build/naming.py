"""Every generated name is decided here: classes, modules, attributes, parameters, resources.

Names from the spec are turned into safe identifiers (ASCII letters, digits, underscores; never a keyword,
never starting with a digit) and kept unique within their scope with a numeric suffix; the caller reports
a ``name-collision`` warning when a suffix was needed.
"""

from __future__ import annotations

import builtins
import hashlib
import keyword
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "RESERVED_ATTRIBUTES",
    "RESERVED_MODULES",
    "RESERVED_PARAMETERS",
    "Scope",
    "class_name",
    "module_name",
    "pascal_case",
    "snake_case",
    "words",
]

MAX_IDENTIFIER = 80

# Names used in generated annotations or class bodies: an attribute with one of these names would shadow it.
_ANNOTATION_NAMES = frozenset(
    {
        "Any", "Callable", "ClassVar", "Literal", "Mapping", "Omit", "OMIT", "Sequence", "UnknownVariant",
        "Decimal", "UUID", "date", "datetime", "time", "dataclass", "field", "annotations", "FileInput",
        "bool", "bytes", "dict", "float", "frozenset", "int", "list", "object", "set", "str", "tuple", "None",
    }
)  # fmt: skip
RESERVED_ATTRIBUTES = _ANNOTATION_NAMES | {"extra", "from_dict", "to_dict", "self", "cls", "data"}
# Names a generated method body uses besides its arguments.
RESERVED_PARAMETERS = _ANNOTATION_NAMES | {
    "self", "options", "response", "Param", "JsonPart", "isinstance", "decode_json", "decode_text",
    "decode_bytes", "compact", "warnings",
}  # fmt: skip
RESERVED_MODULES = frozenset({"__init__", "_runtime", "models", "resources", "types", "typing", "enum"})

_SPLIT = re.compile(r"[^0-9a-zA-Z]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[str]:
    """Split ``text`` into words at separators and camelCase boundaries (unicode folded to ASCII)."""
    found: list[str] = []
    for chunk in _SPLIT.split(_ascii(text)):
        if chunk:
            found.extend(w for w in _CAMEL.split(chunk) if w)
    return found


def _shorten(name: str, original: str) -> str:
    if len(name) <= MAX_IDENTIFIER:
        return name
    digest = hashlib.sha256(original.encode("utf-8")).hexdigest()[:8]
    return f"{name[: MAX_IDENTIFIER - 9].rstrip('_')}_{digest}"


def snake_case(text: str, fallback: str = "value") -> str:
    """``snake_case`` identifier for ``text``; never empty, never starting with a digit, not a keyword."""
    name = "_".join(w.lower() for w in words(text)) or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    name = _shorten(name, text)
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        name += "_"
    return name


def pascal_case(text: str, fallback: str = "Model") -> str:
    """``PascalCase`` identifier; words keep their inner capitals (``HTTPValidationError`` stays)."""
    name = "".join(w[0].upper() + w[1:] for w in words(text)) or fallback
    if name[0].isdigit():
        name = f"{fallback}{name}"
    name = _shorten(name, text)
    if keyword.iskeyword(name) or name in dir(builtins):
        name += "_"
    return name


def class_name(text: str) -> str:
    return pascal_case(text)


def module_name(text: str) -> str:
    name = snake_case(text, fallback="m")
    return f"{name}_" if name in RESERVED_MODULES or name.startswith("_") else name


@dataclass
class Scope:
    """A namespace in which names must be unique (case-insensitively when ``fold_case``: file systems)."""

    reserved: frozenset[str] = frozenset()
    fold_case: bool = False
    taken: set[str] = field(default_factory=set)

    def _key(self, name: str) -> str:
        return name.lower() if self.fold_case else name

    def claim(self, wanted: str) -> tuple[str, bool]:
        """Take ``wanted`` or the first free ``wanted_2``/``wanted2``; returns (name, collided)."""
        name = f"{wanted}_" if wanted in self.reserved else wanted
        if self._key(name) not in self.taken:
            self.taken.add(self._key(name))
            return name, False
        separator = "_" if name[-1:].isdigit() or "_" in name or name.islower() else ""
        counter = 2
        while self._key(f"{name}{separator}{counter}") in self.taken:
            counter += 1
        final = f"{name}{separator}{counter}"
        self.taken.add(self._key(final))
        return final, True
