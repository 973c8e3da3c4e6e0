"""Walk both specs' operations and compare what each side of the wire depends on.

Operations are matched by method and path template; path parameters are matched by position, so a
renamed path parameter is the same operation (its URL is unchanged).

A diff rule is one function registered at the level it looks at: `@document_rule(name)` runs once
on the two documents, `@operation_rule(name)` on each operation present in both, and
`@response_rule(name)` on each response status such an operation declares in both. It reports
through the `DiffContext` it gets (`d.add(...)`, and `d.schemas(...)` for the schema rules in
`_schemas.py`). Rules run in registration order at each level; `diff_specs` sorts the findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from aelyst_contract._registry import Registry
from aelyst_contract.openapi import Operation, Resolver, join_pointer, mapping, operations, sequence
from aelyst_contract.specdiff._external import ExternalLoader
from aelyst_contract.specdiff._media import media_changes
from aelyst_contract.specdiff._model import Change, Direction, Finding, Verdict, verdicts_for
from aelyst_contract.specdiff._policy import Policy
from aelyst_contract.specdiff._schemas import SchemaComparison, Spot, compare_schemas

__all__ = [
    "DOCUMENT_RULES",
    "OPERATION_RULES",
    "RESPONSE_RULES",
    "Alternative",
    "DiffContext",
    "DocumentRule",
    "OperationPair",
    "OperationRule",
    "ResponsePair",
    "ResponseRule",
    "Scheme",
    "diff_specs",
    "document_rule",
    "matched_operations",
    "operation_parameters",
    "operation_rule",
    "response_rule",
]

_B, _C = Verdict.BREAKING, Verdict.COMPATIBLE


class DiffContext:
    """The two documents being compared and the findings so far; every diff rule gets it."""

    def __init__(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        *,
        policy: Policy | None = None,
        loaders: tuple[ExternalLoader | None, ExternalLoader | None] = (None, None),
    ) -> None:
        self.old, self.new = old, new
        self.policy = policy or Policy()
        self.old_resolver = Resolver(old, siblings_override=True, loader=loaders[0])
        self.new_resolver = Resolver(new, siblings_override=True, loader=loaders[1])
        self.old_operations = _operations_by_key(old, self.old_resolver)
        self.new_operations = _operations_by_key(new, self.new_resolver)
        self.findings: list[Finding] = []

    def add(
        self,
        kind: str,
        at: tuple[str, str],
        verdicts: tuple[Verdict, Verdict],
        *,
        old: Any,
        new: Any,
        message: str,
        addition: bool = False,
        renames: bool = False,
    ) -> None:
        """Record a finding; `at` is (operation label, pointer)."""
        operation, pointer = at
        self.findings.append(
            Finding(
                kind=kind,
                operation=operation,
                pointer=pointer,
                old=old,
                new=new,
                client=verdicts[0],
                server=verdicts[1],
                message=message,
                schema_pointer=pointer,
                addition=addition,
                renames_generated_code=renames,
            )
        )

    def schemas(
        self, operation: str, direction: Direction, pair: tuple[Any, Any], spot: Spot
    ) -> None:
        """Compare two schemas with the schema rules (`_schemas.SCHEMA_RULES`)."""
        self.schemas_of(operation, direction, pair, spot)

    def schemas_of(
        self,
        operation: str,
        direction: Direction,
        pair: tuple[Any, Any],
        spot: Spot,
        *,
        always_present: bool = False,
    ) -> None:
        """`schemas`, saying whether the value is always present (a required parameter: its
        `default` never applies)."""
        comparison = SchemaComparison(
            operation, direction, self.old_resolver, self.new_resolver, policy=self.policy
        )
        if always_present:
            comparison.always_present.add(spot.pointer)
        compare_schemas(comparison, pair[0], pair[1], spot)
        self.findings.extend(comparison.findings)


@dataclass(frozen=True)
class OperationPair:
    """One operation in both documents (same method and path template)."""

    old: Operation[None]
    new: Operation[None]

    @property
    def label(self) -> str:
        return _label(self.new)

    @property
    def renamed_path_parameters(self) -> dict[str, str]:
        """OLD name -> NEW name of each path parameter, matched by position."""
        return dict(zip(self.old.path_parameters, self.new.path_parameters, strict=True))


@dataclass(frozen=True)
class ResponsePair:
    """One status of one operation, declared in both documents (`$ref`s resolved)."""

    label: str
    status: str
    old: dict[str, Any]
    new: dict[str, Any]
    spot: Spot


DocumentRule = Callable[[DiffContext], None]
OperationRule = Callable[[DiffContext, OperationPair], None]
ResponseRule = Callable[[DiffContext, ResponsePair], None]
# Each level runs in registration (definition) order; findings are sorted at the end anyway.
DOCUMENT_RULES: Registry[DocumentRule, None] = Registry("document diff rule")
OPERATION_RULES: Registry[OperationRule, None] = Registry("operation diff rule")
RESPONSE_RULES: Registry[ResponseRule, None] = Registry("response diff rule")


def document_rule(name: str) -> Callable[[DocumentRule], DocumentRule]:
    """Register a rule run once on the two documents."""
    return DOCUMENT_RULES.register(name, None)


def operation_rule(name: str) -> Callable[[OperationRule], OperationRule]:
    """Register a rule run on every operation present in both documents."""
    return OPERATION_RULES.register(name, None)


def response_rule(name: str) -> Callable[[ResponseRule], ResponseRule]:
    """Register a rule run on every response status an operation declares in both documents."""
    return RESPONSE_RULES.register(name, None)


def diff_specs(
    old: dict[str, Any],
    new: dict[str, Any],
    *,
    policy: Policy | None = None,
    loaders: tuple[ExternalLoader | None, ExternalLoader | None] = (None, None),
) -> list[Finding]:
    """Every difference between two OpenAPI documents that a client or a server can notice.

    `policy`: the switches for defensible verdicts (`_policy`); `loaders`: readers of the files
    OLD's and NEW's external `$ref`s name (without one, an external `$ref` is a RefError)."""
    d = DiffContext(old, new, policy=policy, loaders=loaders)
    for document_level in DOCUMENT_RULES:
        document_level.function(d)
    for key in sorted(d.old_operations.keys() & d.new_operations.keys()):
        pair = OperationPair(d.old_operations[key], d.new_operations[key])
        for operation_level in OPERATION_RULES:
            operation_level.function(d, pair)
    d.findings.sort(key=lambda f: (f.operation, f.pointer, f.kind))
    return d.findings


# --------------------------------------------------------------------------------- documents


@document_rule("servers")
def _servers(d: DiffContext) -> None:
    """Server URLs changed: clients need every old base URL kept, servers need no new one."""
    old_urls = [str(mapping(s).get("url")) for s in sequence(d.old.get("servers"))]
    new_urls = [str(mapping(s).get("url")) for s in sequence(d.new.get("servers"))]
    if old_urls == new_urls:
        return
    # As for auth: clients need every old base URL kept, servers need no new one.
    client = _C if set(old_urls) <= set(new_urls) else _B
    server = _C if set(new_urls) <= set(old_urls) else _B
    d.add(
        "server-url-changed",
        ("(all operations)", "/servers"),
        (client, server),
        old=old_urls,
        new=new_urls,
        message=f"server URLs changed from {old_urls} to {new_urls}; callers configure the "
        "base URL themselves, so existing ones keep calling the old one",
    )


@document_rule("operations")
def _operations_added_or_removed(d: DiffContext) -> None:
    """Operations removed (existing clients call them) or added (servers must implement them)."""
    old_ops, new_ops = d.old_operations, d.new_operations
    for key, op in old_ops.items():
        if key not in new_ops:
            client, note = _removal(d, op.node.get("deprecated") is True)
            d.add(
                "operation-removed",
                (_label(op), op.pointer),
                (client, _C),
                old=op.route,
                new=None,
                message=f"operation {op.route} removed; existing clients call it{note}",
            )
    for key, op in new_ops.items():
        if key not in old_ops:
            d.add(
                "operation-added",
                (_label(op), op.pointer),
                (_C, _B),
                old=None,
                new=op.route,
                message=f"operation {op.route} added; servers must implement it",
                addition=True,
            )


def _removal(d: DiffContext, deprecated: bool) -> tuple[Verdict, str]:
    """The client verdict for removing something, and a note: breaking, unless OLD deprecated it
    and the policy says removal after deprecation is expected."""
    if not deprecated:
        return _B, ""
    if d.policy.removal_after_deprecation == "compatible":
        return _C, " (it was deprecated; policy removal-after-deprecation=compatible)"
    return _B, " (it was deprecated, but code generated from OLD still uses it)"


# ---------------------------------------------------------------------- webhooks, callbacks
# The API's server sends these requests and the API's client users receive them: the payload is
# written by the server side and read by the client side, like a response, and the receiver's
# answer the reverse. So the schema rules run with the directions swapped.

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _outgoing_operations(
    resolver: Resolver, items: dict[str, Any], base: str
) -> dict[tuple[str, str], tuple[dict[str, Any], str]]:
    """(name, method) -> (operation, pointer) of a `webhooks` or callback map of path items."""
    found: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    for name, raw in items.items():
        where = join_pointer(base, name)
        item, _ = resolver.resolve(raw, where)
        for method in _METHODS:
            operation = mapping(item).get(method)
            if isinstance(operation, dict):
                found[(str(name), method)] = (operation, join_pointer(where, method))
    return found


def _outgoing(
    d: DiffContext, what: str, old_items: dict[str, Any], new_items: dict[str, Any], base: str
) -> None:
    """Compare two maps of outgoing requests (webhooks, or one operation's callbacks)."""
    old_ops = _outgoing_operations(d.old_resolver, old_items, base)
    new_ops = _outgoing_operations(d.new_resolver, new_items, base)
    for key in sorted(old_ops.keys() | new_ops.keys()):
        label = f"{what} {key[0]} {key[1].upper()}"
        if key not in new_ops:
            client, note = _removal(d, old_ops[key][0].get("deprecated") is True)
            d.add(
                f"{what}-removed",
                (label, old_ops[key][1]),
                (client, _C),
                old=label,
                new=None,
                message=f"{label} removed; client users that rely on receiving it lose it{note}",
            )
            continue
        if key not in old_ops:
            d.add(
                f"{what}-added",
                (label, new_ops[key][1]),
                (_C, _B),
                old=None,
                new=label,
                message=f"{label} added; servers must send it, receivers may ignore it",
                addition=True,
            )
            continue
        (old_op, old_where), (new_op, new_where) = old_ops[key], new_ops[key]
        old_body, old_body_where = d.old_resolver.resolve(
            old_op.get("requestBody"), join_pointer(old_where, "requestBody")
        )
        new_body, new_body_where = d.new_resolver.resolve(
            new_op.get("requestBody"), join_pointer(new_where, "requestBody")
        )
        # The payload: written by the server side, read by client users (a response's roles).
        _content(
            d,
            label,
            "response",
            (mapping(old_body), mapping(new_body)),
            Spot(join_pointer(new_where, "requestBody"), old_body_where, new_body_where),
        )
        old_responses, new_responses = (
            mapping(old_op.get("responses")),
            mapping(new_op.get("responses")),
        )
        for status in sorted(old_responses.keys() & new_responses.keys()):
            old_response, old_response_where = d.old_resolver.resolve(
                old_responses[status], join_pointer(old_where, "responses", status)
            )
            new_response, new_response_where = d.new_resolver.resolve(
                new_responses[status], join_pointer(new_where, "responses", status)
            )
            # The receiver's answer: written by client users, read by the server side.
            _content(
                d,
                label,
                "request",
                (mapping(old_response), mapping(new_response)),
                Spot(
                    join_pointer(new_where, "responses", status),
                    old_response_where,
                    new_response_where,
                ),
            )


@document_rule("webhooks")
def _webhooks(d: DiffContext) -> None:
    """OpenAPI 3.1 `webhooks`: requests the API sends; compared with the directions swapped."""
    old_hooks, new_hooks = mapping(d.old.get("webhooks")), mapping(d.new.get("webhooks"))
    _outgoing(d, "webhook", old_hooks, new_hooks, "/webhooks")


# -------------------------------------------------------------------------------- operations


@operation_rule("callbacks")
def _callbacks(d: DiffContext, pair: OperationPair) -> None:
    """An operation's `callbacks`: like webhooks, keyed by callback name and expression."""
    old_items = _callback_items(d.old_resolver, pair.old.node)
    new_items = _callback_items(d.new_resolver, pair.new.node)
    if old_items or new_items:
        _outgoing(d, "callback", old_items, new_items, join_pointer(pair.new.pointer, "callbacks"))


def _callback_items(resolver: Resolver, operation: dict[str, Any]) -> dict[str, Any]:
    """`name expression` -> path item, over every callback of the operation."""
    items: dict[str, Any] = {}
    for name, raw in mapping(operation.get("callbacks")).items():
        callback = mapping(resolver.resolved(raw))
        for expression, path_item in callback.items():
            items[f"{name} {expression}"] = path_item
    return items


@operation_rule("operation-id")
def _operation_id(d: DiffContext, pair: OperationPair) -> None:
    """operationId changed: same URL, renamed endpoint module and functions."""
    old, new, label = pair.old, pair.new, pair.label
    old_id, new_id = old.node.get("operationId"), new.node.get("operationId")
    if old_id != new_id:
        d.add(
            "operation-id-changed",
            (label, join_pointer(new.pointer, "operationId")),
            (_C, _C),
            old=old_id,
            new=new_id,
            message=f"operationId changed from {old_id!r} to {new_id!r}: the URL is unchanged, "
            "but a "
            "regenerated client renames the endpoint module and functions",
            renames=True,
        )


@operation_rule("operation-documentation")
def _operation_documentation(d: DiffContext, pair: OperationPair) -> None:
    """The operation's summary or description changed (documentation only)."""
    old, new, label = pair.old, pair.new, pair.label
    for field in ("summary", "description"):
        if old.node.get(field) != new.node.get(field):
            d.add(
                "documentation-changed",
                (label, join_pointer(new.pointer, field)),
                (_C, _C),
                old=old.node.get(field),
                new=new.node.get(field),
                message=f"operation {field} changed",
            )


@operation_rule("deprecation")
def _deprecation(d: DiffContext, pair: OperationPair) -> None:
    """The operation became deprecated, or no longer is."""
    old, new, label = pair.old, pair.new, pair.label
    if bool(old.node.get("deprecated")) != bool(new.node.get("deprecated")):
        now = bool(new.node.get("deprecated"))
        d.add(
            "operation-deprecated" if now else "operation-undeprecated",
            (label, join_pointer(new.pointer, "deprecated")),
            (_C, _C),
            old=not now,
            new=now,
            message=f"operation {'deprecated' if now else 'no longer deprecated'}; it still "
            "works, and regenerated clients mark it",
        )


@operation_rule("sunset")
def _sunset(d: DiffContext, pair: OperationPair) -> None:
    """`x-sunset` (the date the operation goes away, as the `Sunset` response header of RFC 8594
    announces it at run time) added, moved or dropped: information, nothing breaks yet."""
    before, after = pair.old.node.get("x-sunset"), pair.new.node.get("x-sunset")
    if before == after:
        return
    kind = "sunset-changed" if before and after else "sunset-added" if after else "sunset-removed"
    d.add(
        kind,
        (pair.label, join_pointer(pair.new.pointer, "x-sunset")),
        (_C, _C),
        old=None if before is None else str(before),
        new=None if after is None else str(after),
        message=f"operation sunset date {before or '(none)'} -> {after or '(none)'}; it still "
        "works until then",
    )


@operation_rule("path-parameter-names")
def _path_parameter_names(d: DiffContext, pair: OperationPair) -> None:
    """A path parameter renamed: same URL, renamed keyword argument."""
    for before, after in pair.renamed_path_parameters.items():
        if before != after:
            d.add(
                "path-parameter-renamed",
                (pair.label, join_pointer(pair.new.pointer, "parameters")),
                (_C, _C),
                old=before,
                new=after,
                message=f"path parameter {{{before}}} renamed to {{{after}}}: "
                "the URL is unchanged, "
                "but a regenerated client renames the keyword argument",
                renames=True,
            )


# -------------------------------------------------------------------------------- parameters


@operation_rule("parameters")
def _parameters(d: DiffContext, pair: OperationPair) -> None:
    """Parameters added, removed, made (non-)required or re-serialized; schemas compared."""
    old, new, label = pair.old, pair.new, pair.label
    renamed = pair.renamed_path_parameters
    old_params = operation_parameters(old, d.old_resolver)
    new_params = operation_parameters(new, d.new_resolver)
    # Path parameters are compared under their NEW names.
    old_params = {
        (renamed.get(name, name) if where == "path" else name, where): value
        for (name, where), value in old_params.items()
    }
    for key, (old_param, pointer) in old_params.items():
        if key not in new_params:
            client, note = _removal(d, old_param.get("deprecated") is True)
            d.add(
                "parameter-removed",
                (label, pointer),
                (client, _C),
                old=f"{key[1]} {key[0]}",
                new=None,
                message=f"{key[1]} parameter {key[0]!r} removed; "
                f"clients generated from OLD still send it{note}",
            )
    for key, (param, pointer) in new_params.items():
        if key in old_params:
            continue
        required = bool(param.get("required"))
        d.add(
            "parameter-added",
            (label, pointer),
            (_B if required else _C, _B),
            old=None,
            new=f"{key[1]} {key[0]}" + (" (required)" if required else ""),
            message=("required " if required else "optional ")
            + f"{key[1]} parameter {key[0]!r} added"
            + ("; clients generated from OLD never send it" if required else ""),
            addition=True,
        )
    for key in sorted(old_params.keys() & new_params.keys()):
        (old_param, old_pointer), (new_param, new_pointer) = old_params[key], new_params[key]
        name = f"{key[1]} parameter {key[0]!r}"
        was, now = bool(old_param.get("required")), bool(new_param.get("required"))
        if was != now:
            change: Change = "narrowed" if now else "widened"
            d.add(
                "parameter-now-required" if now else "parameter-now-optional",
                (label, join_pointer(new_pointer, "required")),
                verdicts_for("request", change),
                old=was,
                new=now,
                message=f"{name} became {'required' if now else 'optional'}",
            )
        if bool(old_param.get("deprecated")) != bool(new_param.get("deprecated")):
            now_deprecated = bool(new_param.get("deprecated"))
            d.add(
                "parameter-deprecated" if now_deprecated else "parameter-undeprecated",
                (label, join_pointer(new_pointer, "deprecated")),
                (_C, _C),
                old=not now_deprecated,
                new=now_deprecated,
                message=f"{name} {'deprecated' if now_deprecated else 'no longer deprecated'}; "
                "it still works",
            )
        old_schema, new_schema = old_param.get("schema", True), new_param.get("schema", True)
        spot = Spot(new_pointer, old_pointer, new_pointer).child("schema")
        if _compare_as_array(d, label, (old_param, new_param), spot):
            continue
        for field in ("style", "explode", "allowReserved"):
            if old_param.get(field) != new_param.get(field):
                d.add(
                    "parameter-serialization-changed",
                    (label, join_pointer(new_pointer, field)),
                    (_B, _B),
                    old=old_param.get(field),
                    new=new_param.get(field),
                    message=f"{name}: `{field}` changed, so the value is spelled "
                    "differently on "
                    "the wire",
                )
        d.schemas_of(
            label,
            "request",
            (old_schema, new_schema),
            spot,
            always_present=(was and now) or key[1] == "path",
        )


def _form_exploded(param: dict[str, Any]) -> bool:
    """A query parameter spelled `?name=a&name=b` (style form, explode: the defaults)."""
    style = param.get("style", "form")
    return param.get("in") == "query" and style == "form" and param.get("explode", True) is True


def _array_items(resolver: Resolver, schema: Any) -> Any | None:
    """The item schema when `schema` is an array (a `type` of just `array`), else None."""
    resolved = mapping(resolver.resolved(schema))
    declared = resolved.get("type")
    if declared in ("array", ["array"]):
        return resolved.get("items", True)
    return None


def _compare_as_array(
    d: DiffContext, label: str, params: tuple[dict[str, Any], dict[str, Any]], spot: Spot
) -> bool:
    """A form/explode query parameter that became (or stopped being) an array: `?tag=a` is
    still a valid one-item array, so the change widens (narrows) requests; the scalar is then
    compared with the items. False when this is not such a change."""
    old_param, new_param = params
    if not (_form_exploded(old_param) and _form_exploded(new_param)):
        return False
    old_schema, new_schema = old_param.get("schema", True), new_param.get("schema", True)
    old_items = _array_items(d.old_resolver, old_schema)
    new_items = _array_items(d.new_resolver, new_schema)
    if (old_items is None) == (new_items is None):
        return False
    became = new_items is not None
    name = f"query parameter {old_param.get('name')!r}"
    d.add(
        "parameter-became-array" if became else "parameter-no-longer-array",
        (label, join_pointer(spot.pointer, "type")),
        verdicts_for("request", "widened" if became else "narrowed"),
        old="scalar" if became else "array",
        new="array" if became else "scalar",
        message=f"{name} "
        + (
            "now takes several values (form, explode: `?name=a&name=b`); a single value is "
            "still a one-item array"
            if became
            else "no longer takes several values; clients sending more than one break"
        ),
    )
    d.schemas(
        label,
        "request",
        (old_schema if became else old_items, new_items if became else new_schema),
        spot.child("items") if became else spot,
    )
    return True


# -------------------------------------------------------------------------------- bodies


@operation_rule("request-body")
def _request_body(d: DiffContext, pair: OperationPair) -> None:
    """The request body added, removed or made (non-)required; its media types compared."""
    old, new, label = pair.old, pair.new, pair.label
    pointer = join_pointer(new.pointer, "requestBody")
    old_body, old_where = d.old_resolver.resolve(
        old.node.get("requestBody"), join_pointer(old.pointer, "requestBody")
    )
    new_body, new_where = d.new_resolver.resolve(new.node.get("requestBody"), pointer)
    if old_body is None and new_body is None:
        return
    old_body = mapping(old_body) if old_body is not None else None
    new_body = mapping(new_body) if new_body is not None else None
    if new_body is None:
        d.add(
            "request-body-removed",
            (label, pointer),
            (_B, _C),
            old="body",
            new=None,
            message="request body removed; clients generated from OLD still send one",
        )
        return
    required = bool(new_body.get("required"))
    if old_body is None:
        d.add(
            "request-body-added",
            (label, pointer),
            (_B if required else _C, _B),
            old=None,
            new="required" if required else "optional",
            message=f"{'required' if required else 'optional'} request body added",
            addition=True,
        )
        return
    was = bool(old_body.get("required"))
    if was != required:
        change: Change = "narrowed" if required else "widened"
        d.add(
            "request-body-now-required" if required else "request-body-now-optional",
            (label, join_pointer(pointer, "required")),
            verdicts_for("request", change),
            old=was,
            new=required,
            message=f"request body became {'required' if required else 'optional'}",
        )
    _content(d, label, "request", (old_body, new_body), Spot(pointer, old_where, new_where))


def _content(
    d: DiffContext,
    label: str,
    direction: Direction,
    pair: tuple[dict[str, Any], dict[str, Any]],
    spot: Spot,
) -> None:
    """Media types added or removed; the schemas of the kept ones compared."""
    old, new = pair
    pointer, old_where, new_where = spot
    old_media, new_media = mapping(old.get("content")), mapping(new.get("content"))
    changes = media_changes(list(old_media), list(new_media), direction)
    for change in changes.findings:
        verdicts = change.verdicts
        if (
            change.kind == "media-type-added"
            and direction == "response"
            and d.policy.response_media_type_added == "breaking"
        ):
            verdicts = (_B, _C)
        d.add(
            change.kind,
            (label, join_pointer(pointer, "content", change.new or change.old or "")),
            verdicts,
            old=change.old,
            new=change.new,
            message=f"{direction} {change.message}",
            addition=change.kind == "media-type-added",
        )
    for old_key, new_key in changes.kept:
        d.schemas(
            label,
            direction,
            (
                mapping(old_media[old_key]).get("schema", True),
                mapping(new_media[new_key]).get("schema", True),
            ),
            Spot(
                join_pointer(pointer, "content", new_key, "schema"),
                join_pointer(old_where, "content", old_key, "schema"),
                join_pointer(new_where, "content", new_key, "schema"),
            ),
        )


# -------------------------------------------------------------------------------- responses


@operation_rule("responses")
def _responses(d: DiffContext, pair: OperationPair) -> None:
    """Response statuses added or removed; each kept one goes through the response rules."""
    old, new, label = pair.old, pair.new, pair.label
    old_responses = mapping(old.node.get("responses"))
    new_responses = mapping(new.node.get("responses"))
    base = join_pointer(new.pointer, "responses")
    for status in sorted(old_responses.keys() - new_responses.keys()):
        success = status.startswith("2")
        d.add(
            "response-status-removed",
            (label, join_pointer(base, status)),
            (_B if success else _C, _B),
            old=status,
            new=None,
            message=f"response status {status} removed; servers that still send it are now "
            "undocumented"
            + ("; callers that check for this success status break" if success else ""),
        )
    for status in sorted(new_responses.keys() - old_responses.keys()):
        success = status.startswith("2")
        why = (
            "clients generated from OLD return parsed=None for it, so the success body is lost"
            if success
            else "clients generated from OLD return parsed=None for it (or raise "
            "UnexpectedStatus if asked to); callers still see the status code"
        )
        if _unknown_to_http_status(status):
            why += (
                f"; {status} is not in Python's HTTPStatus: clients generated without the "
                "project's template override (generated/templates) crash with ValueError"
            )
        client = _B if success else _C
        if success and d.policy.added_success_status == "compatible":
            client = _C
            why += " (policy added-success-status=compatible)"
        d.add(
            "response-status-added",
            (label, join_pointer(base, status)),
            (client, _C),
            old=None,
            new=status,
            message=f"response status {status} added; {why}",
            addition=True,
        )
    for status in sorted(old_responses.keys() & new_responses.keys()):
        pointer = join_pointer(base, status)
        old_response, old_where = d.old_resolver.resolve(
            old_responses[status], join_pointer(old.pointer, "responses", status)
        )
        new_response, new_where = d.new_resolver.resolve(new_responses[status], pointer)
        response = ResponsePair(
            label,
            status,
            mapping(old_response),
            mapping(new_response),
            Spot(pointer, old_where, new_where),
        )
        for response_level in RESPONSE_RULES:
            response_level.function(d, response)


@response_rule("response-headers")
def _response_headers(d: DiffContext, response: ResponsePair) -> None:
    """Response headers added, removed or made (non-)required; their schemas compared."""
    label, old, new = response.label, response.old, response.new
    pointer, old_where, new_where = response.spot
    old_headers = {k.lower(): (k, v) for k, v in mapping(old.get("headers")).items()}
    new_headers = {k.lower(): (k, v) for k, v in mapping(new.get("headers")).items()}
    for key in sorted(old_headers.keys() - new_headers.keys()):
        name = old_headers[key][0]
        d.add(
            "response-header-removed",
            (label, join_pointer(pointer, "headers", name)),
            (_B, _C),
            old=name,
            new=None,
            message=f"response header {name} removed; clients reading it lose it",
        )
    for key in sorted(new_headers.keys() - old_headers.keys()):
        name, header = new_headers[key]
        header, _ = d.new_resolver.resolve(header, "")
        required = bool(mapping(header).get("required"))
        d.add(
            "response-header-added",
            (label, join_pointer(pointer, "headers", name)),
            (_C, _B if required else _C),
            old=None,
            new=name,
            message=f"{'required' if required else 'optional'} response header {name} added",
            addition=True,
        )
    for key in sorted(old_headers.keys() & new_headers.keys()):
        name = new_headers[key][0]
        here = join_pointer(pointer, "headers", name)
        old_header, old_header_where = d.old_resolver.resolve(
            old_headers[key][1], join_pointer(old_where, "headers", old_headers[key][0])
        )
        new_header, new_header_where = d.new_resolver.resolve(
            new_headers[key][1], join_pointer(new_where, "headers", name)
        )
        old_header, new_header = mapping(old_header), mapping(new_header)
        was, now = bool(old_header.get("required")), bool(new_header.get("required"))
        if was != now:
            change: Change = "narrowed" if now else "widened"
            d.add(
                "response-header-now-required" if now else "response-header-now-optional",
                (label, join_pointer(here, "required")),
                verdicts_for("response", change),
                old=was,
                new=now,
                message=f"response header {name} became {'required' if now else 'optional'}",
            )
        d.schemas(
            label,
            "response",
            (old_header.get("schema", True), new_header.get("schema", True)),
            Spot(here, old_header_where, new_header_where).child("schema"),
        )


@response_rule("links")
def _links(d: DiffContext, response: ResponsePair) -> None:
    """Response `links` added, removed or changed: design-time documentation of how values feed
    other operations; nothing on the wire changes and generated clients ignore them."""
    old_links, new_links = mapping(response.old.get("links")), mapping(response.new.get("links"))
    for name in sorted(old_links.keys() | new_links.keys()):
        before = d.old_resolver.resolved(old_links.get(name))
        after = d.new_resolver.resolved(new_links.get(name))
        if before == after:
            continue
        kind = "link-changed" if before and after else "link-added" if after else "link-removed"
        d.add(
            kind,
            (response.label, join_pointer(response.spot.pointer, "links", name)),
            (_C, _C),
            old=before,
            new=after,
            message=f"response link {name!r} {kind.removeprefix('link-')}: documentation of "
            "how values feed other operations, not on the wire",
            addition=kind == "link-added",
        )


@response_rule("response-content")
def _response_content(d: DiffContext, response: ResponsePair) -> None:
    """Response media types added or removed; the schemas of the kept ones compared."""
    _content(d, response.label, "response", (response.old, response.new), response.spot)


# -------------------------------------------------------------------------------- security


@operation_rule("security")
def _security_change(d: DiffContext, pair: OperationPair) -> None:
    """The accepted ways to authenticate changed (schemes, scopes, anonymous access)."""
    old_alternatives = _security(d.old, pair.old.node)
    new_alternatives = _security(d.new, pair.new.node)
    if old_alternatives == new_alternatives:
        return
    # A client keeps working if each way it authenticated still satisfies some NEW way; a
    # server keeps conforming if each NEW way already satisfied some OLD way.
    client = _C if _all_still_accepted(old_alternatives, new_alternatives) else _B
    server = _C if _all_still_accepted(new_alternatives, old_alternatives) else _B
    note = ""
    if (
        client is _B
        and d.policy.security_requirement_added == "compatible"
        and _only_requirements_added(old_alternatives, new_alternatives)
    ):
        client = _C
        note = " (only requirements added; policy security-requirement-added=compatible)"
    d.add(
        "security-changed",
        (pair.label, join_pointer(pair.new.pointer, "security")),
        (client, server),
        old=_show_security(old_alternatives),
        new=_show_security(new_alternatives),
        message=f"authentication changed from {_show_security(old_alternatives)} to "
        f"{_show_security(new_alternatives)}{note}",
    )


def _only_requirements_added(old: frozenset[Alternative], new: frozenset[Alternative]) -> bool:
    """Whether each OLD way to authenticate is part of a NEW one (more schemes or scopes)."""
    return all(any(_satisfies(n, o) for n in new) for o in old)


def operation_parameters(
    op: Operation[None], resolver: Resolver
) -> dict[tuple[str, str], tuple[dict[str, Any], str]]:
    """(name, in) -> (parameter, its pointer); operation-level entries override path-level ones."""
    found: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    path_pointer = op.pointer.rsplit("/", 1)[0]
    for source, base in ((op.path_item, path_pointer), (op.node, op.pointer)):
        for index, raw in enumerate(sequence(source.get("parameters"))):
            param, _where = resolver.resolve(raw, join_pointer(base, "parameters", index))
            if isinstance(param, dict) and "name" in param and "in" in param:
                key = (str(param["name"]), str(param["in"]))
                if key[1] == "header":  # header names are case-insensitive
                    key = (key[0].lower(), key[1])
                found[key] = (param, join_pointer(base, "parameters", index))
    return found


Scheme = tuple[tuple[str, str], ...]
Alternative = frozenset[tuple[str, Scheme, tuple[str, ...]]]


def _security(document: dict[str, Any], operation: dict[str, Any]) -> frozenset[Alternative]:
    """The accepted ways to authenticate, each a set of (scheme name, definition, scopes)."""
    requirements = sequence(operation.get("security", document.get("security", [])))
    schemes = mapping(mapping(document.get("components")).get("securitySchemes"))
    resolver = Resolver(document, siblings_override=True)
    if not requirements:
        return frozenset({frozenset()})  # no requirement: anonymous calls are accepted
    alternatives = set()
    for requirement in requirements:
        entries = set()
        for name, scopes in mapping(requirement).items():
            scheme, _ = resolver.resolve(schemes.get(name, {}), "")
            scheme = mapping(scheme)
            # What the wire sees: type, scheme, location and name; not descriptions.
            definition = tuple(
                sorted(
                    (k, str(v).lower() if k == "scheme" else str(v))
                    for k, v in scheme.items()
                    if k in ("type", "scheme", "in", "name", "openIdConnectUrl", "flows")
                )
            )
            entries.add((name, definition, tuple(sorted(str(x) for x in sequence(scopes)))))
        alternatives.add(frozenset(entries))
    return frozenset(alternatives)


def _satisfies(provided: Alternative, required: Alternative) -> bool:
    """Whether credentials for `provided` meet `required` (same schemes, enough scopes)."""
    return all(
        any(
            name == have_name and definition == have_definition and set(scopes) <= set(have)
            for have_name, have_definition, have in provided
        )
        for name, definition, scopes in required
    )


def _all_still_accepted(provided: frozenset[Alternative], accepted: frozenset[Alternative]) -> bool:
    return all(any(_satisfies(p, a) for a in accepted) for p in provided)


def _show_security(alternatives: frozenset[Alternative]) -> str:
    if not alternatives:
        return "none"
    shown = []
    for alternative in sorted(alternatives, key=lambda a: sorted(e[0] for e in a)):
        if not alternative:
            shown.append("anonymous")
            continue
        parts = []
        for name, definition, scopes in sorted(alternative):
            fields = dict(definition)
            kind = fields.get("scheme") or fields.get("type") or "?"
            if fields.get("type") == "apiKey":
                kind = f"apiKey in {fields.get('in')} {fields.get('name')}"
            parts.append(f"{name} ({kind})" + (f" scopes {list(scopes)}" if scopes else ""))
        shown.append(" + ".join(parts))
    return " or ".join(shown)


def _unknown_to_http_status(status: str) -> bool:
    if not status.isdigit():
        return False  # "default", "4XX"
    try:
        HTTPStatus(int(status))
    except ValueError:
        return True
    return False


def _label(op: Operation[None]) -> str:
    """How a finding names an operation: `Operation.label`, except that an operationId the
    document spells as a non-string (invalid, e.g. YAML's `operationId: 123`) still names it, as
    the gate has always reported it."""
    operation_id = op.node.get("operationId")
    return str(operation_id) if operation_id else op.label


def _operations_by_key(
    document: dict[str, Any], resolver: Resolver | None = None
) -> dict[str, Operation[None]]:
    """Method and path template -> operation; a path item `$ref` that cannot be followed is a
    RefError."""
    resolver = resolver or Resolver(document, siblings_override=True)
    return {f"{op.method} {op.template}": op for op in operations(document, resolver=resolver)}


def matched_operations(
    old: dict[str, Any], new: dict[str, Any]
) -> list[tuple[Operation[None], Operation[None]]]:
    """Operations present in both documents (same method and path template), OLD first."""
    old_ops, new_ops = _operations_by_key(old), _operations_by_key(new)
    return [(old_ops[key], new_ops[key]) for key in sorted(old_ops.keys() & new_ops.keys())]
