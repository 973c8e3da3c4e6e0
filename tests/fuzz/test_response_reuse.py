"""The fuzzer bounds how many resources schemathesis keeps from responses for reuse."""

from __future__ import annotations

from schemathesis.resources.repository import ResourceRepository

from aelyst_contract.fuzz._st_adapter import CAPTURED_PER_PARENT, bounded_response_reuse


def _store_messages(repository: ResourceRepository, count: int) -> None:
    for number in range(count):
        repository.seed_input_values({"Message": {"id": f"m-{number}"}}, source="GET /messages")


def test_inside_the_block_a_parent_keeps_only_the_latest_captured_resources() -> None:
    bounded = ResourceRepository([])
    with bounded_response_reuse():
        _store_messages(bounded, CAPTURED_PER_PARENT + 10)
    kept = [instance.data["id"] for instance in bounded.iter_instances("Message")]
    assert len(kept) == CAPTURED_PER_PARENT
    assert kept[-1] == f"m-{CAPTURED_PER_PARENT + 9}"  # the newest stay
    assert "m-0" not in kept


def test_outside_the_block_schemathesis_keeps_its_own_capacity() -> None:
    with bounded_response_reuse(per_parent=2):
        pass
    unbounded = ResourceRepository([])
    _store_messages(unbounded, CAPTURED_PER_PARENT + 10)
    assert len(unbounded.iter_instances("Message")) == CAPTURED_PER_PARENT + 10
