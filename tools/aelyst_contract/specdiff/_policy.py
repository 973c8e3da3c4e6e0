"""Policy switches: the verdicts where two readings are defensible and teams commonly disagree.

    policy = parse_policy(["added-success-status=compatible"], Path("specdiff.toml"))
    diff_specs(old, new, policy=policy)

Each switch has our default (the reading the rules table gives, with its reason) and one
alternative. A policy file is TOML with the same names as top-level keys (or under
`[policy]`); `--policy NAME=VALUE` on the command line wins over the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "POLICY_SWITCHES",
    "Policy",
    "PolicyError",
    "PolicySwitch",
    "Reading",
    "parse_policy",
    "policy_json",
]

Reading = Literal["breaking", "compatible"]


class PolicyError(ValueError):
    """An unknown switch, a value it does not take, or a policy file that cannot be read."""


@dataclass(frozen=True)
class PolicySwitch:
    name: str  # as spelled on the command line and in the file
    default: Reading
    why: str  # why the default is ours


@dataclass(frozen=True)
class Policy:
    """Client verdicts for the defensible cases (the server verdicts do not move)."""

    # A new 2xx status: clients generated from OLD return parsed=None for it.
    added_success_status: Reading = "breaking"
    # A NEW security requirement on top of every OLD one (e.g. a second scheme or more scopes).
    security_requirement_added: Reading = "breaking"
    # An operation, parameter or property removed that OLD had marked `deprecated`.
    removal_after_deprecation: Reading = "breaking"
    # A response media type added: with content negotiation a client that asks for (or only
    # understands) the old types keeps getting them.
    response_media_type_added: Reading = "compatible"
    # `required` on a `readOnly` property in a request (or `writeOnly` in a response).
    read_only_required: Reading = "compatible"


POLICY_SWITCHES: tuple[PolicySwitch, ...] = (
    PolicySwitch(
        "added-success-status",
        "breaking",
        "a client generated from OLD returns parsed=None for a status it does not know, so the "
        "success body is lost (measured); teams whose callers only look at the status code "
        "say compatible",
    ),
    PolicySwitch(
        "security-requirement-added",
        "breaking",
        "a client that authenticated the OLD way is refused; teams whose clients always hold "
        "every credential (one token with all scopes) say compatible",
    ),
    PolicySwitch(
        "removal-after-deprecation",
        "breaking",
        "deprecation is a warning, not a removal: code generated from OLD still calls it; "
        "teams with a deprecation window treat removal after it as expected",
    ),
    PolicySwitch(
        "response-media-type-added",
        "compatible",
        "content negotiation: the server answers in a type the request accepts, and a JSON "
        "client reads the JSON it asked for; teams whose servers ignore Accept say breaking",
    ),
    PolicySwitch(
        "read-only-required",
        "compatible",
        "OpenAPI: `required` on a readOnly property applies to responses only (writeOnly: to "
        "requests only); JSON Schema 2020-12 validators (openapi-core, which the property check "
        "uses) enforce it in both directions: teams whose servers validate that way say breaking",
    ),
)
_VALUES: tuple[Reading, ...] = ("breaking", "compatible")


def _attribute(name: str) -> str:
    return name.replace("-", "_")


def _with(policy: Policy, name: str, value: Any, where: str) -> Policy:
    known = {s.name for s in POLICY_SWITCHES}
    if name not in known:
        raise PolicyError(f"{where}: unknown policy {name!r} (known: {', '.join(sorted(known))})")
    if value not in _VALUES:
        raise PolicyError(f"{where}: policy {name} takes breaking or compatible, got {value!r}")
    return replace(policy, **{_attribute(name): value})


def parse_policy(assignments: list[str] | tuple[str, ...] = (), file: Path | None = None) -> Policy:
    """The policy from a TOML file (optional) and `NAME=VALUE` assignments (which win)."""
    policy = Policy()
    if file is not None:
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise PolicyError(f"policy file {file}: cannot read: {error}") from error
        except tomllib.TOMLDecodeError as error:
            raise PolicyError(f"policy file {file}: not TOML: {error}") from error
        table = data.get("policy", data)
        if not isinstance(table, dict):
            raise PolicyError(f"policy file {file}: [policy] is not a table")
        for name, value in table.items():
            policy = _with(policy, name, value, f"policy file {file}")
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals:
            raise PolicyError(f"--policy {assignment!r}: expected NAME=VALUE")
        policy = _with(policy, name.strip(), value.strip(), "--policy")
    return policy


def policy_json(policy: Policy) -> dict[str, str]:
    """The policy as NAME -> value, for reports."""
    return {f.name.replace("_", "-"): str(getattr(policy, f.name)) for f in fields(policy)}
