"""Each project check rejects a response that breaks its rule and accepts one that keeps it."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from aelyst_contract.fuzz._api_rules import RULE_CHECKS
from aelyst_contract.fuzz._checks import (
    MALFORMED,
    UNSURE,
    VALID,
    auth_enforced,
    channel_send_rules,
    classify_contact_identifier,
    classify_uuid,
    date_time_boundaries,
    enums_within_spec,
    error_body_format,
    foreign_media,
    identifier_formats,
    limit_bounds,
    paging_links,
    paging_walk,
    payload_nesting,
    presigned_upload,
    prose_rules,
    rate_limit_headers,
    send_then_get,
    status_timeline,
    unknown_ids,
)
from aelyst_contract.fuzz._edge_values import UNKNOWN_INTEGER_ID, UNKNOWN_UUID, nesting_depth
from aelyst_contract.fuzz._exchange import (
    NOT_JSON,
    CheckEnv,
    CheckFailed,
    Exchange,
    Fetched,
    NotExercisedError,
)
from aelyst_contract.fuzz._identifier_forms import well_formed_identifiers
from aelyst_contract.fuzz._rule_probes import rule_probes
from aelyst_contract.fuzz._spec_facts import ApiName, spec_facts

CONTACT = "http://127.0.0.1:9/v1"
CHANNEL = "http://127.0.0.1:9"
WS = "1f0e2d3c-4b5a-4968-8776-655443322110"
CH = "00c0ffee-0000-0000-0000-000000000001"
MSG = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"
RATE = {"x-ratelimit-limit": "100", "x-ratelimit-remaining": "99"}


def env(api: ApiName, fetch: Any = None, **kwargs: Any) -> CheckEnv:
    return CheckEnv(
        facts=spec_facts(api),
        base_url=CONTACT if api == "contact" else CHANNEL,
        fetch=fetch,
        **kwargs,
    )


def contact(
    operation_id: str,
    *,
    identifier: str = "id:123",
    query: str = "",
    status: int = 200,
    body: Any = NOT_JSON,
    headers: Mapping[str, str] | None = None,
    method: str | None = None,
    request_body: Any = NOT_JSON,
    message_id: str = "1",
) -> Exchange:
    operation = spec_facts("contact").operations[operation_id]
    path = operation.path.replace("{identifier}", quote(identifier, safe=""))
    path = path.replace("{messageId}", message_id)
    params = {"identifier": identifier}
    if "{messageId}" in operation.path:
        params["messageId"] = message_id
    return Exchange(
        api="contact",
        operation=operation,
        method=method or operation.method,
        url=f"{CONTACT}{path}{'?' + query if query else ''}",
        path_params=params,
        request_headers={"authorization": "Bearer t"},
        request_body=request_body,
        status=status,
        headers=dict(RATE if headers is None else headers),
        body=body,
    )


def channel(
    operation_id: str,
    *,
    workspace: str = WS,
    channel_id: str = CH,
    message_id: str = MSG,
    query: str = "",
    status: int = 200,
    body: Any = NOT_JSON,
    headers: Mapping[str, str] | None = None,
    request_body: Any = NOT_JSON,
) -> Exchange:
    operation = spec_facts("channel").operations[operation_id]
    values = {"workspaceId": workspace, "channelId": channel_id, "messageId": message_id}
    path = operation.path
    params = {}
    for name, value in values.items():
        if "{" + name + "}" in path:
            path = path.replace("{" + name + "}", quote(value, safe=""))
            params[name] = value
    return Exchange(
        api="channel",
        operation=operation,
        method=operation.method,
        url=f"{CHANNEL}{path}{'?' + query if query else ''}",
        path_params=params,
        request_headers={"authorization": "AccessKey k"},
        request_body=request_body,
        status=status,
        headers=dict(headers or {}),
        body=body,
    )


def contact_message(message_id: int, **extra: Any) -> dict[str, Any]:
    return {
        "messageId": message_id,
        "contactId": 123,
        "channelId": 0,
        "traffic": "outgoing",
        "message": {"type": "text", "text": "hi"},
        **extra,
    }


def channel_message(**extra: Any) -> dict[str, Any]:
    return {
        "id": MSG,
        "channelId": CH,
        "receiver": {"contacts": [{"id": MSG}]},
        "status": "accepted",
        "direction": "outgoing",
        "lastStatusAt": "2026-11-22T10:00:00Z",
        "createdAt": "2026-11-22T10:00:00Z",
        "updatedAt": "2026-11-22T10:00:00Z",
        **extra,
    }


class FakeTarget:
    """A `Fetch` answering from a table of (method, url) -> Fetched, recording every call."""

    def __init__(self, answers: Mapping[tuple[str, str], Fetched] | None = None) -> None:
        self.answers = dict(answers or {})
        self.calls: list[tuple[str, str, str | None, bool]] = []
        self.default = Fetched(status=404, headers={}, body={"code": 404, "message": "NOT_FOUND"})

    def __call__(
        self,
        method: str,
        url: str,
        *,
        replace_auth: bool = False,
        authorization: str | None = None,
        json_body: Any = None,
        wait_on_429: bool = True,
    ) -> Fetched:
        self.calls.append((method, url, authorization, replace_auth))
        return self.answers.get((method, url), self.default)


# --- identifier formats ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "verdict"),
    [
        ("id:123", VALID),
        ("email:abdc@gmail.com", VALID),
        ("phone:+60121233112", VALID),
        ("phone: 60121233112", MALFORMED),
        ("id:", MALFORMED),
        ("id:12a", MALFORMED),
        ("email:no-at-sign", MALFORMED),
        ("fax:+60121233112", MALFORMED),
        ("phone:+1999", UNSURE),  # the spec's syntax, but no real number
        ("email:a@b..c", UNSURE),
        ("email:a\x1eb@example.com", UNSURE),  # JSON Schema's \s is not Python's
        ("email:a b@example.com", MALFORMED),
    ],
)
def test_contact_identifiers_are_classified(value: str, verdict: str) -> None:
    assert classify_contact_identifier(value) == verdict


def test_uuids_are_classified() -> None:
    assert classify_uuid(WS) == VALID
    assert classify_uuid("not-a-uuid") == MALFORMED
    assert classify_uuid(WS.upper()) == UNSURE


def test_identifier_check_rejects_a_malformed_identifier_answered_200() -> None:
    exchange = contact("listMessages", identifier="phone:abc", body={"items": []})
    with pytest.raises(CheckFailed, match="malformed identifier"):
        identifier_formats(exchange, env("contact"))


def test_identifier_check_rejects_a_malformed_uuid_answered_404() -> None:
    exchange = channel("listChannelMessages", workspace="nope", status=404)
    with pytest.raises(CheckFailed, match="malformed workspaceId"):
        identifier_formats(exchange, env("channel"))


def test_identifier_check_rejects_a_valid_phone_refused_with_400() -> None:
    body = {"code": 400, "message": "identifier is not a phone number"}
    exchange = contact("listMessages", identifier="phone:+60121233112", status=400, body=body)
    with pytest.raises(CheckFailed, match="valid identifier"):
        identifier_formats(exchange, env("contact"))


def test_identifier_check_accepts_400_for_malformed_and_404_for_unknown() -> None:
    bad = contact("listMessages", identifier="id:x", status=400, body={"code": 400, "message": "m"})
    unknown = contact("listMessages", identifier="id:99999", status=404)
    identifier_formats(bad, env("contact"))
    identifier_formats(unknown, env("contact"))


def test_identifier_check_accepts_400_about_the_body_of_a_valid_send() -> None:
    body = {"code": 400, "message": "Validation error: message is required"}
    exchange = contact("sendMessage", identifier="id:123", status=400, body=body)
    identifier_formats(exchange, env("contact"))


def _forms_target(refused: str | None = None, status: int = 400) -> FakeTarget:
    """Every read of an unknown message is a 404 and every list a page, except for `refused`,
    which gets `status` on both."""
    fake = FakeTarget()
    for identifier in well_formed_identifiers():
        base = f"{CONTACT}/contact/{quote(identifier, safe='')}/message"
        odd = identifier == refused
        fake.answers[("GET", f"{base}/list")] = Fetched(status if odd else 200, RATE, {})
        fake.answers[("GET", f"{base}/999999999999")] = Fetched(status if odd else 404, RATE, {})
    return fake


@pytest.mark.parametrize(
    ("identifier", "status"),
    [
        ("id:999999999999999999", 500),
        ('email:"john.doe"@example.com', 400),
        (next(i for i in well_formed_identifiers() if i.startswith("phone:")), 400),
    ],
)
def test_identifier_probe_rejects_a_well_formed_identifier_refused(
    identifier: str, status: int
) -> None:
    assert identifier in well_formed_identifiers()
    exchange = contact("listMessages", body={"items": []})
    with pytest.raises(CheckFailed, match=f"well-formed {re.escape(identifier)} answered {status}"):
        identifier_formats(exchange, env("contact", _forms_target(identifier, status)))


def test_identifier_probe_sends_every_form_once_a_run() -> None:
    exchange = contact("listMessages", body={"items": []})
    fine = _forms_target()
    checks = env("contact", fine)
    identifier_formats(exchange, checks)
    identifier_formats(exchange, checks)
    sent = {url for _, url, _, _ in fine.calls}
    assert len(fine.calls) == len(sent)  # once a run, not once a case
    for identifier in well_formed_identifiers():
        assert f"{CONTACT}/contact/{quote(identifier, safe='')}/message/999999999999" in sent


# --- limit ------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["51", "0", "-1", "1.5", "abc", "9999999999"])
def test_limit_check_rejects_out_of_range_limits_that_are_not_400(limit: str) -> None:
    exchange = contact("listMessages", query=f"limit={limit}", body={"items": []})
    with pytest.raises(CheckFailed, match="limit"):
        limit_bounds(exchange, env("contact"))


def test_limit_check_rejects_a_page_longer_than_its_limit() -> None:
    body = {"items": [contact_message(i) for i in range(1, 4)], "pagination": {}}
    exchange = contact("listMessages", query="limit=2", body=body)
    with pytest.raises(CheckFailed, match="returned 3 items"):
        limit_bounds(exchange, env("contact"))


def test_limit_check_uses_the_channel_specs_bound() -> None:
    over = channel("listWorkspaceMessages", query="limit=101", body={"results": []})
    with pytest.raises(CheckFailed):
        limit_bounds(over, env("channel"))
    limit_bounds(
        channel("listWorkspaceMessages", query="limit=100", body={"results": []}), env("channel")
    )


def test_limit_check_accepts_400_for_51_and_200_for_50() -> None:
    limit_bounds(contact("listMessages", query="limit=51", status=400), env("contact"))
    limit_bounds(contact("listMessages", query="limit=50", body={"items": []}), env("contact"))


# --- enums ------------------------------------------------------------------------------------


def test_enum_check_rejects_a_status_outside_the_enum() -> None:
    message = contact_message(1, status=[{"value": "queued", "timestamp": 1}])
    with pytest.raises(CheckFailed, match="queued"):
        enums_within_spec(contact("getMessage", body=message), env("contact"))


def test_enum_check_rejects_traffic_and_channel_status_outside_the_enum() -> None:
    with pytest.raises(CheckFailed, match="sideways"):
        enums_within_spec(
            contact("getMessage", body=contact_message(1, traffic="sideways")), env("contact")
        )
    with pytest.raises(CheckFailed, match="queued"):
        enums_within_spec(
            channel("getChannelMessage", body=channel_message(status="queued")), env("channel")
        )


def test_enum_check_rejects_an_unknown_message_type_in_a_list() -> None:
    body = {"items": [contact_message(1, message={"type": "fax", "text": "x"})], "pagination": {}}
    with pytest.raises(CheckFailed, match="fax"):
        enums_within_spec(contact("listMessages", body=body), env("contact"))


def test_enum_check_accepts_every_value_the_spec_lists() -> None:
    statuses = [{"value": v, "timestamp": 1} for v in ("pending", "sent", "delivered", "read")]
    enums_within_spec(
        contact("getMessage", body=contact_message(1, status=statuses)), env("contact")
    )
    enums_within_spec(
        channel("getChannelMessage", body=channel_message(status="delivered")), env("channel")
    )


# --- error bodies -----------------------------------------------------------------------------


def test_error_body_check_rejects_a_contact_code_that_differs_from_the_status() -> None:
    exchange = contact("getMessage", status=404, body={"code": 400, "message": "NOT_FOUND"})
    with pytest.raises(CheckFailed, match="differs"):
        error_body_format(exchange, env("contact"))


def test_error_body_check_rejects_missing_message_and_non_json() -> None:
    with pytest.raises(CheckFailed, match="no message"):
        error_body_format(contact("getMessage", status=404, body={"code": 404}), env("contact"))
    with pytest.raises(CheckFailed, match="no JSON"):
        error_body_format(contact("getMessage", status=405, body=NOT_JSON), env("contact"))


def test_error_body_check_rejects_a_channel_code_that_is_not_the_statuses() -> None:
    exchange = channel(
        "getChannelMessage", status=404, body={"code": "InvalidRequest", "message": "m"}
    )
    with pytest.raises(CheckFailed, match="expected 'NotFound'"):
        error_body_format(exchange, env("channel"))
    integer = channel("getChannelMessage", status=404, body={"code": 404, "message": "m"})
    with pytest.raises(CheckFailed, match="not a non-empty string"):
        error_body_format(integer, env("channel"))


def test_error_body_check_accepts_each_apis_format() -> None:
    error_body_format(
        contact("getMessage", status=404, body={"code": 404, "message": "NOT_FOUND"}),
        env("contact"),
    )
    error_body_format(
        channel("getChannelMessage", status=404, body={"code": "NotFound", "message": "m"}),
        env("channel"),
    )
    error_body_format(contact("getMessage", status=200, body=contact_message(1)), env("contact"))


# --- rate-limit headers -----------------------------------------------------------------------


def test_rate_limit_check_rejects_a_429_without_retry_after() -> None:
    exchange = channel(
        "listWorkspaceMessages",
        status=429,
        headers={"x-ratelimit-limit": "5", "x-ratelimit-remaining": "0"},
    )
    with pytest.raises(CheckFailed, match="retry-after"):
        rate_limit_headers(exchange, env("channel"))


def test_rate_limit_check_rejects_a_negative_retry_after() -> None:
    headers = {**RATE, "retry-after": "-1"}
    with pytest.raises(CheckFailed, match="not a non-negative integer"):
        rate_limit_headers(contact("getMessage", status=429, headers=headers), env("contact"))


def test_rate_limit_check_rejects_a_429_that_says_requests_remain() -> None:
    headers = {**RATE, "retry-after": "1"}
    with pytest.raises(CheckFailed, match="99 requests remain"):
        rate_limit_headers(contact("getMessage", status=429, headers=headers), env("contact"))


def test_rate_limit_check_rejects_missing_declared_headers_on_a_200() -> None:
    with pytest.raises(CheckFailed, match="x-ratelimit-limit"):
        rate_limit_headers(contact("getMessage", headers={}), env("contact"))


def test_rate_limit_check_accepts_complete_headers_and_a_bare_401() -> None:
    exhausted = {**RATE, "x-ratelimit-remaining": "0", "retry-after": "0"}
    assert rate_limit_headers(contact("getMessage", status=429, headers=exhausted), env("contact"))
    rate_limit_headers(contact("getMessage", status=401, headers={}), env("contact"))
    rate_limit_headers(channel("getChannelMessage", headers={}), env("channel"))


# --- paging -----------------------------------------------------------------------------------


def _contact_pages(
    ids: list[int], size: int, skip_first_of_later_pages: bool = False
) -> FakeTarget:
    """A fake contact list of `ids`, oldest first, with absolute next/previous links."""
    base = f"{CONTACT}/contact/id%3A123/message/list"
    answers = {("GET", f"{base}?limit=50"): _page(ids, "", "")}
    pages = [ids[i : i + size] for i in range(0, len(ids), size)]
    for index, page in enumerate(pages):
        shown = page[1:] if skip_first_of_later_pages and index > 0 else page
        cursor = f"limit={size}" if index == 0 else f"limit={size}&cursorId={pages[index - 1][-1]}"
        next_url = f"{base}?limit={size}&cursorId={page[-1]}" if index < len(pages) - 1 else ""
        previous = f"{base}?limit={size}&cursorId=-{page[0]}" if index > 0 else ""
        answers[("GET", f"{base}?{cursor}")] = _page(shown, next_url, previous)
        if index < len(pages) - 1:
            answers[("GET", f"{base}?limit={size}&cursorId=-{pages[index + 1][0]}")] = _page(
                page, "", ""
            )
    return FakeTarget(answers)


def _page(ids: list[int], next_url: str, previous: str) -> Fetched:
    body = {
        "items": [contact_message(i) for i in ids],
        "pagination": {"next": next_url, "previous": previous},
    }
    return Fetched(status=200, headers=RATE, body=body)


def test_paging_check_rejects_a_walk_that_skips_items() -> None:
    fake = _contact_pages([1, 2, 3, 4, 5, 6, 7], 2, skip_first_of_later_pages=True)
    exchange = contact(
        "listMessages", body={"items": [], "pagination": {"next": "", "previous": ""}}
    )
    with pytest.raises(CheckFailed, match="missing"):
        paging_walk(exchange, env("contact", fake))


def test_short_lists_do_not_use_up_the_walks() -> None:
    """A run whose first lists are too short to walk still walks a longer one later (a contact-only
    run once missed `paging-skips-item` this way)."""
    exchange = contact(
        "listMessages", body={"items": [], "pagination": {"next": "", "previous": ""}}
    )
    shared = env("contact", _contact_pages([1, 2], 2))
    for _ in range(10):
        paging_walk(exchange, shared)
    shared.fetch = _contact_pages([1, 2, 3, 4, 5, 6, 7], 2, skip_first_of_later_pages=True)
    with pytest.raises(CheckFailed, match="missing"):
        paging_walk(exchange, shared)


def test_paging_check_rejects_duplicates() -> None:
    fake = _contact_pages([1, 2, 3, 4, 5], 2)
    base = f"{CONTACT}/contact/id%3A123/message/list"
    fake.answers[("GET", f"{base}?limit=2&cursorId=2")] = _page(
        [2, 3], f"{base}?limit=2&cursorId=4", "x"
    )
    exchange = contact(
        "listMessages", body={"items": [], "pagination": {"next": "", "previous": ""}}
    )
    with pytest.raises(CheckFailed, match="more than once"):
        paging_walk(exchange, env("contact", fake))


_EMPTY_LIST = {"items": [], "pagination": {"next": "", "previous": ""}}


class _GrowingList(FakeTarget):
    """A correct keyset-paged list to which another writer adds a message after the first read
    of the big page: every later read of it shows the new one at the head."""

    def __init__(self) -> None:
        # What the walk sees when a new message pushed one item across each page boundary.
        super().__init__(_contact_pages([1, 2, 3, 4, 5, 6, 7], 2, True).answers)
        self.big = f"{CONTACT}/contact/id%3A123/message/list?limit=50"
        self.big_reads = 0

    def __call__(self, method: str, url: str, **kwargs: Any) -> Fetched:
        if (method, url) == ("GET", self.big):
            self.big_reads += 1
            if self.big_reads > 1:
                self.calls.append((method, url, None, False))
                return _page([0, 1, 2, 3, 4, 5, 6, 7], "", "")
        return super().__call__(method, url, **kwargs)


def test_paging_check_does_not_judge_a_walk_while_another_writer_changes_the_list() -> None:
    fake = _GrowingList()
    exchange = contact("listMessages", body=_EMPTY_LIST)
    with pytest.raises(NotExercisedError, match="list changed while it was walked"):
        paging_walk(exchange, env("contact", fake))
    assert fake.big_reads == 2


def test_paging_check_still_fails_a_skipping_walk_when_the_list_held_still() -> None:
    fake = _contact_pages([1, 2, 3, 4, 5, 6, 7], 2, skip_first_of_later_pages=True)
    with pytest.raises(CheckFailed, match="missing"):
        paging_walk(contact("listMessages", body=_EMPTY_LIST), env("contact", fake))
    big = ("GET", f"{CONTACT}/contact/id%3A123/message/list?limit=50", None, False)
    assert fake.calls.count(big) == 2  # read again to rule out another writer


def _pages_whose_first_next_is(link: str) -> FakeTarget:
    """Five messages in pages of two, the first page's `next` replaced by `link`."""
    fake = _contact_pages([1, 2, 3, 4, 5], 2)
    base = f"{CONTACT}/contact/id%3A123/message/list"
    fake.answers[("GET", f"{base}?limit=2")] = _page([1, 2], link, "")
    return fake


def test_paging_check_rejects_a_next_link_to_another_host_and_never_follows_it() -> None:
    fake = _pages_whose_first_next_is("https://evil.example/steal")
    with pytest.raises(CheckFailed, match=r"another host, evil\.example"):
        paging_walk(contact("listMessages", body=_EMPTY_LIST), env("contact", fake))
    assert all("evil" not in url for _, url, _, _ in fake.calls)


def test_paging_check_leaves_a_link_outside_the_base_path_or_to_an_allowed_host_unjudged() -> None:
    """The spec's own example `next` drops `/v1`; a host the profile names may be the
    service's own. Neither is followed (credentials stay under the base URL)."""
    for link, allowed in (
        ("http://127.0.0.1:9/contact/id%3A123/message/list?cursorId=2", set()),
        ("https://api2.example.com/v1/contact/id%3A123/message/list", {"api2.example.com"}),
    ):
        fake = _pages_whose_first_next_is(link)
        checks = env(
            "contact", fake, host_allowed=lambda url, a=allowed: urlsplit(url).hostname in a
        )
        with pytest.raises(NotExercisedError, match="outside the base URL"):
            paging_walk(contact("listMessages", body=_EMPTY_LIST), checks)
        assert all(url != link for _, url, _, _ in fake.calls)


def test_paging_check_rejects_a_next_link_that_is_not_an_absolute_url() -> None:
    fake = _pages_whose_first_next_is("?cursorId=2&limit=2")
    with pytest.raises(CheckFailed, match="not an absolute URL"):
        paging_walk(contact("listMessages", body=_EMPTY_LIST), env("contact", fake))


def test_paging_check_accepts_a_correct_list_and_previous_goes_back() -> None:
    fake = _contact_pages([1, 2, 3, 4, 5, 6, 7], 2)
    exchange = contact(
        "listMessages", body={"items": [], "pagination": {"next": "", "previous": ""}}
    )
    paging_walk(exchange, env("contact", fake))
    assert any("cursorId=-3" in url for _, url, _, _ in fake.calls)


def test_paging_check_walks_channel_page_tokens() -> None:
    base = f"{CHANNEL}/workspaces/{WS}/messages"
    ids = [f"m{i}" for i in range(5)]

    def page(chunk: list[str], token: str | None) -> Fetched:
        body: dict[str, Any] = {"results": [channel_message(id=i) for i in chunk]}
        if token:
            body["nextPageToken"] = token
        return Fetched(status=200, headers={}, body=body)

    good = FakeTarget(
        {
            ("GET", f"{base}?limit=100"): page(ids, None),
            ("GET", f"{base}?limit=2"): page(ids[:2], "t1"),
            ("GET", f"{base}?limit=2&pageToken=t1"): page(ids[2:4], "t2"),
            ("GET", f"{base}?limit=2&pageToken=t2"): page(ids[4:], None),
        }
    )
    exchange = channel("listWorkspaceMessages", body={"results": []})
    paging_walk(exchange, env("channel", good))
    good.answers[("GET", f"{base}?limit=2&pageToken=t1")] = page(ids[3:4], "t2")
    with pytest.raises(CheckFailed, match="missing"):
        paging_walk(exchange, env("channel", good))


# --- send then get ----------------------------------------------------------------------------


def _sent_contact(text: str = "hello", channel_id: int | None = 1) -> Exchange:
    return contact(
        "sendMessage",
        body={"messageId": 7},
        request_body={"channelId": channel_id, "message": {"type": "text", "text": text}},
    )


def _stored(text: str, channel_id: int) -> Fetched:
    body = contact_message(7, channelId=channel_id, message={"type": "text", "text": text})
    return Fetched(status=200, headers=RATE, body=body)


GET_7 = ("GET", f"{CONTACT}/contact/id%3A123/message/7")


def test_send_then_get_rejects_a_sent_message_that_cannot_be_read() -> None:
    with pytest.raises(CheckFailed, match="answered 404"):
        send_then_get(_sent_contact(), env("contact", FakeTarget()))


def test_send_then_get_rejects_changed_text_or_channel() -> None:
    with pytest.raises(CheckFailed, match="text"):
        send_then_get(_sent_contact(), env("contact", FakeTarget({GET_7: _stored("HELLO", 1)})))
    with pytest.raises(CheckFailed, match="channel"):
        send_then_get(_sent_contact(), env("contact", FakeTarget({GET_7: _stored("hello", 2)})))


def test_send_then_get_accepts_what_was_sent() -> None:
    send_then_get(_sent_contact(), env("contact", FakeTarget({GET_7: _stored("hello", 1)})))


def test_send_then_get_rejects_tags_not_lower_cased_on_the_channel_api() -> None:
    sent = {
        "receiver": {"contacts": [{"id": MSG}]},
        "body": {"type": "text", "text": {"text": "x"}},
        "tags": ["Promo"],
    }
    stored = channel_message(body=sent["body"], tags=["Promo"])
    exchange = channel("sendChannelMessage", status=202, body=stored, request_body=sent)
    fake = FakeTarget(
        {
            ("GET", f"{CHANNEL}/workspaces/{WS}/channels/{CH}/messages/{MSG}"): Fetched(
                200, {}, stored
            )
        }
    )
    with pytest.raises(CheckFailed, match="tags"):
        send_then_get(exchange, env("channel", fake))
    lowered = channel_message(body=sent["body"], tags=["promo"])
    exchange = channel("sendChannelMessage", status=202, body=lowered, request_body=sent)
    fake = FakeTarget(
        {
            ("GET", f"{CHANNEL}/workspaces/{WS}/channels/{CH}/messages/{MSG}"): Fetched(
                200, {}, lowered
            )
        }
    )
    send_then_get(exchange, env("channel", fake))


# --- status timeline --------------------------------------------------------------------------


def test_timeline_rejects_decreasing_timestamps() -> None:
    statuses = [{"value": "sent", "timestamp": 20}, {"value": "pending", "timestamp": 10}]
    with pytest.raises(CheckFailed, match="earlier"):
        status_timeline(
            contact("getMessage", body=contact_message(1, status=statuses)), env("contact")
        )


def test_timeline_rejects_going_back_from_delivered_to_sent() -> None:
    statuses = [{"value": "delivered", "timestamp": 10}, {"value": "sent", "timestamp": 10}]
    with pytest.raises(CheckFailed, match="back"):
        status_timeline(
            contact("getMessage", body=contact_message(1, status=statuses)), env("contact")
        )


def test_timeline_rejects_a_channel_message_that_regresses_over_time() -> None:
    sent = {
        "receiver": {"contacts": [{"id": MSG}]},
        "body": {"type": "text", "text": {"text": "x"}},
    }
    url = f"{CHANNEL}/workspaces/{WS}/channels/{CH}/messages/{MSG}"
    answers = iter([channel_message(status="delivered"), channel_message(status="processing")])

    class Changing(FakeTarget):
        def __call__(self, method: str, url: str, **kwargs: Any) -> Fetched:
            return Fetched(200, {}, next(answers))

    clock: list[int] = []
    exchange = channel("sendChannelMessage", status=202, body=channel_message(), request_body=sent)
    with pytest.raises(CheckFailed, match="went back from 'delivered' to 'processing'"):
        status_timeline(exchange, env("channel", Changing(), advance_clock=clock.append))
    assert clock == [3600]
    assert url.endswith(MSG)


def test_timeline_accepts_an_orderly_history() -> None:
    statuses = [
        {"value": v, "timestamp": t}
        for v, t in (("pending", 1), ("sent", 1), ("delivered", 5), ("read", 9))
    ]
    status_timeline(contact("getMessage", body=contact_message(1, status=statuses)), env("contact"))


# --- auth -------------------------------------------------------------------------------------


def test_auth_check_rejects_data_read_without_credentials() -> None:
    exchange = contact("getMessage", body=contact_message(1))
    fake = FakeTarget()
    fake.default = Fetched(200, RATE, contact_message(1))
    creds = {"missing": None, "garbled": "Bearer zzz"}
    with pytest.raises(CheckFailed, match="missing"):
        auth_enforced(exchange, env("contact", fake, foreign_credentials=creds))


def test_auth_check_rejects_another_workspaces_key() -> None:
    exchange = channel("getChannelMessage", body=channel_message())
    url = exchange.url

    class Leaky(FakeTarget):
        def __call__(
            self, method: str, url: str, *, authorization: str | None = None, **kw: Any
        ) -> Fetched:
            self.calls.append((method, url, authorization, True))
            if authorization == "AccessKey other":
                return Fetched(200, {}, channel_message())
            return Fetched(401, {}, {"code": "Unauthorized", "message": "m"})

    creds = {"missing": None, "other-workspace": "AccessKey other"}
    fake = Leaky()
    with pytest.raises(CheckFailed, match="other-workspace"):
        auth_enforced(exchange, env("channel", fake, foreign_credentials=creds))
    assert [call[1] for call in fake.calls] == [url, url]


def test_auth_check_accepts_refusals_and_skips_writes_in_read_only_mode() -> None:
    exchange = contact("getMessage", body=contact_message(1))
    fake = FakeTarget()
    fake.default = Fetched(401, {}, {"code": 401, "message": "UN_AUTHORIZED"})
    auth_enforced(exchange, env("contact", fake, foreign_credentials={"missing": None}))
    assert fake.calls == [("GET", exchange.url, None, True)]
    read_only = env(
        "contact", FakeTarget(), foreign_credentials={"missing": None}, allow_writes=False
    )
    auth_enforced(_sent_contact(), read_only)
    assert read_only.fetch.calls == []  # type: ignore[union-attr]


# --- channel send rules -----------------------------------------------------------------------

TEXT_SEND = {
    "receiver": {"contacts": [{"id": MSG}]},
    "body": {"type": "text", "text": {"text": "x"}},
}


def test_send_rules_reject_the_wrong_default_validity_on_a_2fa_channel() -> None:
    exchange = channel(
        "sendChannelMessage",
        status=202,
        body=channel_message(validity=129600),
        request_body=TEXT_SEND,
    )
    with pytest.raises(CheckFailed, match="expected 600"):
        channel_send_rules(exchange, env("channel", channel_two_factor={CH: True}))
    fine = channel(
        "sendChannelMessage", status=202, body=channel_message(validity=600), request_body=TEXT_SEND
    )
    assert channel_send_rules(fine, env("channel", channel_two_factor={CH: True}))
    # Not a 2FA channel: 129600 is right, and 600 is wrong.
    assert channel_send_rules(exchange, env("channel", channel_two_factor={CH: False}))
    with pytest.raises(CheckFailed, match="expected 129600"):
        channel_send_rules(fine, env("channel", channel_two_factor={CH: False}))
    # A channel the target does not describe: the default cannot be judged either way.
    assert not channel_send_rules(exchange, env("channel"))
    assert not channel_send_rules(fine, env("channel"))


def test_send_rules_reject_a_message_scheduled_days_ahead_that_is_not_scheduled() -> None:
    sent = {**TEXT_SEND, "scheduledFor": "2026-11-25T10:00:00Z"}
    early = channel(
        "sendChannelMessage", status=202, body=channel_message(status="accepted"), request_body=sent
    )
    with pytest.raises(CheckFailed, match="scheduled"):
        channel_send_rules(early, env("channel"))
    waiting = channel(
        "sendChannelMessage",
        status=202,
        body=channel_message(status="scheduled"),
        request_body=sent,
    )
    channel_send_rules(waiting, env("channel"))
    soon = {**TEXT_SEND, "scheduledFor": "2026-11-22T10:05:00Z"}  # within 10 minutes: may send now
    channel_send_rules(
        channel(
            "sendChannelMessage",
            status=202,
            body=channel_message(status="accepted"),
            request_body=soon,
        ),
        env("channel"),
    )


def test_send_rules_probe_a_2fa_channel_once_per_run() -> None:
    two_fa = "00c0ffee-0000-0000-0000-00000000000a"
    url = f"{CHANNEL}/workspaces/{WS}/channels/{two_fa}/messages"
    wrong = FakeTarget({("POST", url): Fetched(202, {}, channel_message(validity=129600))})
    exchange = channel(
        "sendChannelMessage", status=202, body=channel_message(), request_body=TEXT_SEND
    )
    with pytest.raises(CheckFailed, match="2FA"):
        channel_send_rules(exchange, env("channel", wrong, channel_two_factor={two_fa: True}))
    right = FakeTarget({("POST", url): Fetched(202, {}, channel_message(validity=600))})
    checks = env("channel", right, channel_two_factor={two_fa: True})
    channel_send_rules(exchange, checks)
    channel_send_rules(exchange, checks)
    assert [call[:2] for call in right.calls] == [("POST", url)]


# --- presigned uploads ------------------------------------------------------------------------

UPLOAD = {
    "mediaUrl": f"{CHANNEL}/_media/x",
    "uploadUrl": f"{CHANNEL}/_uploads",
    "uploadMethod": "POST",
    "uploadFormData": {"key": "k", "Content-Type": "image/png", "policy": "p", "signature": "s1"},
}


def _uploader(accept_tampered: bool) -> tuple[list[Mapping[str, str]], Any]:
    forms: list[Mapping[str, str]] = []

    def upload(url: str, form: Mapping[str, str], content: bytes) -> int:
        forms.append(form)
        genuine = form == UPLOAD["uploadFormData"]
        return 204 if genuine or accept_tampered else 403

    return forms, upload


def test_upload_check_rejects_a_server_that_accepts_a_tampered_signature() -> None:
    exchange = channel(
        "createPresignedUpload", body=UPLOAD, request_body={"contentType": "image/png"}
    )
    forms, upload = _uploader(accept_tampered=True)
    with pytest.raises(CheckFailed, match="tampered signature"):
        presigned_upload(exchange, env("channel", upload=upload, host_allowed=lambda url: True))
    assert forms[0]["signature"] != "s1"


def test_upload_check_accepts_a_server_that_checks_the_policy() -> None:
    exchange = channel(
        "createPresignedUpload", body=UPLOAD, request_body={"contentType": "image/png"}
    )
    forms, upload = _uploader(accept_tampered=False)
    assert presigned_upload(exchange, env("channel", upload=upload, host_allowed=lambda url: True))
    assert forms[-1] == UPLOAD["uploadFormData"]
    assert len(forms) == 3


def test_upload_check_never_posts_to_a_host_the_run_may_not_contact() -> None:
    elsewhere = {**UPLOAD, "uploadUrl": "https://uploads.example.com/bucket"}
    exchange = channel(
        "createPresignedUpload", body=elsewhere, request_body={"contentType": "image/png"}
    )
    forms, upload = _uploader(accept_tampered=True)
    allowed = {"127.0.0.1:9"}
    checks = env("channel", upload=upload, host_allowed=lambda url: urlsplit(url).netloc in allowed)
    with pytest.raises(NotExercisedError, match=r"uploads\.example\.com, not an allowed host"):
        presigned_upload(exchange, checks)
    assert forms == []


def test_paging_links_of_even_a_one_item_page_stay_on_the_api_host() -> None:
    item = contact_message(1)
    off_host = {
        "next": "https://elsewhere.example/v1/contact/id%3A123/message/list",
        "previous": "",
    }
    exchange = contact("listMessages", body={"items": [item], "pagination": off_host})
    with pytest.raises(CheckFailed, match=r"pagination\.next points at another host"):
        paging_walk(exchange, env("contact"))  # no follow-ups needed to see it
    here = {"next": f"{CONTACT}/contact/id%3A123/message/list?cursorId=1&limit=1", "previous": ""}
    assert paging_walk(
        contact("listMessages", body={"items": [item], "pagination": here}), env("contact")
    )
    ends = {"next": "", "previous": ""}
    assert not paging_walk(
        contact("listMessages", body={"items": [item], "pagination": ends}), env("contact")
    )


# --- reaching the edges: scripted servers ------------------------------------------------------


Handler = Callable[[str, str, Any, "str | None"], Fetched]


class ScriptedServer:
    """A `Fetch` whose answers come from a function of (method, url, json body, authorization);
    like the real one, it refuses URLs outside the base URL."""

    def __init__(self, base_url: str, handler: Handler) -> None:
        self.base, self.handler = base_url, handler
        self.calls: list[tuple[str, str, Any]] = []

    def __call__(
        self,
        method: str,
        url: str,
        *,
        replace_auth: bool = False,
        authorization: str | None = None,
        json_body: Any = None,
        wait_on_429: bool = True,
    ) -> Fetched:
        parts, base = urlsplit(url), urlsplit(self.base)
        inside = (parts.scheme, parts.netloc) == (base.scheme, base.netloc)
        if not inside or not parts.path.startswith(base.path + "/"):
            raise CheckFailed(f"refusing to send credentials outside the base URL: {url!r}")
        self.calls.append((method, url, json_body))
        auth = authorization if replace_auth else "own"
        return self.handler(method, url, json_body, auth)


def answer(status: int, body: Any = None) -> Fetched:
    return Fetched(status=status, headers={}, body=NOT_JSON if body is None else body)


_STAMP = re.compile(
    r"^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|([+-])(\d\d):(\d\d))$"
)


def _instant(value: str) -> dt.datetime | None:
    """The UTC instant of an RFC 3339 stamp, None for a leap second; raises OverflowError
    outside years 1..9999 (what a careless server does with it)."""
    match = _STAMP.fullmatch(value)
    assert match is not None, value
    if match.group(6) == "60":
        return None
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    local = dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
    offset = dt.timedelta(0)
    if match.group(9):
        offset = dt.timedelta(hours=int(match.group(10)), minutes=int(match.group(11)))
        offset = offset if match.group(9) == "+" else -offset
    return local - offset  # OverflowError past either end


def _scheduling_server(*, overflow_500: bool = False, refuse_fractions: bool = False) -> Handler:
    def handle(method: str, url: str, body: Any, auth: str | None) -> Fetched:
        stamp = body["scheduledFor"]
        if refuse_fractions and "." in stamp:
            return answer(422, {"code": "InvalidPayload", "message": "no fractions"})
        try:
            moment = _instant(stamp)
        except OverflowError:
            if overflow_500:
                return answer(500, {"code": "InternalError", "message": "year out of range"})
            return answer(422, {"code": "InvalidPayload", "message": "out of range"})
        if moment is None or moment - dt.datetime.now(dt.UTC) > dt.timedelta(days=35):
            return answer(422, {"code": "InvalidPayload", "message": "scheduledFor"})
        return answer(202, channel_message())

    return handle


def _accepted_channel_send(**extra: Any) -> Exchange:
    created = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return channel(
        "sendChannelMessage",
        status=202,
        body=channel_message(createdAt=created),
        request_body={**TEXT_SEND, **extra},
    )


def test_date_time_boundaries_reject_a_valid_fractional_time_refused() -> None:
    fetch = ScriptedServer(CHANNEL, _scheduling_server(refuse_fractions=True))
    with pytest.raises(CheckFailed, match=r"'[^']*\.[0-9]+[^']*' .* expected it accepted with 202"):
        date_time_boundaries(_accepted_channel_send(), env("channel", fetch))


def test_date_time_boundaries_accept_a_server_that_keeps_the_rules_once_a_run() -> None:
    fetch = ScriptedServer(CHANNEL, _scheduling_server())
    checks = env("channel", fetch)
    assert date_time_boundaries(_accepted_channel_send(), checks)
    sent = [body["scheduledFor"] for _, _, body in fetch.calls]
    assert {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59-23:59", "2016-12-31T23:59:60Z"} <= set(
        sent
    )
    assert any(re.search(r"\.\d{9}\+05:30$", stamp) for stamp in sent)
    assert not date_time_boundaries(_accepted_channel_send(), checks)  # once a run
    assert len(fetch.calls) == len(sent)


def test_date_time_boundaries_count_the_window_from_the_servers_clock() -> None:
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)  # a server whose clock was advanced
    stamp = ahead.strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def server(method: str, url: str, body: Any, auth: str | None) -> Fetched:
        try:
            moment = _instant(body["scheduledFor"])
        except OverflowError:
            moment = None
        if moment is None or moment - ahead > dt.timedelta(days=35):
            return answer(422, {"code": "InvalidPayload", "message": "scheduledFor"})
        return answer(202, channel_message())

    exchange = channel(
        "sendChannelMessage",
        status=202,
        body=channel_message(createdAt=stamp),
        request_body=TEXT_SEND,
    )
    assert date_time_boundaries(exchange, env("channel", ScriptedServer(CHANNEL, server)))


def test_date_time_boundaries_need_a_date_time_field() -> None:
    fetch = ScriptedServer(CONTACT, lambda *_: answer(500))
    assert not date_time_boundaries(_sent_contact(), env("contact", fetch))
    assert fetch.calls == []


def _contact_store(*, handled_depth: int = 64, refuse_past: int | None = 64) -> Handler:
    """A contact API keeping sent messages; depths are of the whole body. `refuse_past` refuses
    deeper bodies with 400 (None: takes any); reading one deeper than `handled_depth` is a 500."""
    stored: dict[int, tuple[int, dict[str, Any]]] = {}

    def handle(  # noqa: PLR0911 (a fake server: one answer per case)
        method: str, url: str, body: Any, auth: str | None
    ) -> Fetched:
        path = urlsplit(url).path
        if method == "POST":
            if refuse_past is not None and nesting_depth(body) > refuse_past:
                return answer(400, {"code": 400, "message": "nested more than 64 levels deep"})
            message_id = len(stored) + 1
            message = contact_message(message_id, message=body["message"])
            stored[message_id] = (nesting_depth(body), message)
            return answer(200, {"messageId": message_id})
        if path.endswith("/list"):
            before = -int(parse_qs(urlsplit(url).query)["cursorId"][0])
            found = [entry for i, entry in sorted(stored.items()) if i < before][-1:]
            if any(depth > handled_depth for depth, _ in found):
                return answer(500, {"code": 500, "message": "Unexpected error occurred"})
            items = [message for _, message in found]
            return answer(200, {"items": items, "pagination": {"next": "", "previous": ""}})
        entry = stored.get(int(path.rsplit("/", 1)[1]))
        if entry is None:
            return answer(404, {"code": 404, "message": "NOT_FOUND"})
        if entry[0] > handled_depth:
            return answer(500, {"code": 500, "message": "Unexpected error occurred"})
        return answer(200, entry[1])

    return handle


CONTACT_CHANNELS = {"sms": 0, "whatsapp": 1, "facebook": 2, "telegram": 4, "email": 7}


def _nesting_env(fetch: ScriptedServer) -> CheckEnv:
    return env("contact", fetch, contact_channels=CONTACT_CHANNELS)


def test_payload_nesting_rejects_a_body_accepted_one_level_too_deep_then_unreadable() -> None:
    fetch = ScriptedServer(CONTACT, _contact_store(refuse_past=65))
    with pytest.raises(CheckFailed, match=r"nested 65 levels .* answered 200, expected it refused"):
        payload_nesting(_sent_contact(), _nesting_env(fetch))


def test_payload_nesting_rejects_a_server_that_refuses_the_depth_the_spec_allows() -> None:
    fetch = ScriptedServer(CONTACT, _contact_store(refuse_past=32))
    with pytest.raises(CheckFailed, match=r"nested 64 levels .* expected it accepted"):
        payload_nesting(_sent_contact(), _nesting_env(fetch))


def test_payload_nesting_rejects_a_body_at_the_limit_that_cannot_be_read_back() -> None:
    fetch = ScriptedServer(CONTACT, _contact_store(handled_depth=63))
    with pytest.raises(CheckFailed, match=r"nested 64 levels .* reading it answered 500"):
        payload_nesting(_sent_contact(), _nesting_env(fetch))


def test_payload_nesting_accepts_the_limit_read_back_and_a_refusal_past_it_once_a_run() -> None:
    fetch = ScriptedServer(CONTACT, _contact_store())
    checks = _nesting_env(fetch)
    assert payload_nesting(_sent_contact(), checks)
    sent = [nesting_depth(body) for method, _, body in fetch.calls if method == "POST"]
    assert sent == [64, 65, 128]
    assert all(body["channelId"] == 4 for m, _, body in fetch.calls if m == "POST")  # telegram
    reads = [urlsplit(url) for method, url, _ in fetch.calls if method == "GET"]
    assert [r.path.rsplit("/", 1)[1] for r in reads] == ["1", "list"]
    assert parse_qs(reads[1].query) == {"limit": ["1"], "cursorId": ["-2"]}
    assert not payload_nesting(_sent_contact(), checks)


def test_payload_nesting_needs_a_channel_that_takes_custom_payloads() -> None:
    checks = env("contact", ScriptedServer(CONTACT, _contact_store()), contact_channels={"sms": 0})
    with pytest.raises(NotExercisedError, match="custom_payload"):
        payload_nesting(_sent_contact(), checks)


def _reads(status_for_unknown: int = 404) -> Handler:
    def handle(method: str, url: str, body: Any, auth: str | None) -> Fetched:
        if any(unknown in url for unknown in (UNKNOWN_UUID, str(UNKNOWN_INTEGER_ID))):
            return answer(
                status_for_unknown,
                channel_message()
                if status_for_unknown == 200
                else {"code": "NotFound", "message": "x"},
            )
        return answer(200, channel_message())

    return handle


def test_unknown_ids_reject_an_unknown_message_id_answered_200() -> None:
    fetch = ScriptedServer(CHANNEL, _reads(200))
    with pytest.raises(CheckFailed, match=f"unknown messageId {UNKNOWN_UUID} answered 200"):
        unknown_ids(_accepted_channel_send(), env("channel", fetch))


@pytest.mark.parametrize("status", [400, 500])
def test_unknown_ids_reject_any_answer_but_404_on_each_path_parameter(status: int) -> None:
    fetch = ScriptedServer(CONTACT, _reads(status))
    exchange = contact("getMessage", body=contact_message(1), message_id="1")
    with pytest.raises(
        CheckFailed, match=f"unknown identifier id:{UNKNOWN_INTEGER_ID} answered {status}"
    ):
        unknown_ids(exchange, env("contact", fetch))


def test_unknown_ids_accept_404s_and_probe_once_per_operation() -> None:
    fetch = ScriptedServer(CHANNEL, _reads())
    checks = env("channel", fetch)
    read = channel("getChannelMessage", body=channel_message())
    assert unknown_ids(read, checks)
    probed = [urlsplit(url).path for _, url, _ in fetch.calls]
    assert probed == [
        f"/workspaces/{UNKNOWN_UUID}/channels/{CH}/messages/{MSG}",
        f"/workspaces/{WS}/channels/{UNKNOWN_UUID}/messages/{MSG}",
        f"/workspaces/{WS}/channels/{CH}/messages/{UNKNOWN_UUID}",
    ]
    assert not unknown_ids(read, checks)
    assert unknown_ids(_accepted_channel_send(), checks)
    assert not unknown_ids(channel("getChannelMessage", status=404), checks)


LIST_URL = f"{CONTACT}/contact/id%3A123/message/list"


def _one_item_page(next_link: str, previous: str = "") -> Exchange:
    pagination = {"next": next_link, "previous": previous}
    return contact("listMessages", body={"items": [contact_message(1)], "pagination": pagination})


@pytest.mark.parametrize(
    ("link", "problem"),
    [
        ("http://evil.example/v1/contact/id%3A123/message/list?limit=1&cursorId=1", "points at"),
        ("https://127.0.0.1:9/v1/contact/id%3A123/message/list?cursorId=1", "points at"),
        (f"{CONTACT}/contact/id%3A124/message/list?cursorId=1", "not the list it came from"),
        ("http://127.0.0.1:9/contact/id%3A123/message/list?cursorId=1", "not the list"),
        (f"{LIST_URL}?cursorId=abc", "does not match"),
        (f"{LIST_URL}?cursorId=1&limit=51", "outside the spec's bounds"),
        (f"{LIST_URL}?cursorId=1&token=x", "not one value of a parameter"),
        ("/v1/contact/id%3A123/message/list?cursorId=1", "not an absolute URL"),
    ],
)
def test_paging_links_reject_a_link_that_is_not_the_apis_own_list(link: str, problem: str) -> None:
    with pytest.raises(CheckFailed, match=re.escape(problem)):
        paging_links(_one_item_page(link), env("contact"))
    with pytest.raises(CheckFailed, match=re.escape(problem)):
        paging_links(_one_item_page("", previous=link), env("contact"))


def test_paging_links_follow_links_and_judge_the_page_behind_them() -> None:
    good = f"{LIST_URL}?limit=1&cursorId=1"
    behind = {"items": [], "pagination": {"next": "http://evil.example/x", "previous": good}}
    fetch = ScriptedServer(CONTACT, lambda *_: answer(200, behind))
    with pytest.raises(CheckFailed, match=r"the page behind pagination.next"):
        paging_links(_one_item_page(good), env("contact", fetch))
    fetch = ScriptedServer(CONTACT, lambda *_: answer(500, {"code": 500, "message": "x"}))
    with pytest.raises(CheckFailed, match=r"following pagination.next .* answered 500"):
        paging_links(_one_item_page(good), env("contact", fetch))


def test_paging_links_accept_the_apis_own_links_and_the_ends() -> None:
    good = f"{LIST_URL.replace('id%3A123', 'id:123')}?limit=1&cursorId=1"
    fine = {"items": [], "pagination": {"next": "", "previous": f"{LIST_URL}?limit=1&cursorId=-2"}}
    fetch = ScriptedServer(CONTACT, lambda *_: answer(200, fine))
    assert paging_links(_one_item_page(good), env("contact", fetch))
    assert [url for _, url, _ in fetch.calls] == [good]
    assert paging_links(_one_item_page(""), env("contact"))  # a one-page list: both ends empty
    assert not paging_links(channel("listChannelMessages", body={"results": []}), env("channel"))


OTHER_WS = "2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
OTHER_KEY = "AccessKey other"


class MediaServer:
    """Presigned uploads, media and image sends of two workspaces. `prefix_only`: a media URL is
    recognised as this server's by a string prefix (other spellings slip through)."""

    def __init__(self, *, prefix_only: bool = False) -> None:
        self.prefix_only = prefix_only
        self.media: dict[str, tuple[str, bytes | None]] = {}

    def presign(self, workspace: str) -> dict[str, Any]:
        key = f"{workspace}/{len(self.media)}"
        self.media[key] = (workspace, None)
        return {
            "mediaUrl": f"{CHANNEL}/_media/{key}",
            "uploadUrl": f"{CHANNEL}/_uploads",
            "uploadMethod": "POST",
            "uploadFormData": {"key": key, "Content-Type": "application/json"},
        }

    def upload(self, url: str, form: Mapping[str, str], content: bytes) -> int:
        workspace, stored = self.media[form["key"]]
        if stored is not None:
            return 403  # a form uploads once
        self.media[form["key"]] = (workspace, content)
        return 204

    def _own_media_key(self, url: str) -> str | None:
        if self.prefix_only:
            prefix = f"{CHANNEL}/_media/"
            return url.removeprefix(prefix) if url.startswith(prefix) else None
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().replace("localhost", "127.0.0.1")
        segments = [s for s in parts.path.split("/") if s]
        if (parts.scheme.lower(), host, parts.port) != ("http", "127.0.0.1", 9):
            return None
        return "/".join(segments[1:]) if segments[:1] == ["_media"] else None

    def __call__(self, method: str, url: str, body: Any, auth: str | None) -> Fetched:
        segments = [s for s in urlsplit(url).path.split("/") if s]
        if segments[0] == "_media":
            data = self.media.get("/".join(segments[1:]), ("", None))[1]
            return answer(200, json.loads(data)) if data else answer(404, {})
        workspace = OTHER_WS if auth == OTHER_KEY else WS
        if segments[1] != workspace:
            return answer(404, {"code": "NotFound", "message": "workspace not found"})
        if segments[-1] == "presigned-upload":
            return answer(200, self.presign(workspace))
        for image in body["body"]["image"]["images"]:
            key = self._own_media_key(image["mediaUrl"])
            if key is not None and self.media.get(key, ("", None))[0] != workspace:
                return answer(422, {"code": "InvalidPayload", "message": "no uploaded media"})
        return answer(202, channel_message())


def _media_env(server: MediaServer) -> CheckEnv:
    return env(
        "channel",
        ScriptedServer(CHANNEL, server),
        upload=server.upload,
        foreign_credentials={"other-workspace": OTHER_KEY},
        other_workspace_id=OTHER_WS,
        channel_platforms={CH: "sms"},
        host_allowed=lambda url: urlsplit(url).netloc == "127.0.0.1:9",
    )


def _presigned(server: MediaServer) -> Exchange:
    return channel("createPresignedUpload", body=server.presign(WS))


def test_foreign_media_rejects_another_workspaces_media_spelled_otherwise() -> None:
    server = MediaServer(prefix_only=True)
    with pytest.raises(CheckFailed, match=r"another workspace's media \(empty path segment: "):
        foreign_media(_presigned(server), _media_env(server))


def test_foreign_media_rejects_another_workspaces_media_as_issued() -> None:
    server = MediaServer()
    server._own_media_key = lambda url: None  # type: ignore[method-assign]  # checks nothing
    with pytest.raises(CheckFailed, match=r"another workspace's media \(as issued"):
        foreign_media(_presigned(server), _media_env(server))


def test_foreign_media_accepts_a_server_that_knows_its_media_in_every_spelling() -> None:
    server = MediaServer()
    checks = _media_env(server)
    assert foreign_media(_presigned(server), checks)
    fetch = checks.fetch
    assert isinstance(fetch, ScriptedServer)
    sent = [
        body["body"]["image"]["images"][0]["mediaUrl"]
        for m, u, body in fetch.calls
        if u.endswith("/messages")
    ]
    assert sent[0].startswith(f"{CHANNEL}/_media/{WS}/")  # own media first: accepted
    assert [url.split("/_media/")[0] for url in sent[1:]] == [
        CHANNEL,
        f"{CHANNEL}/",
        "HTTP://127.0.0.1:9",
        "http://localhost:9",
    ]
    assert not foreign_media(_presigned(server), checks)  # once a run


def test_foreign_media_uploads_through_forms_of_its_own() -> None:
    """The engine's form was used already (presigned_upload): forms are single-use."""
    server = MediaServer()
    exchange = _presigned(server)
    form = exchange.body["uploadFormData"]
    assert server.upload(exchange.body["uploadUrl"], form, b"fuzz") == 204
    assert foreign_media(exchange, _media_env(server))


def test_foreign_media_needs_a_second_workspace() -> None:
    server = MediaServer()
    checks = env("channel", ScriptedServer(CHANNEL, server), upload=server.upload)
    with pytest.raises(NotExercisedError, match="second workspace"):
        foreign_media(_presigned(server), checks)


def _rules_server(api: ApiName, broken: str = "") -> Handler:
    """Both APIs' prose rules, each one breakable by name."""
    platforms = {uuid: p for p, uuid in CHANNEL_IDS.items()}

    def contact_send(url: str, body: Any) -> Fetched:  # noqa: PLR0911 (one answer per rule)
        refuse = answer(400, {"code": 400, "message": "Validation error"})
        kind, channel_id = body["message"]["type"], body["channelId"]
        platform = {v: k for k, v in CONTACT_CHANNELS.items()}.get(channel_id)
        if channel_id is None:
            return refuse  # neither probe's contact has a last interacted channel
        if platform is None:
            return refuse
        if kind == "custom_payload" and platform not in ("telegram", "facebook", "viber", "line"):
            return answer(200, {"messageId": 1}) if broken == "custom-payload" else refuse
        if kind == "email" and platform != "email":
            return refuse
        if kind == "whatsapp_template" and platform != "whatsapp":
            return refuse
        if platform == "facebook" and kind == "text" and "messageTag" not in body["message"]:
            return refuse
        return answer(200, {"messageId": 1})

    def channel_send(url: str, body: Any) -> Fetched:
        refuse = answer(422, {"code": "InvalidPayload", "message": "invalid"})
        platform = platforms[urlsplit(url).path.split("/")[4]]
        contacts = body["receiver"]["contacts"]
        if any("id" in c for c in contacts):
            return answer(404, {"code": "NotFound", "message": "contact not found"})
        if body.get("body", {}).get("type") == "html" and platform != "email":
            return answer(202, channel_message()) if broken == "html" else refuse
        if platform != "email" and (len(contacts) > 1 or any("type" in c for c in contacts)):
            return refuse
        wanted = "emailaddress" if platform == "email" else "phonenumber"
        if any(c["identifierKey"] != wanted or c["identifierValue"] == "+1999" for c in contacts):
            return refuse
        if ("template" in body and "shortLinks" in body) or body.get("capFrequency"):
            return refuse
        return answer(202, channel_message())

    def handle(method: str, url: str, body: Any, auth: str | None) -> Fetched:
        if method == "GET":
            return answer(400, {"code": "InvalidRequest", "message": "pageToken"})
        return contact_send(url, body) if api == "contact" else channel_send(url, body)

    return handle


CHANNEL_IDS = {"sms": CH, "email": "00c0ffee-0000-0000-0000-000000000008"}


def _rules_env(api: ApiName, broken: str = "") -> CheckEnv:
    return env(
        api,
        ScriptedServer(CONTACT if api == "contact" else CHANNEL, _rules_server(api, broken)),
        channel_platforms={uuid: p for p, uuid in CHANNEL_IDS.items()},
        contact_channels=CONTACT_CHANNELS,
    )


@pytest.mark.parametrize(
    ("api", "broken", "rule"),
    [
        ("contact", "custom-payload", "contact:custom-payload-platforms"),
        ("channel", "html", "channel:html-email-only"),
    ],
)
def test_prose_rules_reject_a_server_that_lets_a_rule_be_broken(
    api: ApiName, broken: str, rule: str
) -> None:
    exchange = _sent_contact() if api == "contact" else _accepted_channel_send()
    with pytest.raises(CheckFailed, match=rf"\[{rule}\] .* answered 20\d, expected it refused"):
        prose_rules(exchange, _rules_env(api, broken))


@pytest.mark.parametrize("api", ["contact", "channel"])
def test_prose_rules_accept_a_server_that_keeps_every_rule_both_ways(api: ApiName) -> None:
    exchange = _sent_contact() if api == "contact" else _accepted_channel_send()
    checks = _rules_env(api)
    assert prose_rules(exchange, checks)
    assert isinstance(checks.fetch, ScriptedServer)
    assert len(checks.fetch.calls) == len(rule_probes(api))  # every probe could be built
    assert not prose_rules(exchange, checks)  # once a run


def test_every_prose_rule_probe_names_a_rule_the_prose_rules_check_covers() -> None:
    for api in ("contact", "channel"):
        for probe in rule_probes(api):
            assert "prose_rules" in RULE_CHECKS[probe.rule], probe.rule
