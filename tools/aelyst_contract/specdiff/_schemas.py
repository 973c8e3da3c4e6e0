"""Direction-aware comparison of two JSON Schemas (OpenAPI 3.1, with 3.0's `nullable` understood).

Each rule asks one question: did the set of values this keyword allows narrow, widen or change?
`verdicts_for` turns that into a verdict per side, given whether the schema describes a request
(written by clients) or a response (written by servers).

A rule is a function `(comparison, old, new, spot) -> None` registered with `@schema_rule(name)`;
`compare_schemas` runs every registered rule, in definition order, on two schemas of the same type
(`type` and `oneOf`/`anyOf` are compared first, by `_types` and `_unions`, as they decide whether
the other keywords are comparable at all).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from aelyst_contract._registry import Registry
from aelyst_contract.openapi import Resolver, join_pointer, mapping, sequence
from aelyst_contract.specdiff._model import Change, Direction, Finding, Verdict, verdicts_for
from aelyst_contract.specdiff._pattern import pattern_change
from aelyst_contract.specdiff._policy import Policy

__all__ = [
    "SCHEMA_RULES",
    "Schema",
    "SchemaComparison",
    "SchemaRule",
    "SchemaRuleScope",
    "Spot",
    "compare_schemas",
    "schema_rule",
]

_JSON_TYPES = ("array", "boolean", "integer", "null", "number", "object", "string")
# Keywords whose larger value allows fewer values, and the reverse.
_LOWER_BOUNDS = (
    "minimum",
    "exclusiveMinimum",
    "minLength",
    "minItems",
    "minProperties",
    "minContains",
)
_UPPER_BOUNDS = (
    "maximum",
    "exclusiveMaximum",
    "maxLength",
    "maxItems",
    "maxProperties",
    "maxContains",
)
_UNIONS = ("oneOf", "anyOf")
_B, _C = Verdict.BREAKING, Verdict.COMPATIBLE


class Spot(NamedTuple):
    """Where a schema is: through the operation (`pointer`, `$ref`s followed) and where it is
    really defined on each side (`old_where`, `new_where`, e.g. in components)."""

    pointer: str
    old_where: str
    new_where: str

    def child(self, *tokens: str | int) -> Spot:
        return Spot(
            join_pointer(self.pointer, *tokens),
            join_pointer(self.old_where, *tokens),
            join_pointer(self.new_where, *tokens),
        )


@dataclass
class SchemaComparison:
    """State of one top-level comparison (one parameter, body or header of one operation)."""

    operation: str
    direction: Direction
    old_resolver: Resolver
    new_resolver: Resolver
    findings: list[Finding] = field(default_factory=list)
    # (old definition, new definition) pairs being compared right now: stops recursive schemas.
    visiting: set[tuple[str, str]] = field(default_factory=set)
    policy: Policy = field(default_factory=Policy)
    # Pointers of values that are always present (a required parameter, a property required on
    # both sides): a `default` there never applies.
    always_present: set[str] = field(default_factory=set)

    def add(
        self,
        kind: str,
        spot: Spot,
        change: Change | tuple[Verdict, Verdict],
        *,
        old: Any,
        new: Any,
        message: str,
        addition: bool = False,
        renames: bool = False,
    ) -> None:
        client, server = verdicts_for(self.direction, change) if isinstance(change, str) else change
        self.findings.append(
            Finding(
                kind=kind,
                operation=self.operation,
                pointer=spot.pointer,
                old=old,
                new=new,
                client=client,
                server=server,
                message=f"{self.direction} {message}",
                schema_pointer=spot.new_where,
                addition=addition,
                renames_generated_code=renames,
            )
        )


def compare_schemas(c: SchemaComparison, old: Any, new: Any, spot: Spot) -> None:
    """Compare two (possibly `$ref`) schemas found at `spot`; findings go to `c`."""
    old_ref, new_ref = _ref_name(old), _ref_name(new)
    old, old_where = c.old_resolver.resolve(old, spot.old_where)
    new, new_where = c.new_resolver.resolve(new, spot.new_where)
    spot = Spot(spot.pointer, old_where, new_where)
    if old_ref and new_ref and old_ref != new_ref:
        c.add(
            "schema-renamed",
            spot,
            (_C, _C),
            old=old_ref,
            new=new_ref,
            message=f"schema renamed from {old_ref} to {new_ref}: the wire is unchanged, but a "
            "regenerated client renames the model class",
            renames=True,
        )
    key = (old_where, new_where)
    if key in c.visiting:
        return
    c.visiting.add(key)
    try:
        _compare_resolved(c, _as_schema(old), _as_schema(new), spot)
    finally:
        c.visiting.discard(key)


def _ref_name(schema: Any) -> str | None:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        ref: str = schema["$ref"]
        if ref.startswith("#/components/schemas/"):
            return ref.rsplit("/", 1)[-1]
    return None


def _as_schema(schema: Any) -> dict[str, Any]:
    # `true` (or absent) allows everything, `false` nothing; both are spelled as dicts here.
    if schema is True or schema is None:
        return {}
    if schema is False:
        return {"not": {}}
    return dict(schema) if isinstance(schema, dict) else {}


Schema = dict[str, Any]
SchemaRule = Callable[[SchemaComparison, Schema, Schema, Spot], None]


@dataclass(frozen=True)
class SchemaRuleScope:
    # Also run on the keywords beside a oneOf/anyOf (a shared description, default or title);
    # the others apply to each matched variant instead.
    beside_unions: bool = False


SCHEMA_RULES: Registry[SchemaRule, SchemaRuleScope] = Registry("schema rule")


def schema_rule(
    name: str, *, beside_unions: bool = False, description: str | None = None
) -> Callable[[SchemaRule], SchemaRule]:
    """Register a schema keyword rule under `name` (see the module doc)."""
    return SCHEMA_RULES.register(name, SchemaRuleScope(beside_unions), description=description)


def _compare_resolved(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    if any(k in old or k in new for k in _UNIONS):
        _unions(c, old, new, spot)
        return
    if not _types(c, old, new, spot):
        return  # a wholly different type: its constraints are not comparable
    for rule in SCHEMA_RULES:
        rule.function(c, old, new, spot)


# ---------------------------------------------------------------------------------------- types


def _type_set(schema: Schema) -> frozenset[str] | None:
    declared = schema.get("type")
    if declared is None:
        types = None
    elif isinstance(declared, str):
        types = frozenset({declared})
    else:
        types = frozenset(str(t) for t in sequence(declared))
    if types is not None and schema.get("nullable") is True:  # OpenAPI 3.0
        types = types | {"null"}
    return types


def _allowed(types: frozenset[str] | None) -> frozenset[str]:
    # `number` includes integers; a missing `type` allows every type.
    expanded = set(_JSON_TYPES if types is None else types)
    if "number" in expanded:
        expanded.add("integer")
    return frozenset(expanded)


def _types(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> bool:
    """Report a type change; False when nothing of the old type survives."""
    old_types, new_types = _type_set(old), _type_set(new)
    before, after = _allowed(old_types), _allowed(new_types)
    if before == after:
        return True
    shown_old = sorted(old_types) if old_types is not None else "any"
    shown_new = sorted(new_types) if new_types is not None else "any"
    change: Change
    if before < after:
        change = "widened"
    elif after < before:
        change = "narrowed"
    else:
        change = "changed"
    c.add(
        "type-changed",
        spot.child("type"),
        change,
        old=shown_old,
        new=shown_new,
        message=f"type {change} from {shown_old} to {shown_new}",
    )
    return bool(before & after)


# ---------------------------------------------------------------------------------------- enums


def _enum_values(schema: Schema) -> list[Any] | None:
    if "const" in schema:
        return [schema["const"]]
    enum = schema.get("enum")
    return list(enum) if isinstance(enum, list) else None  # a malformed enum counts as none


@schema_rule("enum")
def _enums(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """Values removed from or added to `enum`/`const`, or the value list added or removed."""
    old_values, new_values = _enum_values(old), _enum_values(new)
    if old_values == new_values:
        return
    keyword = "const" if "const" in new or ("const" in old and "enum" not in new) else "enum"
    here = spot.child(keyword)
    if old_values is None or new_values is None:
        change: Change = "narrowed" if old_values is None else "widened"
        added = old_values is None
        c.add(
            "enum-added" if added else "enum-removed",
            here,
            change,
            old=old_values,
            new=new_values,
            message=f"value list {'added' if added else 'removed'} ({change})",
        )
        return
    removed = [v for v in old_values if v not in new_values]
    added_values = [v for v in new_values if v not in old_values]
    if removed:
        c.add(
            "enum-value-removed",
            here,
            "narrowed",
            old=old_values,
            new=new_values,
            message=f"enum value(s) removed: {_show(removed)}",
        )
    if added_values:
        extra = ""
        if c.direction == "response":
            extra = (
                "; generated clients decode enums as closed StrEnums, so an unknown value "
                "raises ValueError and the response is lost"
            )
        c.add(
            "enum-value-added",
            here,
            "widened",
            old=old_values,
            new=new_values,
            message=f"enum value(s) added: {_show(added_values)}{extra}",
            addition=True,
        )


def _show(values: list[Any]) -> str:
    return ", ".join(repr(v) for v in values)


# ---------------------------------------------------------------------------------- constraints


def _report_constraint(
    c: SchemaComparison, keyword: str, spot: Spot, change: Change, values: tuple[Any, Any]
) -> None:
    before, after = values
    kind = {"narrowed": "constraint-narrowed", "widened": "constraint-widened"}.get(
        change, "constraint-changed"
    )
    c.add(
        kind,
        spot.child(keyword),
        change,
        old=before,
        new=after,
        message=f"`{keyword}` {change}: {_absent(before)} -> {_absent(after)}",
    )


def _absent(value: Any) -> str:
    return "(none)" if value is None else repr(value)


@schema_rule("bounds")
def _bounds(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`minimum`/`maximum`-style bounds (numbers, lengths, item and property counts)."""
    for keyword in (*_LOWER_BOUNDS, *_UPPER_BOUNDS):
        before, after = old.get(keyword), new.get(keyword)
        if before == after:
            continue
        lower = keyword in _LOWER_BOUNDS
        change: Change
        if isinstance(before, bool) or isinstance(after, bool):  # OpenAPI 3.0 exclusive flags
            change = "narrowed" if after else "widened"
        elif before is None:
            change = "narrowed"
        elif after is None:
            change = "widened"
        elif not (_is_number(before) and _is_number(after)):
            change = "changed"
        else:
            tighter = after > before if lower else after < before
            change = "narrowed" if tighter else "widened"
        _report_constraint(c, keyword, spot, change, (before, after))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _restricting_keyword(keyword: str) -> SchemaRule:
    """A keyword that restricts values when present: adding narrows, removing widens."""

    def rule(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
        before, after = old.get(keyword), new.get(keyword)
        if before == after:
            return
        change: Change
        if before is None:
            change = "narrowed"
        elif after is None:
            change = "widened"
        else:
            change = "changed"
        _report_constraint(c, keyword, spot, change, (before, after))

    return rule


@schema_rule("pattern")
def _pattern(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`pattern` added (narrows), removed (widens), or changed: widened/narrowed where one
    provably allows every string the other does (`_pattern`), else changed."""
    before, after = old.get("pattern"), new.get("pattern")
    if before == after:
        return
    change: Change
    if before is None:
        change = "narrowed"
    elif after is None:
        change = "widened"
    elif isinstance(before, str) and isinstance(after, str):
        change = pattern_change(before, after)
    else:
        change = "changed"
    _report_constraint(c, "pattern", spot, change, (before, after))


for _keyword in ("format", "contentMediaType", "contentEncoding"):
    schema_rule(
        _keyword, description=f"`{_keyword}` added (narrows), removed (widens) or changed."
    )(_restricting_keyword(_keyword))


@schema_rule("multipleOf")
def _multiple_of(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`multipleOf`: a multiple of the old step narrows, a divisor widens."""
    before, after = old.get("multipleOf"), new.get("multipleOf")
    if before == after:
        return
    change: Change
    if before is None:
        change = "narrowed"
    elif after is None:
        change = "widened"
    elif not (_is_number(before) and _is_number(after)) or not before or not after:
        change = "changed"
    elif after % before == 0:
        change = "narrowed"
    elif before % after == 0:
        change = "widened"
    else:
        change = "changed"
    _report_constraint(c, "multipleOf", spot, change, (before, after))


@schema_rule("uniqueItems")
def _unique_items(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`uniqueItems` turned on (narrows) or off (widens)."""
    before, after = bool(old.get("uniqueItems")), bool(new.get("uniqueItems"))
    if before != after:
        change: Change = "narrowed" if after else "widened"
        _report_constraint(c, "uniqueItems", spot, change, (before, after))


@schema_rule("default", beside_unions=True)
def _defaults(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`default` added, removed or changed: what an omitted value means."""
    had, has = "default" in old, "default" in new
    before, after = old.get("default"), new.get("default")
    if had == has and before == after:
        return
    here = spot.child("default")
    request = c.direction == "request"
    if spot.pointer in c.always_present:
        c.add(
            "default-changed" if had and has else "default-added" if has else "default-removed",
            here,
            (_C, _C),
            old=before,
            new=after,
            message=f"default {_absent(before)} -> {_absent(after)} on a value that is required "
            "on both sides: it is always sent, so the default never applies",
            addition=has and not had,
        )
        return
    if had and has:
        c.add(
            "default-changed",
            here,
            (_B, _B),
            old=before,
            new=after,
            message=f"default changed from {before!r} to {after!r}: an omitted value now means "
            "something else (clients generated from OLD keep sending the old default "
            "explicitly; other callers silently get the new one)",
        )
    elif has:
        c.add(
            "default-added",
            here,
            (_C, _B) if request else (_C, _C),
            old=None,
            new=after,
            message=f"default {after!r} added: an omitted value now has a documented meaning",
            addition=True,
        )
    else:
        c.add(
            "default-removed",
            here,
            (_B, _C) if request else (_C, _C),
            old=before,
            new=None,
            message=f"default {before!r} removed: callers omitting the value lose the "
            "documented behaviour",
        )


@schema_rule("title", beside_unions=True)
def _title(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`title` changed: a regenerated client renames the model class."""
    before, after = old.get("title"), new.get("title")
    if before and after and before != after:
        c.add(
            "title-changed",
            spot.child("title"),
            (_C, _C),
            old=before,
            new=after,
            message=f"title changed from {before!r} to {after!r}: a regenerated client renames "
            "the model class",
            renames=True,
        )


@schema_rule("description", beside_unions=True)
def _description(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`description` changed (documentation only)."""
    if old.get("description") != new.get("description"):
        c.add(
            "documentation-changed",
            spot.child("description"),
            (_C, _C),
            old=old.get("description"),
            new=new.get("description"),
            message="description changed",
        )


# -------------------------------------------------------------------------------------- objects


@schema_rule("properties")
def _properties(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """Object properties added, removed or made (non-)required; the kept ones compared."""
    old_props, new_props = mapping(old.get("properties")), mapping(new.get("properties"))
    old_required = {str(n) for n in sequence(old.get("required"))}
    new_required = {str(n) for n in sequence(new.get("required"))}
    for name in sorted(old_props.keys() - new_props.keys()):
        here = spot.child("properties", name)
        if _hidden(c, c.old_resolver, old_props[name], here.old_where):
            c.add(
                "property-removed",
                here,
                (_C, _C),
                old="readOnly" if c.direction == "request" else "writeOnly",
                new=None,
                message=f"field {name!r} removed; it was never written in this direction",
            )
            continue
        deprecated = _flag(c.old_resolver, old_props[name], here.old_where, "deprecated")
        _property_removed(c, name, name in old_required, here, deprecated=deprecated)
    for name in sorted(new_props.keys() - old_props.keys()):
        here = spot.child("properties", name)
        hidden = _hidden(c, c.new_resolver, new_props[name], here.new_where)
        _property_added(c, name, name in new_required, here, hidden=hidden)
    for name in sorted(old_props.keys() & new_props.keys()):
        here = spot.child("properties", name)
        old_hidden = _hidden(c, c.old_resolver, old_props[name], here.old_where)
        new_hidden = _hidden(c, c.new_resolver, new_props[name], here.new_where)
        if old_hidden != new_hidden:
            _access_changed(c, name, new_hidden, here)
        was_now = (name in old_required, name in new_required)
        if not (old_hidden or new_hidden):
            _required_change(c, name, was_now, spot)
        elif was_now[0] != was_now[1]:
            keyword = "readOnly" if c.direction == "request" else "writeOnly"
            c.add(
                "property-now-required" if was_now[1] else "property-now-optional",
                spot.child("required"),
                (_C, _C),
                old="required" if was_now[0] else "optional",
                new="required" if was_now[1] else "optional",
                message=f"{keyword} field {name!r} became "
                f"{'required' if was_now[1] else 'optional'}: `required` does not apply to it "
                "in this direction (policy read-only-required)",
            )
        if name in old_required and name in new_required:
            c.always_present.add(here.pointer)
        compare_schemas(c, old_props[name], new_props[name], here)
    # `required` names without a schema here (e.g. in an allOf part or a `then`).
    for name in sorted((old_required ^ new_required) - (old_props.keys() & new_props.keys())):
        if name not in old_props and name not in new_props:
            _required_change(c, name, (name in old_required, name in new_required), spot)


def _flag(resolver: Resolver, schema: Any, where: str, keyword: str) -> bool:
    resolved, _ = resolver.resolve(schema, where)
    return isinstance(resolved, dict) and resolved.get(keyword) is True


def _hidden(c: SchemaComparison, resolver: Resolver, schema: Any, where: str) -> bool:
    """Whether a property is never written in this direction: `readOnly` ones are not sent in
    requests, `writeOnly` ones not in responses (and `required` does not apply to them there)."""
    if c.policy.read_only_required == "breaking":
        return False  # validators that enforce `required` there: an ordinary property
    keyword = "readOnly" if c.direction == "request" else "writeOnly"
    return _flag(resolver, schema, where, keyword)


def _access_changed(c: SchemaComparison, name: str, hidden_now: bool, spot: Spot) -> None:
    keyword = "readOnly" if c.direction == "request" else "writeOnly"
    if hidden_now:
        verdicts = (_B, _C)
        effect = (
            "clients generated from OLD still send it"
            if c.direction == "request"
            else "servers no longer send it; clients generated from OLD expect it"
        )
    else:
        verdicts = (_C, _B) if c.direction == "request" else (_C, _C)
        effect = "it is now part of this direction"
    c.add(
        "property-access-changed",
        spot.child(keyword),
        verdicts,
        old=not hidden_now,
        new=hidden_now,
        message=f"field {name!r} {'became' if hidden_now else 'is no longer'} {keyword}; {effect}",
    )


def _property_removed(
    c: SchemaComparison, name: str, required: bool, spot: Spot, *, deprecated: bool = False
) -> None:
    was = "required" if required else "optional"
    if c.direction == "request":
        effect = "clients generated from OLD still send it"
    else:
        effect = "clients generated from OLD expect it"
        if required:
            effect += " (a required field: from_dict's d.pop raises KeyError)"
    client = _B
    if deprecated:
        effect += "; it was deprecated"
        if c.policy.removal_after_deprecation == "compatible":
            client = _C
            effect += " (policy removal-after-deprecation=compatible)"
    c.add(
        "property-removed",
        spot,
        (client, _C),
        old=was,
        new=None,
        message=f"field {name!r} ({was}) removed; {effect}",
    )


def _property_added(
    c: SchemaComparison, name: str, required: bool, spot: Spot, *, hidden: bool = False
) -> None:
    if hidden:
        keyword = "readOnly" if c.direction == "request" else "writeOnly"
        c.add(
            "property-added",
            spot,
            (_C, _C),
            old=None,
            new=f"{keyword}",
            message=f"{keyword} field {name!r} added; it is never written in this direction, "
            "so `required` does not apply to it here",
            addition=True,
        )
        return
    if c.direction == "request":
        verdicts = (_B if required else _C, _B)
        effect = (
            "clients generated from OLD never send it"
            if required
            else "old clients do not send it; servers must understand it"
        )
    else:
        verdicts = (_C, _B if required else _C)
        effect = (
            "servers must now always send it"
            if required
            else "old clients keep it in additional_properties"
        )
    shown = "required" if required else "optional"
    c.add(
        "property-added",
        spot,
        verdicts,
        old=None,
        new=shown,
        message=f"{shown} field {name!r} added; {effect}",
        addition=True,
    )


def _required_change(
    c: SchemaComparison, name: str, was_now: tuple[bool, bool], spot: Spot
) -> None:
    was, now = was_now
    if was == now:
        return
    change: Change = "narrowed" if now else "widened"
    extra = ""
    if not now and c.direction == "response":
        extra = (
            "; clients generated from OLD read it with d.pop(name) and raise KeyError when it "
            "is absent"
        )
    c.add(
        "property-now-required" if now else "property-now-optional",
        spot.child("required"),
        change,
        old="required" if was else "optional",
        new="required" if now else "optional",
        message=f"field {name!r} became {'required' if now else 'optional'}{extra}",
    )


@schema_rule("additionalProperties")
def _additional_properties(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`additionalProperties` opened, closed, or its schema compared."""
    before, after = old.get("additionalProperties", True), new.get("additionalProperties", True)
    if isinstance(before, dict) and isinstance(after, dict):
        # Even when both spell the same `$ref`: what it names may have changed.
        compare_schemas(c, before, after, spot.child("additionalProperties"))
        return
    if before == after:
        return
    change: Change
    if after is False or (isinstance(after, dict) and before is True):
        change = "narrowed"
    elif before is False or (isinstance(before, dict) and after is True):
        change = "widened"
    else:
        change = "changed"
    _report_constraint(c, "additionalProperties", spot, change, (before, after))


# --------------------------------------------------------------------------------------- arrays


@schema_rule("items")
def _items(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`items` and `prefixItems` compared, position by position."""
    if "items" in old or "items" in new:
        compare_schemas(c, old.get("items", True), new.get("items", True), spot.child("items"))
    old_prefix, new_prefix = sequence(old.get("prefixItems")), sequence(new.get("prefixItems"))
    for index in range(max(len(old_prefix), len(new_prefix))):
        old_item = old_prefix[index] if index < len(old_prefix) else old.get("items", True)
        new_item = new_prefix[index] if index < len(new_prefix) else new.get("items", True)
        compare_schemas(c, old_item, new_item, spot.child("prefixItems", index))


@schema_rule("allOf")
def _all_of(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`allOf` parts compared, position by position."""
    old_parts, new_parts = sequence(old.get("allOf")), sequence(new.get("allOf"))
    for index in range(max(len(old_parts), len(new_parts))):
        compare_schemas(
            c,
            old_parts[index] if index < len(old_parts) else True,
            new_parts[index] if index < len(new_parts) else True,
            spot.child("allOf", index),
        )


@schema_rule("not")
def _not(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`not` added (narrows) or removed (widens); a kept one compared inside, inverted: what
    narrows the excluded set widens the allowed one, so each inner verdict pair is swapped."""
    before, after = old.get("not"), new.get("not")
    if before is None or after is None:
        if before != after:
            change: Change = "narrowed" if before is None else "widened"
            _report_constraint(c, "not", spot, change, (before, after))
        return
    inner = SchemaComparison(
        c.operation,
        c.direction,
        c.old_resolver,
        c.new_resolver,
        visiting=c.visiting,
        policy=c.policy,
    )
    compare_schemas(inner, before, after, spot.child("not"))
    for finding in inner.findings:
        c.findings.append(
            replace(
                finding,
                client=finding.server,
                server=finding.client,
                message=f"inside `not` (so the effect is inverted): {finding.message}",
            )
        )


# ------------------------------------------------------- applicators compared as sub-schemas


def _sub_schema_rule(keyword: str, *, absent_allows_all: bool = True) -> SchemaRule:
    """A keyword holding one schema that constrains part of the value (monotonically: a
    narrower sub-schema narrows the whole), compared recursively; absent = allows everything."""

    def rule(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
        if keyword not in old and keyword not in new:
            return
        if not absent_allows_all and (keyword not in old or keyword not in new):
            change: Change = "narrowed" if keyword not in old else "widened"
            _report_constraint(c, keyword, spot, change, (old.get(keyword), new.get(keyword)))
            return
        compare_schemas(c, old.get(keyword, True), new.get(keyword, True), spot.child(keyword))

    return rule


for _keyword, _what in (
    ("propertyNames", "the schema every property name must match"),
    ("unevaluatedProperties", "the schema for properties no other keyword evaluated"),
    ("unevaluatedItems", "the schema for items no other keyword evaluated"),
    ("contentSchema", "the schema of a string's decoded content"),
):
    schema_rule(
        _keyword,
        description=f"`{_keyword}` ({_what}) compared as a schema: absent allows everything.",
    )(_sub_schema_rule(_keyword))
schema_rule(
    "contains",
    description="`contains` added (narrows: an item must match) or removed (widens); a kept one "
    "compared as a schema (`minContains`/`maxContains` are bounds).",
)(_sub_schema_rule("contains", absent_allows_all=False))


def _schema_map_rule(keyword: str) -> SchemaRule:
    """A keyword mapping names to schemas that apply when the name matches (`patternProperties`,
    `dependentSchemas`): an entry added narrows, removed widens, kept ones compared."""

    def rule(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
        before, after = mapping(old.get(keyword)), mapping(new.get(keyword))
        for name in sorted(before.keys() | after.keys()):
            here = spot.child(keyword, name)
            if name in before and name in after:
                compare_schemas(c, before[name], after[name], here)
                continue
            change: Change = "widened" if name in before else "narrowed"
            c.add(
                f"constraint-{change}",
                here,
                change,
                old=before.get(name),
                new=after.get(name),
                message=f"`{keyword}` entry {name!r} {'removed' if name in before else 'added'} "
                f"({change})",
            )

    return rule


schema_rule(
    "patternProperties",
    description="`patternProperties` entries added (narrow), removed (widen), kept ones compared.",
)(_schema_map_rule("patternProperties"))
schema_rule(
    "dependentSchemas",
    description="`dependentSchemas` entries added (narrow), removed (widen), kept ones compared.",
)(_schema_map_rule("dependentSchemas"))


@schema_rule("dependentRequired")
def _dependent_required(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`dependentRequired`: more names required when a property is present narrows, fewer
    widens."""
    before, after = mapping(old.get("dependentRequired")), mapping(new.get("dependentRequired"))
    for name in sorted(before.keys() | after.keys()):
        had = {str(n) for n in sequence(before.get(name))}
        has = {str(n) for n in sequence(after.get(name))}
        if had == has:
            continue
        change: Change = "narrowed" if had < has else "widened" if has < had else "changed"
        c.add(
            f"constraint-{change}",
            spot.child("dependentRequired", name),
            change,
            old=sorted(had),
            new=sorted(has),
            message=f"`dependentRequired` for {name!r} {change}: {sorted(had)} -> {sorted(has)}",
        )


@schema_rule("if/then/else")
def _conditional(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """`if`/`then`/`else`: with the same `if`, `then` and `else` compared as schemas (absent
    allows everything); a changed `if` moves which values each branch applies to: changed."""
    keywords = ("if", "then", "else")
    had, has = any(k in old for k in keywords), any(k in new for k in keywords)
    if not (had or has):
        return
    if had != has:  # a condition added narrows, removed widens
        change: Change = "narrowed" if has else "widened"
        source = new if has else old
        shown = {k: source[k] for k in keywords if k in source}
        _report_constraint(c, "if", spot, change, (None, shown) if has else (shown, None))
        return
    old_if, new_if = old.get("if", True), new.get("if", True)
    if _resolved_equal(c, old_if, new_if, spot):
        for branch in ("then", "else"):
            if branch in old or branch in new:
                compare_schemas(c, old.get(branch, True), new.get(branch, True), spot.child(branch))
        return
    _report_constraint(c, "if", spot, "changed", (old.get("if"), new.get("if")))


def _resolved_equal(c: SchemaComparison, old: Any, new: Any, spot: Spot) -> bool:
    """Whether two sub-schemas compare with no finding at all (through their `$ref`s)."""
    probe = SchemaComparison(c.operation, c.direction, c.old_resolver, c.new_resolver)
    compare_schemas(probe, old, new, spot)
    return not probe.findings


@schema_rule("deprecated", beside_unions=True)
def _deprecated(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """A property or schema marked `deprecated`, or no longer: it still works."""
    was, now = old.get("deprecated") is True, new.get("deprecated") is True
    if was != now:
        c.add(
            "schema-deprecated" if now else "schema-undeprecated",
            spot.child("deprecated"),
            (_C, _C),
            old=was,
            new=now,
            message=f"{'deprecated' if now else 'no longer deprecated'}; it still works, and "
            "regenerated clients mark it",
        )


@schema_rule("discriminator", beside_unions=True)
def _discriminator(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    """The discriminator's property renamed (both break: the tag moves), mapping keys added
    (widen), removed (narrow) or pointed at another schema (changed)."""
    before, after = mapping(old.get("discriminator")), mapping(new.get("discriminator"))
    if before == after:
        return
    here = spot.child("discriminator")
    if before and after and before.get("propertyName") != after.get("propertyName"):
        c.add(
            "discriminator-changed",
            here.child("propertyName"),
            (_B, _B),
            old=before.get("propertyName"),
            new=after.get("propertyName"),
            message=f"discriminator property renamed from {before.get('propertyName')!r} to "
            f"{after.get('propertyName')!r}: values are told apart by another field",
        )
    if not before or not after:
        c.add(
            "discriminator-changed",
            here,
            "changed" if before else (_C, _C),
            old=before.get("propertyName"),
            new=after.get("propertyName"),
            message=f"discriminator {'removed' if before else 'added'}",
        )
        return
    old_map, new_map = mapping(before.get("mapping")), mapping(after.get("mapping"))
    for key in sorted(old_map.keys() | new_map.keys()):
        if old_map.get(key) == new_map.get(key):
            continue
        kind, change = "discriminator-mapping-changed", "changed"
        if key not in new_map:
            kind, change = "discriminator-mapping-removed", "narrowed"
        elif key not in old_map:
            kind, change = "discriminator-mapping-added", "widened"
        c.add(
            kind,
            here.child("mapping", key),
            change,  # type: ignore[arg-type]
            old=old_map.get(key),
            new=new_map.get(key),
            message=f"discriminator value {key!r} {change.replace('changed', 'remapped')}: "
            f"{old_map.get(key)} -> {new_map.get(key)}",
            addition=key not in old_map,
        )


# --------------------------------------------------------------------------------------- unions


def _variant_keys(
    resolver: Resolver, variant: Any, index: int, discriminator: str | None
) -> dict[str, str]:
    """Candidate identities of a union variant, by kind of identity."""
    keys: dict[str, str] = {}
    resolved, _ = resolver.resolve(variant, "")
    if isinstance(resolved, dict):
        props = mapping(resolved.get("properties"))
        for prop in dict.fromkeys(p for p in (discriminator, "type") if p):
            if isinstance(props.get(prop), dict):
                prop_schema, _ = resolver.resolve(props[prop], "")
                values = _enum_values(prop_schema) if isinstance(prop_schema, dict) else None
                if values and len(values) == 1:
                    keys[f"property {prop}"] = repr(values[0])
        ref = _ref_name(variant)
        if ref:
            keys["ref"] = ref
        if resolved.get("title"):
            keys["title"] = str(resolved["title"])
        types = _type_set(resolved)
        if types is not None:
            keys["json type"] = ",".join(sorted(types))
    keys["index"] = str(index)
    return keys


def _union_parts(schema: Schema) -> tuple[str, list[Any]]:
    for keyword in _UNIONS:
        if isinstance(schema.get(keyword), list):
            return keyword, list(schema[keyword])
    # A plain schema is a union of one: `string` -> `oneOf: [string, integer]` widens.
    return "", [schema]


def _match_variants(
    c: SchemaComparison, old_parts: list[Any], new_parts: list[Any], discriminator: str | None
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """(matched (old, new) index pairs, removed old indexes, added new indexes)."""
    old_keys = [_variant_keys(c.old_resolver, v, i, discriminator) for i, v in enumerate(old_parts)]
    new_keys = [_variant_keys(c.new_resolver, v, i, discriminator) for i, v in enumerate(new_parts)]
    kinds = [f"property {discriminator}"] if discriminator else []
    kinds += ["property type", "ref", "title", "json type", "index"]
    # The first kind of identity that names every variant on both sides uniquely wins.
    for kind in kinds:
        old_named = [keys.get(kind) for keys in old_keys]
        new_named = [keys.get(kind) for keys in new_keys]
        if None in old_named or None in new_named:
            continue
        if len(set(old_named)) < len(old_named) or len(set(new_named)) < len(new_named):
            continue
        pairs = [(i, new_named.index(k)) for i, k in enumerate(old_named) if k in new_named]
        removed = [i for i, k in enumerate(old_named) if k not in new_named]
        added = [j for j, k in enumerate(new_named) if k not in old_named]
        return pairs, removed, added
    raise AssertionError("index keys always name variants uniquely")  # pragma: no cover


def _unions(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
    old_keyword, old_parts = _union_parts(old)
    new_keyword, new_parts = _union_parts(new)
    found = mapping(new.get("discriminator")) or mapping(old.get("discriminator"))
    named = found.get("propertyName")
    discriminator = named if isinstance(named, str) else None
    if old_keyword and new_keyword and old_keyword != new_keyword:
        _report_constraint(c, "oneOf/anyOf", spot, "changed", (old_keyword, new_keyword))
    pairs, removed, added = _match_variants(c, old_parts, new_parts, discriminator)
    _one_of_overlap(c, (old_keyword, old_parts), (new_keyword, new_parts), spot)
    for i in removed:
        shown = _describe_variant(old_parts[i])
        c.add(
            "variant-removed",
            spot.child(old_keyword or "oneOf", i),
            "narrowed",
            old=shown,
            new=None,
            message=f"{old_keyword or 'schema'} variant {shown} removed",
        )
    for j in added:
        shown = _describe_variant(new_parts[j])
        extra = ""
        if c.direction == "response":
            extra = (
                "; clients generated from OLD try the variants they know in order and fail "
                "(or mis-parse) on the new one"
            )
        c.add(
            "variant-added",
            spot.child(new_keyword or "oneOf", j),
            "widened",
            old=None,
            new=shown,
            message=f"{new_keyword or 'schema'} variant {shown} added{extra}",
            addition=True,
        )
    for i, j in pairs:
        compare_schemas(
            c,
            old_parts[i],
            new_parts[j],
            Spot(
                join_pointer(spot.pointer, new_keyword, j) if new_keyword else spot.pointer,
                join_pointer(spot.old_where, old_keyword, i) if old_keyword else spot.old_where,
                join_pointer(spot.new_where, new_keyword, j) if new_keyword else spot.new_where,
            ),
        )
    if old_keyword and new_keyword:
        # Keywords beside the union (a shared description, default or title) still count.
        for rule in SCHEMA_RULES:
            if rule.metadata.beside_unions:
                rule.function(c, old, new, spot)


def _one_of_overlap(
    c: SchemaComparison,
    old_union: tuple[str, list[Any]],
    new_union: tuple[str, list[Any]],
    spot: Spot,
) -> None:
    """A value of one version that matches two `oneOf` variants of the other is rejected there
    (`oneOf` wants exactly one). Reported when NEW's overlap catches values OLD allowed
    (narrowed), or OLD's overlap rejected values NEW allows (widened)."""
    old_values = [_resolved_schema(c.old_resolver, v) for v in old_union[1]]
    new_values = [_resolved_schema(c.new_resolver, v) for v in new_union[1]]
    for change, (keyword, variants, raw), (own_keyword, own_values) in (
        ("narrowed", (new_union[0], new_values, new_union[1]), (old_union[0], old_values)),
        ("widened", (old_union[0], old_values, old_union[1]), (new_union[0], new_values)),
    ):
        if keyword != "oneOf":
            continue
        values = own_values
        if own_keyword == "oneOf":
            # Values their own `oneOf` already rejected (ambiguous there too) are no news.
            values = [
                v
                for index, v in enumerate(own_values)
                if not any(
                    _jointly_satisfiable([v, other])
                    for other_index, other in enumerate(own_values)
                    if other_index != index
                )
            ]
        for i in range(len(variants)):
            for j in range(i + 1, len(variants)):
                caught = next(
                    (v for v in values if _jointly_satisfiable([v, variants[i], variants[j]])),
                    None,
                )
                if caught is None:
                    continue
                shown = (_describe_variant(raw[i]), _describe_variant(raw[j]))
                c.add(
                    "oneof-overlap-added" if change == "narrowed" else "oneof-overlap-removed",
                    spot.child("oneOf"),
                    change,  # type: ignore[arg-type]
                    old=None if change == "narrowed" else list(shown),
                    new=list(shown) if change == "narrowed" else None,
                    message=f"`oneOf` variants {shown[0]} and {shown[1]} "
                    + (
                        "now overlap: a value the other version allowed matches both, and "
                        "`oneOf` rejects a value matching more than one"
                        if change == "narrowed"
                        else "no longer overlap: values matching both were rejected before"
                    ),
                )
                return


def _resolved_schema(resolver: Resolver, raw: Any) -> Schema:
    resolved, where = resolver.resolve(raw, "")
    schema = _as_schema(resolved)
    if "allOf" in schema:  # one level of allOf merged: the usual "extends" spelling
        merged: Schema = {k: v for k, v in schema.items() if k != "allOf"}
        for part in sequence(schema["allOf"]):
            part_schema = _as_schema(resolver.resolve(part, where)[0])
            merged["properties"] = {
                **mapping(merged.get("properties")),
                **mapping(part_schema.get("properties")),
            }
            merged["required"] = [
                *sequence(merged.get("required")),
                *sequence(part_schema.get("required")),
            ]
            for key in ("type", "additionalProperties"):
                if key in part_schema and key not in merged:
                    merged[key] = part_schema[key]
        schema = merged
    return schema


def _jointly_satisfiable(schemas: list[Schema]) -> bool:
    """Whether some object is valid for every schema (proved on objects only: the required
    properties, their types and enums, closed objects; any other schema is assumed apart)."""
    types = frozenset(_JSON_TYPES)
    for schema in schemas:
        if any(k in schema for k in _UNIONS) or "not" in schema:
            return False
        types &= _allowed(_type_set(schema))
    if "object" not in types:
        return False
    required = {str(n) for schema in schemas for n in sequence(schema.get("required"))}
    return all(_property_satisfiable(schemas, name) for name in required)


def _property_satisfiable(schemas: list[Schema], name: str) -> bool:
    """Whether one value of property `name` can satisfy every schema's rules for it."""
    prop_types = frozenset(_JSON_TYPES)
    values: list[list[Any]] = []
    refs: set[str] = set()
    for schema in schemas:
        props = mapping(schema.get("properties"))
        if name not in props:
            if schema.get("additionalProperties", True) is False:
                return False
            continue
        prop = _as_schema(props[name])
        if isinstance(prop.get("$ref"), str):
            refs.add(prop["$ref"])  # the same named schema everywhere: any of its values fits
            continue
        if any(k in prop for k in ("pattern", "format", "not", *_UNIONS)):
            return False  # not provable here: assume the variants are told apart
        prop_types &= _allowed(_type_set(prop))
        enum = _enum_values(prop)
        if enum is not None:
            values.append(enum)
    if not prop_types or len(refs) > 1 or (refs and (values or prop_types != _allowed(None))):
        return False
    return not values or any(all(v in other for other in values[1:]) for v in values[0])


def _describe_variant(variant: Any) -> str:
    name = _ref_name(variant)
    if name:
        return name
    if isinstance(variant, dict):
        return str(variant.get("title") or variant.get("type") or "inline schema")
    return repr(variant)
