"""`aelyst-contract check-spec`: structural validation plus the project's own rules, per spec."""

from __future__ import annotations

import argparse
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from aelyst_contract._errors import CliError
from aelyst_contract._spec_check import SPEC_RULES, check_spec
from aelyst_contract._specs import SPEC_PATHS, load_yaml

__all__ = ["CheckSpecOptions", "check_specs", "register", "run"]


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check-spec",
        help="validate the specs (OpenAPI 3.1 structure and the project's own rules)",
        description="Validate OpenAPI specs: structure, then the project's own rules.",
        epilog=_rules_listing(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="spec files to check (default: both curated specs)",
    )
    parser.set_defaults(handler=run)


def _rules_listing() -> str:
    """The registered rules with their descriptions (the rule functions' docstrings)."""
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


def run(args: argparse.Namespace) -> int:
    return check_specs(CheckSpecOptions(paths=tuple(args.paths)))


def check_specs(options: CheckSpecOptions) -> int:
    paths: list[Path] = list(options.paths) or list(SPEC_PATHS.values())
    failed = False
    for path in paths:
        if not path.is_file():
            raise CliError(f"no such spec file: {path}")
        try:
            document = load_yaml(path)
        except (OSError, ValueError, yaml.YAMLError) as error:
            raise CliError(f"{path}: cannot read: {error}") from error
        problems = check_spec(document)
        if problems:
            failed = True
            print(f"{path}: {len(problems)} problem(s)")
            for problem in problems:
                print(f"  - {problem}")
        else:
            print(f"{path}: ok")
    return 1 if failed else 0
