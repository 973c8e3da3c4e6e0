"""`aelyst-contract fuzz`: the contract fuzzer against the embedded emulator or a live target."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aelyst_contract._errors import CliError

if TYPE_CHECKING:
    from aelyst_contract.fuzz._command import FuzzCommandOptions

__all__ = ["API_CHOICES", "DEFAULT_BUDGET", "register", "run"]

DEFAULT_BUDGET = "25"
# The same as aelyst_contract.fuzz._command.API_CHOICES (a test keeps them equal): `--help` must
# not load the fuzzer.
API_CHOICES = ("all", "channel", "contact")


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "fuzz",
        help="fuzz the APIs against their specs (embedded emulator unless a live URL is given)",
        description=(
            "Generate requests from the specs (examples, coverage, fuzzing in positive and negative"
            " mode, stateful link-following) and check every response with schemathesis' checks"
            " and the project's own. A live target is best described once in a profile"
            " (--profile; `aelyst-contract emulate --write-profile` writes an example)."
            " Credentials come from the environment only: the variables the profile names, or"
            " AELYST_CONTACT_TOKEN, AELYST_ACCESS_KEY (and optionally AELYST_OTHER_ACCESS_KEY)."
            " Exit 0: no check failed; 1: a check failed; 2: the run could not start."
        ),
    )
    parser.add_argument("--api", choices=API_CHOICES, default="all", help="which API (default all)")
    target = parser.add_argument_group("live target (default: the embedded emulator)")
    target.add_argument(
        "--profile",
        type=Path,
        metavar="FILE",
        help="a target profile (TOML) describing the live target; options below override it",
    )
    target.add_argument(
        "--base-url", help="a server with both APIs: contact under /v1, channel at /"
    )
    target.add_argument("--contact-url", help="base URL of the contact API, e.g. https://host/v1")
    target.add_argument("--channel-url", help="base URL of the channel API")
    target.add_argument("--workspace-id", help="channel API workspace (or $AELYST_WORKSPACE_ID)")
    target.add_argument(
        "--channel-id",
        action="append",
        default=[],
        help="channel API channel id, repeatable (or $AELYST_CHANNEL_IDS, comma-separated)",
    )
    target.add_argument(
        "--allow-writes", action="store_true", help="live targets: also send messages (POST)"
    )
    target.add_argument(
        "--rate-limit",
        help="live targets: at most this many requests, e.g. 10/s or 300/m; per process, so"
        " give each of N shards 1/N of the target's limit",
    )
    target.add_argument(
        "--insecure",
        action="store_true",
        help="allow sending credentials over plain HTTP to a non-loopback host",
    )
    parser.add_argument(
        "--budget",
        default=DEFAULT_BUDGET,
        help="examples per operation (e.g. 50) or a time for the run (60s, 2m, 2h: the default"
        " run first, then more fuzzing until the time is spent; each shard's own);"
        f" default {DEFAULT_BUDGET}",
    )
    campaign = parser.add_argument_group(
        "campaigns (docs/ci.md): shards on many machines, merged by `aelyst-contract report merge`"
    )
    campaign.add_argument(
        "--shard",
        metavar="K/N",
        help="run shard K of N: N shards with the same seed and budget do the run's work"
        " between them, none of it twice (give them all the same --seed)",
    )
    campaign.add_argument(
        "--example-db",
        metavar="redis://HOST:PORT/N|DIR",
        help="keep failing examples there and replay them first in every later run and shard"
        " (default: no database, nothing written outside the report dir)",
    )
    # --seed and --max-failures are read as text and checked with the other options, so that a
    # bad value is reported together with every other problem (argparse stops at the first).
    parser.add_argument(
        "--seed", help="seed for reproducible runs, a whole number (default: random)"
    )
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=Path("reports"),
        help="where reports go (default ./reports)",
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME",
        help="embedded emulator only: switch on a fault (repeatable); "
        "see aelyst_contract.emulator.FAULTS",
    )
    parser.add_argument(
        "--max-failures",
        metavar="N",
        help="stop after N failing cases (default: explore everything)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    parser.add_argument(
        "--replay",
        metavar="ID",
        help="send one recorded failing request again and re-judge it with every check that"
        " failed (ids are in REPORT_DIR/replays.json; give the same target options)",
    )
    parser.set_defaults(handler=run)


def _whole_number(flag: str, value: str | None, problems: list[str]) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        problems.append(f"{flag} must be a whole number, not {value!r}")
        return None


def _options(args: argparse.Namespace, problems: list[str]) -> FuzzCommandOptions:
    """The options as the fuzzer takes them; a value that is not even a number is added to
    `problems` (and left out)."""
    from aelyst_contract.fuzz._command import FuzzCommandOptions  # noqa: PLC0415
    from aelyst_contract.fuzz._target import LiveOptions  # noqa: PLC0415

    seed = _whole_number("--seed", args.seed, problems)
    max_failures = _whole_number("--max-failures", args.max_failures, problems)
    return FuzzCommandOptions(
        api=args.api,
        profile=args.profile,
        live=LiveOptions(
            base_url=args.base_url,
            contact_url=args.contact_url,
            channel_url=args.channel_url,
            workspace_id=args.workspace_id,
            channel_ids=tuple(args.channel_id),
            insecure=args.insecure,
            allow_writes=args.allow_writes,
            rate_limit=args.rate_limit,
        ),
        budget=args.budget,
        seed=seed,
        report_dir=args.report_dir,
        faults=tuple(args.fault),
        max_failures=max_failures,
        quiet=args.quiet,
        replay=args.replay,
        shard=args.shard,
        example_db=args.example_db,
    )


def run(args: argparse.Namespace) -> int:
    # Imported here so that other sub-commands never pay for loading schemathesis.
    from aelyst_contract.fuzz._command import option_problems, run_command  # noqa: PLC0415
    from aelyst_contract.fuzz._errors import FuzzError  # noqa: PLC0415

    problems: list[str] = []
    options = _options(args, problems)
    if options.replay is None:  # a replay reads its run's options from the report
        problems.extend(option_problems(options))
    if problems:  # every one of them, `; `-joined on the one line
        raise CliError("; ".join(problems))
    try:
        return run_command(options)
    except FuzzError as error:
        raise CliError(str(error)) from error
