"""The `aelyst-contract` command: one sub-command per module, each with `register(subparsers)`.

A module of this package named `_cmd_<name>.py` is a sub-command: creating it is the whole
registration (`command_modules` finds it).

A sub-command's handler returns the process exit code. A `CliError` becomes a one-line message on
stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

from aelyst_contract._errors import CliError

__all__ = ["COMMAND_MODULE_PREFIX", "build_parser", "command_modules", "main"]

COMMAND_MODULE_PREFIX = "_cmd_"


def command_modules() -> list[str]:
    """The sub-command modules, by name. Each has `register(subparsers) -> None`, which sets the
    sub-command's `handler` via `set_defaults`."""
    package = Path(__file__).parent
    return sorted(
        f"{__package__}.{module.name}"
        for module in pkgutil.iter_modules([str(package)])
        if module.name.startswith(COMMAND_MODULE_PREFIX)
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aelyst-contract",
        description="Contract toolkit for the Aelyst Contact and Channel Messaging APIs.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module_name in command_modules():
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
