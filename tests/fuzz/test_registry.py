"""One registry of checks: what each concerns and needs decides n/a and "not exercised"."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis

from aelyst_contract._registry import Registry
from aelyst_contract.fuzz import BUILTIN_CHECKS, PROJECT_CHECKS, ApiName, _registry, spec_facts
from aelyst_contract.fuzz._exchange import NOT_JSON, Capability, CheckEnv, Exchange, Fetched
from aelyst_contract.fuzz._registry import CAPABILITY_REASONS, applicability, project_check
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
    for entry in PROJECT_CHECKS:
        assert entry.metadata.function is entry.function
        assert entry.description, entry.name
        assert entry.name in registered, entry.name
    assert not set(PROJECT_CHECKS.names()) & set(BUILTIN_CHECKS)


def test_a_passive_check_is_handed_no_way_to_send_anything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_registry, "PROJECT_CHECKS", Registry("project check"))
    seen: list[CheckEnv] = []

    def judge_alone(exchange: Exchange, env: CheckEnv) -> bool:
        seen.append(env)
        return True

    def may_probe(exchange: Exchange, env: CheckEnv) -> bool:
        seen.append(env)
        return True

    passive = project_check()(judge_alone)
    probing = project_check(probing=True)(may_probe)
    assert not _registry.PROJECT_CHECKS["judge_alone"].metadata.probing
    assert _registry.PROJECT_CHECKS["may_probe"].metadata.probing

    def fetch(method: str, url: str, **kwargs: Any) -> Fetched:
        raise AssertionError("no follow-up expected")

    full = CheckEnv(
        facts=spec_facts("contact"),
        base_url="http://x/v1",
        fetch=fetch,
        advance_clock=lambda seconds: None,
        upload=lambda url, form, data: 204,
        defer=lambda exchange, check, follow_up: None,
    )
    exchange = Exchange(
        api="contact",
        operation=None,
        method="GET",
        url="http://x/v1/contact/id%3A1/message/list",
        path_params={},
        request_headers={},
        request_body=NOT_JSON,
        status=200,
        headers={},
        body=NOT_JSON,
    )
    assert passive(exchange, full)
    assert probing(exchange, full)
    alone, whole = seen
    assert (alone.fetch, alone.upload, alone.advance_clock, alone.defer) == (None,) * 4
    assert whole is full
    assert _registry.PROJECT_CHECKS["judge_alone"].function is passive
    assert _registry.PROJECT_CHECKS["judge_alone"].metadata.function is passive


def test_checks_that_send_follow_ups_say_so() -> None:
    probing = {entry.name for entry in PROJECT_CHECKS if entry.metadata.probing}
    assert probing == {
        "identifier_formats",
        "paging_walk",
        "send_then_get",
        "channel_send_rules",
        "presigned_upload",
        "status_timeline",
        "auth_enforced",
        "date_time_boundaries",
        "payload_nesting",
        "unknown_ids",
        "paging_links",
        "foreign_media",
        "prose_rules",
    }
