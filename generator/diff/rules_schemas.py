"""Rules about values: types at a use site, model properties, constraints, enums and unions.

A use site has a prefix — ``parameter``, ``request-property``, ``request-body`` (sent by the client),
``response-property``, ``response-body`` (received) — and each type rule exists once per prefix, with the
severity its direction implies: a request may widen safely, a response may narrow safely.
"""

from __future__ import annotations

from .changes import Rule

__all__ = ["REQUEST_PREFIXES", "RESPONSE_PREFIXES", "SCHEMA_RULES"]

B, R, S = "breaking", "risky", "safe"
REQUEST_PREFIXES = ("parameter", "request-property", "request-body")
RESPONSE_PREFIXES = ("response-property", "response-body")
_CHANGED = ("{where}: type changed from {old} to {new}", "{subject}: type `{old}` → `{new}`")


def _type_rules(prefix: str, *, is_request: bool) -> tuple[Rule, ...]:
    wider_id, wider_word = (
        (f"{prefix}-type-widened", "widened")
        if is_request
        else (f"{prefix}-type-narrowed", "narrowed")
    )
    nullable, non_nullable = (S, B) if is_request else (B, S)
    became_any = (
        ()
        if is_request
        else (
            Rule(
                f"{prefix}-type-became-any",
                R,
                S,
                "minor",
                "{where}: type {old} is no longer described (any value)",
                "{subject}: type `{old}` → `Any`",
                "The schema stopped describing the value; strict clients may meet values they do not expect.",
            ),
        )
    )
    return (*became_any,
        Rule(f"{prefix}-type-changed", B, B, "major", *_CHANGED,
             "Type changed incompatibly for this direction."),
        Rule(wider_id, S, S, "minor", f"{{where}}: type {wider_word} from {{old}} to {{new}}",
             "{subject}: type `{old}` → `{new}`",
             "Type changed compatibly (" + ("accepts more" if is_request else "returns less") + ")."),
        Rule(f"{prefix}-format-changed", R, R, "minor", "{where}: format changed from {old} to {new}",
             "{subject}: type `{old}` → `{new}`", "Same JSON type, different `format`."),
        Rule(f"{prefix}-became-nullable", nullable, nullable, "major" if nullable == B else "minor",
             "{where}: became nullable", "{subject}: now `{new}`", "null became allowed."),
        Rule(f"{prefix}-became-non-nullable", non_nullable, non_nullable,
             "major" if non_nullable == B else "minor", "{where}: no longer nullable",
             "{subject}: now `{new}`", "null is no longer allowed."),
    )  # fmt: skip


_PROPERTY_RULES: tuple[Rule, ...] = (
    Rule("request-property-added-required", B, B, "major", "{where}: required property `{wire}` added",
         "{member}: added (required)", "A new required property in something the client sends."),
    Rule("request-property-added-optional", S, S, "minor", "{where}: optional property `{wire}` added",
         "{member}: added (optional)", "A new optional property in something the client sends."),
    Rule("request-property-removed", B, B, "major", "{where}: property `{wire}` removed",
         "{member}: removed (passing it raises TypeError)",
         "A sent property is gone: servers usually ignore it, the argument/field is gone.", kind="source"),
    Rule("request-property-became-required", B, B, "major", "{where}: property `{wire}` became required",
         "{member}: now required", "A sent property became required."),
    Rule("request-property-became-optional", S, S, "minor", "{where}: property `{wire}` became optional",
         "{member}: now optional", "A sent property became optional."),
    Rule("response-property-added", S, S, "minor", "{where}: property `{wire}` added", "{member}: added",
         "A new property in something the client receives."),
    Rule("response-required-property-removed", B, B, "major", "{where}: required property `{wire}` removed",
         "{member}: removed", "A received property that was always present is gone."),
    Rule("response-optional-property-removed", B, B, "major", "{where}: optional property `{wire}` removed",
         "{member}: removed", "A received optional property is gone (the attribute disappears).",
         kind="source"),
    Rule("response-property-became-optional", B, B, "major",
         "{where}: property `{wire}` is no longer always present", "{member}: may now be missing",
         "A received property is no longer required."),
    Rule("response-property-became-required", S, S, "minor", "{where}: property `{wire}` is now required",
         "{member}: always present", "A received property became required."),
    Rule("property-deprecated", S, S, "patch", "{where}: property `{wire}` deprecated", "{member}: deprecated",
         "A property became deprecated."),
    Rule("request-default-changed", R, R, "patch", "{where}: default changed from {old} to {new}",
         "{subject}: default `{old}` → `{new}`", "What the server assumes when the value is omitted."),
    Rule("request-constraint-tightened", B, B, "patch", "{where}: {keyword} tightened from {old} to {new}",
         "{subject}: the server rejects values it accepted ({keyword} {old} → {new})",
         "min/max, length, item count, multipleOf or uniqueItems made stricter."),
    Rule("request-constraint-added", R, R, "patch", "{where}: {keyword} {new} added",
         "{subject}: the server may reject values it accepted ({keyword} {new})",
         "A request constraint where there was none (often documenting what the server already did)."),
    Rule("request-constraint-loosened", S, S, "patch", "{where}: {keyword} loosened from {old} to {new}",
         "{subject}: accepts more values ({keyword} {old} → {new})", "A request constraint relaxed."),
    Rule("request-pattern-changed", R, R, "patch", "{where}: pattern changed from {old} to {new}",
         "{subject}: value must match {new}", "A request pattern added or changed."),
    Rule("response-constraint-loosened", R, S, "patch", "{where}: {keyword} loosened from {old} to {new}",
         "{subject}: may hold values outside the old bounds ({keyword} {old} → {new})",
         "A response constraint relaxed: validating clients may reject new values."),
)  # fmt: skip

_NAMED_RULES: tuple[Rule, ...] = (
    Rule("type-renamed", B, B, "major", "{old} now named `{new}`", "class {old} renamed to `{new}`",
         "A model, enum or union is met where the old one was, under a new class name (the old one is gone).",
         kind="source"),
    Rule("type-removed", B, B, "major", "{kind} `{name}` removed (no operation used it)",
         "class `{name}` is no longer generated",
         "A model, enum or union that no operation uses is gone (its class was public API).", kind="source"),
    Rule("type-added", S, S, "minor", "{kind} `{name}` added (no operation uses it)",
         "class `{name}` added", "A model, enum or union that no operation uses appeared."),
    Rule("request-enum-value-added", S, S, "minor", "{where}: value {value} added",
         "{member} added", "A value the client may send."),
    Rule("request-enum-value-removed", B, B, "major", "{where}: value {value} removed",
         "{member} removed", "A value the client sent is no longer accepted."),
    Rule("response-enum-value-added", R, S, "minor", "{where}: value {value} added",
         "{member} added (older specsmith clients keep it as the raw value)",
         "Strict clients fail on the new value; specsmith decodes unknown values as the raw value."),
    Rule("response-enum-value-removed", B, B, "major", "{where}: value {value} removed",
         "{member} removed (code naming it raises AttributeError)",
         "The server no longer returns it; code naming the member breaks.", kind="source"),
    Rule("response-literal-value-removed", S, S, "minor", "{where}: value {value} removed",
         "{member} removed", "A value without an enum member (a literal) is no longer returned."),
    Rule("request-union-variant-added", S, S, "minor", "{where}: variant {variant} added",
         "{subject}: variant {variant} added", "A variant the client may send."),
    Rule("request-union-variant-removed", B, B, "major", "{where}: variant {variant} removed",
         "{subject}: variant {variant} removed", "A variant the client sent is no longer accepted."),
    Rule("response-union-variant-added", R, S, "minor", "{where}: variant {variant} added",
         "{subject}: variant {variant} added (older specsmith clients decode it as UnknownVariant)",
         "A discriminated variant the client may receive; specsmith clients tolerate unknown tags."),
    Rule("response-untagged-union-variant-added", R, R, "minor", "{where}: variant {variant} added",
         "{subject}: variant {variant} added (no discriminator: decoding may pick another variant)",
         "A variant of a union without discriminator the client may receive."),
    Rule("response-union-variant-removed", B, B, "major", "{where}: variant {variant} removed",
         "{subject}: variant {variant} removed, its class is no longer generated",
         "A returned variant is gone and so is its class: code naming it breaks.", kind="source"),
    Rule("response-union-variant-narrowed", S, S, "minor", "{where}: variant {variant} removed",
         "{subject}: variant {variant} no longer returned",
         "The server no longer returns this variant; its type still exists (inline, or a class still generated)."),
    Rule("request-discriminator-changed", B, B, "major", "{where}: discriminator `{old}` changed to `{new}`",
         "{subject}: tagged by `{new}`", "The tag property of a sent union changed."),
    Rule("response-discriminator-changed", B, B, "major", "{where}: discriminator `{old}` changed to `{new}`",
         "{subject}: tagged by `{new}`", "The tag property of a received union changed."),
    Rule("union-discriminator-added", S, S, "patch", "{where}: discriminator `{new}` added",
         "{subject}: decoded by tag `{new}`", "A union became discriminated."),
    Rule("union-discriminator-removed", R, R, "patch", "{where}: discriminator `{old}` removed",
         "{subject}: decoded by trying variants in order", "A union lost its discriminator."),
)  # fmt: skip

SCHEMA_RULES: tuple[Rule, ...] = (
    *(rule for prefix in REQUEST_PREFIXES for rule in _type_rules(prefix, is_request=True)),
    *(rule for prefix in RESPONSE_PREFIXES for rule in _type_rules(prefix, is_request=False)),
    *_PROPERTY_RULES,
    *_NAMED_RULES,
)
