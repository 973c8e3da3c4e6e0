"""The spec check: the curated specs pass, and each rule rejects a spec it must reject."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from aelyst_contract import load_spec
from aelyst_contract._registry import DuplicateRegistrationError
from aelyst_contract._spec_check import SPEC_RULES, Problem, check_spec, spec_rule, structural
from aelyst_contract.cli import main
from aelyst_contract.openapi import node_at

Spec = dict[str, Any]


@pytest.mark.parametrize("name", ["contact", "channel"])
def test_curated_spec_passes_every_rule(name: str) -> None:
    problems = check_spec(load_spec(name))  # type: ignore[arg-type]
    assert [str(p) for p in problems] == []


def _mutated(name: str, mutate: Callable[[Spec], None]) -> Spec:
    spec = copy.deepcopy(load_spec(name))  # type: ignore[arg-type]
    mutate(spec)
    return spec


CONTACT_SEND = ("/contact/{identifier}/message", "post")
CONTACT_LIST = ("/contact/{identifier}/message/list", "get")


def _op(spec: Spec, where: tuple[str, str]) -> Spec:
    return spec["paths"][where[0]][where[1]]  # type: ignore[no-any-return]


def _del_operation_id(spec: Spec) -> None:
    del _op(spec, CONTACT_SEND)["operationId"]


def _duplicate_operation_id(spec: Spec) -> None:
    _op(spec, CONTACT_LIST)["operationId"] = "sendMessage"


def _drop_429(spec: Spec) -> None:
    del _op(spec, CONTACT_LIST)["responses"]["429"]


def _inline_error_body(spec: Spec) -> None:
    _op(spec, CONTACT_LIST)["responses"]["400"] = {
        "description": "bad",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }


def _drop_retry_after(spec: Spec) -> None:
    del spec["components"]["responses"]["TooManyRequests"]["headers"]["Retry-After"]


def _optional_remaining(spec: Spec) -> None:
    spec["components"]["headers"]["X-RateLimit-Remaining"]["required"] = False


def _schema_named_response(spec: Spec) -> None:
    spec["components"]["schemas"]["Response"] = {"type": "object"}


def _property_named_like_model(spec: Spec) -> None:
    spec["components"]["schemas"]["Pagination"]["properties"]["Pagination"] = {"type": "string"}


def _open_text_message(spec: Spec) -> None:
    del spec["components"]["schemas"]["TextMessage"]["additionalProperties"]


def _invalid_seed_example(spec: Spec) -> None:
    body = _op(spec, CONTACT_SEND)["requestBody"]["content"]["application/json"]
    body["examples"]["seed"]["value"]["channelId"] = "zero"


def _invalid_schema_example(spec: Spec) -> None:
    spec["components"]["schemas"]["ContactIdentifier"]["examples"].append("phone:0123")


def _link_to_nowhere(spec: Spec) -> None:
    links = _op(spec, CONTACT_SEND)["responses"]["200"]["links"]
    links["GetSentMessage"]["operationId"] = "fetchMessage"


def _link_with_unknown_parameter(spec: Spec) -> None:
    links = _op(spec, CONTACT_SEND)["responses"]["200"]["links"]
    links["ListContactMessages"]["parameters"]["contactId"] = "$response.body#/messageId"


CASES = [
    ("operation-metadata", _del_operation_id, "POST /contact/{identifier}/message"),
    ("operation-metadata", _duplicate_operation_id, "GET /contact/{identifier}/message/list"),
    ("error-responses", _drop_429, "listMessages"),
    ("error-responses", _inline_error_body, "listMessages 400"),
    ("rate-limit-headers", _drop_retry_after, "sendMessage 429"),
    ("rate-limit-headers", _optional_remaining, "getMessage 429"),
    ("name-clash", _schema_named_response, "#/components/schemas/Response"),
    ("name-clash", _property_named_like_model, "#/components/schemas/Pagination/properties"),
    ("closed-request-bodies", _open_text_message, "sendMessage application/json body.message"),
    ("examples-valid", _invalid_seed_example, "sendMessage request application/json examples/seed"),
    ("examples-valid", _invalid_schema_example, "#/components/schemas/ContactIdentifier"),
    ("links", _link_to_nowhere, "sendMessage 200 link GetSentMessage"),
    ("links", _link_with_unknown_parameter, "sendMessage 200 link ListContactMessages"),
]


@pytest.mark.parametrize(("rule", "mutate", "where"), CASES, ids=[c[1].__name__ for c in CASES])
def test_rule_rejects_and_names_the_operation(
    rule: str, mutate: Callable[[Spec], None], where: str
) -> None:
    problems = list(SPEC_RULES[rule].function(_mutated("contact", mutate)))
    assert problems, f"rule {rule} accepted a spec it must reject"
    assert any(p.where.startswith(where) for p in problems), [str(p) for p in problems]
    # A problem names the rule it was registered as, so `check-spec` output leads to it.
    assert {p.rule for p in problems} == {rule}


def test_every_rule_has_a_rejection_case() -> None:
    assert {case[0] for case in CASES} == set(SPEC_RULES.names())


def test_check_spec_runs_every_registered_rule_in_registration_order() -> None:
    def break_two_rules(spec: Spec) -> None:
        _link_to_nowhere(spec)  # the last rule
        _drop_429(spec)  # the second

    spec = _mutated("contact", break_two_rules)
    expected: list[Problem] = []
    for rule in SPEC_RULES:
        expected.extend(rule.function(spec))
    problems = check_spec(spec)
    assert [p.rule for p in problems] == ["error-responses", "links"]
    assert problems == expected


def test_every_rule_is_described() -> None:
    assert all(rule.description for rule in SPEC_RULES), SPEC_RULES.names()


def test_a_second_rule_under_a_taken_name_is_refused() -> None:
    with pytest.raises(DuplicateRegistrationError, match="'links' is registered already"):

        @spec_rule("links")
        def another_links_rule(spec: Spec) -> Iterator[Problem]:
            yield from ()

    assert SPEC_RULES["links"].function.__name__ == "links_resolve"


def test_check_spec_help_lists_every_rule_with_its_description(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["check-spec", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    for rule in SPEC_RULES:
        assert f"{rule.name} {' '.join(rule.description.split())}" in help_text


def test_structural_validation_rejects_a_broken_document() -> None:
    spec = _mutated(
        "channel",
        lambda s: s["paths"]["/workspaces/{workspaceId}/messages"].update(
            {"get": {"responses": "not a mapping"}}
        ),
    )
    assert list(structural(spec))
    assert [p.rule for p in check_spec(spec)] == ["structural"]


def test_channel_request_bodies_are_closed_too() -> None:
    def open_receiver(spec: Spec) -> None:
        del spec["components"]["schemas"]["ReceiverContact"]["additionalProperties"]

    closed_request_bodies = SPEC_RULES["closed-request-bodies"].function
    problems = list(closed_request_bodies(_mutated("channel", open_receiver)))
    assert any(
        "sendChannelMessage" in p.where and "receiver.contacts[]" in p.where for p in problems
    )


SEND = "/paths/~1contact~1{identifier}~1message/post"
LIST = "/paths/~1contact~1{identifier}~1message~1list/get"
POINTERS: dict[Callable[[Spec], None], str] = {
    _del_operation_id: SEND,
    _duplicate_operation_id: f"{LIST}/operationId",
    _drop_429: f"{LIST}/responses",
    _inline_error_body: f"{LIST}/responses/400",
    # A $ref'd response or header: the pointer is where it is defined, not where it is used.
    _drop_retry_after: "/components/responses/TooManyRequests",
    _optional_remaining: "/components/headers/X-RateLimit-Remaining",
    _schema_named_response: "/components/schemas/Response",
    _property_named_like_model: "/components/schemas/Pagination/properties/Pagination",
    _open_text_message: "/components/schemas/TextMessage",
    _invalid_seed_example: f"{SEND}/requestBody/content/application~1json/examples/seed/value",
    _invalid_schema_example: "/components/schemas/ContactIdentifier/examples/3",
    _link_to_nowhere: f"{SEND}/responses/200/links/GetSentMessage/operationId",
    _link_with_unknown_parameter: (
        f"{SEND}/responses/200/links/ListContactMessages/parameters/contactId"
    ),
}


@pytest.mark.parametrize(("rule", "mutate", "where"), CASES, ids=[c[1].__name__ for c in CASES])
def test_a_problem_carries_the_pointer_of_its_node(
    rule: str, mutate: Callable[[Spec], None], where: str
) -> None:
    spec = _mutated("contact", mutate)
    problems = [p for p in SPEC_RULES[rule].function(spec) if p.where.startswith(where)]
    assert problems[0].pointer == POINTERS[mutate]
    for problem in problems:
        node_at(spec, problem.pointer)  # every pointer names a node of the document
