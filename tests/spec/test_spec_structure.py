"""The fast structural path agrees with openapi-spec-validator on every spec in the tests: what
it proves valid, the reference finds valid; what the reference rejects, it never proves."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from aelyst_contract import load_spec
from aelyst_contract._spec_check import structural
from aelyst_contract._spec_structure import proves_valid
from tests.spec.test_spec_check import CASES

Spec = dict[str, Any]
ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "specdiff" / "corpus"


def _reference_accepts(spec: Spec) -> bool:
    from openapi_spec_validator import OpenAPIV31SpecValidator, validate

    try:
        validate(spec, cls=OpenAPIV31SpecValidator)
    except Exception:  # any refusal, or the validator failing on it, is "not valid"
        return False
    return True


def _mutated(name: str, mutate: Callable[[Spec], None]) -> Spec:
    spec = copy.deepcopy(load_spec(name))  # type: ignore[arg-type]
    mutate(spec)
    return spec


def _operation(spec: Spec) -> Spec:
    return spec["paths"]["/contact/{identifier}/message/{messageId}"]["get"]  # type: ignore[no-any-return]


def _duplicate_parameter(spec: Spec) -> None:
    _operation(spec)["parameters"] = [*_operation(spec).get("parameters", []), *[
        {"name": "x", "in": "query", "schema": {"type": "string"}}
    ] * 2]  # fmt: skip


def _unresolved_path_parameter(spec: Spec) -> None:
    item = spec["paths"].pop("/contact/{identifier}/message/{messageId}")
    spec["paths"]["/contact/{identifier}/message/{messageId}/{extra}"] = item


def _duplicate_operation_id(spec: Spec) -> None:
    _operation(spec)["operationId"] = "sendMessage"


def _duplicate_tag(spec: Spec) -> None:
    spec["tags"] = [*spec.get("tags", []), {"name": "dup"}, {"name": "dup"}]


def _required_outside_all_of(spec: Spec) -> None:
    spec["components"]["schemas"]["Extra"] = {
        "allOf": [{"type": "object", "properties": {"a": {"type": "string"}}}],
        "required": ["a", "nowhere"],
    }


def _bad_default(spec: Spec) -> None:
    spec["components"]["schemas"]["Defaulted"] = {"type": "integer", "default": "ten"}


def _python_cannot_compile_pattern(spec: Spec) -> None:
    # ECMA-262 named group: fine for jsonschema-rs, an error for Python's `re`.
    spec["components"]["schemas"]["Named"] = {"type": "string", "pattern": "^(?<id>[0-9]+)$"}


def _bad_discriminator(spec: Spec) -> None:
    spec["components"]["schemas"]["Disc"] = {"type": "object", "discriminator": {"mapping": 1}}


def _schema_not_a_schema(spec: Spec) -> None:
    spec["components"]["schemas"]["Broken"] = {"type": "no-such-type"}


def _broken_responses(spec: Spec) -> None:
    _operation(spec)["responses"] = "not a mapping"


REJECTED_BY_REFERENCE = [
    _duplicate_parameter,
    _unresolved_path_parameter,
    _duplicate_operation_id,
    _duplicate_tag,
    _required_outside_all_of,
    _bad_default,
    _python_cannot_compile_pattern,
    _bad_discriminator,
    _schema_not_a_schema,
    _broken_responses,
]


def _documents() -> Iterator[tuple[str, Spec]]:
    for name in ("contact", "channel"):
        yield name, load_spec(name)
    for mutate in [case[1] for case in CASES] + REJECTED_BY_REFERENCE:
        yield f"contact+{mutate.__name__}", _mutated("contact", mutate)
    for path in sorted(CORPUS.glob("*/*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(document, dict) and str(document.get("openapi", "")).startswith("3.1"):
            yield str(path.relative_to(CORPUS)), document


DOCUMENTS = dict(_documents())


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_fast_path_proves_only_what_the_reference_accepts(name: str) -> None:
    document = DOCUMENTS[name]
    if proves_valid(document):
        assert _reference_accepts(document)


@pytest.mark.parametrize("mutate", REJECTED_BY_REFERENCE, ids=lambda m: m.__name__)
def test_each_rejection_is_the_references_and_not_proven(mutate: Callable[[Spec], None]) -> None:
    document = _mutated("contact", mutate)
    assert not _reference_accepts(document)
    assert not proves_valid(document)
    assert [p.rule for p in structural(document)] == ["structural"]


def test_the_fast_path_proves_the_curated_specs_and_the_corpus() -> None:
    """Else `check-spec` silently pays for the reference validator again."""
    accepted = [name for name, document in DOCUMENTS.items() if _reference_accepts(document)]
    assert {"contact", "channel"} <= set(accepted)
    assert [name for name in accepted if not proves_valid(DOCUMENTS[name])] == []
