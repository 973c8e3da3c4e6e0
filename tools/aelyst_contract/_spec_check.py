"""The spec check: structural OpenAPI 3.1 validation, then the project's own rules.

Each rule is a function `(spec) -> Iterator[Problem]` registered with `@spec_rule(name)` (its
docstring is its description); `check_spec` runs them in definition order. A `Problem` names the
operation, schema or example it is about (`where`, for a person) and the JSON pointer of the node
(`pointer`, for tools: a SARIF result's line), so a failing test or `aelyst-contract check-spec`
says where to look.

A document the checks cannot read at all (not OpenAPI 3.1, a `$ref` that leads nowhere, a crash
of the validator) is a `SpecInputError` (aelyst_contract._specs), not a problem: there is nothing
to list, the input is unusable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from aelyst_contract._registry import Registry
from aelyst_contract._schema_validation import SchemaValidator
from aelyst_contract._spec_structure import proves_valid
from aelyst_contract._specs import SpecInputError, check_refs
from aelyst_contract.openapi import Resolver, join_pointer, operations

__all__ = [
    "ERROR_STATUS_MINIMUM",
    "RATE_LIMIT_HEADERS",
    "RESERVED_MODEL_NAMES",
    "SPEC_RULES",
    "Problem",
    "Spec",
    "SpecRule",
    "check_openapi_version",
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
    where: str  # for a person: an operation, a schema, an example
    message: str
    pointer: str = ""  # the JSON pointer of the node the problem is about ("" = the document)

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}"


# The validator's message quotes the offending value whole (a whole spec for a bad root).
_VALIDATOR_MESSAGE_LIMIT = 300


def _short(text: str) -> str:
    """The first paragraph of a validator's message, on one line, at most a few hundred chars."""
    line = " ".join(str(text).strip().split("\n\n")[0].split())
    if len(line) <= _VALIDATOR_MESSAGE_LIMIT:
        return line
    return line[: _VALIDATOR_MESSAGE_LIMIT - 3] + "..."


def _json_schema(media: dict[str, Any]) -> dict[str, Any] | None:
    schema = media.get("schema")
    return schema if isinstance(schema, dict) else None


# --- rules ----------------------------------------------------------------------------------

SpecRule = Callable[[Spec], Iterator[Problem]]
SPEC_RULES: Registry[SpecRule, None] = Registry("spec rule")


def spec_rule(name: str) -> Callable[[SpecRule], SpecRule]:
    """Register a project rule under `name` (the `Problem.rule` it reports)."""
    return SPEC_RULES.register(name, None)


def check_openapi_version(spec: Spec) -> None:
    """The document says it is OpenAPI 3.1; SpecInputError (with the pointer of the field)
    otherwise: the checks, the generator and the fuzzer read 3.1 only."""
    if "openapi" not in spec:
        if "swagger" in spec:
            raise SpecInputError(
                f"a Swagger {spec['swagger']} document, not OpenAPI 3.1 (convert it first)",
                pointer="/swagger",
            )
        raise SpecInputError("not an OpenAPI document (no `openapi` field)", pointer="")
    version = spec["openapi"]
    if not isinstance(version, str):
        raise SpecInputError(
            f'`openapi` must be a version string such as "3.1.0", not the'
            f" {type(version).__name__} {version!r} (quote it)",
            pointer="/openapi",
        )
    if not re.fullmatch(r"3\.1\.\d+(-.+)?", version):
        raise SpecInputError(
            f"OpenAPI {version}, not 3.1: only OpenAPI 3.1 documents are checked",
            pointer="/openapi",
        )


# Not a registered rule: it gates the others, which assume a well-formed document.
def structural(spec: Spec) -> Iterator[Problem]:
    """The spec is a valid OpenAPI 3.1 document (openapi-spec-validator).

    SpecInputError when it cannot be validated at all: not OpenAPI 3.1, a `$ref` that leads
    nowhere, or a validator that fails on it.

    A document `proves_valid` accepts has nothing to report; any other is judged (and its first
    error worded) by openapi-spec-validator."""
    check_openapi_version(spec)
    check_refs(spec)
    if proves_valid(spec):
        return
    # Imported here: the validator costs seconds to import, and every CLI start loads this module.
    from openapi_spec_validator import OpenAPIV31SpecValidator, validate  # noqa: PLC0415
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError  # noqa: PLC0415

    try:
        validate(spec, cls=OpenAPIV31SpecValidator)
    except OpenAPIValidationError as error:
        pointer = join_pointer("", *error.path)
        yield Problem("structural", pointer or "(root)", _short(error.message), pointer)
    except Exception as error:  # the validator's own failure (a RecursionError...), as one line
        raise SpecInputError(
            f"the OpenAPI validator cannot read it: {type(error).__name__}: {_short(str(error))}"
        ) from error


@spec_rule("operation-metadata")
def operation_metadata(spec: Spec) -> Iterator[Problem]:
    """Stable, unique operationIds; a tag, a summary and a description on every operation."""
    seen: dict[str, str] = {}
    for op in operations(spec):
        where = f"{op.method.upper()} {op.path}"
        op_id = op.node.get("operationId")
        id_pointer = join_pointer(op.pointer, "operationId")
        if not op_id:
            yield Problem("operation-metadata", where, "no operationId", op.pointer)
        elif not re.fullmatch(r"[a-z][A-Za-z0-9]*", op_id):
            yield Problem(
                "operation-metadata", where, f"operationId {op_id!r} is not camelCase", id_pointer
            )
        elif op_id in seen:
            yield Problem(
                "operation-metadata",
                where,
                f"operationId {op_id!r} also on {seen[op_id]}",
                id_pointer,
            )
        else:
            seen[op_id] = where
        for field in ("tags", "summary", "description"):
            if not op.node.get(field):
                yield Problem("operation-metadata", op.label, f"no {field}", op.pointer)


def _error_schema_name(spec: Spec) -> str | None:
    schemas = spec.get("components", {}).get("schemas", {})
    names = [name for name in ("Error", "ChannelError") if name in schemas]
    return names[0] if len(names) == 1 else None


@spec_rule("error-responses")
def error_responses(spec: Spec) -> Iterator[Problem]:
    """Every operation declares 400/401/429/500, and every 4xx/5xx uses the spec's error schema."""
    error_name = _error_schema_name(spec)
    if error_name is None:
        yield Problem(
            "error-responses",
            "#/components/schemas",
            "no single Error/ChannelError",
            "/components/schemas" if "schemas" in spec.get("components", {}) else "",
        )
        return
    error_ref = f"#/components/schemas/{error_name}"
    error_schema = spec["components"]["schemas"][error_name]
    for field in ("code", "message"):
        if field not in error_schema.get("required", []):
            yield Problem(
                "error-responses", error_ref, f"{field!r} is not required", error_ref.lstrip("#")
            )
    resolver = Resolver(spec, strict=False)
    for op in operations(spec):
        responses = op.node.get("responses", {})
        responses_pointer = join_pointer(op.pointer, "responses")
        for status in ERROR_STATUS_MINIMUM:
            if status not in responses:
                yield Problem(
                    "error-responses", op.label, f"does not declare {status}", responses_pointer
                )
        for status, response in responses.items():
            if not str(status).startswith(("4", "5")):
                continue
            resolved, pointer = resolver.resolve(response, join_pointer(responses_pointer, status))
            content = resolved.get("content", {})
            schema = _json_schema(content.get("application/json", {}))
            if schema is None or schema.get("$ref") != error_ref:
                yield Problem(
                    "error-responses",
                    f"{op.label} {status}",
                    f"error body is not application/json {error_ref}",
                    pointer,
                )


@spec_rule("rate-limit-headers")
def rate_limit_headers(spec: Spec) -> Iterator[Problem]:
    """Every 429 declares Retry-After, X-RateLimit-Limit and X-RateLimit-Remaining, required."""
    resolver = Resolver(spec, strict=False)
    for op in operations(spec):
        response = op.node.get("responses", {}).get("429")
        if response is None:
            continue
        resolved, pointer = resolver.resolve(response, join_pointer(op.pointer, "responses", "429"))
        headers = resolved.get("headers", {})
        for name in RATE_LIMIT_HEADERS:
            header, header_pointer = resolver.resolve(
                headers.get(name), join_pointer(pointer, "headers", name)
            )
            if header is None:
                yield Problem("rate-limit-headers", f"{op.label} 429", f"no {name} header", pointer)
            elif not header.get("required"):
                yield Problem(
                    "rate-limit-headers", f"{op.label} 429", f"{name} not required", header_pointer
                )


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
        pointer = join_pointer("/components/schemas", key)
        name = _class_name(key, schema)
        if name in RESERVED_MODEL_NAMES:
            yield Problem(
                "name-clash", where, f"model name {name!r} clashes in the generated client", pointer
            )
        if name in class_names:
            yield Problem(
                "name-clash",
                where,
                f"model name {name!r} also made by {class_names[name]}",
                pointer,
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
                pointer = join_pointer("/components/schemas", key, "properties", prop)
                yield Problem(
                    "name-clash", where, "property named exactly like a model class", pointer
                )


def _object_schemas(
    spec: Spec, node: Any, trail: str, pointer: str, seen: set[int]
) -> Iterator[tuple[str, str, Any]]:
    """(trail, pointer, schema) of every object schema reachable from `node` (through $refs,
    properties, items, unions); `pointer` is where `node` is, the result's where it is defined."""
    node, pointer = Resolver(spec, strict=False).resolve(node, pointer)
    if not isinstance(node, dict) or id(node) in seen:
        return
    seen.add(id(node))
    if node.get("type") == "object" or "properties" in node:
        yield trail, pointer, node
    for prop, sub in node.get("properties", {}).items():
        sub_pointer = join_pointer(pointer, "properties", prop)
        yield from _object_schemas(spec, sub, f"{trail}.{prop}", sub_pointer, seen)
    if isinstance(node.get("items"), dict):
        items_pointer = join_pointer(pointer, "items")
        yield from _object_schemas(spec, node["items"], f"{trail}[]", items_pointer, seen)
    for keyword in ("oneOf", "anyOf", "allOf"):
        for index, sub in enumerate(node.get(keyword, [])):
            branch = Resolver(spec, strict=False).resolved(sub)
            label = branch.get("title", index) if isinstance(branch, dict) else index
            sub_pointer = join_pointer(pointer, keyword, index)
            yield from _object_schemas(spec, sub, f"{trail}<{label}>", sub_pointer, seen)


@spec_rule("closed-request-bodies")
def closed_request_bodies(spec: Spec) -> Iterator[Problem]:
    """Request-body objects with declared properties reject unknown fields
    (`additionalProperties: false`); free-form maps (no `properties`) are exempt (CURATION C-09)."""
    resolver = Resolver(spec, strict=False)
    for op in operations(spec):
        body, body_pointer = resolver.resolve(
            op.node.get("requestBody", {}), join_pointer(op.pointer, "requestBody")
        )
        for media_type, media in body.get("content", {}).items():
            schema = _json_schema(media)
            if schema is None:
                continue
            schema_pointer = join_pointer(body_pointer, "content", media_type, "schema")
            for trail, pointer, obj in _object_schemas(spec, schema, "body", schema_pointer, set()):
                if obj.get("properties") and obj.get("additionalProperties") is not False:
                    yield Problem(
                        "closed-request-bodies",
                        f"{op.label} {media_type} {trail}",
                        "object accepts unknown fields (set additionalProperties: false)",
                        pointer,
                    )


def _examples_of(node: dict[str, Any], pointer: str) -> Iterator[tuple[str, str, Any]]:
    """(label, pointer, value) of each example of a parameter, media type, header or schema."""
    if "example" in node:
        yield "example", join_pointer(pointer, "example"), node["example"]
    examples = node.get("examples")
    if isinstance(examples, dict):
        for name, example in examples.items():
            if isinstance(example, dict) and "value" in example:
                value_pointer = join_pointer(pointer, "examples", name, "value")
                yield f"examples/{name}", value_pointer, example["value"]
    elif isinstance(examples, list):  # JSON Schema `examples` (a list of values)
        for index, value in enumerate(examples):
            yield f"examples/{index}", join_pointer(pointer, "examples", index), value


def _example_sites(spec: Spec) -> Iterator[tuple[str, str, dict[str, Any], Any]]:
    """(where, pointer, schema, example value) for every example in the spec."""
    resolver = Resolver(spec, strict=False)
    for op in operations(spec):
        path_pointer = join_pointer("", "paths", op.path)
        params = [
            *(
                (join_pointer(path_pointer, "parameters", index), param)
                for index, param in enumerate(spec["paths"][op.path].get("parameters", []))
            ),
            *(
                (join_pointer(op.pointer, "parameters", index), param)
                for index, param in enumerate(op.node.get("parameters", []))
            ),
        ]
        for raw_pointer, raw in params:
            param, param_pointer = resolver.resolve(raw, raw_pointer)
            for label, pointer, value in _examples_of(param, param_pointer):
                yield (
                    f"{op.label} parameter {param['name']} {label}",
                    pointer,
                    param["schema"],
                    value,
                )
        body, body_pointer = resolver.resolve(
            op.node.get("requestBody", {}), join_pointer(op.pointer, "requestBody")
        )
        for media_type, media in body.get("content", {}).items():
            media_pointer = join_pointer(body_pointer, "content", media_type)
            for label, pointer, value in _examples_of(media, media_pointer):
                yield f"{op.label} request {media_type} {label}", pointer, media["schema"], value
        for status, response_or_ref in op.node.get("responses", {}).items():
            response, response_pointer = resolver.resolve(
                response_or_ref, join_pointer(op.pointer, "responses", status)
            )
            for media_type, media in response.get("content", {}).items():
                media_pointer = join_pointer(response_pointer, "content", media_type)
                for label, pointer, value in _examples_of(media, media_pointer):
                    where = f"{op.label} {status} {media_type} {label}"
                    yield where, pointer, media["schema"], value
            for name, header_or_ref in response.get("headers", {}).items():
                header, header_pointer = resolver.resolve(
                    header_or_ref, join_pointer(response_pointer, "headers", name)
                )
                for label, pointer, value in _examples_of(header, header_pointer):
                    where = f"{op.label} {status} header {name} {label}"
                    yield where, pointer, header["schema"], value
    for key, schema in spec.get("components", {}).get("schemas", {}).items():
        schema_pointer = join_pointer("/components/schemas", key)
        for label, pointer, value in _examples_of(schema, schema_pointer):
            yield f"#/components/schemas/{key} {label}", pointer, schema, value


@spec_rule("examples-valid")
def examples_valid(spec: Spec) -> Iterator[Problem]:
    """Every example (media types, parameters, headers, schemas) validates against its schema."""
    validator = SchemaValidator(spec)
    for where, pointer, schema, value in _example_sites(spec):
        for error in validator.errors(schema, value):
            yield Problem("examples-valid", where, error, pointer)


@spec_rule("links")
def links_resolve(spec: Spec) -> Iterator[Problem]:
    """Every link names an existing operation and only parameters that operation has."""
    by_id = {op.operation_id: op for op in operations(spec) if op.operation_id}
    resolver = Resolver(spec, strict=False)
    for op in operations(spec):
        for status, raw_response in op.node.get("responses", {}).items():
            response, response_pointer = resolver.resolve(
                raw_response, join_pointer(op.pointer, "responses", status)
            )
            for name, link in response.get("links", {}).items():
                where = f"{op.label} {status} link {name}"
                pointer = join_pointer(response_pointer, "links", name)
                target = by_id.get(link.get("operationId", ""))
                if target is None:
                    yield Problem(
                        "links",
                        where,
                        f"unknown operationId {link.get('operationId')!r}",
                        join_pointer(pointer, "operationId"),
                    )
                    continue
                params = [
                    *spec["paths"][target.path].get("parameters", []),
                    *target.node.get("parameters", []),
                ]
                known = {resolver.resolved(p)["name"] for p in params}
                for param in link.get("parameters", {}):
                    if param not in known:
                        yield Problem(
                            "links",
                            where,
                            f"{param!r} is not a parameter of the target",
                            join_pointer(pointer, "parameters", param),
                        )


def check_spec(spec: Spec) -> list[Problem]:
    """Structural validation first: the other rules assume a well-formed document.

    SpecInputError (with a pointer, no file: the caller names it) when the document cannot be
    checked at all (`structural`)."""
    problems = list(structural(spec))
    if problems:
        return problems
    for rule in SPEC_RULES:
        try:
            problems.extend(rule.function(spec))
        except Exception as error:  # a valid document the rule misreads: one line, not a trace
            raise SpecInputError(
                f"the {rule.name} rule cannot check it: {type(error).__name__}:"
                f" {_short(str(error))} (a bug in the rule: please report it)"
            ) from error
    return problems
