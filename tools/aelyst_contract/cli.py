"""The `aelyst-contract` command: one sub-command per module, each with `register(subparsers)`.

A sub-command's handler returns the process exit code. A `CliError` becomes a one-line message on
stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from aelyst_contract._errors import CliError

__all__ = ["COMMAND_MODULES", "build_parser", "main"]

# Each module has `register(subparsers) -> None`, which sets `handler` via `set_defaults`.
COMMAND_MODULES = [
    "aelyst_contract._cmd_spec",
    "aelyst_contract._cmd_generate",
    "aelyst_contract._cmd_fuzz",
    "aelyst_contract._cmd_detect",
    "aelyst_contract._cmd_emulate",
    "aelyst_contract._cmd_diff",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aelyst-contract",
        description="Contract toolkit for the Aelyst Contact and Channel Messaging APIs.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except CliError as error:
        print(f"aelyst-contract {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"aelyst-contract {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
