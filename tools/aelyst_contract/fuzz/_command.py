"""What `aelyst-contract fuzz` does once its options are parsed (tools/_cmd_fuzz.py parses)."""

from __future__ import annotations

import argparse
import contextlib
import random
import shlex
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx

from aelyst_contract._errors import CliError
from aelyst_contract.fuzz._budget import parse_budget
from aelyst_contract.fuzz._detect import run_detection
from aelyst_contract.fuzz._events import Reporter
from aelyst_contract.fuzz._http import parse_rate_limit
from aelyst_contract.fuzz._profile import Profile, ProfileError, load_profile
from aelyst_contract.fuzz._redact import Redactor
from aelyst_contract.fuzz._replay import ReplayError, load_replay, replay
from aelyst_contract.fuzz._report_html import HtmlReporter
from aelyst_contract.fuzz._report_sarif import SarifReporter
from aelyst_contract.fuzz._reporters import (
    HarReporter,
    JunitReporter,
    ReplayReporter,
    SummaryReporter,
    progress_reporter,
)
from aelyst_contract.fuzz._runner import FuzzOptions, TargetError, run_fuzz
from aelyst_contract.fuzz._spec_facts import ApiName
from aelyst_contract.fuzz._target import LiveOptions, Target, embedded_target, live_target

__all__ = [
    "GATE_BODY_SAMPLE",
    "GATE_STATEFUL_STEPS",
    "REPLAY_NOT_EXERCISED",
    "reporters_for",
    "run_command",
    "run_detect_command",
    "run_replay",
]

_APIS: dict[str, tuple[ApiName, ...]] = {
    "contact": ("contact",),
    "channel": ("channel",),
    "all": ("contact", "channel"),
}
# Exit code of a replay whose checks could not all be re-judged (none failed).
REPLAY_NOT_EXERCISED = 3


def _profile(args: argparse.Namespace) -> Profile | None:
    if not args.profile:
        return None
    try:
        return load_profile(args.profile)
    except ProfileError as error:
        raise CliError(str(error)) from error


def _live_options(args: argparse.Namespace) -> LiveOptions:
    return LiveOptions(
        base_url=args.base_url,
        contact_url=args.contact_url,
        channel_url=args.channel_url,
        workspace_id=args.workspace_id,
        channel_ids=tuple(args.channel_id),
        insecure=args.insecure,
        allow_writes=args.allow_writes,
        rate_limit=args.rate_limit,
    )


def _is_live(args: argparse.Namespace) -> bool:
    return bool(args.profile or args.base_url or args.contact_url or args.channel_url)


def _target_args(args: argparse.Namespace) -> str:
    """The options that address the same target again (for replay lines)."""
    words: list[str] = []
    for option in ("profile", "base_url", "contact_url", "channel_url", "workspace_id"):
        value = getattr(args, option)
        if value:
            words += [f"--{option.replace('_', '-')}", str(value)]
    for channel in args.channel_id:
        words += ["--channel-id", channel]
    if args.insecure:
        words.append("--insecure")
    return shlex.join(words)


@contextlib.contextmanager
def _target(
    args: argparse.Namespace, apis: tuple[ApiName, ...], faults: frozenset[str]
) -> Iterator[Target]:
    if _is_live(args):
        if faults:
            raise CliError("--fault only applies to the embedded emulator")
        yield live_target(_live_options(args), apis, profile=_profile(args))
        return
    with embedded_target(faults, apis) as target:
        rate = parse_rate_limit(args.rate_limit) if args.rate_limit else None
        yield replace(target, rate_limit=rate) if rate else target


def reporters_for(
    report_dir: Path, progress: bool, faults: frozenset[str] = frozenset()
) -> list[Reporter]:
    found: list[Reporter] = [
        JunitReporter(report_dir / "junit.xml", faults=faults),
        HarReporter(report_dir / "fuzz.har"),
        SummaryReporter(report_dir / "summary.md", report_dir=report_dir, faults=faults),
        HtmlReporter(report_dir / "report.html", report_dir=report_dir, faults=faults),
        SarifReporter(report_dir / "fuzz.sarif", report_dir=report_dir),
        ReplayReporter(report_dir / "replays.json", faults=faults),
    ]
    if progress:
        found.insert(0, progress_reporter(sys.stderr))
    return found


def run_command(args: argparse.Namespace) -> int:
    if args.replay:
        return run_replay(args)
    apis = _APIS[args.api]
    budget = parse_budget(args.budget)
    if args.rate_limit:
        parse_rate_limit(args.rate_limit)  # a bad value is an error before anything starts
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    per_api_seconds = None
    if budget.seconds is not None:
        per_api_seconds = max(1, budget.seconds // len(apis))
    if args.max_failures is not None and args.max_failures < 1:
        raise CliError("--max-failures must be 1 or more")
    options = FuzzOptions(
        apis=apis,
        max_examples=budget.examples if budget.examples is not None else 1000,
        max_time_s=per_api_seconds,
        seed=seed,
        max_failures=args.max_failures,
        target_args=_target_args(args),
    )
    try:
        args.report_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CliError(f"cannot create report dir {args.report_dir}: {error}") from error
    faults = frozenset(args.fault)
    with _target(args, apis, faults) as target:
        reporters = reporters_for(args.report_dir, progress=not args.quiet, faults=faults)
        try:
            totals = run_fuzz(target, options, reporters)
        except TargetError as error:
            raise CliError(str(error)) from error
        finally:
            for reporter in reporters:
                reporter.close()
    print(f"reports in {args.report_dir}/ (summary.md, junit.xml, fuzz.har, replays.json)")
    return 0 if totals.ok else 1


# The gate runs fuzz ~25 times: it keeps 1 in 8 body-mutating coverage cases of each run.
GATE_BODY_SAMPLE = 8
GATE_STATEFUL_STEPS = 5


def run_detect_command(args: argparse.Namespace) -> int:
    from aelyst_contract.emulator import FAULTS  # noqa: PLC0415 (live runs never load the emulator)

    budget = parse_budget(args.budget)
    if budget.examples is None:
        raise CliError("detect takes a number of examples per operation, e.g. --budget 6")
    unknown = sorted(set(args.fault) - set(FAULTS))
    if unknown:
        raise CliError(f"unknown fault(s) {', '.join(unknown)}; known: {', '.join(sorted(FAULTS))}")
    faults = list(args.fault) or sorted(FAULTS)
    options = FuzzOptions(
        max_examples=budget.examples,
        seed=args.seed,
        coverage_body_sample=GATE_BODY_SAMPLE,
        stateful_steps=GATE_STATEFUL_STEPS,
    )

    def progress(fault: str, failing: list[str]) -> None:
        print(f"{fault}: {', '.join(failing) if failing else 'nothing found'}", file=sys.stderr)

    result = run_detection(faults, options, on_run=progress, live=args.live)
    result.write(args.report_dir)
    print(result.matrix_markdown())
    for fault in result.missed:
        print(f"MISSED: {fault}: {FAULTS[fault]}")
    if result.false_positives:
        print(f"FALSE POSITIVES in the clean run: {', '.join(result.false_positives)}")
    return 0 if result.ok else 1


def run_replay(args: argparse.Namespace) -> int:
    """Send one recorded failing request again (to the target chosen by the same options, or an
    emulator with the run's faults) and re-judge it with every check that failed on it. Exit 1
    while a check still fails, 3 when some could not be re-judged, 0 when all pass."""
    try:
        entry = load_replay(args.report_dir, args.replay)
    except ReplayError as error:
        raise CliError(str(error)) from error
    api: ApiName = entry["api"]
    faults = frozenset(args.fault) if _is_live(args) else frozenset(entry.get("faults") or ())
    with _target(args, (api,), faults) as target:
        try:
            outcome = replay(entry, target)
        except httpx.HTTPError as error:
            raise CliError(f"replay {args.replay}: {error}") from error
        redactor = Redactor(target.secrets)
        print(f"{entry['method']} {redactor.text(str(target.base_url(api)) + entry['path'])}")
        if entry.get("probe"):
            probe = entry["probe"]
            print(f"  (the failure was seen on a follow-up: {probe['method']} {probe['url']})")
        answer = "nothing" if outcome.status is None else str(outcome.status)
        print(f"-> {answer} {redactor.text(outcome.body[:2000])}")
    verdicts = outcome.verdicts
    for verdict in verdicts:
        print(f"{verdict.check}: {verdict.verdict}")
    if any(v.verdict.startswith("FAIL") for v in verdicts):
        print("FAIL: the failure still reproduces")
        return 1
    if any(v.verdict.startswith("not exercised") for v in verdicts):
        print("NOT EXERCISED: some checks could not be re-judged (see above)")
        return REPLAY_NOT_EXERCISED
    if not _is_live(args):
        print(
            "pass: it did not reproduce on a fresh emulator with the run's faults"
            f" ({', '.join(sorted(faults)) or 'none'}); the run may have built up the state it"
            " needed"
        )
    else:
        print("pass: the failure no longer reproduces")
    return 0
