"""A YAML reader that yields JSON-like data and refuses hostile documents.

Parser events (libyaml when available) are turned straight into Python values by an iterative builder,
so there is no node graph and no recursion. Differences from ``yaml.safe_load``:

* mapping keys are always strings - the key's source text (``200:`` → ``"200"``, ``on:`` → ``"on"``);
* timestamps stay strings (``example: 2024-01-01``); ``!!binary``/``!!set``/``!!omap`` become str/dict/list;
* nesting deeper than ``MAX_DEPTH`` is refused, and so are aliases that would expand the document past
  ``MAX_EXPANDED_NODES`` nodes and ``ALIAS_RATIO`` x its written size ("billion laughs") - counted,
  never expanded - and aliases to a node that contains them (``&a [*a]``). libyaml's own composer is
  not used: it overflows the C stack on deep input.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.error import MarkedYAMLError
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .pointer import escape

__all__ = ["MAX_DEPTH", "YAMLLimitError", "load_yaml"]

MAX_DEPTH = 500  # containers nested deeper than this are refused (YAML and JSON alike)
MAX_EXPANDED_NODES = 1_000_000
ALIAS_RATIO = 10

_YAML = "tag:yaml.org,2002:"
_STR, _MERGE = _YAML + "str", _YAML + "merge"
_MAP_TAGS = frozenset({None, "!", _YAML + "map", _YAML + "set"})
_SEQ_TAGS = frozenset({None, "!", _YAML + "seq", _YAML + "omap", _YAML + "pairs"})
_IMPLICIT = {
    first: [(tag, regexp) for tag, regexp in rules if tag != _YAML + "timestamp"]
    for first, rules in Resolver.yaml_implicit_resolvers.items()
}
_SAFE = SafeConstructor()
_NO_KEY: Any = object()
_MERGE_KEY: Any = object()


class YAMLLimitError(MarkedYAMLError):
    """A hostile-input limit was hit; ``code`` is the diagnostic code to report."""

    def __init__(self, code: str, problem: str, mark: Any) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.code = code


MAX_INT_BITS = 14_280  # about 4,300 decimal digits: Python's default limit for int ↔ str conversion


def _error(problem: str, mark: Any) -> ConstructorError:
    return ConstructorError(None, None, problem, mark)


def _implicit_tag(value: str) -> str:
    for tag, regexp in _IMPLICIT.get(value[:1] or "", ()):
        if regexp.match(value):
            return str(tag)
    return _STR


def _scalar(event: ScalarEvent) -> Any:
    tag, value = event.tag, event.value
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return value
        tag = _implicit_tag(value)
    if tag == _STR or tag in (_YAML + "timestamp", _YAML + "binary"):
        return value
    node = ScalarNode(tag, value)
    try:
        if tag == _YAML + "null":
            return None
        if tag == _YAML + "bool":
            return _SAFE.bool_values[value.lower()]
        if tag == _YAML + "int":
            number = _SAFE.construct_yaml_int(node)
            if abs(number).bit_length() > MAX_INT_BITS:  # 0x… has no digit limit; str() of it would fail
                raise YAMLLimitError("number-too-large", "integer too large (more than 4,300 decimal digits)",
                                     event.start_mark)  # fmt: skip
            return number
        if tag == _YAML + "float":
            return _SAFE.construct_yaml_float(node)
    except (KeyError, ValueError) as exc:
        raise _error(
            f"invalid {tag.rsplit(':', 1)[-1]} scalar {value!r}", event.start_mark
        ) from exc
    raise _error(f"unsupported tag {tag!r}", event.start_mark)


class _Frame:
    __slots__ = ("anchor", "container", "key", "key_mark", "merges", "start")

    def __init__(
        self, container: dict[str, Any] | list[Any], anchor: str | None, start: int
    ) -> None:
        self.container = container
        self.anchor = anchor
        self.start = start
        self.key: Any = _NO_KEY
        self.key_mark: Any = None
        self.merges: list[dict[str, Any]] = []


class _Builder:
    """Turns one document's events into data, enforcing depth and alias-expansion limits."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.anchors: dict[str, Any] = {}
        self.key_text: dict[str, str] = {}  # anchored scalars' source text, for aliased keys
        self.sizes: dict[str, int] = {}
        self.open: set[str] = set()
        self.stack: list[_Frame] = []
        self.written = self.expanded = 0
        self.duplicates: list[tuple[str, int, int]] = []  # (pointer, line, column) of each repeated key

    def build(self) -> Any:
        while True:
            event = self.parser.get_event()
            if isinstance(event, CollectionStartEvent):
                self._open(event)
                continue
            if isinstance(event, ScalarEvent):
                value = self._scalar_event(event)
            elif isinstance(event, AliasEvent):
                value = self._alias(event)
            else:  # the end of the innermost collection
                value = self._close(event)
            if not self.stack:
                return value
            self._attach(self.stack[-1], value, event)

    def _open(self, event: CollectionStartEvent) -> None:
        self.written += 1
        self.expanded += 1
        if len(self.stack) >= MAX_DEPTH:
            raise YAMLLimitError(
                "nesting-too-deep",
                f"containers nested deeper than {MAX_DEPTH} levels",
                event.start_mark,
            )
        is_map = isinstance(event, MappingStartEvent)
        if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
            raise _error(f"unsupported tag {event.tag!r}", event.start_mark)
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.key is _NO_KEY:
            raise _error("mapping keys must be scalars", event.start_mark)
        if event.anchor is not None:
            self.open.add(event.anchor)
        container: dict[str, Any] | list[Any] = {} if is_map else []
        self.stack.append(_Frame(container, event.anchor, self.expanded - 1))

    def _close(self, event: Event) -> Any:
        frame = self.stack.pop()
        value: Any = frame.container
        if frame.merges:
            merged: dict[str, Any] = {}
            for source in frame.merges:
                for key, item in source.items():
                    merged.setdefault(key, item)
            merged.update(value)
            value = merged
        if frame.anchor is not None:
            self.open.discard(frame.anchor)
            self.anchors[frame.anchor] = value
            self.sizes[frame.anchor] = self.expanded - frame.start
        return value

    def _scalar_event(self, event: ScalarEvent) -> Any:
        self.written += 1
        self.expanded += 1
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is _NO_KEY:
            value: Any = event.value  # a key: keep its source text
            if event.tag == _MERGE or (event.tag is None and event.implicit[0] and value == "<<"):
                value = _MERGE_KEY
        else:
            value = _scalar(event)
        if event.anchor is not None:
            self.anchors[event.anchor], self.sizes[event.anchor] = value, 1
            self.key_text[event.anchor] = event.value
        return value

    def _alias(self, event: AliasEvent) -> Any:
        anchor = event.anchor
        if anchor in self.open:
            raise YAMLLimitError(
                "yaml-alias-cycle",
                f"alias *{anchor} refers to a node that contains it",
                event.start_mark,
            )
        if anchor not in self.anchors:
            raise _error(f"found undefined alias {anchor!r}", event.start_mark)
        self.expanded += self.sizes[anchor]
        if self.expanded > MAX_EXPANDED_NODES and self.expanded > ALIAS_RATIO * self.written:
            raise YAMLLimitError(
                "yaml-alias-bomb",
                f"aliases expand the document beyond {MAX_EXPANDED_NODES:,} nodes "
                f"({self.expanded:,} from {self.written:,} written)",
                event.start_mark,
            )
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is _NO_KEY:
            if anchor not in self.key_text:
                raise _error("mapping keys must be scalars", event.start_mark)
            return self.key_text[anchor]
        return self.anchors[anchor]

    def _attach(self, frame: _Frame, value: Any, event: Event) -> None:
        container = frame.container
        if isinstance(container, list):
            container.append(value)
        elif frame.key is _NO_KEY:
            frame.key, frame.key_mark = value, event.start_mark
        elif frame.key is _MERGE_KEY:
            sources = value if isinstance(value, list) else [value]
            if not all(isinstance(source, dict) for source in sources):
                raise _error("'<<' expects a mapping or a list of mappings", event.start_mark)
            frame.merges.extend(sources)
            frame.key = _NO_KEY
        else:
            if frame.key in container:  # the last one wins, as in every YAML loader: say so
                self._duplicate(frame)
            container[frame.key] = value
            frame.key = _NO_KEY

    def _duplicate(self, frame: _Frame) -> None:
        steps = [parent.key if isinstance(parent.container, dict) else len(parent.container)
                 for parent in self.stack[:-1]]  # fmt: skip
        pointer = "".join("/" + escape(str(step)) for step in [*steps, frame.key])
        mark = frame.key_mark
        self.duplicates.append((pointer, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0))


def _parser(raw: bytes) -> Any:
    if yaml.__with_libyaml__:
        from yaml._yaml import CParser

        return CParser(raw)

    class _PyParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
        def __init__(self, stream: bytes) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)

    return _PyParser(raw)


_FLOW_TOKEN = re.compile(rb"""[\[\]{}\n]|#[^\n]*|"(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?""")


def _flow_too_deep(raw: bytes, end: int) -> int | None:
    """Offset in ``raw[:end]`` where flow brackets open deeper than ``MAX_DEPTH``, else None.

    Our own depth check, independent of the parser: a parser may refuse deep flow nesting itself (PyYAML
    6.0.4 does, at 1,000, while scanning ahead), and the user must still get ``nesting-too-deep``.
    Quoted scalars and comments are skipped, so brackets inside them do not count.
    """
    depth = 0
    for match in _FLOW_TOKEN.finditer(raw, 0, end):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in (b"]", b"}"):
            depth = max(depth - 1, 0)
    return None


def _refuse_deep_flow(raw: bytes, error: yaml.MarkedYAMLError) -> None:
    """Re-raise a parser error caused by deep flow nesting as our own ``nesting-too-deep``."""
    mark = error.problem_mark
    if mark is None or isinstance(error, YAMLLimitError):
        return
    offset = _flow_too_deep(raw, min(len(raw), mark.index + 1) if mark.index else len(raw))
    if offset is None:
        return
    line = raw.count(b"\n", 0, offset)
    column = offset - (raw.rfind(b"\n", 0, offset) + 1)
    where = yaml.Mark(mark.name, offset, line, column, None, None)  # type: ignore[arg-type]
    raise YAMLLimitError(
        "nesting-too-deep", f"containers nested deeper than {MAX_DEPTH} levels", where
    ) from error


def load_yaml(raw: bytes, duplicates: list[tuple[str, int, int]] | None = None) -> Any:
    """Parse one YAML document into JSON-like data (``None`` for an empty stream).

    Raises ``yaml.YAMLError`` (with marks where available) for syntax problems and
    :class:`YAMLLimitError` for hostile input. ``duplicates`` receives the pointer, line and column
    of every mapping key that repeats an earlier one (its value replaced the earlier value).
    """
    try:
        return _load(raw, duplicates)
    except yaml.MarkedYAMLError as error:
        _refuse_deep_flow(raw, error)
        raise


def _load(raw: bytes, duplicates: list[tuple[str, int, int]] | None) -> Any:
    parser = _parser(raw)
    try:
        parser.get_event()  # StreamStart
        if parser.check_event(StreamEndEvent):
            return None
        start = parser.get_event()  # DocumentStart
        builder = _Builder(parser)
        data = builder.build()
        if duplicates is not None:
            duplicates.extend(builder.duplicates)
        parser.get_event()  # DocumentEnd
        if not parser.check_event(StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                start.start_mark,
                "but found another document",
                parser.get_event().start_mark,
            )
        return data
    finally:
        parser.dispose()
