"""`aelyst-contract check-spec`: structural validation plus the project's own rules, per spec."""

from __future__ import annotations

import argparse
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from aelyst_contract._errors import CliError
from aelyst_contract._resources import CHECKOUT_ROOT

if TYPE_CHECKING:
    from aelyst_contract._sarif import SarifLog
    from aelyst_contract._spec_check import Problem

__all__ = ["CheckSpecOptions", "check_specs", "register", "run", "sarif_log"]


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check-spec",
        help="validate the specs (OpenAPI 3.1 structure and the project's own rules)",
        description=(
            "Validate OpenAPI 3.1 specs: structure, then the project's own rules. Exit code: 0 ok,"
            " 1 problems found, 2 a spec that cannot be checked (unreadable, not YAML, not OpenAPI"
            " 3.1, a $ref that leads nowhere: one line each on stderr, naming file and line)."
        ),
        epilog=_rules_listing(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="spec files to check (default: both curated specs)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "sarif"),
        default="text",
        help="text (default), or SARIF 2.1.0 on stdout (code scanning: one result per problem)",
    )
    parser.set_defaults(handler=run)


def _rules_listing() -> str:
    """The registered rules with their descriptions (the rule functions' docstrings)."""
    from aelyst_contract._spec_check import SPEC_RULES  # noqa: PLC0415

    width = max(len(rule.name) for rule in SPEC_RULES) + 4
    lines = ["rules (a problem names its rule in brackets):"]
    for rule in SPEC_RULES:
        lines.append(
            textwrap.fill(
                " ".join(rule.description.split()),
                width=100,
                initial_indent=f"  {rule.name}".ljust(width),
                subsequent_indent=" " * width,
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class CheckSpecOptions:
    paths: tuple[Path, ...]  # none: both curated specs
    format: Literal["text", "sarif"] = "text"


def run(args: argparse.Namespace) -> int:
    return check_specs(CheckSpecOptions(paths=tuple(args.paths), format=args.format))


def _problems(path: Path) -> list[Problem]:
    """The problems of one spec file; SpecInputError naming the file (and line) when it cannot
    be checked at all."""
    from aelyst_contract._spec_check import check_spec  # noqa: PLC0415
    from aelyst_contract._specs import SpecInputError, parse_spec_text, read_spec_text  # noqa: PLC0415

    text = read_spec_text(path)
    document = parse_spec_text(text, str(path))
    try:
        return check_spec(document)
    except SpecInputError as error:
        raise error.located(str(path), text) from None


def check_specs(options: CheckSpecOptions) -> int:
    """Check every spec (an unusable one does not stop the others); exit code 2 when any could
    not be checked, else 1 when any has problems."""
    from aelyst_contract._specs import SPEC_PATHS, SpecInputError  # noqa: PLC0415

    paths: list[Path] = list(options.paths) or list(SPEC_PATHS.values())
    found: dict[Path, list[Problem]] = {}
    unusable: list[str] = []
    for path in paths:
        try:
            found[path] = _problems(path)
        except SpecInputError as error:
            unusable.append(str(error))
    if options.format == "sarif":
        print(json.dumps(sarif_log(found).to_dict(), indent=1))
    else:
        for path, problems in found.items():
            if problems:
                print(f"{path}: {len(problems)} problem(s)")
                for problem in problems:
                    print(f"  - {problem}")
            else:
                print(f"{path}: ok")
    if unusable:
        # One message; cli.main prints it as one line (several specs: `; `-joined).
        raise CliError("; ".join(unusable))
    return 1 if any(found.values()) else 0


def sarif_log(found: dict[Path, list[Problem]], root: Path | None = CHECKOUT_ROOT) -> SarifLog:
    """The problems as SARIF: every rule declared (with its description), one error result per
    problem at the line of the node its pointer names."""
    from aelyst_contract._sarif import SarifLog, YamlLocator, artifact_uri, package_version  # noqa: PLC0415
    from aelyst_contract._spec_check import SPEC_RULES, structural  # noqa: PLC0415

    log = SarifLog(tool_name="aelyst-contract check-spec", tool_version=package_version())
    log.add_rule("structural", " ".join((structural.__doc__ or "").split("\n\n")[0].split()))
    for rule in SPEC_RULES:
        log.add_rule(rule.name, " ".join(rule.description.split()))
    locator = YamlLocator()
    for path, problems in found.items():
        uri = artifact_uri(path, root)
        for problem in problems:
            log.add_result(
                problem.rule,
                f"{problem.where}: {problem.message}",
                uri=uri,
                line=locator.line_of(path, problem.pointer, nearest=True),
                properties={"pointer": problem.pointer},
            )
    return log
