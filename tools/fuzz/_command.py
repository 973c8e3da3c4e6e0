"""What `aelyst-contract fuzz` does once its options are parsed (tools/_cmd_fuzz.py parses)."""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from tools._errors import CliError
from tools.fuzz._budget import parse_budget
from tools.fuzz._checks import PASSIVE_CHECKS, PROJECT_CHECKS
from tools.fuzz._detect import run_detection
from tools.fuzz._events import Reporter
from tools.fuzz._exchange import NOT_JSON, CheckEnv, CheckFailed, Exchange, parse_body
from tools.fuzz._http import parse_rate_limit
from tools.fuzz._redact import Redactor
from tools.fuzz._reporters import (
    HarReporter,
    JunitReporter,
    ProgressReporter,
    ReplayReporter,
    SummaryReporter,
)
from tools.fuzz._runner import FuzzOptions, run_fuzz
from tools.fuzz._spec_facts import ApiName, spec_facts
from tools.fuzz._st_adapter import path_values
from tools.fuzz._target import LiveOptions, Target, embedded_target, live_target

__all__ = ["reporters_for", "run_command", "run_detect_command", "run_replay"]

_APIS: dict[str, tuple[ApiName, ...]] = {
    "contact": ("contact",),
    "channel": ("channel",),
    "all": ("contact", "channel"),
}


def _is_live(args: argparse.Namespace) -> bool:
    return bool(args.base_url or args.contact_url or args.channel_url)


@contextlib.contextmanager
def _target(args: argparse.Namespace, apis: tuple[ApiName, ...]) -> Iterator[Target]:
    if _is_live(args):
        if args.fault:
            raise CliError("--fault only applies to the embedded emulator")
        yield live_target(
            LiveOptions(
                base_url=args.base_url,
                contact_url=args.contact_url,
                channel_url=args.channel_url,
                workspace_id=args.workspace_id,
                channel_ids=tuple(args.channel_id),
                insecure=args.insecure,
            ),
            apis,
        )
        return
    with embedded_target(frozenset(args.fault)) as target:
        yield target


def reporters_for(report_dir: Path, progress: bool) -> list[Reporter]:
    found: list[Reporter] = [
        JunitReporter(report_dir / "junit.xml"),
        HarReporter(report_dir / "fuzz.har"),
        SummaryReporter(report_dir / "summary.md"),
        ReplayReporter(report_dir / "replays.json"),
    ]
    if progress:
        found.insert(0, ProgressReporter(sys.stderr))
    return found


def run_command(args: argparse.Namespace) -> int:
    if args.replay:
        return run_replay(args)
    apis = _APIS[args.api]
    budget = parse_budget(args.budget)
    rate = parse_rate_limit(args.rate_limit) if args.rate_limit else None
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    per_api_seconds = None
    if budget.seconds is not None:
        per_api_seconds = max(1, budget.seconds // len(apis))
    options = FuzzOptions(
        apis=apis,
        max_examples=budget.examples if budget.examples is not None else 1000,
        max_time_s=per_api_seconds,
        seed=seed,
        allow_writes=args.allow_writes,
        rate_limit=rate,
    )
    try:
        args.report_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CliError(f"cannot create report dir {args.report_dir}: {error}") from error
    reporters = reporters_for(args.report_dir, progress=not args.quiet)
    with _target(args, apis) as target:
        try:
            totals = run_fuzz(target, options, reporters)
        finally:
            for reporter in reporters:
                reporter.close()
    print(f"reports in {args.report_dir}/ (summary.md, junit.xml, fuzz.har, replays.json)")
    return 0 if totals.ok else 1


# The gate runs fuzz ~25 times: it keeps 1 in 8 body-mutating coverage cases of each run.
GATE_BODY_SAMPLE = 8
GATE_STATEFUL_STEPS = 5


def run_detect_command(args: argparse.Namespace) -> int:
    from tools.emulator import FAULTS  # noqa: PLC0415 (live runs never load the emulator)

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

    result = run_detection(faults, options, on_run=progress)
    result.write(args.report_dir)
    print(result.matrix_markdown())
    for fault in result.missed:
        print(f"MISSED: {fault}: {FAULTS[fault]}")
    if result.false_positives:
        print(f"FALSE POSITIVES in the clean run: {', '.join(result.false_positives)}")
    return 0 if result.ok else 1


def _load_replay(report_dir: Path, replay_id: str) -> dict[str, Any]:
    path = report_dir / "replays.json"
    try:
        replays = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CliError(f"cannot read {path}: {error}") from error
    entry = replays.get(replay_id) if isinstance(replays, dict) else None
    if not isinstance(entry, dict) or entry.get("api") not in _APIS:
        raise CliError(f"no replay {replay_id!r} in {path}")
    return entry


def run_replay(args: argparse.Namespace) -> int:
    """Send one recorded failing request again (to the target chosen by the same options) and
    judge the answer with the passive project checks. Exit 1 when a check still fails."""
    entry = _load_replay(args.report_dir, args.replay)
    api: ApiName = entry["api"]
    with _target(args, (api,)) as target:
        base_url = target.base_url(api)
        assert base_url is not None
        url = base_url.rstrip("/") + str(entry["path"])
        body = entry.get("body")
        headers = dict(entry.get("headers") or {})
        authorization = target.authorization(api)
        if authorization:
            headers["Authorization"] = authorization
        try:
            response = httpx.request(
                str(entry["method"]), url, headers=headers, content=body, timeout=10.0
            )
        except httpx.HTTPError as error:
            raise CliError(f"replay {args.replay}: {error}") from error
        redactor = Redactor(target.secrets)
        print(f"{entry['method']} {redactor.text(url)}")
        print(f"-> {response.status_code} {redactor.text(response.text[:2000])}")
        problems = _passive_verdicts(api, target, entry, url, response)
    for name, verdict in problems:
        print(f"{name}: {verdict}")
    return 1 if any(verdict != "pass" for _, verdict in problems) else 0


def _passive_verdicts(
    api: ApiName, target: Target, entry: dict[str, Any], url: str, response: httpx.Response
) -> list[tuple[str, str]]:
    facts = spec_facts(api)
    base_url = target.base_url(api) or ""
    operation = facts.find(
        str(entry["method"]), urlsplit(url).path.removeprefix(urlsplit(base_url).path)
    )
    body = entry.get("body")
    exchange = Exchange(
        api=api,
        operation=operation,
        method=str(entry["method"]),
        url=url,
        path_params=path_values(operation, base_url, url) if operation else {},
        request_headers={},
        request_body=parse_body(body) if body is not None else NOT_JSON,
        status=response.status_code,
        headers={k.lower(): v for k, v in response.headers.items()},
        body=parse_body(response.content),
    )
    env = CheckEnv(facts=facts, base_url=base_url)
    verdicts = []
    for name in PASSIVE_CHECKS:
        try:
            PROJECT_CHECKS[name](exchange, env)
        except CheckFailed as failure:
            verdicts.append((name, f"FAIL: {failure}"))
        else:
            verdicts.append((name, "pass"))
    return verdicts
