"""One registry of checks: what each concerns and needs decides n/a and "not exercised"."""

from __future__ import annotations

import schemathesis

from aelyst_contract.fuzz import BUILTIN_CHECKS, PROJECT_CHECKS, ApiName, spec_facts
from aelyst_contract.fuzz._exchange import Capability
from aelyst_contract.fuzz._registry import CAPABILITY_REASONS, applicability
from aelyst_contract.fuzz._runner import capabilities
from aelyst_contract.fuzz._target import Target

EVERYTHING = capabilities(
    Target(
        contact_url="http://x/v1",
        channel_url=None,
        allow_writes=True,
        other_access_key="o",
        admin_url="http://x/_emulator",
        admin_token="a",
    )
)


def _verdicts(
    api: ApiName, operation_id: str, caps: frozenset[Capability] = EVERYTHING
) -> dict[str, str]:
    return applicability(spec_facts(api).operations[operation_id], caps)


def test_checks_that_do_not_concern_an_operation_are_n_a() -> None:
    contact_send = _verdicts("contact", "sendMessage")
    assert contact_send["presigned_upload"] == "n/a"
    assert contact_send["paging_walk"] == "n/a"
    assert contact_send["channel_send_rules"] == "n/a"
    assert contact_send["send_then_get"] == "applies"
    assert _verdicts("channel", "listChannelMessages")["send_then_get"] == "n/a"
    assert _verdicts("channel", "createPresignedUpload")["presigned_upload"] == "applies"
    assert _verdicts("channel", "sendChannelMessage")["channel_send_rules"] == "applies"


def test_a_missing_capability_says_why_the_check_cannot_run() -> None:
    read_only: frozenset[Capability] = frozenset({"follow_up"})
    assert (
        _verdicts("contact", "sendMessage", read_only)["send_then_get"]
        == (CAPABILITY_REASONS["writes"])
    )
    assert (
        _verdicts("channel", "createPresignedUpload", frozenset())["presigned_upload"]
        == (CAPABILITY_REASONS["upload"])
    )


def test_every_project_check_is_a_schemathesis_check_with_a_docstring() -> None:
    import aelyst_contract.fuzz._st_adapter  # noqa: F401 (registers them with schemathesis)

    registered = set(schemathesis.checks.CHECKS.get_all_names())
    for name, info in PROJECT_CHECKS.items():
        assert info.function is not None
        assert info.function.__doc__, name
        assert name in registered, name
    assert not set(PROJECT_CHECKS) & set(BUILTIN_CHECKS)
