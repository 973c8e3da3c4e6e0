"""Proof that the suite catches a broken client: the same checks, run against a mutated copy of
the generated contact client, must fail (and pass on the real one, in the other test modules)."""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from contract_tests.client._checks import check_request, check_response
from contract_tests.client._harness import (
    CallArgs,
    Operation,
    args_strategy,
    operations,
    package,
    response_strategy,
)

# Deterministic and without shrinking: the point is that a failure is found at all.
_FIND_FAILURE = settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def mutated_client(tmp_path: Path) -> Iterator[Callable[[str, str, str], ModuleType]]:
    """Copy the generated contact client under a new name, apply one textual mutation, import it."""
    names: list[str] = []

    def make(relative: str, old: str, new: str) -> ModuleType:
        name = f"broken_contact_client_{len(names)}"
        source = Path(package("contact").__file__ or "").parent
        target = tmp_path / name
        shutil.copytree(source, target)
        module_file = target / relative
        text = module_file.read_text(encoding="utf-8")
        assert old in text, f"mutation anchor not found in {relative}: the generated code moved"
        module_file.write_text(text.replace(old, new), encoding="utf-8")
        names.append(name)
        return importlib.import_module(name)

    sys.path.insert(0, str(tmp_path))
    try:
        yield make
    finally:
        sys.path.remove(str(tmp_path))
        for loaded in [m for m in sys.modules if m.split(".")[0] in names]:
            del sys.modules[loaded]


def _operation(operation_id: str) -> Operation:
    return next(op for op in operations("contact") if op.operation_id == operation_id)


def test_a_model_dropping_a_field_in_to_dict_fails_the_response_check(
    mutated_client: Callable[[str, str, str], ModuleType],
) -> None:
    broken = mutated_client("models/pagination.py", '"previous": previous,', "")
    op = _operation("listMessages")

    @_FIND_FAILURE
    @given(response_strategy(op, "200"))
    def check(response: tuple[object, dict[str, str]]) -> None:
        body, headers = response
        check_response(broken, op, "200", body, headers)

    with pytest.raises(AssertionError, match="to_dict"):
        check()
    # the same property on the real client passes (as test_responses.py checks at length)
    body = {"items": [], "pagination": {"next": "", "previous": ""}}
    headers = {"X-RateLimit-Limit": "1", "X-RateLimit-Remaining": "0"}
    check_response(package("contact"), op, "200", body, headers)


def test_a_path_leaving_slashes_unencoded_fails_the_request_check(
    mutated_client: Callable[[str, str, str], ModuleType],
) -> None:
    broken = mutated_client(
        "api/messages/send_message.py",
        'identifier=quote(str(identifier), safe="")',
        'identifier=quote(str(identifier), safe="/")',
    )
    op = _operation("sendMessage")

    @_FIND_FAILURE
    @given(args_strategy(op))
    def check(args: CallArgs) -> None:
        check_request(broken, op, args)

    # the raw path either matches no operation any more or decodes to another identifier
    with pytest.raises(AssertionError, match=r"no operation|decodes to"):
        check()
