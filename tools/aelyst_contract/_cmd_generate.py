"""`aelyst-contract generate [--check]`: regenerate the client packages, or gate on drift."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aelyst_contract._errors import CliError
from aelyst_contract._generate import CLIENTS, GenerateError, generate_clients, stale_client_diff
from aelyst_contract._specs import SpecName

__all__ = ["GenerateOptions", "generate", "register", "run"]


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "generate",
        help="regenerate generated/*-client from spec/*.yaml (or --check that they are current)",
        description=(
            "Regenerate the client packages under generated/ with the pinned "
            "openapi-python-client. With --check, regenerate into a temporary directory and "
            "fail (exit 1) with a unified diff when the committed packages differ."
        ),
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; print a diff and exit 1 when the committed clients are stale",
    )
    parser.add_argument(
        "--only",
        choices=sorted(CLIENTS),
        action="append",
        help="only this client (repeatable; default: all)",
    )
    parser.add_argument(
        "--into",
        type=Path,
        metavar="DIR",
        help="the directory holding the client projects (default: the checkout's generated/, "
        "or ./generated when installed)",
    )
    parser.set_defaults(handler=run)


@dataclass(frozen=True)
class GenerateOptions:
    check: bool  # only compare, never write
    only: tuple[SpecName, ...] | None  # None: every client
    into: Path | None  # None: the checkout's generated/ (or ./generated when installed)


def run(args: argparse.Namespace) -> int:
    options = GenerateOptions(
        check=args.check,
        only=None if args.only is None else tuple(args.only),
        into=args.into,
    )
    try:
        return generate(options)
    except GenerateError as error:
        raise CliError(str(error)) from error


def generate(options: GenerateOptions) -> int:
    if options.check:
        diffs = stale_client_diff(options.only, into=options.into)
        if diffs:
            for file_diff in diffs:
                sys.stdout.writelines(file_diff.lines)
            print(f"\n{len(diffs)} generated file(s) differ from what the specs produce:")
            for file_diff in diffs:
                print(f"  {file_diff.path}")
            print("Run `uv run aelyst-contract generate` and commit the result.")
            return 1
        print("generated clients are up to date with the specs")
        return 0
    for path in generate_clients(options.only, into=options.into):
        print(f"wrote {path}")
    return 0
