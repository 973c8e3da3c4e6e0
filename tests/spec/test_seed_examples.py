"""Every JSON example of the seeds, request and response, validates verbatim against the spec."""

from __future__ import annotations

import os

import pytest

from aelyst_contract import load_spec
from aelyst_contract._schema_validation import SchemaValidator
from aelyst_contract._spec_check import operations
from tests.spec.seed_examples import SEEDS_DIR, SeedExample, committed, extract_all

SEED_EXAMPLES = committed()


def test_committed_copy_is_verbatim_from_the_seeds() -> None:
    if not SEEDS_DIR.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have the seeds beside the clone: {SEEDS_DIR} is missing")
        pytest.skip(
            f"seeds not beside this clone ({SEEDS_DIR}); the committed copy is checked below"
        )
    assert [e.as_json() for e in extract_all()] == [e.as_json() for e in SEED_EXAMPLES]


def test_every_seed_with_examples_is_covered() -> None:
    # 19: seed 000's curl and body requests, its 200 and five errors; seeds 001 and 002 likewise.
    assert {e.seed for e in SEED_EXAMPLES} == {"000", "001", "002"}
    assert len(SEED_EXAMPLES) == 19


def _schema_for(example: SeedExample) -> dict[str, object]:
    spec = load_spec("contact")
    (operation,) = [op for op in operations(spec) if op.operation_id == example.operation_id]
    if example.kind == "request":
        return dict(operation.node["requestBody"]["content"]["application/json"]["schema"])
    response = operation.node["responses"][example.kind]
    if "$ref" in response:
        name = response["$ref"].rsplit("/", 1)[-1]
        response = spec["components"]["responses"][name]
    return dict(response["content"]["application/json"]["schema"])


@pytest.mark.parametrize(
    "example", SEED_EXAMPLES, ids=lambda e: f"seed{e.seed}-{e.operation_id}-{e.kind}"
)
def test_seed_example_validates(example: SeedExample) -> None:
    validator = SchemaValidator(load_spec("contact"))
    assert list(validator.errors(_schema_for(example), example.value)) == []


def test_seed_contradiction_integer_user_id_stays_valid() -> None:
    """Seed 001 types sender.userId as string but its example is an integer (CURATION C-12)."""
    (example,) = [e for e in SEED_EXAMPLES if e.seed == "001" and e.kind == "200"]
    assert isinstance(example.value["sender"]["userId"], int)
    validator = SchemaValidator(load_spec("contact"))
    assert (
        list(
            validator.pointer_errors(
                "#/components/schemas/Sender", {"source": "user", "userId": "u1"}
            )
        )
        == []
    )
