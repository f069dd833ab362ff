"""Every generated name is decided here: classes, modules, attributes, parameters, resources.

Names from the spec are turned into safe identifiers (ASCII letters, digits, underscores; never a keyword,
never starting with a digit) and kept unique within their scope with a numeric suffix; the caller reports
a ``name-collision`` warning when a suffix was needed.  Letters without an ASCII form (``日本``) become
their code points (``u65e5_u672c``), so two different names never fold to the same identifier.

Every table here is fixed rather than read from the running interpreter (``keyword``, ``builtins``):
the same spec must give byte-identical output whichever Python runs the generator.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "KEYWORDS",
    "MAX_IDENTIFIER",
    "MODULE_ONLY",
    "RESERVED_ATTRIBUTES",
    "RESERVED_CLASSES",
    "RESERVED_MEMBERS",
    "RESERVED_MODULES",
    "RESERVED_PARAMETERS",
    "RUNTIME_NAMES",
    "Scope",
    "class_name",
    "module_name",
    "number_name",
    "pascal_case",
    "snake_case",
    "words",
]

MAX_IDENTIFIER = 80

# Hard keywords of Python 3.10-3.13, plus the soft keywords ``match``/``case``/``_`` (legal names, suffixed
# since the first release; ``type`` is deliberately absent: it became soft in 3.12 and is a common field).
KEYWORDS = frozenset(
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        "match", "case", "_",
    }
)  # fmt: skip

# Capitalised builtins of Python 3.10-3.13: a class of that name would hide the builtin in its module.
_BUILTIN_CLASSES = frozenset(
    {
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
        "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
        "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
        "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning", "EnvironmentError", "Exception",
        "ExceptionGroup", "False", "FileExistsError", "FileNotFoundError", "FloatingPointError",
        "FutureWarning", "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError",
        "IndexError", "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt",
        "LookupError", "MemoryError", "ModuleNotFoundError", "NameError", "None", "NotADirectoryError",
        "NotImplemented", "NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning",
        "PermissionError", "ProcessLookupError", "PythonFinalizationError", "RecursionError",
        "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration",
        "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError",
        "TimeoutError", "True", "TypeError", "UnboundLocalError", "UnicodeDecodeError",
        "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning", "UserWarning",
        "ValueError", "Warning", "ZeroDivisionError",
    }
)  # fmt: skip

# ``__all__`` of the copied runtime (templates/runtime): generated modules import these names.
RUNTIME_NAMES = frozenset(
    {
        "OMIT", "Credential", "FileContent", "FileInput", "JsonPart", "Omit", "Param", "RequestOptions",
        "SecurityScheme", "UnknownVariant", "ApiConnectionError", "ApiError", "ApiTimeoutError",
        "AuthenticationError", "BadRequestError", "ClientError", "ConflictError", "DecodeError",
        "InternalServerError", "NotFoundError", "PermissionDeniedError", "RateLimitError",
        "UnprocessableEntityError", "error_class_for", "VariantShape", "b64decode", "b64encode",
        "format_date", "format_datetime", "format_time", "json_kind", "parse_date", "parse_datetime",
        "parse_decimal", "parse_time", "parse_uuid", "pick_variant", "AsyncHTTP", "SyncHTTP",
        "decode_bytes", "decode_json", "decode_text", "deep_object", "json_part", "to_jsonable",
        "unknown_keys", "Mismatch", "as_list", "mismatch", "expect", "wrong_kind", "as_dict",
        # streaming, raw responses, pagination, logging (issue 8)
        "AsyncPager", "AsyncRawResponse", "AsyncStream", "AsyncStreamedResponse", "ItemDecoder", "Paging",
        "RawResponse", "ServerSentEvent", "Stream", "StreamedResponse", "SyncPager", "async_raw_response",
        "async_streaming_response", "binary_chunks", "enable_logging", "json_lines", "raw_response",
        "sse_events", "sse_text", "streaming_response", "text_chunks", "from_environment",
    }
)  # fmt: skip

# Standard-library and typing names generated modules import for their annotations.
_TYPING_NAMES = frozenset(
    {
        "Any", "Callable", "ClassVar", "Literal", "Mapping", "Sequence", "TypeAlias", "TYPE_CHECKING",
        "Self", "TracebackType", "ModuleType", "Decimal", "UUID", "date", "datetime", "time", "builtins",
        "dataclass", "field", "annotations",
    }
)  # fmt: skip
# Builtins that appear in generated annotations.
_BUILTIN_TYPES = frozenset(
    {"bool", "bytes", "dict", "float", "frozenset", "int", "list", "object", "set", "str", "tuple", "None"}
)  # fmt: skip
# Mypy resolves an annotation in the class body first: no member may be named like one of these.
_ANNOTATION_NAMES = _TYPING_NAMES | RUNTIME_NAMES | _BUILTIN_TYPES

# Names a model's class body uses: a field with one of these names would shadow it.
RESERVED_ATTRIBUTES = _ANNOTATION_NAMES | {
    "classmethod", "staticmethod", "property",
    "extra", "from_dict", "to_dict", "self", "cls", "data",
}  # fmt: skip
# Names a generated method body uses besides its arguments.
RESERVED_PARAMETERS = _ANNOTATION_NAMES | {
    "self", "options", "response", "warnings", "isinstance", "DeprecationWarning", "compact",
}  # fmt: skip
# Class names generated modules already use.
RESERVED_CLASSES = (
    frozenset(n for n in _ANNOTATION_NAMES if n[:1].isupper())
    | _BUILTIN_CLASSES
    | {"RootResource", "AsyncRootResource"}
)
# Module names that would hide a global of the package ``__init__`` that imports them, a stdlib module
# inside the package, or that Windows cannot create (``aux.py``).
RESERVED_MODULES = frozenset(
    {
        "__init__", "_runtime", "models", "resources", "types", "typing", "enum", "importlib",
        "annotations", "functools", "warnings", "builtins", "con", "prn", "aux", "nul",
        *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)),
    }
)  # fmt: skip

# Members of a resource class: its methods and child resources, which are also the child's module
# name (importing ``resources/warnings.py`` would rebind the package's ``warnings`` global).
# ``list``/``dict``/``set`` may be methods (``client.models.list()``): resource annotations spell them
# ``builtins.list`` where a member shadows them (see ``render.pytypes.builtin``).
RESERVED_MEMBERS = (
    (_ANNOTATION_NAMES - {"list", "dict", "set"})
    | RESERVED_MODULES
    | {"functools", "warnings", "close", "aclose", "base_url", "with_options", "with_raw_response",
       "with_streaming_response"}
)
# Reserved only as module names: a child resource may be the attribute ``models`` in module ``models_``.
MODULE_ONLY = frozenset({"models", "resources", "types", "enum", "con", "prn", "aux", "nul"}) | frozenset(
    n for n in RESERVED_MODULES if n[:3] in ("com", "lpt") and n[3:].isdigit()
)

_SPLIT = re.compile(r"[^0-9a-zA-Z]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SIGNED = re.compile(r"^\s*([+-])(?=\d)")
_COMPARISON = re.compile(r"(<=|>=|!=|<|>)\W*$")  # Twilio's ``StartTime<``: a suffix, not noise
_COMPARISON_WORDS = {"<=": " lte", ">=": " gte", "!=": " ne", "<": " lt", ">": " gt"}
# Latin letters NFKD does not decompose into ASCII.
_LATIN = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D",
     "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D", "\u0131": "i", "ħ": "h", "Ħ": "H"}
)  # fmt: skip


def _ascii(text: str) -> str:
    """ASCII form of ``text``: accents dropped, other letters and digits as `` uXXXX `` words."""
    if text.isascii():
        return text
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text.translate(_LATIN)):
        if char.isascii():
            out.append(char)
        elif char.isalnum():
            out.append(f" u{ord(char):04x} ")
    return "".join(out)


def words(text: str) -> list[str]:
    """Split ``text`` into words at separators and camelCase boundaries (unicode folded to ASCII).

    A leading sign before a digit is a word (``+1`` → ``plus 1``, ``-1`` → ``minus 1``), and so is a
    trailing comparison (``StartTime<`` → ``Start Time lt``, ``>=`` → ``gte``)."""
    text = _SIGNED.sub(lambda m: "plus " if m.group(1) == "+" else "minus ", text)
    text = _COMPARISON.sub(lambda m: _COMPARISON_WORDS[m.group(1)], text)
    found: list[str] = []
    for chunk in _SPLIT.split(_ascii(text)):
        if chunk:
            found.extend(w for w in _CAMEL.split(chunk) if w)
    return found


def _shorten(name: str, original: str) -> str:
    if len(name) <= MAX_IDENTIFIER:
        return name
    digest = hashlib.sha256(original.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{name[: MAX_IDENTIFIER - 9].rstrip('_')}_{digest}"


@functools.lru_cache(maxsize=1 << 16)  # a spec repeats its property names: id, name, url, ...
def snake_case(text: str, fallback: str = "value") -> str:
    """``snake_case`` identifier for ``text``; never empty, never starting with a digit, not a keyword."""
    name = "_".join(w.lower() for w in words(text)) or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    name = _shorten(name, text)
    return f"{name}_" if name in KEYWORDS else name


@functools.lru_cache(maxsize=1 << 16)
def pascal_case(text: str, fallback: str = "Model") -> str:
    """``PascalCase`` identifier; words keep their inner capitals (``HTTPValidationError`` stays)."""
    name = "".join(w[0].upper() + w[1:] for w in words(text)) or fallback
    if name[0].isdigit():
        name = f"{fallback}{name}"
    name = _shorten(name, text)
    return f"{name}_" if name in KEYWORDS or name in _BUILTIN_CLASSES else name


_NUMBER_PARTS = str.maketrans({"-": "MINUS_", "+": "", ".": "_", "e": "E", "E": "E"})
_LONG_INT_DIGITS = 60  # beyond this an integer's name is its sign, length and a digest


def number_name(value: int | float) -> str:
    """UPPER_SNAKE member name for any JSON number: ``VALUE_1E16``, ``VALUE_MINUS_1_5E_MINUS_20``,
    ``VALUE_0_1``; a huge integer (past Python's 4,300-digit ``str`` limit too) is named by its size
    and a digest.  Every result is an identifier."""
    if isinstance(value, int):
        sign = "MINUS_" if value < 0 else ""
        magnitude = abs(value)
        if magnitude.bit_length() > _LONG_INT_DIGITS * 3:
            digest = hashlib.sha256(magnitude.to_bytes((magnitude.bit_length() + 7) // 8, "big")).hexdigest()
            return f"VALUE_{sign}BIG_{magnitude.bit_length()}_BITS_{digest[:8].upper()}"
        text = f"{sign}{magnitude}"
    else:
        text = repr(value).replace("e-", "e_-").translate(_NUMBER_PARTS)  # 1e-05 → 1E_MINUS_05
        text = re.sub(r"[^0-9A-Z_]", "_", text.upper())  # inf / nan (not JSON, but YAML has them)
    return _shorten(f"VALUE_{text}", text)


def class_name(text: str) -> str:
    """Class name for a definition: ``PascalCase``, never a builtin nor a name generated modules
    import (``Any``, ``OMIT``, ``Param``) or define (``RootResource``)."""
    name = pascal_case(text)
    return f"{name}_" if name in RESERVED_CLASSES else name


def module_name(text: str) -> str:
    """Module name for a definition: ``snake_case``, never reserved, never ``decode_*`` (the models
    package exports each union's ``decode_<module>`` function beside the modules)."""
    name = snake_case(text, fallback="m")
    if name.startswith("decode_"):
        return f"m_{name}"
    return f"{name}_" if name in RESERVED_MODULES else name


@dataclass
class Scope:
    """A namespace in which names must be unique (case-insensitively when ``fold_case``: file systems)."""

    reserved: frozenset[str] = frozenset()
    fold_case: bool = False
    taken: set[str] = field(default_factory=set)
    suffixes: dict[str, int] = field(default_factory=dict)  # name → the next suffix to try (names only grow)

    def _key(self, name: str) -> str:
        return name.lower() if self.fold_case else name

    def _free(self, name: str) -> bool:
        return name not in self.reserved and self._key(name) not in self.taken

    def claim(self, wanted: str) -> tuple[str, bool]:
        """Take ``wanted`` (``wanted_`` when reserved) or the first free ``wanted_2``/``wanted2``;
        returns (name, collided)."""
        name = f"{wanted}_" if wanted in self.reserved else wanted
        collided = not self._free(name)
        if collided:
            is_word = name[-1].isdigit() or "_" in name or name.islower()
            separator = "_" if is_word and not name.endswith("_") else ""
            stem = f"{name}{separator}"
            counter = self.suffixes.get(stem, 2)  # n names colliding cost n tries, not n²/2
            while not self._free(f"{stem}{counter}"):
                counter += 1
            self.suffixes[stem] = counter + 1
            name = f"{stem}{counter}"
        self.taken.add(self._key(name))
        return name, collided
