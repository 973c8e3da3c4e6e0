"""The spec check: structural OpenAPI 3.1 validation, then the project's own rules.

Each rule is a function `(spec) -> Iterator[Problem]`; a `Problem` names the operation (or schema)
it is about, so a failing test says where to look.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

__all__ = ["RULES", "Problem", "check_spec"]


@dataclass(frozen=True)
class Problem:
    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}"


Spec = dict[str, Any]
Rule = Callable[[Spec], Iterator[Problem]]


def structural(spec: Spec) -> Iterator[Problem]:
    """The spec is a valid OpenAPI 3.1 document (openapi-spec-validator)."""
    try:
        validate(spec)
    except OpenAPIValidationError as error:
        yield Problem("structural", "/".join(str(p) for p in error.path) or "(root)", error.message)


RULES: dict[str, Rule] = {
    "structural": structural,
}


def check_spec(spec: Spec) -> list[Problem]:
    problems = list(structural(spec))
    if problems:  # the other rules assume a well-formed document
        return problems
    for name, rule in RULES.items():
        if name != "structural":
            problems.extend(rule(spec))
    return problems
