"""The project's own checks, on top of schemathesis' built-in ones.

Each check is a plain function `check(exchange, env) -> bool`, registered with
`@project_check` (aelyst_contract.fuzz._registry): it returns True when it judged the exchange,
False when there was nothing to judge, and raises `CheckFailed` with a one-line reason on a
violation.
Passive checks judge the exchange alone (the registry hands them no way to send anything);
probing checks (identifier forms, paging, send-then-get, channel send rules, status timeline,
auth, uploads) may also ask the target follow-up questions through `env.fetch`, within
`env.budget`. What differs between the APIs (URLs, statuses, paging, what reads back) comes from
aelyst_contract.fuzz._api_rules, never from branches on the API here. Add a check: write the
function with its decorator, and a test in tests/fuzz/test_checks.py that feeds it an exchange it
must reject and one it must accept.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from email_validator import EmailNotValidError, validate_email

from aelyst_contract.fuzz._api_rules import ApiRules, PayloadNesting, api_rules, page_item_keys
from aelyst_contract.fuzz._edge_values import (
    LOOPBACK_NAMES,
    boundary_date_times,
    media_url_spellings,
    nested_object,
    nesting_depth,
    unknown_path_value,
)
from aelyst_contract.fuzz._exchange import (
    NOT_JSON,
    CheckEnv,
    CheckFailed,
    Exchange,
    Fetched,
    NotExercisedError,
)
from aelyst_contract.fuzz._identifier_forms import (
    CONTACT_IDENTIFIER_PATTERN,
    MAX_IDENTIFIER_LENGTH,
    is_well_formed_identifier,
    well_formed_identifiers,
)
from aelyst_contract.fuzz._registry import PROJECT_CHECKS, project_check
from aelyst_contract.fuzz._rule_probes import ProbeContext, receiver_for, rule_probes
from aelyst_contract.fuzz._spec_facts import ApiName, enum_violations
from aelyst_contract.openapi import Operation

__all__ = [
    "MALFORMED",
    "PROJECT_CHECKS",
    "RATE_LIMIT_HEADERS",
    "UNSURE",
    "VALID",
    "auth_enforced",
    "channel_send_rules",
    "classify_contact_identifier",
    "classify_uuid",
    "date_time_boundaries",
    "enums_within_spec",
    "error_body_format",
    "foreign_media",
    "identifier_formats",
    "limit_bounds",
    "paging_links",
    "paging_walk",
    "payload_nesting",
    "presigned_upload",
    "prose_rules",
    "rate_limit_headers",
    "rate_limit_problem",
    "real_email",
    "send_then_get",
    "status_timeline",
    "unknown_ids",
]

VALID, MALFORMED, UNSURE = "valid", "malformed", "unsure"

_CANONICAL_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Answers that come before validation (auth, rate limit): they say nothing about the input.
_BEFORE_VALIDATION = {401, 429}
# Dot segments and empty values change the URL itself, so the server never sees them as values.
_UNSENDABLE = {"", ".", ".."}


def classify_contact_identifier(value: str) -> str:
    """VALID when every reasonable server must accept it, MALFORMED when the spec's syntax rejects
    it, UNSURE in between (syntax fine, but a real validator may still say no, as with `id:0`,
    `id:007` or a number no numbering plan has)."""
    if len(value) > MAX_IDENTIFIER_LENGTH or not CONTACT_IDENTIFIER_PATTERN.fullmatch(value):
        return MALFORMED
    kind, _, rest = value.partition(":")
    if kind == "id" and (rest.startswith("0")):
        return UNSURE
    return VALID if is_well_formed_identifier(value) else UNSURE


def real_email(address: str) -> bool:
    if not address.isascii():
        return False
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def classify_uuid(value: str) -> str:
    """VALID for the canonical lower-case form, MALFORMED when no UUID parser could read it."""
    if _CANONICAL_UUID.fullmatch(value):
        return VALID
    try:
        uuid.UUID(value)
    except ValueError:
        return MALFORMED
    return UNSURE


def _identifier_params(exchange: Exchange, env: CheckEnv) -> Iterator[tuple[str, str, str]]:
    """(name, value, verdict) for each identifier-like path parameter of the exchange."""
    assert exchange.operation is not None
    identifier_param = api_rules(exchange.api).identifier_param
    for (location, name), _ in exchange.operation.parameters.items():
        if location != "path" or name not in exchange.path_params:
            continue
        value = exchange.path_params[name]
        if value in _UNSENDABLE:
            continue
        schema = env.facts.parameter_schema(exchange.operation, "path", name) or {}
        schema = env.facts.resolve(schema)
        if name == identifier_param:
            yield name, value, classify_contact_identifier(value)
        elif schema.get("format") == "uuid":
            yield name, value, classify_uuid(value)


def _other_path_params_valid(exchange: Exchange, env: CheckEnv) -> bool:
    """Path parameters that are not identifiers (integer message ids) hold valid values."""
    assert exchange.operation is not None
    identifier_param = api_rules(exchange.api).identifier_param
    for (location, name), _ in exchange.operation.parameters.items():
        if location != "path" or name == identifier_param:
            continue
        schema = env.facts.resolve(env.facts.parameter_schema(exchange.operation, "path", name))
        if isinstance(schema, Mapping) and schema.get("type") == "integer":
            raw = exchange.path_params.get(name, "")
            if not re.fullmatch(r"[0-9]{1,19}", raw) or not 1 <= int(raw) <= 2**63 - 1:
                return False
    return True


def _query_is_valid(exchange: Exchange, env: CheckEnv) -> bool:
    """Every query value the exchange sent is one the spec allows (so a 400 cannot be about it)."""
    assert exchange.operation is not None
    for name, values in exchange.query.items():
        schema = env.facts.parameter_schema(exchange.operation, "query", name)
        if schema is None or len(values) != 1:
            return False
        if name in ("limit",) and _limit_verdict(values[0], schema) != VALID:
            return False
        if name == "cursorId" and not re.fullmatch(r"-?[0-9]{1,18}", values[0]):
            return False
        if name == "pageToken":
            return False  # only the server knows which tokens it issued
    return True


# A message id no server has handed out yet: reading it must be a 404, whatever the contact.
_UNKNOWN_MESSAGE_ID = 999_999_999_999
# Every Nth catalogue identifier is also listed (a page or a 404, never a 400).
_LIST_EVERY = 4


def _probe_identifier_forms(exchange: Exchange, env: CheckEnv) -> None:
    """Once a run, read an unknown message of every well-formed identifier form in the catalogue
    (aelyst_contract.fuzz._identifier_forms): 404, never 400 or 5xx, whether the contact exists
    or not; a sample is listed too (a page, or 404)."""
    rules = api_rules(exchange.api)
    param = rules.identifier_param
    if env.fetch is None or param is None or exchange.status != 200:
        return
    if not env.budget.take("identifier_forms", "*", limit=1):
        return
    for index, identifier in enumerate(well_formed_identifiers()):
        read_url = rules.message_url(env.base_url, {param: identifier}, _UNKNOWN_MESSAGE_ID)
        # 449 (the contact's queue is full) is a documented answer to a read, and not a 400.
        probes = [(read_url, {404, 449}, "reading")]
        if index % _LIST_EVERY == 0:
            list_url = rules.url(env.base_url, rules.message_list_path, {param: identifier})
            probes.append((list_url, {200, 404}, "listing"))
        for url, allowed, what in probes:
            answer = env.fetch("GET", url)
            if answer.status not in allowed | _BEFORE_VALIDATION:
                raise CheckFailed(
                    f"{what} well-formed {identifier} answered {answer.status}, expected"
                    f" {' or '.join(map(str, sorted(allowed)))}: {_error_message(answer.body)!r}"
                )


@project_check(probing=True)
def identifier_formats(exchange: Exchange, env: CheckEnv) -> bool:
    """Malformed identifiers (contact identifier, UUID ids) get 400; valid ones are not refused
    (and, once a run, each valid contact identifier form is tried)."""
    if not exchange.declared or exchange.status in _BEFORE_VALIDATION:
        return False
    _probe_identifier_forms(exchange, env)
    verdicts = list(_identifier_params(exchange, env))
    for name, value, verdict in verdicts:
        if verdict == MALFORMED and exchange.status != 400:
            raise CheckFailed(
                f"malformed {name} {value!r} was answered {exchange.status}, expected 400"
            )
    if exchange.status != 400:
        return bool(verdicts)
    if not verdicts or any(verdict != VALID for _, _, verdict in verdicts):
        return bool(verdicts)
    message = _error_message(exchange.body)
    if (
        exchange.method.upper() == "GET"
        and _query_is_valid(exchange, env)
        and _other_path_params_valid(exchange, env)
    ):
        names = ", ".join(f"{name}={value!r}" for name, value, _ in verdicts)
        raise CheckFailed(f"valid {names} with valid query was refused with 400: {message!r}")
    for name, value, _ in verdicts:
        if name.lower() in message.lower() or value in message:
            raise CheckFailed(f"valid {name} {value!r} was refused with 400: {message!r}")
    return True


def _error_message(body: Any) -> str:
    if isinstance(body, Mapping) and isinstance(body.get("message"), str):
        return str(body["message"])
    return ""


def _limit_verdict(raw: str, schema: Mapping[str, Any]) -> str:
    minimum = int(schema.get("minimum", 1))
    maximum = int(schema.get("maximum", 2**63))
    if re.fullmatch(r"-?[0-9]+", raw):
        value = int(raw)
        if minimum <= value <= maximum:
            # Leading zeros are a valid integer to some parsers and not to others.
            return VALID if raw == str(value) else UNSURE
        return MALFORMED
    if raw.strip() == "":
        return UNSURE  # `limit=` may fairly mean "not given"
    try:
        int(raw)
    except ValueError:
        return MALFORMED  # 1.5, abc, true, ...
    return UNSURE  # "+5", " 5", "5_0": Python's int() reads them, the spec's integer does not


@project_check(roles=("list",))
def limit_bounds(exchange: Exchange, env: CheckEnv) -> bool:
    """`limit` outside the spec's bounds (51+ on the contact API, 0, negative, non-integer) is a
    400; a page never holds more items than the limit asked for."""
    if not exchange.declared or exchange.status in _BEFORE_VALIDATION:
        return False
    assert exchange.operation is not None
    schema = env.facts.parameter_schema(exchange.operation, "query", "limit")
    if schema is None:
        return False
    values = exchange.query.get("limit", [])
    if len(values) != 1:
        return False
    verdict = _limit_verdict(values[0], env.facts.resolve(schema))
    if verdict == MALFORMED and exchange.status != 400:
        raise CheckFailed(
            f"limit={values[0]!r} is outside {schema.get('minimum')}..{schema.get('maximum')}"
            f" but was answered {exchange.status}, expected 400"
        )
    if verdict == VALID and 200 <= exchange.status < 300:
        items = _page_items(exchange.body)
        if items is not None and len(items) > int(values[0]):
            raise CheckFailed(f"limit={values[0]} returned {len(items)} items")
    return verdict != UNSURE


def _page_items(body: Any) -> list[Any] | None:
    if isinstance(body, Mapping):
        for key in page_item_keys():
            if isinstance(body.get(key), list):
                return list(body[key])
    return None


@project_check()
def enums_within_spec(exchange: Exchange, env: CheckEnv) -> bool:
    """Every enum-typed value in a response (status, traffic, direction, ...) is in the spec."""
    if exchange.operation is None or exchange.body is NOT_JSON:
        return False
    schema = env.facts.response_schema(exchange.operation, exchange.status)
    if schema is None:
        return False
    problems = list(enum_violations(env.facts, schema, exchange.body))
    if problems:
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CheckFailed(f"value outside the spec's enum: {problems[0]}{more}")
    return True


@project_check()
def error_body_format(exchange: Exchange, env: CheckEnv) -> bool:
    """Error responses use the API's error format: contact `{code: <HTTP status>, message}`,
    channel `{code: <string code>, message}` with the code the status calls for."""
    if exchange.status < 400:
        return False
    body = exchange.body
    if not isinstance(body, Mapping):
        raise CheckFailed(f"{exchange.status} response has no JSON object body")
    message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        raise CheckFailed(f"{exchange.status} error body has no message: {dict(body)!r}")
    code = body.get("code")
    codes = api_rules(exchange.api).error_codes
    if codes is None:
        if type(code) is not int or code != exchange.status:
            raise CheckFailed(f"error code {code!r} differs from the HTTP status {exchange.status}")
        return True
    if not isinstance(code, str) or not code:
        raise CheckFailed(f"{exchange.status} error code {code!r} is not a non-empty string")
    expected = codes.get(exchange.status)
    if expected is not None and code != expected:
        raise CheckFailed(f"{exchange.status} error code is {code!r}, expected {expected!r}")
    return True


def _non_negative_int(value: str | None) -> bool:
    return value is not None and re.fullmatch(r"[0-9]+", value.strip()) is not None


RATE_LIMIT_HEADERS = ("retry-after", "x-ratelimit-limit", "x-ratelimit-remaining")


def rate_limit_problem(headers: Mapping[str, str]) -> str:
    """What is wrong with a 429's rate headers ("" when nothing): Retry-After, limit and
    remaining are integers >= 0, and remaining is 0."""
    for name in RATE_LIMIT_HEADERS:
        value = headers.get(name)
        if value is None:
            return f"429 response lacks the {name} header"
        if not _non_negative_int(value):
            return f"{name}: {value!r} is not a non-negative integer"
    if int(headers["x-ratelimit-remaining"]) != 0:
        return f"a 429 says {headers['x-ratelimit-remaining']} requests remain"
    return ""


@project_check()
def rate_limit_headers(exchange: Exchange, env: CheckEnv) -> bool:
    """Every 429 has Retry-After >= 0 and the X-RateLimit-* headers (remaining 0); every response
    has the rate headers the spec declares for its status, as non-negative integers."""
    if exchange.status == 429:
        problem = rate_limit_problem(exchange.headers)
        if problem:
            raise CheckFailed(problem)
    required: set[str] = set()
    if exchange.operation is not None:
        declared = env.facts.declared_headers(exchange.operation, exchange.status)
        required |= {name for name, header in declared.items() if header.get("required", False)}
    for name in sorted(required):
        value = exchange.headers.get(name)
        if value is None:
            raise CheckFailed(f"{exchange.status} response lacks the {name} header")
        if not _non_negative_int(value):
            raise CheckFailed(f"{name}: {value!r} is not a non-negative integer")
    return bool(required) or exchange.status == 429


# --- probing checks -------------------------------------------------------------------------


def _message_id(message: Any) -> Any:
    if isinstance(message, Mapping):
        return message.get("messageId", message.get("id"))
    return None


def _same_origin(url: str, base_url: str) -> bool:
    target, base = urlsplit(url), urlsplit(base_url)
    return (target.scheme, target.netloc) == (base.scheme, base.netloc) and target.path.startswith(
        base.path.rstrip("/") + "/"
    )


def _fetch_ok(env: CheckEnv, url: str, what: str) -> Fetched:
    assert env.fetch is not None
    if not _same_origin(url, env.base_url):
        parts, base = urlsplit(url), urlsplit(env.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CheckFailed(f"{what} is not an absolute URL: {url!r}")
        if parts.netloc == base.netloc or env.host_allowed(url):
            # The API's host outside its base path (the seed's own example drops `/v1`), or a
            # host the profile names: credentials go only under the base URL, so the link is
            # not followed, and nothing is judged.
            raise NotExercisedError(f"{what} points at {url}, outside the base URL")
        raise CheckFailed(
            f"{what} points at another host, {parts.netloc}: a client that follows it leaves"
            f" the API at {base.netloc}"
        )
    answer = env.fetch("GET", url)
    if answer.status != 200:
        raise CheckFailed(f"{what} ({url}) answered {answer.status}")
    return answer


_MAX_PAGES = 60
_LOOKS_PER_OPERATION = 30
_WALK_PAGES = 6


def _list_url(exchange: Exchange, **query: Any) -> str:
    parts = urlsplit(exchange.url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}?{urlencode(query)}"


def _page_links_stay(exchange: Exchange, env: CheckEnv) -> bool:
    """Every paging link of a page, even a one-item page, is an absolute URL on the API's host
    (or a host the target allows); True when there was a link to judge."""
    pagination = exchange.body.get("pagination") if isinstance(exchange.body, Mapping) else None
    if not isinstance(pagination, Mapping):
        return False
    judged = False
    base = urlsplit(env.base_url)
    for name in ("next", "previous"):
        link = pagination.get(name)
        if not isinstance(link, str) or not link:
            continue
        judged = True
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CheckFailed(f"pagination.{name} is not an absolute URL: {link!r}")
        if parts.netloc != base.netloc and not env.host_allowed(link):
            raise CheckFailed(
                f"pagination.{name} points at another host, {parts.netloc}: a client that"
                f" follows it leaves the API at {base.netloc}"
            )
    return judged


@project_check(probing=True, needs=("follow_up",), roles=("list",))
def paging_walk(exchange: Exchange, env: CheckEnv) -> bool:
    """Paging links stay on the API's host; walking `next` page by page yields every message
    exactly once, in the same order as one big page; on the contact API `previous` leads back to
    the page before."""
    if not exchange.declared or exchange.status != 200 or _page_items(exchange.body) is None:
        return False
    links_judged = _page_links_stay(exchange, env)
    if env.fetch is None:
        return links_judged
    assert exchange.operation is not None
    limit_schema = env.facts.parameter_schema(exchange.operation, "query", "limit") or {}
    big = int(limit_schema.get("maximum", 50))
    operation_id = exchange.operation.operation_id
    # Looking costs one request and is budgeted apart from walking: a run whose first lists are
    # too short to walk must still walk the longer ones later.
    if not env.budget.take("paging_walk:look", operation_id, limit=_LOOKS_PER_OPERATION):
        return links_judged
    whole = _page_items(_fetch_ok(env, _list_url(exchange, limit=big), "the biggest page").body)
    assert whole is not None
    expected = [_message_id(item) for item in whole]
    if len(expected) < 3:
        return links_judged  # too few to page through meaningfully
    if not env.budget.take("paging_walk", operation_id):
        return links_judged
    # At least two items a page (so "first item of a later page" exists) and at most ~6 pages.
    page_size = max(2, -(-len(expected) // _WALK_PAGES))
    walked: list[Any] = []
    pages: list[list[Any]] = []
    url = _list_url(exchange, limit=page_size)
    for _ in range(_MAX_PAGES):
        body = _fetch_ok(env, url, "a page").body
        items = _page_items(body) or []
        ids = [_message_id(item) for item in items]
        pages.append(ids)
        walked.extend(ids)
        next_url = _next_url(exchange, body, page_size)
        if not next_url or len(walked) >= len(expected):
            break
        url = next_url
    duplicates = sorted({str(i) for i in walked if walked.count(i) > 1})
    mismatch = walked[: len(expected)] != expected[: len(walked)] or len(walked) < len(expected)
    if duplicates or mismatch:
        _unless_the_list_changed(env, exchange, big, expected)
    if duplicates:
        raise CheckFailed(f"walking next returned messages more than once: {duplicates[:5]}")
    if mismatch:
        missing = [i for i in expected if i not in walked]
        raise CheckFailed(
            f"walking next with limit={page_size} does not match one page of limit={big}:"
            f" missing {missing[:5]}, order {walked[:6]} vs {expected[:6]}"
        )
    if api_rules(exchange.api).page_token is None and len(pages) >= 2:
        _check_previous(env, exchange, pages, page_size)
    return True


def _unless_the_list_changed(
    env: CheckEnv, exchange: Exchange, big: int, expected: list[Any]
) -> None:
    """A walk that disagrees with the big page proves a paging defect only if the list held still:
    another writer (a concurrent shard, live traffic) adding messages meanwhile shifts pages on any
    correct server. Read the big page again; if it changed, the walk judged nothing."""
    again = _page_items(_fetch_ok(env, _list_url(exchange, limit=big), "the biggest page").body)
    if again is None or [_message_id(item) for item in again] != expected:
        raise NotExercisedError(
            "the list changed while it was walked (another writer?): paging not judged"
        )


def _next_url(exchange: Exchange, body: Any, page_size: int) -> str:
    page_token = api_rules(exchange.api).page_token
    if page_token is None:
        pagination = body.get("pagination", {}) if isinstance(body, Mapping) else {}
        value = pagination.get("next", "") if isinstance(pagination, Mapping) else ""
        return value if isinstance(value, str) else ""
    token = body.get(page_token.field) if isinstance(body, Mapping) else None
    if not isinstance(token, str) or not token:
        return ""
    return _list_url(exchange, limit=page_size, **{page_token.param: token})


def _check_previous(env: CheckEnv, exchange: Exchange, pages: list[list[Any]], size: int) -> None:
    first_url = _list_url(exchange, limit=size)
    first = _fetch_ok(env, first_url, "the first page").body
    second_url = _next_url(exchange, first, size)
    second = _fetch_ok(env, second_url, "pagination.next").body
    previous = second.get("pagination", {}).get("previous", "")
    if not previous:
        raise CheckFailed("the second page has an empty pagination.previous")
    back = _page_items(_fetch_ok(env, previous, "pagination.previous").body) or []
    back_ids = [_message_id(item) for item in back]
    if back_ids != pages[0]:
        raise CheckFailed(f"previous from page 2 gave {back_ids}, expected page 1 {pages[0]}")
    first_previous = first.get("pagination", {}).get("previous", "")
    if first_previous:
        raise CheckFailed(f"the first page has a previous link: {first_previous!r}")


def _message_url(exchange: Exchange, env: CheckEnv, message_id: Any) -> str:
    return api_rules(exchange.api).message_url(env.base_url, exchange.path_params, message_id)


def _sent_ok(exchange: Exchange) -> bool:
    if not exchange.declared:
        return False
    assert exchange.operation is not None
    rules = api_rules(exchange.api)
    return (
        rules.role(exchange.operation) == "send"
        and exchange.status == rules.send_status
        and isinstance(exchange.body, Mapping)
    )


@project_check(probing=True, needs=("follow_up", "writes"), roles=("send",))
def send_then_get(exchange: Exchange, env: CheckEnv) -> bool:
    """A message that was accepted can be read back, with the text, type and channel it was sent
    with (channel API tags read back lower-cased)."""
    if env.fetch is None or not _sent_ok(exchange):
        return False
    sent = exchange.request_body
    if not isinstance(sent, Mapping):
        return False
    message_id = _message_id(exchange.body)
    if message_id is None:
        raise CheckFailed("the send response carries no message id")
    rules = api_rules(exchange.api)
    if rules.sent_echo.echoed_by_send:
        _compare_sent(rules, exchange, sent, exchange.body)
    read = env.fetch("GET", _message_url(exchange, env, message_id))
    if read.status != 200:
        raise CheckFailed(
            f"message {message_id} was accepted but reading it answered {read.status}"
        )
    stored = read.body
    if not isinstance(stored, Mapping):
        raise CheckFailed(f"message {message_id} reads back as {stored!r}")
    _compare_sent(rules, exchange, sent, stored)
    return True


def _compare_sent(
    rules: ApiRules, exchange: Exchange, sent: Mapping[str, Any], stored: Mapping[str, Any]
) -> None:
    """What was sent reads back as the API's rules say (aelyst_contract.fuzz._api_rules)."""
    echo = rules.sent_echo
    if echo.channel_from == "path":
        channel = exchange.path_params.get("channelId")
        if stored.get("channelId") != channel:
            raise CheckFailed(
                f"sent on channel {channel} but reads back channel {stored.get('channelId')}"
            )
    elif sent.get("channelId") is not None and stored.get("channelId") != sent["channelId"]:
        raise CheckFailed(
            f"sent on channel {sent['channelId']} but reads back channel {stored.get('channelId')}"
        )
    sent_content: Any = sent
    read_content: Any = stored
    prefix = ""
    if echo.content_key is not None:
        sent_content, read_content = sent.get(echo.content_key), stored.get(echo.content_key)
        prefix = f"{echo.content_key}."
        if not isinstance(sent_content, Mapping) or not isinstance(read_content, Mapping):
            raise CheckFailed(f"{echo.content_key} content reads back as {read_content!r}")
    for key in echo.fields:
        if key in sent_content and read_content.get(key) != sent_content[key]:
            raise CheckFailed(
                f"{prefix}{key} was sent as {sent_content[key]!r} but reads back as"
                f" {read_content.get(key)!r}"
            )
    for key in echo.lowercased:
        if isinstance(sent_content.get(key), list):
            expected = [str(value).lower() for value in sent_content[key]]
            if read_content.get(key) != expected:
                raise CheckFailed(
                    f"{prefix}{key} {sent_content[key]!r} read back as {read_content.get(key)!r}"
                )
    direction = stored.get(echo.direction_key)
    if direction != "outgoing":
        raise CheckFailed(f"a sent message reads back with {echo.direction_key} {direction!r}")


@project_check(probing=True, roles=("send",), apis=("channel",))
def channel_send_rules(exchange: Exchange, env: CheckEnv) -> bool:
    """What the spec promises about an accepted channel send: without `validity`, the channel
    type's default (600 s on 2FA channels, else 129600); scheduled more than 10 minutes ahead,
    the message is `scheduled`, not sent. A channel the target does not describe (2FA or not)
    leaves the validity default unjudged."""
    defaults = api_rules(exchange.api).send_defaults
    if defaults is None or not _sent_ok(exchange):
        return False
    sent, stored = exchange.request_body, exchange.body
    if not isinstance(sent, Mapping):
        return False
    judged = False
    two_factor = env.channel_two_factor.get(exchange.path_params.get("channelId", ""))
    if "validity" not in sent and "validity" in stored and two_factor is not None:
        expected = defaults.two_factor_validity_s if two_factor else defaults.validity_s
        judged = True
        if stored["validity"] != expected:
            raise CheckFailed(
                f"no validity was sent, the default came back as {stored['validity']!r},"
                f" expected {expected}"
            )
    judged = _probe_two_factor_default(exchange, env) or judged
    scheduled, created = sent.get("scheduledFor"), stored.get("createdAt")
    if isinstance(scheduled, str) and isinstance(created, str):
        ahead = _seconds(scheduled) - _seconds(created)
        judged = True
        if ahead > defaults.send_now_within_s and stored.get("status") != "scheduled":
            raise CheckFailed(
                f"scheduled {ahead / 3600:.1f} h ahead but the message is {stored.get('status')!r}"
            )
    return judged


_PROBE_PHONE = "+31612345678"


def _probe_two_factor_default(exchange: Exchange, env: CheckEnv) -> bool:
    """Once a run: a plain text without `validity` on each 2FA channel must default to 600 s."""
    rules = api_rules(exchange.api)
    two_factor = sorted(uuid for uuid, is_2fa in env.channel_two_factor.items() if is_2fa)
    if env.fetch is None or not two_factor or not env.allow_writes or not rules.send_defaults:
        return False
    if not env.budget.take("two_factor_validity", "*", limit=1):
        return False
    workspace = exchange.path_params.get("workspaceId", "")
    expected = rules.send_defaults.two_factor_validity_s
    probe = {
        "receiver": {
            "contacts": [{"identifierKey": "phonenumber", "identifierValue": _PROBE_PHONE}]
        },
        "body": {"type": "text", "text": {"text": "validity default probe"}},
    }
    for channel in two_factor:
        url = rules.url(
            env.base_url, rules.send_path, {"workspaceId": workspace, "channelId": channel}
        )
        answer = env.fetch("POST", url, json_body=probe)
        validity = answer.body.get("validity") if isinstance(answer.body, Mapping) else None
        if answer.status == rules.send_status and validity != expected:
            raise CheckFailed(
                f"a 2FA channel's message without validity got {validity!r}, expected {expected}"
            )
    return True


def _seconds(stamp: str) -> float:
    try:
        # RFC 3339 allows lower-case t and z; fromisoformat does not.
        return dt.datetime.fromisoformat(stamp.upper().replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


@project_check(probing=True, needs=("upload",), roles=("upload",))
def presigned_upload(exchange: Exchange, env: CheckEnv) -> bool:
    """A presigned upload works with exactly the form it was given (204) and refuses a form
    whose signature or content type was tampered with. Only to allowed hosts: an upload URL
    elsewhere is reported, never requested."""
    if env.upload is None or not exchange.declared or exchange.status != 200:
        return False
    assert exchange.operation is not None
    body = exchange.body
    if not isinstance(body, Mapping) or not isinstance(body.get("uploadFormData"), Mapping):
        return False
    url, form = str(body.get("uploadUrl", "")), dict(body["uploadFormData"])
    if not env.host_allowed(url):
        host = urlsplit(url).netloc or url
        raise NotExercisedError(f"uploadUrl points at {host}, not an allowed host")
    if not env.budget.take("presigned_upload", exchange.operation.operation_id):
        return False
    for field in ("signature", "Content-Type"):
        if field in form:
            tampered = {
                **form,
                field: str(form[field])[:-1] + ("x" if not str(form[field]).endswith("x") else "y"),
            }
            status = env.upload(url, tampered, b"fuzz")
            if 200 <= status < 300:
                raise CheckFailed(f"an upload with a tampered {field} was accepted ({status})")
    status = env.upload(url, form, b"fuzz")
    if status != 204:
        raise CheckFailed(f"an upload with the presigned form answered {status}, expected 204")
    return True


# Beyond any rank: a status the rules do not rank.
_UNRANKED = 99


def _timeline_problems(rules: ApiRules, message: Any) -> Iterator[str]:
    """What is wrong inside one message object's status history."""
    if not isinstance(message, Mapping):
        return
    if rules.statuses.history:
        statuses = message.get("status")
        if isinstance(statuses, list):
            entries = [e for e in statuses if isinstance(e, Mapping)]
            yield from _history_problems(rules, entries)
        return
    created, updated, last = (message.get(k) for k in ("createdAt", "updatedAt", "lastStatusAt"))
    if isinstance(created, str) and isinstance(last, str) and _iso(last) < _iso(created):
        yield f"lastStatusAt {last} is before createdAt {created}"
    if isinstance(created, str) and isinstance(updated, str) and _iso(updated) < _iso(created):
        yield f"updatedAt {updated} is before createdAt {created}"


def _history_problems(rules: ApiRules, statuses: list[Mapping[str, Any]]) -> Iterator[str]:
    last_time, last_rank, last_value, terminal = -1, -1, None, False
    for entry in statuses:
        value, stamp = entry.get("value"), entry.get("timestamp")
        rank = rules.statuses.ranks.get(str(value))
        if isinstance(stamp, int) and stamp < last_time:
            yield f"status {value!r} at {stamp} is earlier than {last_value!r} at {last_time}"
        if terminal and rank is not None:
            yield f"status {value!r} follows the terminal {last_value!r}"
        if rank is not None and rank < last_rank:
            yield f"status goes back from {last_value!r} to {value!r}"
        terminal = terminal or value in rules.statuses.terminal
        last_time = stamp if isinstance(stamp, int) else last_time
        last_rank = rank if rank is not None else last_rank
        last_value = value


def _iso(value: str) -> str:
    # RFC 3339 UTC stamps compare as strings once the zone is spelled one way.
    return value.replace("+00:00", "Z")


def _progress(rules: ApiRules, message: Mapping[str, Any]) -> tuple[int, Any]:
    if rules.statuses.history:
        statuses = [e for e in message.get("status") or [] if isinstance(e, Mapping)]
        if not statuses:
            return -1, None
        value = statuses[-1].get("value")
    else:
        value = message.get("status")
    return rules.statuses.ranks.get(str(value), _UNRANKED), value


def _messages_in(body: Any) -> list[Any]:
    items = _page_items(body)
    if items is not None:
        return items
    return [body] if isinstance(body, Mapping) else []


@project_check(probing=True, roles=("send", "get", "list"))
def status_timeline(exchange: Exchange, env: CheckEnv) -> bool:
    """Status timestamps never decrease and a status never goes back (delivered -> sent); a
    message read twice, time passing in between, only moves forward (with the emulator's clock
    the time is skipped; elsewhere the second read is deferred to the end of the API's run)."""
    if not (200 <= exchange.status < 300):
        return False
    rules = api_rules(exchange.api)
    messages = _messages_in(exchange.body)
    for message in messages:
        for problem in _timeline_problems(rules, message):
            raise CheckFailed(f"message {_message_id(message)}: {problem}")
    if env.fetch is None or not _sent_ok(exchange) or not env.allow_writes:
        return bool(messages)
    assert exchange.operation is not None
    if not env.budget.take("status_timeline", exchange.operation.operation_id):
        return bool(messages)
    url = _message_url(exchange, env, _message_id(exchange.body))
    earlier = env.fetch("GET", url)
    if earlier.status != 200 or not isinstance(earlier.body, Mapping):
        return bool(messages)  # send_then_get reports unreadable messages
    first = earlier.body

    def read_again() -> bool:
        assert env.fetch is not None
        later = env.fetch("GET", url)
        if later.status != 200 or not isinstance(later.body, Mapping):
            raise CheckFailed(f"the message was readable, then answered {later.status}")
        for problem in _timeline_problems(rules, later.body):
            raise CheckFailed(f"after time passed: {problem}")
        _compare_progress(rules, first, later.body)
        return True

    if env.advance_clock is not None:
        env.advance_clock(3600)
        return read_again()
    if env.defer is not None:
        env.defer(exchange, "status_timeline", read_again)
    return True


def _compare_progress(
    rules: ApiRules, earlier: Mapping[str, Any], later: Mapping[str, Any]
) -> None:
    (rank_before, before), (rank_after, after) = _progress(rules, earlier), _progress(rules, later)
    if rank_before != _UNRANKED and rank_after < rank_before:
        raise CheckFailed(f"status went back from {before!r} to {after!r}")
    if rules.statuses.history:
        old, new = earlier.get("status") or [], later.get("status") or []
        if new[: len(old)] != old:
            raise CheckFailed(f"status history was rewritten: {old!r} became {new!r}")
        return
    old_stamp, new_stamp = earlier.get("lastStatusAt"), later.get("lastStatusAt")
    if (
        isinstance(old_stamp, str)
        and isinstance(new_stamp, str)
        and _iso(new_stamp) < _iso(old_stamp)
    ):
        raise CheckFailed(f"lastStatusAt went back from {old_stamp} to {new_stamp}")


@project_check(probing=True, needs=("follow_up",))
def auth_enforced(exchange: Exchange, env: CheckEnv) -> bool:
    """A request that read data is refused without credentials, with garbled ones and with
    another workspace's: replayed with each, it must not succeed."""
    if env.fetch is None or not exchange.declared or not (200 <= exchange.status < 300):
        return False
    if exchange.method.upper() != "GET" and not env.allow_writes:
        return False
    assert exchange.operation is not None
    if not env.budget.take("auth_enforced", exchange.operation.operation_id):
        return False
    body = None if exchange.request_body is NOT_JSON else exchange.request_body
    for label, authorization in env.foreign_credentials.items():
        answer = env.fetch(
            exchange.method.upper(),
            exchange.url,
            replace_auth=True,
            authorization=authorization,
            json_body=body,
        )
        if 200 <= answer.status < 300:
            raise CheckFailed(
                f"with {label} credentials the request still answered {answer.status}"
            )
    return True


# --- reaching what random generation rarely draws --------------------------------------------


def _refusal(rules: ApiRules, expect: str) -> frozenset[int]:
    return {
        "refuse": rules.refusal_statuses,
        "bad_request": frozenset({400}),
        "not_found": frozenset({404}),
    }.get(expect, frozenset({rules.send_status}))


def _judge_answer(rules: ApiRules, answer: Fetched, expect: str, what: str) -> bool:
    """Raise when `answer` is not what `expect` calls for; False when it says nothing (401, 429,
    a 449 queue)."""
    if answer.status in _BEFORE_VALIDATION | {449}:
        return False
    if answer.status >= 500:
        raise CheckFailed(f"{what} answered {answer.status}", answer.request)
    wanted = _refusal(rules, expect)
    if answer.status not in wanted:
        verb = "accepted" if expect == "accept" else "refused"
        raise CheckFailed(
            f"{what} answered {answer.status}, expected it {verb} with"
            f" {' or '.join(map(str, sorted(wanted)))}: {_error_message(answer.body)!r}",
            answer.request,
        )
    return True


def _date_time_fields(env: CheckEnv, operation: Operation[ApiName]) -> list[str]:
    """Top-level request body properties the spec types `format: date-time`."""
    body = operation.node.get("requestBody", {})
    content = env.facts.resolve(body).get("content", {}) if isinstance(body, Mapping) else {}
    schema = env.facts.resolve(content.get("application/json", {}).get("schema", {}))
    properties = schema.get("properties", {}) if isinstance(schema, Mapping) else {}
    return [
        name
        for name, node in properties.items()
        if isinstance(node, Mapping) and env.facts.resolve(node).get("format") == "date-time"
    ]


@project_check(probing=True, needs=("writes",), roles=("send",))
def date_time_boundaries(exchange: Exchange, env: CheckEnv) -> bool:
    """Once a run, every date-time field of an accepted send is resent at the spec's edges
    (years 0001 and 9999, offsets +-23:59, a leap second, fractional seconds, lower-case
    separators): accepted when the instant is one the spec allows, refused (422) when it is
    outside years 1..9999 once its offset is applied, a leap second, or beyond the scheduling
    window; never a 5xx."""
    rules = api_rules(exchange.api)
    defaults = rules.send_defaults
    if env.fetch is None or not env.allow_writes or defaults is None or not _sent_ok(exchange):
        return False
    assert exchange.operation is not None
    sent = exchange.request_body
    fields = _date_time_fields(env, exchange.operation)
    if not isinstance(sent, Mapping) or not fields:
        return False
    if not env.budget.take("date_time_boundaries", exchange.operation.operation_id, limit=1):
        return False
    window = dt.timedelta(seconds=defaults.schedule_at_most_s)
    # "Now" is the server's: its clock may run ahead of ours (the emulator's can be advanced).
    created = exchange.body.get("createdAt") if isinstance(exchange.body, Mapping) else None
    seconds = _seconds(created) if isinstance(created, str) else 0.0
    now = dt.datetime.fromtimestamp(seconds, dt.UTC) if seconds else dt.datetime.now(dt.UTC)
    for field in fields:
        for edge in boundary_date_times(now, window):
            answer = env.fetch("POST", exchange.url, json_body={**sent, field: edge.value})
            _judge_answer(rules, answer, edge.expect, f"{field} {edge.value!r} ({edge.why})")
    return True


@project_check(probing=True, needs=("writes",), roles=("send",), apis=("contact",))
def payload_nesting(exchange: Exchange, env: CheckEnv) -> bool:
    """Once a run, a send whose free-form payload makes the body exactly as deep as the spec
    allows is accepted and reads back unchanged (get and list); one level deeper, and twice as
    deep, is refused (never accepted, let alone accepted and then unreadable)."""
    rules = api_rules(exchange.api)
    nesting = rules.payload_nesting
    if env.fetch is None or not env.allow_writes or nesting is None or not _sent_ok(exchange):
        return False
    channel = next(
        (env.contact_channels[p] for p in nesting.platforms if p in env.contact_channels), None
    )
    assert exchange.operation is not None
    if channel is None:
        platforms = ", ".join(nesting.platforms)
        raise NotExercisedError(f"the target names no {nesting.message_type} channel ({platforms})")
    if not env.budget.take("payload_nesting", exchange.operation.operation_id, limit=1):
        return False
    limit = nesting.max_body_depth

    def send_body(payload: Any) -> dict[str, Any]:
        content = {"type": nesting.message_type, nesting.field: payload}
        return {"channelId": channel, rules.sent_echo.content_key or "message": content}

    # Levels the body adds around the payload (the payload object is one of the body's levels).
    around = nesting_depth(send_body({})) - 1
    for depth in (limit, limit + 1, 2 * limit):
        payload = nested_object(depth - around)
        answer = env.fetch("POST", exchange.url, json_body=send_body(payload))
        what = f"a {nesting.message_type} send nested {depth} levels (the spec allows {limit})"
        if depth > limit:
            _judge_answer(rules, answer, "refuse", what)
        elif _judge_answer(rules, answer, "accept", what):
            _read_back_nested(
                rules, exchange, env=env, answer=answer, nesting=nesting, payload=payload, what=what
            )
    return True


def _read_back_nested(
    rules: ApiRules,
    exchange: Exchange,
    *,
    env: CheckEnv,
    answer: Fetched,
    nesting: PayloadNesting,
    payload: Any,
    what: str,
) -> None:
    assert env.fetch is not None
    message_id = _message_id(answer.body)
    if not isinstance(message_id, int):
        raise CheckFailed(f"{what} was accepted without a message id", answer.request)
    content_key = rules.sent_echo.content_key or "message"
    read = env.fetch("GET", _message_url(exchange, env, message_id))
    listed_url = rules.url(env.base_url, rules.message_list_path, exchange.path_params)
    listed = env.fetch("GET", f"{listed_url}?{urlencode(nesting.page_holding(message_id))}")
    for how, reply in (("reading it", read), ("listing it", listed)):
        if reply.status != 200:
            raise CheckFailed(
                f"{what} was accepted, but {how} answered {reply.status}", reply.request
            )
    items = _page_items(listed.body) or []
    for how, message in (("reads", read.body), ("lists", items[0] if items else None)):
        stored = message.get(content_key) if isinstance(message, Mapping) else None
        if not isinstance(stored, Mapping) or stored.get(nesting.field) != payload:
            depth = nesting_depth(stored.get(nesting.field)) if isinstance(stored, Mapping) else 0
            raise CheckFailed(f"{what} {how} back changed ({depth} levels)")


@project_check(probing=True, roles=("send", "get", "list"))
def unknown_ids(exchange: Exchange, env: CheckEnv) -> bool:
    """Once per operation, a well-formed id that names nothing answers 404 in every path
    parameter (never 200, 400 or 5xx): the message id of the get, from an accepted send, and
    each path parameter of a read or list that succeeded."""
    if env.fetch is None or not exchange.declared or not 200 <= exchange.status < 300:
        return False
    assert exchange.operation is not None
    rules = api_rules(exchange.api)
    role = rules.role(exchange.operation)
    probes: list[tuple[str, str]] = []  # (what, url)
    if role == "send":
        get = env.facts.find_by_template("GET", rules.message_path)
        schema = (
            env.facts.resolve(env.facts.parameter_schema(get, "path", "messageId")) if get else None
        )
        value = (
            unknown_path_value(schema, identifier=False) if isinstance(schema, Mapping) else None
        )
        if value is not None:
            probes.append(
                (
                    f"an unknown messageId {value}",
                    rules.message_url(env.base_url, exchange.path_params, value),
                )
            )
    elif exchange.method.upper() == "GET":
        parts = urlsplit(exchange.url)
        for (location, name), _ in exchange.operation.parameters.items():
            if location != "path" or name not in exchange.path_params:
                continue
            schema = env.facts.resolve(env.facts.parameter_schema(exchange.operation, "path", name))
            value = unknown_path_value(schema or {}, identifier=name == rules.identifier_param)
            if value is None:
                continue
            url = rules.url(
                env.base_url, exchange.operation.path, {**exchange.path_params, name: value}
            )
            probes.append(
                (f"an unknown {name} {value}", f"{url}?{parts.query}" if parts.query else url)
            )
    if not probes or not env.budget.take("unknown_ids", exchange.operation.operation_id, limit=1):
        return False
    for what, url in probes:
        answer = env.fetch("GET", url)
        if answer.status in _BEFORE_VALIDATION:
            continue
        if answer.status != 404:
            message = _error_message(answer.body)
            raise CheckFailed(
                f"reading {what} answered {answer.status}, expected 404: {message!r}",
                answer.request,
            )
    return True


def _link_problem(link: str, exchange: Exchange, env: CheckEnv) -> str:
    """What is wrong with one paging link ("" when nothing): an absolute URL on the API's base
    URL, the list it came from, with only the list's own query parameters, each valid."""
    parts, base = urlsplit(link), urlsplit(env.base_url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "is not an absolute URL"
    if (parts.scheme.lower(), parts.netloc.lower()) != (base.scheme.lower(), base.netloc.lower()):
        return f"points at {parts.scheme}://{parts.netloc}, not the API's {base.scheme}://{base.netloc}"
    if unquote(parts.path) != unquote(urlsplit(exchange.url).path):
        return f"leads to {parts.path}, not the list it came from ({urlsplit(exchange.url).path})"
    return _link_query_problem(parts.query, exchange, env)


def _link_query_problem(query: str, exchange: Exchange, env: CheckEnv) -> str:
    assert exchange.operation is not None
    for name, values in parse_qs(query, keep_blank_values=True).items():
        schema = env.facts.parameter_schema(exchange.operation, "query", name)
        if schema is None or len(values) != 1:
            return f"carries {name}={values!r}, not one value of a parameter of the list"
        schema = env.facts.resolve(schema)
        pattern = schema.get("pattern")
        if schema.get("type") == "integer" and _limit_verdict(values[0], schema) != VALID:
            return f"carries {name}={values[0]!r}, outside the spec's bounds"
        if isinstance(pattern, str) and not re.search(pattern, values[0]):
            return f"carries {name}={values[0]!r}, which does not match {pattern}"
    return ""


def _links(body: Any) -> dict[str, str]:
    pagination = body.get("pagination") if isinstance(body, Mapping) else None
    if not isinstance(pagination, Mapping):
        return {}
    return {
        name: link
        for name in ("next", "previous")
        if isinstance(link := pagination.get(name), str) and link
    }


@project_check(probing=True, roles=("list",))
def paging_links(exchange: Exchange, env: CheckEnv) -> bool:
    """Every paging link of every page, even a one-item page, is the API's own list URL (the
    base URL's scheme, host and path, the same list, only the list's query parameters, each
    valid); a few a run are followed and answer 200 with links of the same shape."""
    if not exchange.declared or exchange.status != 200:
        return False
    body = exchange.body
    if not isinstance(body, Mapping) or not isinstance(body.get("pagination"), Mapping):
        return False
    for name, link in _links(body).items():
        problem = _link_problem(link, exchange, env)
        if problem:
            raise CheckFailed(f"pagination.{name} {problem}: {link!r}")
    assert exchange.operation is not None
    links = _links(body)
    if (
        env.fetch is None
        or not links
        or not env.budget.take("paging_links", exchange.operation.operation_id)
    ):
        return True
    for name, link in links.items():
        answer = env.fetch("GET", link)
        if answer.status != 200:
            raise CheckFailed(
                f"following pagination.{name} ({link}) answered {answer.status}", answer.request
            )
        for inner, further in _links(answer.body).items():
            problem = _link_problem(further, exchange, env)
            if problem:
                raise CheckFailed(
                    f"the page behind pagination.{name}: pagination.{inner} {problem}: {further!r}",
                    answer.request,
                )
    return True


_MEDIA_PROBE_TYPE = "application/json"


def _fresh_media(env: CheckEnv, presign_url: str, authorization: str | None, marker: str) -> str:
    """Presign (with `authorization`, None: the run's own) and upload a small JSON file; its
    mediaUrl. Forms may be single-use, so the check never reuses one the engine was handed."""
    assert env.fetch is not None
    assert env.upload is not None
    own = authorization is None
    answer = env.fetch(
        "POST",
        presign_url,
        replace_auth=not own,
        authorization=authorization,
        json_body={"contentType": _MEDIA_PROBE_TYPE},
    )
    body = answer.body if isinstance(answer.body, Mapping) else {}
    media_url, upload_url, form = (
        body.get("mediaUrl"),
        body.get("uploadUrl"),
        body.get("uploadFormData"),
    )
    whose = "this" if own else "the other"
    if answer.status != 200 or not isinstance(media_url, str) or not isinstance(form, Mapping):
        raise NotExercisedError(f"{whose} workspace's presigned upload answered {answer.status}")
    if not env.host_allowed(str(upload_url)):
        raise NotExercisedError(
            f"uploadUrl points at {urlsplit(str(upload_url)).netloc}, not an allowed host"
        )
    content = json.dumps({"aelyst-media-probe": marker}).encode()
    if env.upload(str(upload_url), {k: str(v) for k, v in form.items()}, content) != 204:
        raise NotExercisedError(f"{whose} workspace's upload was not stored")
    return media_url


def _serves(env: CheckEnv, url: str, marker: str, canonical: str) -> bool:
    """Whether `url` is the uploaded media (fetched without credentials); another loopback name
    of the canonical URL's host is the same host by definition."""
    assert env.fetch is not None
    parts, known = urlsplit(url), urlsplit(canonical)
    if (
        parts.hostname in LOOPBACK_NAMES
        and known.hostname in LOOPBACK_NAMES
        and parts.hostname != known.hostname
        and parts.port == known.port
    ):
        return True
    try:
        answer = env.fetch("GET", url, replace_auth=True, authorization=None)
    except CheckFailed:
        return False  # not a URL the run may request
    return answer.status == 200 and answer.body == {"aelyst-media-probe": marker}


def _image_send(platform: str | None, media_url: str) -> dict[str, Any]:
    return {
        "receiver": receiver_for(platform or "sms"),
        "body": {"type": "image", "image": {"images": [{"mediaUrl": media_url}]}},
    }


@project_check(probing=True, needs=("writes", "upload", "other_workspace"), roles=("upload",))
def foreign_media(exchange: Exchange, env: CheckEnv) -> bool:
    """Once a run: media uploaded in this workspace can be sent here (202); media uploaded in
    another workspace cannot (422), however its URL is spelled (an empty path segment, an
    upper-case scheme or host, the other loopback name), whenever that spelling serves the
    other workspace's bytes."""
    rules = api_rules(exchange.api)
    body = exchange.body
    if env.fetch is None or env.upload is None or rules.upload_path is None:
        return False
    if not exchange.declared or exchange.status != 200 or not isinstance(body, Mapping):
        return False
    other_key = env.foreign_credentials.get("other-workspace")
    workspace = exchange.path_params.get("workspaceId")
    if other_key is None or env.other_workspace_id is None or workspace is None:
        raise NotExercisedError("the target names no second workspace (id and key)")
    channel = exchange.path_params.get("channelId") or next(iter(env.channel_platforms), None)
    if channel is None:
        raise NotExercisedError("the target names no channel of its workspace")
    if not env.budget.take("foreign_media", "*", limit=1):
        return False
    platform = env.channel_platforms.get(channel)
    send_url = rules.url(
        env.base_url, rules.send_path, {"workspaceId": workspace, "channelId": channel}
    )
    own_media = _fresh_media(env, exchange.url, None, "own")
    own = env.fetch("POST", send_url, json_body=_image_send(platform, own_media))
    _judge_answer(rules, own, "accept", "an image of media uploaded in this workspace")
    other_url = rules.url(env.base_url, rules.upload_path, {"workspaceId": env.other_workspace_id})
    media_url = _fresh_media(env, other_url, other_key, "theirs")
    for label, spelling in (("as issued", media_url), *media_url_spellings(media_url)):
        if spelling != media_url and not _serves(env, spelling, "theirs", media_url):
            continue  # not the same media: nothing to judge
        answer = env.fetch("POST", send_url, json_body=_image_send(platform, spelling))
        _judge_answer(
            rules, answer, "refuse", f"an image of another workspace's media ({label}: {spelling})"
        )
    return True


@project_check(probing=True, needs=("writes",), roles=("send",))
def prose_rules(exchange: Exchange, env: CheckEnv) -> bool:
    """Once a run, each rule the spec states in prose (its `x-aelyst-rules`, probes in
    aelyst_contract.fuzz._rule_probes) is tried both ways where the target allows: a request that
    follows it is accepted, one that breaks it is refused (or 404 where the spec says)."""
    if env.fetch is None or not env.allow_writes or not _sent_ok(exchange):
        return False
    if not env.budget.take("prose_rules", "*", limit=1):
        return False
    rules = api_rules(exchange.api)
    context = ProbeContext(
        base_url=env.base_url,
        path_params=exchange.path_params,
        channel_platforms=env.channel_platforms,
        contact_channels=env.contact_channels,
    )
    judged = False
    for probe in rule_probes(exchange.api):
        request = probe.build(context)
        if request is None:
            continue
        answer = env.fetch(request.method, request.url, json_body=request.body)
        if probe.unsure and answer.status != rules.send_status and answer.status < 500:
            continue
        judged = (
            _judge_answer(rules, answer, probe.expect, f"[{probe.rule}] {probe.what}") or judged
        )
    return judged
