"""docs/spec-diff.md's rules table names every registered rule, every JSON Schema 2020-12
keyword, every OpenAPI 3.1 object that can change a wire contract, and every policy switch."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aelyst_contract.specdiff import POLICY_SWITCHES
from aelyst_contract.specdiff._operations import DOCUMENT_RULES, OPERATION_RULES, RESPONSE_RULES
from aelyst_contract.specdiff._schemas import SCHEMA_RULES

DOC = Path(__file__).parents[2] / "docs" / "spec-diff.md"

# JSON Schema 2020-12: core, applicator, unevaluated, validation, format, content, meta-data.
JSON_SCHEMA_KEYWORDS = [
    "$schema",
    "$id",
    "$ref",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$vocabulary",
    "$comment",
    "$defs",
    "prefixItems",
    "items",
    "contains",
    "additionalProperties",
    "properties",
    "patternProperties",
    "dependentSchemas",
    "propertyNames",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "unevaluatedItems",
    "unevaluatedProperties",
    "type",
    "const",
    "enum",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxContains",
    "minContains",
    "maxProperties",
    "minProperties",
    "required",
    "dependentRequired",
    "format",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "title",
    "description",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "examples",
]
# OpenAPI 3.1's schema fields, and the objects and fields that shape the wire.
OPENAPI_FIELDS = [
    "discriminator",
    "xml",
    "externalDocs",
    "example",
    "nullable",
    "paths",
    "operation",
    "operationId",
    "parameters",
    "style",
    "explode",
    "allowReserved",
    "requestBody",
    "content",
    "encoding",
    "responses",
    "headers",
    "links",
    "callbacks",
    "webhooks",
    "security",
    "securitySchemes",
    "servers",
    "variables",
]


def _table() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("**Rules.**")
    end = text.index("Semver for the generated packages")
    return text[start:end]


def _named(table: str) -> set[str]:
    """Every backticked name in the table (`a`, and each part of `a`, `b` or `if/then/else`)."""
    names: set[str] = set()
    for quoted in re.findall(r"`([^`]+)`", table):
        names.add(quoted)
        names.update(part for part in re.split(r"[\s,/.]+", quoted) if part)
    return names


RULES = [
    f"{registry.kind}: {entry.name}"
    for registry in (DOCUMENT_RULES, OPERATION_RULES, RESPONSE_RULES, SCHEMA_RULES)
    for entry in registry
]


@pytest.mark.parametrize("rule", RULES)
def test_every_registered_rule_is_in_the_table(rule: str) -> None:
    name = rule.split(": ", 1)[1]
    assert f"`{name}`" in _table(), f"{rule} is not in docs/spec-diff.md's rules table"


@pytest.mark.parametrize("keyword", JSON_SCHEMA_KEYWORDS + OPENAPI_FIELDS)
def test_every_keyword_and_object_is_in_the_table(keyword: str) -> None:
    assert keyword in _named(_table()), f"{keyword} is not in docs/spec-diff.md's rules table"


@pytest.mark.parametrize("switch", [s.name for s in POLICY_SWITCHES])
def test_every_policy_switch_is_in_the_table(switch: str) -> None:
    assert f"`{switch}`" in _table()


def test_the_table_check_can_fail() -> None:
    assert "noSuchKeyword" not in _named(_table())
