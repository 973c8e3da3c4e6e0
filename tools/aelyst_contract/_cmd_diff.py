"""`aelyst-contract diff OLD NEW`: the spec-change gate (what a new spec breaks, for whom)."""

from __future__ import annotations

import argparse
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from aelyst_contract._errors import CliError

if TYPE_CHECKING:
    from aelyst_contract.specdiff import Finding, Policy, SpecSource

__all__ = ["DiffOptions", "diff", "diff_specs", "register", "run"]

# `--base auto`: the first of these that names a commit other than HEAD.
_AUTO_BASES = ("origin/main", "HEAD~1")


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "diff",
        help="classify spec changes as breaking or compatible for clients and for servers",
        description=(
            "Compare two versions of an OpenAPI spec. Either `diff OLD NEW` (two files) or "
            "`diff --base REF [NEW ...]` (each NEW against its version at git REF; default: both "
            "curated specs). Exit code: 0 ok, 1 when --fail-on triggers, 2 bad input."
        ),
    )
    parser.add_argument("paths", nargs="*", type=Path, help="OLD NEW, or with --base: NEW files")
    parser.add_argument(
        "--base",
        metavar="REF",
        help="compare against the spec at this git ref; `auto` = origin/main, else HEAD~1",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "changelog", "sarif"),
        default="text",
        help="output format (sarif: SARIF 2.1.0, one result per finding, level error when it"
        " breaks --breaking-for's side)",
    )
    parser.add_argument(
        "--fail-on",
        choices=("breaking", "any", "none"),
        default="breaking",
        help="exit 1 on a breaking change (default), on any change, or never",
    )
    parser.add_argument(
        "--breaking-for",
        choices=("clients", "servers", "either"),
        default="clients",
        help="whose breakage --fail-on breaking counts (default: client users)",
    )
    parser.add_argument(
        "--property",
        action="store_true",
        help="also generate clients and values and check them across versions (slower)",
    )
    parser.add_argument(
        "--examples",
        type=int,
        default=25,
        metavar="N",
        help="values generated per schema by --property (default 25)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed for --property (default 0)")
    parser.add_argument(
        "--policy",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a verdict switch, e.g. added-success-status=compatible (docs/spec-diff.md)",
    )
    parser.add_argument(
        "--policy-file", type=Path, metavar="TOML", help="verdict switches from a TOML file"
    )
    parser.set_defaults(handler=run)


def _default_policy() -> Policy:
    from aelyst_contract.specdiff import Policy  # noqa: PLC0415

    return Policy()


@dataclass(frozen=True)
class DiffOptions:
    paths: tuple[Path, ...]  # OLD NEW, or with `base`: the NEW files (none: both curated specs)
    base: str | None  # a git ref, or "auto"
    format: Literal["text", "json", "changelog", "sarif"]
    fail_on: Literal["breaking", "any", "none"]
    breaking_for: Literal["clients", "servers", "either"]
    property: bool
    examples: int
    seed: int
    policy: Policy = field(default_factory=_default_policy)


def _pairs(options: DiffOptions) -> tuple[list[tuple[SpecSource, SpecSource]], list[str]]:
    """The (OLD, NEW) pairs to compare, and notes about specs that have no base version."""
    from aelyst_contract._specs import SPEC_PATHS  # noqa: PLC0415
    from aelyst_contract.specdiff import exists_at_ref, load_at_ref, load_file  # noqa: PLC0415

    if options.base is None:
        if len(options.paths) != 2:
            raise CliError("give OLD and NEW spec files, or --base REF")
        return [(load_file(options.paths[0]), load_file(options.paths[1]))], []
    ref = _auto_base() if options.base == "auto" else options.base
    paths: list[Path] = list(options.paths) or list(SPEC_PATHS.values())
    if ref is None:
        return [], ["no base to compare against (no origin/main and no parent commit)"]
    pairs, notes = [], []
    for path in paths:
        new = load_file(path)
        if not exists_at_ref(ref, path):
            notes.append(f"{path}: not present at {ref}; a new spec has nothing to break")
            continue
        pairs.append((load_at_ref(ref, path), new))
    return pairs, notes


def _auto_base() -> str | None:
    head = _rev_parse("HEAD")
    for candidate in _AUTO_BASES:
        commit = _rev_parse(candidate)
        if commit is not None and commit != head:
            return candidate
    return None


def _rev_parse(ref: str) -> str | None:
    from aelyst_contract._resources import CHECKOUT_ROOT  # noqa: PLC0415

    try:
        result = subprocess.run(  # noqa: S603 - fixed git argv, no shell
            ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],  # noqa: S607
            cwd=CHECKOUT_ROOT or Path.cwd(),
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def run(args: argparse.Namespace) -> int:
    from aelyst_contract.specdiff import PolicyError, parse_policy  # noqa: PLC0415

    if args.examples < 1:
        raise CliError("--examples must be at least 1")
    try:
        policy = parse_policy(args.policy, args.policy_file)
    except PolicyError as error:
        raise CliError(str(error)) from error
    return diff(
        DiffOptions(
            paths=tuple(args.paths),
            base=args.base,
            format=args.format,
            fail_on=args.fail_on,
            breaking_for=args.breaking_for,
            property=args.property,
            examples=args.examples,
            seed=args.seed,
            policy=policy,
        )
    )


def diff(options: DiffOptions) -> int:
    from aelyst_contract._resources import CHECKOUT_ROOT  # noqa: PLC0415
    from aelyst_contract.specdiff import (  # noqa: PLC0415
        DiffReport,
        RefError,
        SpecSourceError,
        changelog_entry,
        confirm_findings,
        is_failure,
        mapping,
        property_findings,
        render_text,
        report_json,
        report_sarif,
    )

    try:
        pairs, notes = _pairs(options)
        reports = []
        for old, new in pairs:
            report = DiffReport(
                old.label,
                new.label,
                mapping(old.document.get("info")),
                mapping(new.document.get("info")),
                _diff(old, new, options.policy),
                old_path=old.path,
                new_path=new.path,
            )
            if options.property:
                report.property_check = _property(old, new, options)
                report.findings = confirm_findings(report.findings, report.property_check)
                report.findings.extend(property_findings(report.property_check))
            reports.append(report)
    except (SpecSourceError, RefError) as error:
        raise CliError(str(error)) from error
    failed = any(is_failure(r, options.fail_on, options.breaking_for) for r in reports)
    if options.format == "json":
        document = {
            "pairs": [report_json(r) for r in reports],
            "notes": notes,
            "fail_on": options.fail_on,
            "breaking_for": options.breaking_for,
            "failed": failed,
        }
        print(json.dumps(document, indent=2, default=str))
    elif options.format == "sarif":
        log = report_sarif(reports, options.breaking_for, root=CHECKOUT_ROOT)
        print(json.dumps(log.to_dict(), indent=1))
    elif options.format == "changelog":
        print("\n".join(changelog_entry(r) for r in reports), end="")
    else:
        print("\n".join(render_text(r) for r in reports), end="")
        for note in notes:
            print(f"Note: {note}")
        if failed:
            print(f"Failing: --fail-on {options.fail_on} (breaking for {options.breaking_for}).")
    return 1 if failed else 0


def _diff(old: SpecSource, new: SpecSource, policy: Policy) -> list[Finding]:
    from aelyst_contract._spec_check import structural  # noqa: PLC0415
    from aelyst_contract._specs import SpecInputError  # noqa: PLC0415
    from aelyst_contract.specdiff import RefError  # noqa: PLC0415

    try:
        return diff_specs(
            old.document, new.document, policy=policy, loaders=(old.loader, new.loader)
        )
    except RefError as error:
        raise CliError(str(error)) from error
    except (TypeError, AttributeError, ValueError, KeyError, IndexError) as error:
        # The rules read well-formed OpenAPI; say which document is not, else own the bug.
        for source in (old, new):
            try:
                problems = list(structural(source.document))
            except SpecInputError as unusable:
                message = str(unusable.located(source.label, source.text or None))
                raise CliError(message) from error
            if problems:
                first_line = str(problems[0]).splitlines()[0]
                message = f"{source.label}: not a valid OpenAPI document: {first_line}"
                raise CliError(message) from error
        raise CliError(
            f"cannot compare {old.label} and {new.label}: {type(error).__name__}: {error} "
            "(a specdiff bug: please report it)"
        ) from error


def diff_specs(old: dict[str, Any], new: dict[str, Any], **options: Any) -> list[Finding]:
    """`specdiff.diff_specs`, loaded on first use: the CLI's start never loads specdiff."""
    from aelyst_contract.specdiff import diff_specs as specdiff_diff_specs  # noqa: PLC0415

    return specdiff_diff_specs(old, new, **options)


def _property(old: SpecSource, new: SpecSource, options: DiffOptions) -> dict[str, Any]:
    from aelyst_contract.specdiff import PropertyCheckError, RefError, check_property  # noqa: PLC0415

    try:
        return check_property(
            old.document,
            new.document,
            examples=options.examples,
            seed=options.seed,
            loaders=(old.loader, new.loader),
        )
    except RefError as error:
        raise CliError(str(error)) from error
    except PropertyCheckError as error:
        raise CliError(f"property check: {error}") from error
