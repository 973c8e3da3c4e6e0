"""Policy switches: the defensible verdicts, ours by default, each switchable and tested."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from aelyst_contract.cli import main
from aelyst_contract.specdiff import (
    POLICY_SWITCHES,
    Policy,
    PolicyError,
    Verdict,
    diff_specs,
    load_file,
    parse_policy,
)

B, C = Verdict.BREAKING, Verdict.COMPATIBLE
CORPUS = Path(__file__).parent / "corpus"
BASE = load_file(CORPUS / "identical" / "old.yaml").document
GET_MESSAGE = "/contact/{identifier}/message/{messageId}"


def _get_message(spec: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"][GET_MESSAGE]["get"]
    return operation


def _add_201(spec: dict[str, Any]) -> None:
    _get_message(spec)["responses"]["201"] = copy.deepcopy(_get_message(spec)["responses"]["200"])


def _add_api_key_requirement(spec: dict[str, Any]) -> None:
    spec["components"]["securitySchemes"]["apiKey"] = {
        "type": "apiKey",
        "in": "header",
        "name": "X-Key",
    }
    _get_message(spec)["security"] = [{"bearerAuth": [], "apiKey": []}]


def _remove_deprecated_parameter(spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    old = copy.deepcopy(spec)
    _get_message(old)["parameters"] = [
        {"name": "fields", "in": "query", "deprecated": True, "schema": {"type": "string"}}
    ]
    return old, copy.deepcopy(spec)


def _add_xml(spec: dict[str, Any]) -> None:
    _get_message(spec)["responses"]["200"]["content"]["application/xml"] = {}


def _pair(change: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    if change in (_remove_deprecated_parameter, _read_only_made_required):
        pair: tuple[dict[str, Any], dict[str, Any]] = change(BASE)
        return pair
    new = copy.deepcopy(BASE)
    change(new)
    return BASE, new


def _contact(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["Contact"] = {
        "type": "object",
        "required": ["name"],
        "properties": {"id": {"type": "integer", "readOnly": True}, "name": {"type": "string"}},
    }
    spec["paths"]["/contact/{identifier}"] = {
        "put": {
            "operationId": "putContact",
            "parameters": [{"$ref": "#/components/parameters/Identifier"}],
            "requestBody": {
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Contact"}}
                }
            },
            "responses": {"204": {"description": "Stored."}},
        }
    }


def _read_only_made_required(spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    old = copy.deepcopy(spec)
    _contact(old)
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Contact"]["required"] = ["name", "id"]
    return old, new


SWITCHES = [
    ("added-success-status", _add_201, "response-status-added", B),
    ("security-requirement-added", _add_api_key_requirement, "security-changed", B),
    ("removal-after-deprecation", _remove_deprecated_parameter, "parameter-removed", B),
    ("response-media-type-added", _add_xml, "media-type-added", C),
    ("read-only-required", _read_only_made_required, "property-now-required", C),
]


def test_every_switch_is_tested_here() -> None:
    assert [s[0] for s in SWITCHES] == [s.name for s in POLICY_SWITCHES]


@pytest.mark.parametrize(
    ("name", "change", "kind", "default"), SWITCHES, ids=[s[0] for s in SWITCHES]
)
def test_a_switch_flips_the_client_verdict_of_its_case_only(
    name: str, change: Any, kind: str, default: Verdict
) -> None:
    old, new = _pair(change)
    other = "compatible" if default is B else "breaking"

    (ours,) = [f for f in diff_specs(old, new) if f.kind == kind]
    (switched,) = [
        f for f in diff_specs(old, new, policy=parse_policy([f"{name}={other}"])) if f.kind == kind
    ]

    assert ours.client is default
    assert switched.client.value == other
    assert switched.server is ours.server  # a switch moves the client verdict only


def test_a_switch_leaves_other_cases_alone() -> None:
    # Removing a parameter that was NOT deprecated stays breaking under the lenient policy.
    old, new = _remove_deprecated_parameter(BASE)
    del _get_message(old)["parameters"][0]["deprecated"]
    policy = parse_policy(["removal-after-deprecation=compatible"])
    (finding,) = [f for f in diff_specs(old, new, policy=policy) if f.kind == "parameter-removed"]
    assert finding.client is B


def test_policy_file_and_command_line(tmp_path: Path) -> None:
    file = tmp_path / "policy.toml"
    file.write_text(
        '[policy]\nadded-success-status = "compatible"\nresponse-media-type-added = "breaking"\n',
        encoding="utf-8",
    )
    policy = parse_policy(["response-media-type-added=compatible"], file)
    assert policy == Policy(added_success_status="compatible")  # the command line wins


@pytest.mark.parametrize(
    ("assignments", "message"),
    [
        (["nope=breaking"], "unknown policy 'nope'"),
        (["added-success-status=maybe"], "takes breaking or compatible"),
        (["added-success-status"], "expected NAME=VALUE"),
    ],
)
def test_bad_policies_are_errors(assignments: list[str], message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        parse_policy(assignments)


def test_the_command_takes_policies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    spec = copy.deepcopy(BASE)
    _add_201(spec)
    old.write_text((CORPUS / "identical" / "old.yaml").read_text("utf-8"), encoding="utf-8")
    new.write_text(yaml.safe_dump(spec), encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 1
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--policy", "added-success-status=compatible"]) == 0
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--policy", "bogus=1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unknown policy" in err
