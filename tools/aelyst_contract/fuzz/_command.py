"""What `aelyst-contract fuzz` and `detect` do with their options (aelyst_contract._cmd_fuzz and
_cmd_detect parse the command line into `FuzzCommandOptions` / `DetectCommandOptions`).

Anything that stops a run is a `FuzzError` with a one-line message; the command line prints it.
"""

from __future__ import annotations

import contextlib
import random
import shlex
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import httpx

from aelyst_contract.fuzz._budget import DEFAULT_EXAMPLES, parse_budget
from aelyst_contract.fuzz._detect import run_detection
from aelyst_contract.fuzz._errors import FuzzError, OptionError
from aelyst_contract.fuzz._event_log import EVENT_LOG, EventLogReporter
from aelyst_contract.fuzz._events import Reporter
from aelyst_contract.fuzz._example_db import parse_example_db
from aelyst_contract.fuzz._http import parse_rate_limit
from aelyst_contract.fuzz._merge import merge_reports
from aelyst_contract.fuzz._profile import Profile, load_profile
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
from aelyst_contract.fuzz._runner import FuzzOptions, run_fuzz
from aelyst_contract.fuzz._shard import Shard, parse_shard
from aelyst_contract.fuzz._spec_facts import ApiName
from aelyst_contract.fuzz._stored_failures import (
    StoringReporter,
    failure_store,
    stored_failure_replayer,
)
from aelyst_contract.fuzz._target import (
    LiveOptions,
    Target,
    checked_faults,
    embedded_target,
    live_target,
)

__all__ = [
    "API_CHOICES",
    "GATE_BODY_SAMPLE",
    "GATE_STATEFUL_STEPS",
    "REPLAY_NOT_EXERCISED",
    "ApiChoice",
    "DetectCommandOptions",
    "FuzzCommandOptions",
    "MergeCommandOptions",
    "option_problems",
    "reporters_for",
    "run_command",
    "run_detect_command",
    "run_merge_command",
    "run_replay",
]

ApiChoice = Literal["all", "channel", "contact"]
API_CHOICES: tuple[ApiChoice, ...] = ("all", "channel", "contact")
_APIS: dict[ApiChoice, tuple[ApiName, ...]] = {
    "contact": ("contact",),
    "channel": ("channel",),
    "all": ("contact", "channel"),
}
# Exit code of a replay whose checks could not all be re-judged (none failed).
REPLAY_NOT_EXERCISED = 3


@dataclass(frozen=True)
class FuzzCommandOptions:
    """What a fuzz run (or, with `replay`, a replay) was asked for, as the command line gives it."""

    api: ApiChoice = "all"
    profile: Path | None = None  # a live target's profile; `live` overrides what it says
    live: LiveOptions = field(default_factory=LiveOptions)
    budget: str = "25"  # examples per operation, or a time (parse_budget)
    seed: int | None = None  # None: a random one
    report_dir: Path = Path("reports")
    faults: tuple[str, ...] = ()  # embedded emulator only
    max_failures: int | None = None
    quiet: bool = False
    replay: str | None = None  # the id of a recorded failing request to send again
    shard: str | None = None  # "K/N": this process runs shard K of N (parse_shard)
    example_db: str | None = None  # redis://HOST:PORT/N or a directory; None: no database

    @property
    def is_live(self) -> bool:
        live = self.live
        return bool(self.profile or live.base_url or live.contact_url or live.channel_url)


@dataclass(frozen=True)
class DetectCommandOptions:
    """What a detection gate run was asked for."""

    budget: str  # examples per operation per run
    seed: int
    report_dir: Path
    faults: tuple[str, ...] = ()  # none: every emulator fault
    live: bool = False  # also the live column


@dataclass(frozen=True)
class MergeCommandOptions:
    """Which shards' report directories to merge, and where to."""

    dirs: tuple[Path, ...]
    out: Path


def _profile(options: FuzzCommandOptions) -> Profile | None:
    return load_profile(options.profile) if options.profile else None


def _target_args(options: FuzzCommandOptions) -> str:
    """The options that address the same target again (for replay lines)."""
    live = options.live
    words: list[str] = []
    for flag, value in (
        ("--profile", options.profile),
        ("--base-url", live.base_url),
        ("--contact-url", live.contact_url),
        ("--channel-url", live.channel_url),
        ("--workspace-id", live.workspace_id),
    ):
        if value:
            words += [flag, str(value)]
    for channel in live.channel_ids:
        words += ["--channel-id", channel]
    if live.insecure:
        words.append("--insecure")
    return shlex.join(words)


@contextlib.contextmanager
def _target(
    options: FuzzCommandOptions, apis: tuple[ApiName, ...], faults: frozenset[str]
) -> Iterator[Target]:
    if options.is_live:
        if faults:
            raise OptionError("--fault only applies to the embedded emulator")
        yield live_target(options.live, apis, profile=_profile(options))
        return
    with embedded_target(faults, apis) as target:
        rate_limit = options.live.rate_limit
        rate = parse_rate_limit(rate_limit) if rate_limit else None
        yield replace(target, rate_limit=rate) if rate else target


def option_problems(options: FuzzCommandOptions) -> list[str]:
    """Every problem with the options of a fuzz run, found without starting anything (no
    emulator, no request): budget, failure limit, faults, rate limit, and a live target's
    profile, URLs and credentials. All of them, so a user fixes them in one go."""
    problems: list[str] = []

    def attempt(check: Callable[[], object]) -> None:
        try:
            check()
        except FuzzError as error:
            problems.append(str(error))

    attempt(lambda: parse_budget(options.budget))
    if options.shard is not None:
        attempt(lambda: parse_shard(options.shard or ""))
    if options.example_db is not None:
        attempt(lambda: parse_example_db(options.example_db or ""))
    if options.max_failures is not None and options.max_failures < 1:
        problems.append("--max-failures must be 1 or more")
    if options.is_live:
        if options.faults:
            problems.append("--fault only applies to the embedded emulator")
        # The profile's and the options' rate limits are checked with the target.
        attempt(lambda: live_target(options.live, _APIS[options.api], profile=_profile(options)))
    else:
        attempt(lambda: checked_faults(options.faults))
        if options.live.rate_limit:
            attempt(lambda: parse_rate_limit(options.live.rate_limit or ""))
    return problems


def reporters_for(
    report_dir: Path, progress: bool, faults: frozenset[str] = frozenset()
) -> list[Reporter]:
    found: list[Reporter] = [
        EventLogReporter(report_dir / EVENT_LOG),
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


def run_command(options: FuzzCommandOptions) -> int:
    """Fuzz (or replay); the exit code: 0 no check failed, 1 a check failed."""
    if options.replay:
        return run_replay(options)
    problems = option_problems(options)  # all of them before anything starts
    if problems:
        raise OptionError("; ".join(problems))
    apis = _APIS[options.api]
    budget = parse_budget(options.budget)
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(2**31)
    fuzz_options = FuzzOptions(
        apis=apis,
        max_examples=budget.examples if budget.examples is not None else DEFAULT_EXAMPLES,
        max_time_s=budget.seconds,
        seed=seed,
        max_failures=options.max_failures,
        target_args=_target_args(options),
        shard=parse_shard(options.shard) if options.shard else Shard(),
        example_db=parse_example_db(options.example_db) if options.example_db else None,
        faults=tuple(sorted(options.faults)),
    )
    report_dir = options.report_dir
    try:
        report_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FuzzError(f"cannot create report dir {report_dir}: {error}") from error
    faults = frozenset(options.faults)
    with _target(options, apis, faults) as target:
        reporters = reporters_for(report_dir, progress=not options.quiet, faults=faults)
        if fuzz_options.example_db is not None:
            store = failure_store(fuzz_options.example_db)
            reporters.append(StoringReporter(store))
            fuzz_options = replace(
                fuzz_options, stored_failures=stored_failure_replayer(store, target)
            )
        try:
            totals = run_fuzz(target, fuzz_options, reporters)
        finally:
            for reporter in reporters:
                reporter.close()
    print(
        f"reports in {report_dir}/: open {report_dir / 'report.html'} in a browser"
        f" (also summary.md, junit.xml, fuzz.har, fuzz.sarif, replays.json, {EVENT_LOG})"
    )
    return 0 if totals.ok else 1


def run_merge_command(options: MergeCommandOptions) -> int:
    """The campaign's reports from its shards'; the exit code is the campaign's: 0 no check
    failed (and no engine problem), 1 otherwise."""
    finished = merge_reports(
        options.dirs, options.out, lambda out, faults: reporters_for(out, False, faults)
    )
    out = options.out
    print(
        f"merged {len(options.dirs)} shards: {finished.cases} cases, {finished.failures} failing,"
        f" {finished.problems} engine problems; open {out / 'report.html'} in a browser"
        f" (also summary.md, junit.xml, fuzz.har, fuzz.sarif, replays.json, {EVENT_LOG})"
    )
    return 0 if finished.failures == 0 and finished.problems == 0 else 1


# The gate runs fuzz ~25 times: it keeps 1 in 8 body-mutating coverage cases of each run.
GATE_BODY_SAMPLE = 8
GATE_STATEFUL_STEPS = 5


def run_detect_command(options: DetectCommandOptions) -> int:
    """The detection gate; the exit code: 0 every fault caught and a clean run clean, else 1."""
    from aelyst_contract.emulator import Fault  # noqa: PLC0415 (live runs never load the emulator)

    budget = parse_budget(options.budget)
    if budget.examples is None:
        raise OptionError("detect takes a number of examples per operation, e.g. --budget 6")
    chosen = checked_faults(options.faults) or sorted(Fault)
    fuzz_options = FuzzOptions(
        max_examples=budget.examples,
        seed=options.seed,
        coverage_body_sample=GATE_BODY_SAMPLE,
        stateful_steps=GATE_STATEFUL_STEPS,
    )

    def progress(fault: str, failing: list[str]) -> None:
        print(f"{fault}: {', '.join(failing) if failing else 'nothing found'}", file=sys.stderr)

    result = run_detection(
        [fault.value for fault in chosen], fuzz_options, on_run=progress, live=options.live
    )
    result.write(options.report_dir)
    print(result.matrix_markdown())
    for fault in result.missed:
        print(f"MISSED: {fault}: {Fault(fault).description}")
    if result.false_positives:
        print(f"FALSE POSITIVES in the clean run: {', '.join(result.false_positives)}")
    return 0 if result.ok else 1


def run_replay(options: FuzzCommandOptions) -> int:
    """Send one recorded failing request again (to the target chosen by the same options, or an
    emulator with the run's faults) and re-judge it with every check that failed on it. Exit 1
    while a check still fails, 3 when some could not be re-judged, 0 when all pass."""
    assert options.replay is not None
    entry = load_replay(options.report_dir, options.replay)
    api: ApiName = entry["api"]
    faults = frozenset(options.faults if options.is_live else entry.get("faults") or ())
    with _target(options, (api,), faults) as target:
        try:
            outcome = replay(entry, target)
        except httpx.HTTPError as error:
            raise ReplayError(f"replay {options.replay}: {error}") from error
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
    if not options.is_live:
        print(
            "pass: it did not reproduce on a fresh emulator with the run's faults"
            f" ({', '.join(sorted(faults)) or 'none'}); the run may have built up the state it"
            " needed"
        )
    else:
        print("pass: the failure no longer reproduces")
    return 0
