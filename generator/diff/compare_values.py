"""Validation constraints and defaults of one use site (a parameter or a property)."""

from __future__ import annotations

from ..ir import Constraints, Default
from .context import Context, Site
from .typeshape import value_text

__all__ = ["compare_constraints", "compare_default"]

# (attribute, spec keyword); a larger lower bound or a smaller upper bound is stricter
_LOWER = (
    ("minimum", "minimum"),
    ("exclusive_minimum", "exclusiveMinimum"),
    ("min_length", "minLength"),
    ("min_items", "minItems"),
    ("min_properties", "minProperties"),
)
_UPPER = (
    ("maximum", "maximum"),
    ("exclusive_maximum", "exclusiveMaximum"),
    ("max_length", "maxLength"),
    ("max_items", "maxItems"),
    ("max_properties", "maxProperties"),
)
_NONE = "none"


def _bound_changes(old: Constraints, new: Constraints) -> list[tuple[str, object, object, bool]]:
    """(keyword, old, new, is_tighter) for each bound that changed."""
    found: list[tuple[str, object, object, bool]] = []
    for bounds, is_lower in ((_LOWER, True), (_UPPER, False)):
        for attribute, keyword in bounds:
            before, after = getattr(old, attribute), getattr(new, attribute)
            if before == after:
                continue
            is_tighter = after is not None and (
                before is None or (after > before if is_lower else after < before)
            )
            found.append((keyword, before, after, is_tighter))
    return found


def _other_changes(old: Constraints, new: Constraints) -> list[tuple[str, object, object, bool]]:
    found: list[tuple[str, object, object, bool]] = []
    if old.multiple_of != new.multiple_of:
        before, after = old.multiple_of, new.multiple_of
        is_looser = after is None or (before is not None and before % after == 0)
        found.append(("multipleOf", before, after, not is_looser))
    if old.unique_items != new.unique_items:
        found.append(("uniqueItems", old.unique_items, new.unique_items, new.unique_items))
    return found


def _text(value: object) -> str:
    return _NONE if value is None else value_text(value)


def compare_constraints(
    context: Context, old: Constraints | None, new: Constraints | None, site: Site
) -> None:
    """Tightened request constraints are breaking; loosened response constraints risky for strict clients."""
    old, new = old or Constraints(), new or Constraints()
    if old == new:
        return
    is_request = site.direction == "request"
    for keyword, before, after, is_tighter in _bound_changes(old, new) + _other_changes(old, new):
        if is_request and before in (None, False):
            rule = "request-constraint-added"
        elif is_request:
            rule = "request-constraint-tightened" if is_tighter else "request-constraint-loosened"
        elif is_tighter:
            continue
        else:
            rule = "response-constraint-loosened"
        context.emit(rule, site, keyword=keyword, old=_text(before), new=_text(after))
    if old.pattern != new.pattern:
        if new.pattern is None:
            rule = "request-constraint-loosened" if is_request else "response-constraint-loosened"
            context.emit(rule, site, keyword="pattern", old=_text(old.pattern), new=_NONE)
        elif is_request:
            context.emit(
                "request-pattern-changed", site, old=_text(old.pattern), new=_text(new.pattern)
            )


def compare_default(context: Context, old: Default | None, new: Default | None, site: Site) -> None:
    """A changed default of something the client may omit: the server now assumes another value."""
    before = _NONE if old is None else value_text(old.value)
    after = _NONE if new is None else value_text(new.value)
    if before != after and site.direction == "request":
        context.emit("request-default-changed", site, old=before, new=after)
