"""Benchmark: `aelyst-contract fuzz` (live mode, every check) against plain `schemathesis run`.

    uv run python -m aelyst_contract._bench_fuzz [--api channel] [--budget 25] [--seed 1]
        [--rounds 3] [--fault paging-skips-item --fault unicode-500] [--json FILE]

Starts the emulator (`aelyst-contract emulate --port 0 --write-profile`), then:

- throughput: the tools on the same emulator, spec, budget and seed, in a rotating order, the
  emulator's state reset before each run; cases per second of the whole process (start-up
  included, as a person waits for it), medians over the rounds, and the ratios;
- time to first report: for each fault, a fresh emulator with that fault switched on, the fuzzer
  and schemathesis+data once each; the seconds from the tool's start until it first names a
  finding that its clean runs (the throughput rounds) did not have, or "not reported". A finding
  is an operation and a check: the fuzzer names each on a `FAIL ...` line as it happens;
  schemathesis lists them (`- ST202 ...` under the operation) at the end of its run. A finding a
  clean run also has is the tool's false positive, not the fault.

The fuzzer runs through the emulator's profile, i.e. as against any live server (every check,
writes allowed, the emulator's clock used). schemathesis runs twice per round:
- "schemathesis": its defaults, `schemathesis run SPEC -u URL -n BUDGET --seed SEED -H
  Authorization: ...`. It makes up the workspace, channel and contact in each path, so against a
  real server most of its requests end in a 404 (cheap, and testing little);
- "schemathesis+data": the same, with the identifiers it asks for ("supply the identifiers in
  your config file") in a `schemathesis.toml` `[parameters]` table, taken from the emulator's
  profile: its requests reach real data, as the fuzzer's do. The like-for-like peer.
Not a test: figures depend on the machine. Bounded: every run has a time limit.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import selectors
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aelyst_contract._errors import CliError
from aelyst_contract._specs import SPEC_PATHS

__all__ = ["main", "run"]

_RUN_LIMIT_S = 600.0
_BIN = Path(sys.executable).parent
# The emulator's built-in dev credentials (not secrets of any real service).
_CHANNEL_AUTH = "AccessKey emu-access-key-main"
_CONTACT_AUTH = "Bearer emu-contact-token"
_ADMIN_AUTH = "Bearer emu-admin-token"
_LISTENING = re.compile(r"emulator listening on (http://\S+)")
_EXPORTS = re.compile(r"export (.+)$")
_FUZZ_CASES = re.compile(r"(\d+) cases in [\d.]+s")
_SCHEMATHESIS_CASES = re.compile(r"(\d+) generated")
_FUZZ_FINDING = re.compile(r"^\s*FAIL (?P<check>\S+) on (?P<operation>.+?): ")
_SCHEMATHESIS_SECTION = re.compile(r"^=+ (?P<name>[A-Z]+) =+$")
_SCHEMATHESIS_OPERATION = re.compile(r"^_{2,} (?P<operation>.+?) _{2,}$")
_SCHEMATHESIS_CHECK = re.compile(r"^- (?P<check>.+)$")
_TimedLines = list[tuple[float, str]]  # (seconds since the start, line)


@dataclass(frozen=True)
class _Run:
    seconds: float
    cases: int
    exit_code: int
    findings: dict[str, float]  # each finding ("operation check") -> seconds until first named

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.seconds if self.seconds else 0.0

    def first_new_finding_s(self, known: set[str]) -> float | None:
        """Seconds until the first finding not in `known` was named; None if there was none."""
        times = [seconds for finding, seconds in self.findings.items() if finding not in known]
        return min(times) if times else None


@dataclass(frozen=True)
class _Emulator:
    url: str
    env: dict[str, str]
    profile: Path

    def test_data(self, api: str) -> dict[str, str]:
        """The path identifiers schemathesis cannot guess, from the profile: a workspace and a
        channel of it, or a contact."""
        profile = tomllib.loads(self.profile.read_text(encoding="utf-8"))
        if api == "channel":
            channel = profile["channel"]
            return {
                "workspaceId": channel["workspace_id"],
                "channelId": channel["channels"][0]["id"],
            }
        return {"identifier": profile["contact"]["contacts"][0]["identifiers"][0]}


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@contextmanager
def _emulator(workdir: Path, faults: tuple[str, ...] = ()) -> Iterator[_Emulator]:
    """A fresh emulator on a free loopback port, its profile written into `workdir`."""
    fault_args = [arg for fault in faults for arg in ("--fault", fault)]
    process = subprocess.Popen(  # noqa: S603 (our own command)
        [
            str(_BIN / "aelyst-contract"), "emulate", "--port", "0",
            "--write-profile", str(workdir / "profile.toml"), *fault_args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        url = None
        env: dict[str, str] = {}
        deadline = time.monotonic() + 60
        assert process.stdout is not None
        while time.monotonic() < deadline and not env:
            line = process.stdout.readline()
            if not line:
                raise CliError(f"the emulator exited before it was ready (exit {process.poll()})")
            if found := _LISTENING.search(line):
                url = found.group(1)
            if found := _EXPORTS.search(line.strip()):
                env = dict(pair.split("=", 1) for pair in found.group(1).split())
        if url is None or not env:
            raise CliError("the emulator did not say where it listens within 60 s")
        yield _Emulator(url, env, workdir / "profile.toml")
    finally:
        _stop(process)


def _reset(emu: _Emulator) -> None:
    request = urllib.request.Request(f"{emu.url}/_emulator/reset", method="POST")  # noqa: S310
    request.add_header("Authorization", _ADMIN_AUTH)
    with urllib.request.urlopen(request, timeout=10):  # noqa: S310 (loopback)
        pass


def _timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[_TimedLines, float, int]:
    """Run `command` in `cwd` (schemathesis keeps a cache there), reading its output as it comes:
    (each line with when it came, the seconds it ran, its exit code)."""
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 (fixed commands)
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, **env, "NO_COLOR": "1", "COLUMNS": "120"},
        cwd=cwd,
        start_new_session=True,
    )
    assert process.stdout is not None
    output: _TimedLines = []
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    pending = b""
    try:
        while True:
            if time.monotonic() - started > _RUN_LIMIT_S:
                raise CliError(f"{command[0]} ran longer than {_RUN_LIMIT_S:.0f} s")
            if not selector.select(timeout=1.0):
                continue
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for raw in lines:
                output.append((time.monotonic() - started, raw.decode("utf-8", "replace")))
        process.wait(timeout=30)
    finally:
        selector.close()
        _stop(process)  # type: ignore[arg-type]
    return output, time.monotonic() - started, process.returncode


def _fuzz_findings(lines: _TimedLines) -> dict[str, float]:
    findings: dict[str, float] = {}
    for seconds, line in lines:
        if found := _FUZZ_FINDING.match(line):
            findings.setdefault(f"{found['operation']} {found['check']}", seconds)
    return findings


def _schemathesis_findings(lines: _TimedLines) -> dict[str, float]:
    """The failures schemathesis lists in its FAILURES section, by operation and check."""
    findings: dict[str, float] = {}
    section, operation = "", ""
    for seconds, line in lines:
        if found := _SCHEMATHESIS_SECTION.match(line.strip()):
            section = found["name"]
        elif section != "FAILURES":
            continue
        elif found := _SCHEMATHESIS_OPERATION.match(line.strip()):
            operation = found["operation"]
        elif found := _SCHEMATHESIS_CHECK.match(line.strip()):
            findings.setdefault(f"{operation} {found['check']}", seconds)
    return findings


def _fuzz(emu: _Emulator, workdir: Path, api: str, budget: int, seed: int) -> _Run:
    command = [
        str(_BIN / "aelyst-contract"), "fuzz", "--api", api,
        "--profile", str(workdir / "profile.toml"), "--budget", str(budget),
        "--seed", str(seed), "--report-dir", str(workdir / "reports"),
    ]  # fmt: skip
    lines, seconds, exit_code = _timed(command, emu.env, workdir)
    text = "\n".join(line for _, line in lines)
    found = _FUZZ_CASES.findall(text)
    if not found:
        raise CliError(f"fuzz printed no case count (exit {exit_code}):\n{text[-600:]}")
    return _Run(seconds, int(found[-1]), exit_code, _fuzz_findings(lines))


def _schemathesis(
    emu: _Emulator, workdir: Path, api: str, budget: int, seed: int, *, test_data: bool = False
) -> _Run:
    """schemathesis from its own directory (it reads `schemathesis.toml` and keeps a cache
    there): with `test_data`, a config naming the path identifiers."""
    url, auth = (emu.url, _CHANNEL_AUTH) if api == "channel" else (f"{emu.url}/v1", _CONTACT_AUTH)
    command = [
        str(_BIN / "schemathesis"), "run", str(SPEC_PATHS[api]),  # type: ignore[index]
        "-u", url, "-n", str(budget), "--seed", str(seed), "-H", f"Authorization: {auth}",
    ]  # fmt: skip
    cwd = workdir / ("schemathesis+data" if test_data else "schemathesis")
    cwd.mkdir(exist_ok=True)
    if test_data:
        pairs = [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in emu.test_data(api).items()]
        (cwd / "schemathesis.toml").write_text(
            "[parameters]\n" + "\n".join(pairs) + "\n", encoding="utf-8"
        )
    lines, seconds, exit_code = _timed(command, {}, cwd)
    text = "\n".join(line for _, line in lines)
    found = _SCHEMATHESIS_CASES.findall(text)
    if not found:
        raise CliError(f"schemathesis printed no case count (exit {exit_code}):\n{text[-600:]}")
    return _Run(seconds, int(found[-1]), exit_code, _schemathesis_findings(lines))


def _load() -> list[float]:
    """The 1, 5 and 15 minute load averages: the machine may be busy with something else."""
    return [round(value, 2) for value in os.getloadavg()]


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 1)


def _median(runs: list[_Run], field: str) -> float:
    return float(statistics.median(getattr(run, field) for run in runs))


def run(api: str, budget: int, seed: int, rounds: int, faults: list[str]) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-bench-"))
    load_at_start = _load()
    tools = ["fuzz", "schemathesis", "schemathesis+data"]
    runs: dict[str, list[_Run]] = {tool: [] for tool in tools}
    with _emulator(workdir) as emu:
        for round_number in range(rounds):
            # A different order each round: no tool always runs first (or after the same one).
            shift = round_number % len(tools)
            for tool in tools[shift:] + tools[:shift]:
                _reset(emu)
                if tool == "fuzz":
                    runs[tool].append(_fuzz(emu, workdir, api, budget, seed))
                else:
                    test_data = tool == "schemathesis+data"
                    runs[tool].append(
                        _schemathesis(emu, workdir, api, budget, seed, test_data=test_data)
                    )
    throughput = {
        tool: {
            "cases": _median(tool_runs, "cases"),
            "seconds": round(_median(tool_runs, "seconds"), 2),
            "cases_per_s": round(_median(tool_runs, "cases_per_second"), 1),
            "each_cases_per_s": [round(r.cases_per_second, 1) for r in tool_runs],
        }
        for tool, tool_runs in runs.items()
    }
    ours = _median(runs["fuzz"], "cases_per_second")
    ratios = {}
    for peer in tools[1:]:
        theirs = _median(runs[peer], "cases_per_second")
        ratios[peer] = round(ours / theirs, 2) if theirs else None
    # What each tool reports against the correct emulator: its false positives, if any.
    clean_findings = {
        tool: {f for run in tool_runs for f in run.findings} for tool, tool_runs in runs.items()
    }
    first_reports: dict[str, dict[str, float | None]] = {}
    for fault in faults:
        fault_dir = workdir / fault
        fault_dir.mkdir()
        with _emulator(fault_dir, (fault,)) as emu:
            fuzz_run = _fuzz(emu, fault_dir, api, budget, seed)
            _reset(emu)
            plain_run = _schemathesis(emu, fault_dir, api, budget, seed, test_data=True)
        first_reports[fault] = {
            "fuzz_s": _rounded(fuzz_run.first_new_finding_s(clean_findings["fuzz"])),
            "fuzz_run_s": _rounded(fuzz_run.seconds),
            "schemathesis_s": _rounded(
                plain_run.first_new_finding_s(clean_findings["schemathesis+data"])
            ),
            "schemathesis_run_s": _rounded(plain_run.seconds),
        }
    return {
        "api": api,
        "budget": budget,
        "seed": seed,
        "rounds": rounds,
        "throughput": throughput,
        "ratio_fuzz_over": ratios,
        "clean_run_findings": {tool: sorted(found) for tool, found in clean_findings.items()},
        "load_average": {"start": load_at_start, "end": _load()},
        "first_report": first_reports,
    }


def _seconds(value: float | None) -> str:
    return "not reported" if value is None else f"{value:.1f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--api", choices=("channel", "contact"), default="channel")
    parser.add_argument("--budget", type=int, default=25, choices=range(1, 201), metavar="N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, choices=range(1, 8))
    parser.add_argument(
        "--fault",
        action="append",
        metavar="NAME",
        help="time to first report of this emulator fault (repeatable; default:"
        " paging-skips-item and unicode-500; `--fault none` for none)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    faults = [f for f in (args.fault or ["paging-skips-item", "unicode-500"]) if f != "none"]
    try:
        summary = run(args.api, args.budget, args.seed, args.rounds, faults)
    except CliError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    print(
        f"{summary['api']} API, budget {summary['budget']}, seed {summary['seed']},"
        f" {summary['rounds']} rounds (medians; whole process, start-up included)"
    )
    for tool, figures in summary["throughput"].items():
        print(
            f"  {tool:13} {figures['cases_per_s']:7.1f} cases/s  ({figures['cases']:.0f} cases"
            f" in {figures['seconds']:.1f} s; each round: {figures['each_cases_per_s']})"
        )
    for peer, ratio in summary["ratio_fuzz_over"].items():
        print(f"  fuzz/{peer} cases/s: x{ratio}")
    for tool, found in summary["clean_run_findings"].items():
        listed = "; ".join(found) if found else "none"
        print(f"  {tool} on the correct emulator (false positives): {len(found)}: {listed}")
    load = summary["load_average"]
    print(f"  load average (1, 5, 15 min): at start {load['start']}, at end {load['end']}")
    for fault, times in summary["first_report"].items():
        print(
            f"  first report of {fault}: fuzz {_seconds(times['fuzz_s'])}"
            f" (run {times['fuzz_run_s']:.1f} s),"
            f" schemathesis+data {_seconds(times['schemathesis_s'])}"
            f" (run {times['schemathesis_run_s']:.1f} s)"
        )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
