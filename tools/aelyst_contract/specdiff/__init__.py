"""The spec-change gate: what a new spec version breaks for client users and server implementers.

    from aelyst_contract.specdiff import diff_specs, DiffReport, render_text
    findings = diff_specs(old_document, new_document)

A diff rule is one decorated function: `@schema_rule(name)` in `_schemas.py` for a schema
keyword, `@document_rule` / `@operation_rule` / `@response_rule(name)` in `_operations.py` for the
rest. ARCHITECTURE.md ("Spec diff") has the rule table and how to add a rule.
"""

from typing import Any

from aelyst_contract.openapi import RefError, mapping
from aelyst_contract.specdiff._bundle import bundle
from aelyst_contract.specdiff._confirm import confirm_findings
from aelyst_contract.specdiff._external import ExternalLoader
from aelyst_contract.specdiff._model import Finding, PropertyCheckError, Verdict, verdicts_for
from aelyst_contract.specdiff._operations import diff_specs
from aelyst_contract.specdiff._policy import POLICY_SWITCHES, Policy, PolicyError, parse_policy
from aelyst_contract.specdiff._report import (
    DiffReport,
    changelog_entry,
    is_failure,
    render_text,
    report_json,
    report_sarif,
    suggest_bump,
    suggest_version,
    version_sufficient,
)
from aelyst_contract.specdiff._source import (
    SpecSource,
    SpecSourceError,
    exists_at_ref,
    load_at_ref,
    load_file,
)

__all__ = [
    "POLICY_SWITCHES",
    "DiffReport",
    "ExternalLoader",
    "Finding",
    "Policy",
    "PolicyError",
    "PropertyCheckError",
    "RefError",
    "SpecSource",
    "SpecSourceError",
    "Verdict",
    "bundle",
    "changelog_entry",
    "check_property",
    "confirm_findings",
    "diff_specs",
    "exists_at_ref",
    "is_failure",
    "load_at_ref",
    "load_file",
    "mapping",
    "parse_policy",
    "property_findings",
    "render_text",
    "report_json",
    "report_sarif",
    "suggest_bump",
    "suggest_version",
    "verdicts_for",
    "version_sufficient",
]


def check_property(
    old: dict[str, Any],
    new: dict[str, Any],
    *,
    examples: int = 25,
    seed: int = 0,
    loaders: tuple[ExternalLoader | None, ExternalLoader | None] = (None, None),
) -> dict[str, Any]:
    """Generate a client from each version and check it against the other (see `_property`);
    external `$ref`s are inlined first (`bundle`), as the generator reads one file."""
    old, new = bundle(old, loaders[0]), bundle(new, loaders[1])
    # Imported on use: hypothesis and the client generator take seconds to load; opt-in anyway.
    try:
        from aelyst_contract.specdiff._property import check_property as run  # noqa: PLC0415
    except ImportError as error:  # the generator is a dev dependency
        raise PropertyCheckError(f"cannot load the property check: {error}") from error
    return run(old, new, examples=examples, seed=seed)


def property_findings(result: dict[str, Any]) -> list[Finding]:
    """The property check's counterexamples as findings (so `--fail-on` counts them)."""
    from aelyst_contract.specdiff._property import property_findings as convert  # noqa: PLC0415

    return convert(result)
