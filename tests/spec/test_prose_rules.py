"""Every rule a spec states in prose (`x-aelyst-rules`) is exercised by a registered project
check, and docs/spec-rules.md lists it with those checks (see that page)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from aelyst_contract._specs import SPEC_PATHS
from aelyst_contract.fuzz import _checks  # noqa: F401  (registers the project checks)
from aelyst_contract.fuzz._api_rules import RULE_CHECKS
from aelyst_contract.fuzz._registry import PROJECT_CHECKS
from aelyst_contract.fuzz._spec_facts import ApiName

DOC = Path(__file__).resolve().parents[2] / "docs" / "spec-rules.md"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def stated_rules(api: ApiName) -> dict[str, tuple[str, dict[str, Any]]]:
    """rule id -> (operationId, entry), for every x-aelyst-rules entry of the API's spec."""
    document = yaml.safe_load(Path(SPEC_PATHS[api]).read_text(encoding="utf-8"))
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for item in document["paths"].values():
        for method in METHODS:
            operation = item.get(method)
            for entry in (operation or {}).get("x-aelyst-rules", []):
                assert entry["id"] not in found, f"rule {entry['id']} is stated twice"
                found[entry["id"]] = (operation["operationId"], entry)
    return found


def all_stated() -> dict[str, tuple[str, dict[str, Any]]]:
    return {**stated_rules("contact"), **stated_rules("channel")}


@pytest.mark.parametrize("api", ["contact", "channel"])
def test_each_stated_rule_has_an_id_of_its_api_and_words(api: ApiName) -> None:
    rules = stated_rules(api)
    assert rules, f"the {api} spec states no rules"
    for rule_id, (_, entry) in rules.items():
        assert re.fullmatch(rf"{api}:[a-z0-9-]+", rule_id), rule_id
        assert set(entry) == {"id", "rule"}, entry
        assert isinstance(entry["rule"], str), rule_id
        assert len(entry["rule"]) > 20, rule_id


def rule_check_problems(
    stated: Mapping[str, object], rule_checks: Mapping[str, tuple[str, ...]]
) -> list[str]:
    """What is wrong between the stated rules and their checks ([] when nothing)."""
    problems = [
        f"{rule}: stated, but no check exercises it" for rule in stated.keys() - rule_checks
    ]
    problems += [f"{rule}: mapped, but no spec states it" for rule in rule_checks.keys() - stated]
    registered = {entry.name: entry.metadata for entry in PROJECT_CHECKS}
    for rule_id, checks in rule_checks.items():
        api = rule_id.split(":")[0]
        if not checks:
            problems.append(f"{rule_id}: no check exercises it")
        for name in checks:
            if name not in registered:
                problems.append(f"{rule_id}: {name} is not a registered project check")
            elif api not in (registered[name].apis or {api}):
                problems.append(f"{rule_id}: {name} never runs on the {api} API")
    return sorted(problems)


def test_every_stated_rule_is_exercised_by_a_registered_check_of_its_api() -> None:
    assert rule_check_problems(all_stated(), RULE_CHECKS) == []


def test_a_rule_without_a_check_or_with_an_unknown_one_is_caught() -> None:
    stated = all_stated()
    without = {k: v for k, v in RULE_CHECKS.items() if k != "channel:html-email-only"}
    assert rule_check_problems(stated, without) == [
        "channel:html-email-only: stated, but no check exercises it"
    ]
    renamed = {**RULE_CHECKS, "channel:html-email-only": ("no_such_check",)}
    assert rule_check_problems(stated, renamed) == [
        "channel:html-email-only: no_such_check is not a registered project check"
    ]
    wrong_api = {**RULE_CHECKS, "channel:html-email-only": ("payload_nesting",)}
    assert rule_check_problems(stated, wrong_api) == [
        "channel:html-email-only: payload_nesting never runs on the channel API"
    ]


def test_rule_ids_named_in_descriptions_are_stated() -> None:
    stated = all_stated()
    for api in ("contact", "channel"):
        text = Path(SPEC_PATHS[api]).read_text(encoding="utf-8")
        for named in re.findall(r"`((?:contact|channel):[a-z0-9-]+)`", text):
            assert named in stated, f"{named} is named in the {api} spec but not stated"


def test_the_doc_lists_every_rule_with_its_checks_and_the_operation() -> None:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `((?:contact|channel):[a-z0-9-]+)` \| (\w+) \| ([^|]+) \|", line)
        if match:
            rows[match.group(1)] = (match.group(2), re.findall(r"`(\w+)`", match.group(3)))
    stated = all_stated()
    assert set(rows) == set(stated)
    for rule_id, (operation, checks) in rows.items():
        assert operation == stated[rule_id][0], rule_id
        assert tuple(checks) == RULE_CHECKS[rule_id], rule_id
