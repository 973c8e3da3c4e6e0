"""The spec check: structural OpenAPI 3.1 validation, then the project's own rules.

Each rule is a function `(spec) -> Iterator[Problem]` registered with `@spec_rule(name)` (its
docstring is its description); `check_spec` runs them in definition order. A `Problem` names the
operation, schema or example it is about, so a failing test or `aelyst-contract check-spec` says
where to look.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from aelyst_contract._registry import Registry
from aelyst_contract._schema_validation import SchemaValidator
from aelyst_contract.openapi import Resolver, operations

__all__ = [
    "ERROR_STATUS_MINIMUM",
    "RATE_LIMIT_HEADERS",
    "RESERVED_MODEL_NAMES",
    "SPEC_RULES",
    "Problem",
    "Spec",
    "SpecRule",
    "check_spec",
    "closed_request_bodies",
    "error_responses",
    "examples_valid",
    "generated_name_clashes",
    "links_resolve",
    "operation_metadata",
    "operations",
    "rate_limit_headers",
    "spec_rule",
    "structural",
]

Spec = dict[str, Any]

# Every operation declares at least these error statuses (CURATION.md C-06 / H-07).
ERROR_STATUS_MINIMUM = ("400", "401", "429", "500")
RATE_LIMIT_HEADERS = ("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining")
# Names that break the generated package's imports (toolchain notes: openapi-python-client).
RESERVED_MODEL_NAMES = frozenset({"Response", "Client", "AuthenticatedClient", "Unset", "File"})


@dataclass(frozen=True)
class Problem:
    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}"


def _json_schema(media: dict[str, Any]) -> dict[str, Any] | None:
    schema = media.get("schema")
    return schema if isinstance(schema, dict) else None


# --- rules ----------------------------------------------------------------------------------

SpecRule = Callable[[Spec], Iterator[Problem]]
SPEC_RULES: Registry[SpecRule, None] = Registry("spec rule")


def spec_rule(name: str) -> Callable[[SpecRule], SpecRule]:
    """Register a project rule under `name` (the `Problem.rule` it reports)."""
    return SPEC_RULES.register(name, None)


# Not a registered rule: it gates the others, which assume a well-formed document.
def structural(spec: Spec) -> Iterator[Problem]:
    """The spec is a valid OpenAPI 3.1 document (openapi-spec-validator)."""
    # Imported here: the validator costs seconds to import, and every CLI start loads this module.
    from openapi_spec_validator import validate  # noqa: PLC0415
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError  # noqa: PLC0415

    try:
        validate(spec)
    except OpenAPIValidationError as error:
        yield Problem("structural", "/".join(str(p) for p in error.path) or "(root)", error.message)


@spec_rule("operation-metadata")
def operation_metadata(spec: Spec) -> Iterator[Problem]:
    """Stable, unique operationIds; a tag, a summary and a description on every operation."""
    seen: dict[str, str] = {}
    for op in operations(spec):
        where = f"{op.method.upper()} {op.path}"
        op_id = op.node.get("operationId")
        if not op_id:
            yield Problem("operation-metadata", where, "no operationId")
        elif not re.fullmatch(r"[a-z][A-Za-z0-9]*", op_id):
            yield Problem("operation-metadata", where, f"operationId {op_id!r} is not camelCase")
        elif op_id in seen:
            yield Problem(
                "operation-metadata", where, f"operationId {op_id!r} also on {seen[op_id]}"
            )
        else:
            seen[op_id] = where
        for field in ("tags", "summary", "description"):
            if not op.node.get(field):
                yield Problem("operation-metadata", op.label, f"no {field}")


def _error_schema_name(spec: Spec) -> str | None:
    schemas = spec.get("components", {}).get("schemas", {})
    names = [name for name in ("Error", "ChannelError") if name in schemas]
    return names[0] if len(names) == 1 else None


@spec_rule("error-responses")
def error_responses(spec: Spec) -> Iterator[Problem]:
    """Every operation declares 400/401/429/500, and every 4xx/5xx uses the spec's error schema."""
    error_name = _error_schema_name(spec)
    if error_name is None:
        yield Problem("error-responses", "#/components/schemas", "no single Error/ChannelError")
        return
    error_ref = f"#/components/schemas/{error_name}"
    error_schema = spec["components"]["schemas"][error_name]
    resolved = Resolver(spec, strict=False).resolved
    for field in ("code", "message"):
        if field not in error_schema.get("required", []):
            yield Problem("error-responses", error_ref, f"{field!r} is not required")
    for op in operations(spec):
        responses = op.node.get("responses", {})
        for status in ERROR_STATUS_MINIMUM:
            if status not in responses:
                yield Problem("error-responses", op.label, f"does not declare {status}")
        for status, response in responses.items():
            if not str(status).startswith(("4", "5")):
                continue
            content = resolved(response).get("content", {})
            schema = _json_schema(content.get("application/json", {}))
            if schema is None or schema.get("$ref") != error_ref:
                yield Problem(
                    "error-responses",
                    f"{op.label} {status}",
                    f"error body is not application/json {error_ref}",
                )


@spec_rule("rate-limit-headers")
def rate_limit_headers(spec: Spec) -> Iterator[Problem]:
    """Every 429 declares Retry-After, X-RateLimit-Limit and X-RateLimit-Remaining, required."""
    resolved = Resolver(spec, strict=False).resolved
    for op in operations(spec):
        response = op.node.get("responses", {}).get("429")
        if response is None:
            continue
        headers = resolved(response).get("headers", {})
        for name in RATE_LIMIT_HEADERS:
            header = resolved(headers.get(name))
            if header is None:
                yield Problem("rate-limit-headers", f"{op.label} 429", f"no {name} header")
            elif not header.get("required"):
                yield Problem("rate-limit-headers", f"{op.label} 429", f"{name} not required")


def _class_name(schema_key: str, schema: dict[str, Any]) -> str:
    """The model class name openapi-python-client derives: PascalCase of the title or key."""
    raw = str(schema.get("title") or schema_key)
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", raw) if part)


@spec_rule("name-clash")
def generated_name_clashes(spec: Spec) -> Iterator[Problem]:
    """No model name that breaks the generated client: reserved names, duplicates, and
    properties named exactly like their own model or the model they hold (mypy trips on both)."""
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    class_names: dict[str, str] = {}
    for key, schema in schemas.items():
        where = f"#/components/schemas/{key}"
        name = _class_name(key, schema)
        if name in RESERVED_MODEL_NAMES:
            yield Problem(
                "name-clash", where, f"model name {name!r} clashes in the generated client"
            )
        if name in class_names:
            yield Problem(
                "name-clash", where, f"model name {name!r} also made by {class_names[name]}"
            )
        class_names[name] = where
    for key, schema in schemas.items():
        own = _class_name(key, schema)
        for prop, prop_schema in schema.get("properties", {}).items():
            held = (
                prop_schema.get("$ref", "").rsplit("/", 1)[-1]
                if isinstance(prop_schema, dict)
                else ""
            )
            held_name = _class_name(held, schemas.get(held, {})) if held in schemas else None
            if prop in (own, held_name):
                where = f"#/components/schemas/{key}/properties/{prop}"
                yield Problem("name-clash", where, "property named exactly like a model class")


def _object_schemas(spec: Spec, node: Any, trail: str, seen: set[int]) -> Iterator[tuple[str, Any]]:
    """Every object schema reachable from `node` (through $refs, properties, items, unions)."""
    resolved = Resolver(spec, strict=False).resolved
    node = resolved(node)
    if not isinstance(node, dict) or id(node) in seen:
        return
    seen.add(id(node))
    if node.get("type") == "object" or "properties" in node:
        yield trail, node
    for prop, sub in node.get("properties", {}).items():
        yield from _object_schemas(spec, sub, f"{trail}.{prop}", seen)
    if isinstance(node.get("items"), dict):
        yield from _object_schemas(spec, node["items"], f"{trail}[]", seen)
    for keyword in ("oneOf", "anyOf", "allOf"):
        for index, sub in enumerate(node.get(keyword, [])):
            branch = resolved(sub)
            label = branch.get("title", index) if isinstance(branch, dict) else index
            yield from _object_schemas(spec, sub, f"{trail}<{label}>", seen)


@spec_rule("closed-request-bodies")
def closed_request_bodies(spec: Spec) -> Iterator[Problem]:
    """Request-body objects with declared properties reject unknown fields
    (`additionalProperties: false`); free-form maps (no `properties`) are exempt (CURATION C-09)."""
    resolved = Resolver(spec, strict=False).resolved
    for op in operations(spec):
        body = resolved(op.node.get("requestBody", {}))
        for media_type, media in body.get("content", {}).items():
            schema = _json_schema(media)
            if schema is None:
                continue
            for trail, obj in _object_schemas(spec, schema, "body", set()):
                if obj.get("properties") and obj.get("additionalProperties") is not False:
                    yield Problem(
                        "closed-request-bodies",
                        f"{op.label} {media_type} {trail}",
                        "object accepts unknown fields (set additionalProperties: false)",
                    )


def _examples_of(node: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    if "example" in node:
        yield "example", node["example"]
    examples = node.get("examples")
    if isinstance(examples, dict):
        for name, example in examples.items():
            if isinstance(example, dict) and "value" in example:
                yield f"examples/{name}", example["value"]
    elif isinstance(examples, list):  # JSON Schema `examples` (a list of values)
        for index, value in enumerate(examples):
            yield f"examples/{index}", value


def _example_sites(spec: Spec) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(where, schema, example value) for every example in the spec."""
    resolved = Resolver(spec, strict=False).resolved
    for op in operations(spec):
        params = [*spec["paths"][op.path].get("parameters", []), *op.node.get("parameters", [])]
        for param in (resolved(p) for p in params):
            for label, value in _examples_of(param):
                yield f"{op.label} parameter {param['name']} {label}", param["schema"], value
        body = resolved(op.node.get("requestBody", {}))
        for media_type, media in body.get("content", {}).items():
            for label, value in _examples_of(media):
                yield f"{op.label} request {media_type} {label}", media["schema"], value
        for status, response_or_ref in op.node.get("responses", {}).items():
            response = resolved(response_or_ref)
            for media_type, media in response.get("content", {}).items():
                for label, value in _examples_of(media):
                    where = f"{op.label} {status} {media_type} {label}"
                    yield where, media["schema"], value
            for name, header_or_ref in response.get("headers", {}).items():
                header = resolved(header_or_ref)
                for label, value in _examples_of(header):
                    yield (
                        f"{op.label} {status} header {name} {label}",
                        header["schema"],
                        value,
                    )
    for key, schema in spec.get("components", {}).get("schemas", {}).items():
        for label, value in _examples_of(schema):
            yield f"#/components/schemas/{key} {label}", schema, value


@spec_rule("examples-valid")
def examples_valid(spec: Spec) -> Iterator[Problem]:
    """Every example (media types, parameters, headers, schemas) validates against its schema."""
    validator = SchemaValidator(spec)
    for where, schema, value in _example_sites(spec):
        for error in validator.errors(schema, value):
            yield Problem("examples-valid", where, error)


@spec_rule("links")
def links_resolve(spec: Spec) -> Iterator[Problem]:
    """Every link names an existing operation and only parameters that operation has."""
    resolved = Resolver(spec, strict=False).resolved
    by_id = {op.operation_id: op for op in operations(spec) if op.operation_id}
    for op in operations(spec):
        for status, response in op.node.get("responses", {}).items():
            for name, link in resolved(response).get("links", {}).items():
                where = f"{op.label} {status} link {name}"
                target = by_id.get(link.get("operationId", ""))
                if target is None:
                    yield Problem(
                        "links", where, f"unknown operationId {link.get('operationId')!r}"
                    )
                    continue
                params = [
                    *spec["paths"][target.path].get("parameters", []),
                    *target.node.get("parameters", []),
                ]
                known = {resolved(p)["name"] for p in params}
                for param in link.get("parameters", {}):
                    if param not in known:
                        yield Problem("links", where, f"{param!r} is not a parameter of the target")


def check_spec(spec: Spec) -> list[Problem]:
    """Structural validation first: the other rules assume a well-formed document."""
    problems = list(structural(spec))
    if problems:
        return problems
    for rule in SPEC_RULES:
        problems.extend(rule.function(spec))
    return problems
