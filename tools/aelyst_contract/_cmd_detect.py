"""`aelyst-contract detect`: the detection gate (every emulator fault caught, none when clean)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from aelyst_contract._errors import CliError

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "detect",
        help="fuzz the emulator once per fault: every fault must be caught, a clean run must pass",
        description=(
            "Run `fuzz` against the embedded emulator without faults, then once per emulator"
            " fault. Exit 0 when the clean run finds nothing and every fault is caught; the"
            " fault x check matrix goes to stdout and to REPORT_DIR/detection.md."
        ),
    )
    parser.add_argument("--budget", default="4", help="examples per operation per run (default 4)")
    parser.add_argument("--seed", type=int, default=20261122, help="seed for every run")
    parser.add_argument(
        "--fault", action="append", default=[], metavar="NAME", help="only these faults"
    )
    parser.add_argument(
        "--report-dir", type=Path, default=Path("reports"), help="where detection.md goes"
    )
    parser.add_argument(
        "--live",
        action="store_true",
        help="also fuzz each fault in live mode, through a plain reverse proxy, with the"
        " emulator's profile minus its test controls (a second column)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so that other sub-commands never pay for loading schemathesis.
    from aelyst_contract.fuzz._command import DetectCommandOptions, run_detect_command  # noqa: PLC0415
    from aelyst_contract.fuzz._errors import FuzzError  # noqa: PLC0415

    options = DetectCommandOptions(
        budget=args.budget,
        seed=args.seed,
        report_dir=args.report_dir,
        faults=tuple(args.fault),
        live=args.live,
    )
    try:
        return run_detect_command(options)
    except FuzzError as error:
        raise CliError(str(error)) from error
