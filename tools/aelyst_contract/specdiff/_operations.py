"""Walk both specs' operations and compare what each side of the wire depends on.

Operations are matched by method and path template; path parameters are matched by position, so a
renamed path parameter is the same operation (its URL is unchanged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from aelyst_contract._specs import HTTP_METHODS
from aelyst_contract.specdiff._model import Change, Direction, Finding, Verdict, verdicts_for
from aelyst_contract.specdiff._refs import Resolver, join_pointer, mapping, sequence
from aelyst_contract.specdiff._schemas import SchemaComparison, Spot, compare_schemas

__all__ = [
    "Alternative",
    "Operation",
    "Scheme",
    "diff_specs",
    "matched_operations",
    "operation_parameters",
]

_PATH_PARAMETER = re.compile(r"\{([^}]*)\}")
_B, _C = Verdict.BREAKING, Verdict.COMPATIBLE


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    pointer: str
    node: dict[str, Any]
    path_item: dict[str, Any]

    @property
    def template(self) -> str:
        return _PATH_PARAMETER.sub("{}", self.path)

    @property
    def path_parameters(self) -> list[str]:
        return _PATH_PARAMETER.findall(self.path)

    @property
    def label(self) -> str:
        operation_id = self.node.get("operationId")
        return str(operation_id) if operation_id else f"{self.method.upper()} {self.path}"


class _Differ:
    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old, self.new = old, new
        self.old_resolver, self.new_resolver = Resolver(old), Resolver(new)
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
        comparison = SchemaComparison(operation, direction, self.old_resolver, self.new_resolver)
        compare_schemas(comparison, pair[0], pair[1], spot)
        self.findings.extend(comparison.findings)

    # ---------------------------------------------------------------------------- operations

    def run(self) -> list[Finding]:
        self.servers()
        old_ops, new_ops = _operations_by_key(self.old), _operations_by_key(self.new)
        for key, op in old_ops.items():
            if key not in new_ops:
                self.add(
                    "operation-removed",
                    (op.label, op.pointer),
                    (_B, _C),
                    old=f"{op.method.upper()} {op.path}",
                    new=None,
                    message=f"operation {op.method.upper()} {op.path} removed; "
                    "existing clients call it",
                )
        for key, op in new_ops.items():
            if key not in old_ops:
                self.add(
                    "operation-added",
                    (op.label, op.pointer),
                    (_C, _B),
                    old=None,
                    new=f"{op.method.upper()} {op.path}",
                    message=f"operation {op.method.upper()} {op.path} added; "
                    "servers must implement it",
                    addition=True,
                )
        for key in sorted(old_ops.keys() & new_ops.keys()):
            self.operation(old_ops[key], new_ops[key])
        self.findings.sort(key=lambda f: (f.operation, f.pointer, f.kind))
        return self.findings

    def operation(self, old: Operation, new: Operation) -> None:
        label = new.label
        old_id, new_id = old.node.get("operationId"), new.node.get("operationId")
        if old_id != new_id:
            self.add(
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
        for field in ("summary", "description"):
            if old.node.get(field) != new.node.get(field):
                self.add(
                    "documentation-changed",
                    (label, join_pointer(new.pointer, field)),
                    (_C, _C),
                    old=old.node.get(field),
                    new=new.node.get(field),
                    message=f"operation {field} changed",
                )
        if bool(old.node.get("deprecated")) != bool(new.node.get("deprecated")):
            now = bool(new.node.get("deprecated"))
            self.add(
                "operation-deprecated" if now else "operation-undeprecated",
                (label, join_pointer(new.pointer, "deprecated")),
                (_C, _C),
                old=not now,
                new=now,
                message=f"operation {'deprecated' if now else 'no longer deprecated'}; it still "
                "works, and regenerated clients mark it",
            )
        renamed = dict(zip(old.path_parameters, new.path_parameters, strict=True))
        for before, after in renamed.items():
            if before != after:
                self.add(
                    "path-parameter-renamed",
                    (label, join_pointer(new.pointer, "parameters")),
                    (_C, _C),
                    old=before,
                    new=after,
                    message=f"path parameter {{{before}}} renamed to {{{after}}}: "
                    "the URL is unchanged, "
                    "but a regenerated client renames the keyword argument",
                    renames=True,
                )
        self.parameters(label, old, new, renamed)
        self.request_body(label, old, new)
        self.responses(label, old, new)
        self.security(label, old, new)

    def servers(self) -> None:
        old_urls = [str(mapping(s).get("url")) for s in sequence(self.old.get("servers"))]
        new_urls = [str(mapping(s).get("url")) for s in sequence(self.new.get("servers"))]
        if old_urls == new_urls:
            return
        # As for auth: clients need every old base URL kept, servers need no new one.
        client = _C if set(old_urls) <= set(new_urls) else _B
        server = _C if set(new_urls) <= set(old_urls) else _B
        self.add(
            "server-url-changed",
            ("(all operations)", "/servers"),
            (client, server),
            old=old_urls,
            new=new_urls,
            message=f"server URLs changed from {old_urls} to {new_urls}; callers configure the "
            "base URL themselves, so existing ones keep calling the old one",
        )

    # ---------------------------------------------------------------------------- parameters

    def parameters(
        self, label: str, old: Operation, new: Operation, renamed: dict[str, str]
    ) -> None:
        old_params = operation_parameters(old, self.old_resolver)
        new_params = operation_parameters(new, self.new_resolver)
        # Path parameters are compared under their NEW names.
        old_params = {
            (renamed.get(name, name) if where == "path" else name, where): value
            for (name, where), value in old_params.items()
        }
        for key, (_, pointer) in old_params.items():
            if key not in new_params:
                self.add(
                    "parameter-removed",
                    (label, pointer),
                    (_B, _C),
                    old=f"{key[1]} {key[0]}",
                    new=None,
                    message=f"{key[1]} parameter {key[0]!r} removed; "
                    "clients generated from OLD still "
                    "send it",
                )
        for key, (param, pointer) in new_params.items():
            if key in old_params:
                continue
            required = bool(param.get("required"))
            self.add(
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
                self.add(
                    "parameter-now-required" if now else "parameter-now-optional",
                    (label, join_pointer(new_pointer, "required")),
                    verdicts_for("request", change),
                    old=was,
                    new=now,
                    message=f"{name} became {'required' if now else 'optional'}",
                )
            for field in ("style", "explode", "allowReserved"):
                if old_param.get(field) != new_param.get(field):
                    self.add(
                        "parameter-serialization-changed",
                        (label, join_pointer(new_pointer, field)),
                        (_B, _B),
                        old=old_param.get(field),
                        new=new_param.get(field),
                        message=f"{name}: `{field}` changed, so the value is spelled "
                        "differently on "
                        "the wire",
                    )
            self.schemas(
                label,
                "request",
                (old_param.get("schema", True), new_param.get("schema", True)),
                Spot(new_pointer, old_pointer, new_pointer).child("schema"),
            )

    # ---------------------------------------------------------------------------- bodies

    def request_body(self, label: str, old: Operation, new: Operation) -> None:
        pointer = join_pointer(new.pointer, "requestBody")
        old_body, old_where = self.old_resolver.resolve(
            old.node.get("requestBody"), join_pointer(old.pointer, "requestBody")
        )
        new_body, new_where = self.new_resolver.resolve(new.node.get("requestBody"), pointer)
        if old_body is None and new_body is None:
            return
        old_body = mapping(old_body) if old_body is not None else None
        new_body = mapping(new_body) if new_body is not None else None
        if new_body is None:
            self.add(
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
            self.add(
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
            self.add(
                "request-body-now-required" if required else "request-body-now-optional",
                (label, join_pointer(pointer, "required")),
                verdicts_for("request", change),
                old=was,
                new=required,
                message=f"request body became {'required' if required else 'optional'}",
            )
        self.content(label, "request", (old_body, new_body), Spot(pointer, old_where, new_where))

    def content(
        self,
        label: str,
        direction: Direction,
        pair: tuple[dict[str, Any], dict[str, Any]],
        spot: Spot,
    ) -> None:
        old, new = pair
        pointer, old_where, new_where = spot
        old_media, new_media = mapping(old.get("content")), mapping(new.get("content"))
        for media in old_media.keys() - new_media.keys():
            self.add(
                "media-type-removed",
                (label, join_pointer(pointer, "content", media)),
                verdicts_for(direction, "narrowed"),
                old=media,
                new=None,
                message=f"{direction} media type {media} removed",
            )
        for media in new_media.keys() - old_media.keys():
            self.add(
                "media-type-added",
                (label, join_pointer(pointer, "content", media)),
                verdicts_for(direction, "widened"),
                old=None,
                new=media,
                message=f"{direction} media type {media} added",
                addition=True,
            )
        for media in sorted(old_media.keys() & new_media.keys()):
            self.schemas(
                label,
                direction,
                (
                    mapping(old_media[media]).get("schema", True),
                    mapping(new_media[media]).get("schema", True),
                ),
                Spot(pointer, old_where, new_where).child("content", media, "schema"),
            )

    # ---------------------------------------------------------------------------- responses

    def responses(self, label: str, old: Operation, new: Operation) -> None:
        old_responses = mapping(old.node.get("responses"))
        new_responses = mapping(new.node.get("responses"))
        base = join_pointer(new.pointer, "responses")
        for status in sorted(old_responses.keys() - new_responses.keys()):
            success = status.startswith("2")
            self.add(
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
            self.add(
                "response-status-added",
                (label, join_pointer(base, status)),
                (_B if success else _C, _C),
                old=None,
                new=status,
                message=f"response status {status} added; {why}",
                addition=True,
            )
        for status in sorted(old_responses.keys() & new_responses.keys()):
            pointer = join_pointer(base, status)
            old_response, old_where = self.old_resolver.resolve(
                old_responses[status], join_pointer(old.pointer, "responses", status)
            )
            new_response, new_where = self.new_resolver.resolve(new_responses[status], pointer)
            old_response, new_response = mapping(old_response), mapping(new_response)
            spot = Spot(pointer, old_where, new_where)
            self.headers(label, (old_response, new_response), spot)
            self.content(label, "response", (old_response, new_response), spot)

    def headers(self, label: str, pair: tuple[dict[str, Any], dict[str, Any]], spot: Spot) -> None:
        old, new = pair
        pointer, old_where, new_where = spot
        old_headers = {k.lower(): (k, v) for k, v in mapping(old.get("headers")).items()}
        new_headers = {k.lower(): (k, v) for k, v in mapping(new.get("headers")).items()}
        for key in sorted(old_headers.keys() - new_headers.keys()):
            name = old_headers[key][0]
            self.add(
                "response-header-removed",
                (label, join_pointer(pointer, "headers", name)),
                (_B, _C),
                old=name,
                new=None,
                message=f"response header {name} removed; clients reading it lose it",
            )
        for key in sorted(new_headers.keys() - old_headers.keys()):
            name, header = new_headers[key]
            header, _ = self.new_resolver.resolve(header, "")
            required = bool(mapping(header).get("required"))
            self.add(
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
            old_header, old_header_where = self.old_resolver.resolve(
                old_headers[key][1], join_pointer(old_where, "headers", old_headers[key][0])
            )
            new_header, new_header_where = self.new_resolver.resolve(
                new_headers[key][1], join_pointer(new_where, "headers", name)
            )
            old_header, new_header = mapping(old_header), mapping(new_header)
            was, now = bool(old_header.get("required")), bool(new_header.get("required"))
            if was != now:
                change: Change = "narrowed" if now else "widened"
                self.add(
                    "response-header-now-required" if now else "response-header-now-optional",
                    (label, join_pointer(here, "required")),
                    verdicts_for("response", change),
                    old=was,
                    new=now,
                    message=f"response header {name} became {'required' if now else 'optional'}",
                )
            self.schemas(
                label,
                "response",
                (old_header.get("schema", True), new_header.get("schema", True)),
                Spot(here, old_header_where, new_header_where).child("schema"),
            )

    # ---------------------------------------------------------------------------- security

    def security(self, label: str, old: Operation, new: Operation) -> None:
        old_alternatives = _security(self.old, old.node)
        new_alternatives = _security(self.new, new.node)
        if old_alternatives == new_alternatives:
            return
        # A client keeps working if each way it authenticated still satisfies some NEW way; a
        # server keeps conforming if each NEW way already satisfied some OLD way.
        client = _C if _all_still_accepted(old_alternatives, new_alternatives) else _B
        server = _C if _all_still_accepted(new_alternatives, old_alternatives) else _B
        self.add(
            "security-changed",
            (label, join_pointer(new.pointer, "security")),
            (client, server),
            old=_show_security(old_alternatives),
            new=_show_security(new_alternatives),
            message=f"authentication changed from {_show_security(old_alternatives)} to "
            f"{_show_security(new_alternatives)}",
        )


def _operations(document: dict[str, Any]) -> list[Operation]:
    operations = []
    resolver = Resolver(document)
    for path, item in mapping(document.get("paths")).items():
        path_item, _where = resolver.resolve(item, "")
        if not isinstance(path_item, dict):
            continue
        for method in HTTP_METHODS:
            if isinstance(path_item.get(method), dict):
                pointer = join_pointer("", "paths", path, method)
                operations.append(Operation(method, path, pointer, path_item[method], path_item))
    return operations


def operation_parameters(
    op: Operation, resolver: Resolver
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
    resolver = Resolver(document)
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


def diff_specs(old: dict[str, Any], new: dict[str, Any]) -> list[Finding]:
    """Every difference between two OpenAPI documents that a client or a server can notice."""
    return _Differ(old, new).run()


def _operations_by_key(document: dict[str, Any]) -> dict[str, Operation]:
    return {f"{op.method} {op.template}": op for op in _operations(document)}


def matched_operations(
    old: dict[str, Any], new: dict[str, Any]
) -> list[tuple[Operation, Operation]]:
    """Operations present in both documents (same method and path template), OLD first."""
    old_ops, new_ops = _operations_by_key(old), _operations_by_key(new)
    return [(old_ops[key], new_ops[key]) for key in sorted(old_ops.keys() & new_ops.keys())]
