"""`aelyst-contract report merge`: one campaign's reports from the report directories of its
shards (`fuzz --shard K/N`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from aelyst_contract._errors import CliError

__all__ = ["register", "run", "run_merge"]


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report",
        help="work with fuzz reports: merge the report directories of a campaign's shards",
        description="Work with the report directories `aelyst-contract fuzz` writes.",
    )
    actions = parser.add_subparsers(dest="report_action", metavar="ACTION", required=True)
    merge = actions.add_parser(
        "merge",
        help="one summary, HTML report, JUnit, HAR, SARIF and replays from the shards' reports",
        description=(
            "Replay the events of every shard (REPORT_DIR/events.jsonl of `fuzz --shard K/N`)"
            " through the reporters of a single run: the merged reports record each result's"
            " shard, and the verdict is the whole campaign's. The directories must be the"
            " shards 1..N of one campaign (same seed, budget, APIs and faults)."
            " Exit 0: no check failed; 1: a check failed; 2: the shards could not be merged."
        ),
    )
    merge.add_argument("dirs", nargs="+", type=Path, metavar="DIR", help="a shard's report dir")
    merge.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="where the merged reports go"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """The chosen action (argparse makes one required)."""
    actions = {"merge": run_merge}
    return actions[args.report_action](args)


def run_merge(args: argparse.Namespace) -> int:
    # Imported here so that other sub-commands never pay for loading the fuzzer.
    from aelyst_contract.fuzz._command import MergeCommandOptions, run_merge_command  # noqa: PLC0415
    from aelyst_contract.fuzz._errors import FuzzError  # noqa: PLC0415

    try:
        return run_merge_command(MergeCommandOptions(dirs=tuple(args.dirs), out=args.out))
    except FuzzError as error:
        raise CliError(str(error)) from error
