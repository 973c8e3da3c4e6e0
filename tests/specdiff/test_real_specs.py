"""The issue's two examples, applied to the curated specs themselves (not just the corpus)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from aelyst_contract._specs import SpecName, load_spec
from aelyst_contract.specdiff import Verdict, diff_specs, suggest_bump

LIST = "/paths/~1contact~1{identifier}~1message~1list/get"


@pytest.mark.parametrize("name", ["contact", "channel"])
def test_a_spec_compared_with_itself_has_no_findings(name: SpecName) -> None:
    spec = load_spec(name)
    assert diff_specs(spec, copy.deepcopy(spec)) == []


def _contact() -> dict[str, Any]:
    return copy.deepcopy(load_spec("contact"))


def test_narrowed_limit_maximum_breaks_clients_of_the_contact_api() -> None:
    new = _contact()
    limit = new["paths"]["/contact/{identifier}/message/list"]["get"]["parameters"][0]
    assert limit["name"] == "limit"
    limit["schema"]["maximum"] = 20

    (finding,) = diff_specs(load_spec("contact"), new)

    assert finding.kind == "constraint-narrowed"
    assert finding.operation == "listMessages"
    assert finding.pointer == f"{LIST}/parameters/0/schema/maximum"
    assert (finding.old, finding.new) == (50, 20)
    assert (finding.client, finding.server) == (Verdict.BREAKING, Verdict.COMPATIBLE)


def test_new_message_status_breaks_clients_of_both_apis() -> None:
    contact = _contact()
    contact["components"]["schemas"]["MessageStatusValue"]["enum"].append("deleted")
    channel = copy.deepcopy(load_spec("channel"))
    channel["components"]["schemas"]["ChannelMessageStatus"]["enum"].append("expired")

    contact_findings = diff_specs(load_spec("contact"), contact)
    channel_findings = diff_specs(load_spec("channel"), channel)

    assert {f.operation for f in contact_findings} == {"getMessage", "listMessages"}
    # Every channel operation answering a ChannelMessage (send, get, both lists) is affected.
    assert {f.operation for f in channel_findings} >= {"sendChannelMessage", "getChannelMessage"}
    # Grouped by where the change really is: one shared schema each.
    assert {f.schema_pointer for f in contact_findings} == {
        "/components/schemas/MessageStatusValue/enum"
    }
    assert {f.schema_pointer for f in channel_findings} == {
        "/components/schemas/ChannelMessageStatus/enum"
    }
    for finding in contact_findings + channel_findings:
        assert finding.kind == "enum-value-added"
        assert (finding.client, finding.server) == (Verdict.BREAKING, Verdict.COMPATIBLE)
    assert suggest_bump(contact_findings) == suggest_bump(channel_findings) == "major"
