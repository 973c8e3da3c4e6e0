"""Spec facts: operations found by path, declared headers, and enum values checked by schema."""

from __future__ import annotations

from aelyst_contract.fuzz import spec_facts
from aelyst_contract.fuzz._spec_facts import enum_violations


def test_operations_are_found_by_method_and_concrete_path() -> None:
    facts = spec_facts("contact")
    found = facts.find("GET", "/contact/id:1/message/list")
    assert found is not None
    assert found.operation_id == "listMessages"
    assert facts.find("GET", "/contact/id:1/message/7").operation_id == "getMessage"  # type: ignore[union-attr]
    assert facts.find("DELETE", "/contact/id:1/message/7") is None


def test_declared_headers_come_from_the_exact_status() -> None:
    facts = spec_facts("contact")
    operation = facts.operations["sendMessage"]
    assert set(facts.declared_headers(operation, 429)) == {
        "retry-after",
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
    }
    assert facts.declared_headers(operation, 401) == {}
    assert facts.declared_headers(operation, 418) == {}


def test_enum_values_are_checked_through_refs_arrays_and_discriminators() -> None:
    facts = spec_facts("channel")
    schema = {"$ref": "#/components/schemas/ChannelMessageList"}
    good = {
        "results": [
            {
                "status": "sent",
                "direction": "incoming",
                "body": {"type": "text", "text": {"text": "x"}},
            }
        ]
    }
    assert list(enum_violations(facts, schema, good)) == []
    bad = {"results": [{"status": "sent", "direction": "sideways", "body": {"type": "fax"}}]}
    problems = list(enum_violations(facts, schema, bad))
    assert any("sideways" in problem for problem in problems)
    assert any("fax" in problem for problem in problems)


def test_json_booleans_are_not_enum_integers() -> None:
    facts = spec_facts("contact")
    assert list(enum_violations(facts, {"enum": [1, 2]}, True)) != []
    assert list(enum_violations(facts, {"enum": [1, 2]}, 1.0)) == []
