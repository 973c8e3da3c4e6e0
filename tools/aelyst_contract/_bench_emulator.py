"""Benchmark: the emulator (persistence on) against Prism, same loopback load, get and send.

    uv run python -m aelyst_contract._bench_emulator [--rounds 3] [--duration 5] [--connections 10]

Runs `aelyst-contract emulate --db <tmp file>` (rate limits off) and
`npx @stoplight/prism-cli@5.16.0 mock spec/contact-messaging.yaml -v silent` on 127.0.0.1, then
drives both with the same load generator (npm `autocannon`, keep-alive, N connections) for each
operation, alternating targets, a few rounds. Prints req/s, p50 and p99 per target and the ratios
emulator/prism (medians over rounds), and the load average at start and end (the machine may be
shared). If either target answered anything but 2xx under load, or the load generator saw
errors, the comparison is void: the figures are printed, no ratio, and the exit status is 1.
Bounded: rounds x 2 operations x 2 targets x duration.
Not a test: figures depend on the machine. Needs node/npx and the npm registry (first run).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aelyst_contract._errors import CliError
from aelyst_contract._specs import CONTACT_SPEC_PATH

__all__ = ["main", "run"]

_PRISM = "@stoplight/prism-cli@5.16.0"
_AUTOCANNON = "autocannon@8.0.0"
# The emulator's built-in dev token (not a secret); Prism accepts any bearer token.
_TOKEN = "emu-contact-token"  # noqa: S105
_SEND_BODY = {"channelId": 0, "message": {"type": "text", "text": "There has been an update."}}


@dataclass(frozen=True)
class _Sample:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    errors: int


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    # Own session: stopping the benchmark stops exactly what it started (npx spawns node).
    return subprocess.Popen(  # noqa: S603 (fixed commands)
        command, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _request(url: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")  # noqa: S310
    request.add_header("Authorization", f"Bearer {_TOKEN}")
    if data:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (loopback)
            return int(response.status), json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return int(error.code), None


def _wait_ready(url: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CliError(f"a server exited before it was ready (exit {process.returncode})")
        try:
            _request(url)
            return
        except OSError:
            time.sleep(0.25)
    raise CliError(f"{url} did not answer within {seconds:.0f} s")


def _autocannon(url: str, method: str, connections: int, duration: int) -> _Sample:
    command = [
        "npx", "-y", _AUTOCANNON, "-j", "-c", str(connections), "-d", str(duration),
        "-m", method, "-H", f"Authorization=Bearer {_TOKEN}",
    ]  # fmt: skip
    if method == "POST":
        command += ["-H", "Content-Type=application/json", "-b", json.dumps(_SEND_BODY)]
    result = subprocess.run(  # noqa: S603 (fixed command)
        [*command, url], capture_output=True, check=False, timeout=duration + 120
    )
    if result.returncode != 0:
        raise CliError(f"autocannon failed: {result.stderr.decode(errors='replace')[-300:]}")
    report = json.loads(result.stdout)
    return _Sample(
        requests_per_second=float(report["requests"]["average"]),
        p50_ms=float(report["latency"]["p50"]),
        p99_ms=float(report["latency"]["p99"]),
        non_2xx=int(report["non2xx"]),
        errors=int(report["errors"]) + int(report["timeouts"]),
    )


_RATIOS = {"ratio_req_per_s": "req_per_s", "ratio_p50": "p50_ms", "ratio_p99": "p99_ms"}


def _ratio(ours: float, theirs: float) -> float | None:
    return None if theirs == 0 else round(ours / theirs, 2)


def run(rounds: int, duration: int, connections: int) -> dict[str, Any]:
    load_at_start = os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="emu-bench-"))
    config = workdir / "bench.json"
    config.write_text(
        json.dumps({"limits": {"contact": "off", "channel_get": "off", "channel_post": "off"}})
    )
    emu_port, prism_port = _free_port(), _free_port()
    emulator = _start(
        [
            sys.executable, "-m", "aelyst_contract", "emulate", "--port", str(emu_port),
            "--db", str(workdir / "emu.db"), "--config", str(config),
        ],
        workdir / "emulator.log",
    )  # fmt: skip
    prism = _start(
        [
            "npx", "-y", _PRISM, "mock", str(CONTACT_SPEC_PATH),
            "-h", "127.0.0.1", "-p", str(prism_port), "-v", "silent",
        ],
        workdir / "prism.log",
    )  # fmt: skip
    try:
        emu_base = f"http://127.0.0.1:{emu_port}/v1"
        prism_base = f"http://127.0.0.1:{prism_port}"
        _wait_ready(f"{emu_base}/contact/id:123/message/list", emulator, 60)
        _wait_ready(f"{prism_base}/contact/id:123/message/list", prism, 180)
        status, sent = _request(f"{emu_base}/contact/id:123/message", _SEND_BODY)
        if status != 200:
            raise CliError(f"emulator send answered {status}")
        targets = {
            "emulator": {
                "get": (f"{emu_base}/contact/id:123/message/{sent['messageId']}", "GET"),
                "send": (f"{emu_base}/contact/id:123/message", "POST"),
            },
            "prism": {
                "get": (f"{prism_base}/contact/id:123/message/1", "GET"),
                "send": (f"{prism_base}/contact/id:123/message", "POST"),
            },
        }
        samples: dict[str, dict[str, list[_Sample]]] = {
            name: {"get": [], "send": []} for name in targets
        }
        for round_number in range(rounds):
            order = ["emulator", "prism"] if round_number % 2 == 0 else ["prism", "emulator"]
            for operation in ("get", "send"):
                for name in order:
                    url, method = targets[name][operation]
                    samples[name][operation].append(_autocannon(url, method, connections, duration))
        summary = _summary(samples, rounds, duration, connections)
        summary["load_average"] = {"start": load_at_start, "end": os.getloadavg()}
        return summary
    finally:
        _stop(emulator)
        _stop(prism)


def _summary(
    samples: dict[str, dict[str, list[_Sample]]], rounds: int, duration: int, connections: int
) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "rounds": rounds,
        "duration_s": duration,
        "connections": connections,
        "persistence": "on (SQLite file, WAL, synchronous=FULL)",
    }
    void: list[str] = []
    for operation in ("get", "send"):
        medians = {}
        for name in ("emulator", "prism"):
            runs = samples[name][operation]
            medians[name] = {
                "req_per_s": statistics.median(s.requests_per_second for s in runs),
                "p50_ms": statistics.median(s.p50_ms for s in runs),
                "p99_ms": statistics.median(s.p99_ms for s in runs),
                "non_2xx": sum(s.non_2xx for s in runs),
                "errors": sum(s.errors for s in runs),
                # Each round's figure, in order: how much the machine moved during the run.
                "rounds_req_per_s": [round(s.requests_per_second) for s in runs],
            }
        summary[operation] = medians
        for name, figures in medians.items():
            if figures["non_2xx"] or figures["errors"]:
                void.append(
                    f"{name} {operation}: {figures['non_2xx']} non-2xx answers,"
                    f" {figures['errors']} errors/timeouts"
                )
    summary["void"] = void
    for operation in ("get", "send"):
        ours, theirs = summary[operation]["emulator"], summary[operation]["prism"]
        summary[operation] |= {
            # No ratio out of a void comparison: one side did not do the same work.
            key: None if void else _ratio(ours[figure], theirs[figure])
            for key, figure in _RATIOS.items()
        }
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=3, choices=range(1, 8))
    parser.add_argument("--duration", type=int, default=5, choices=range(1, 31))
    parser.add_argument("--connections", type=int, default=10, choices=range(1, 65))
    parser.add_argument("--json", type=Path, help="also write the summary to this file")
    args = parser.parse_args(argv)
    try:
        summary = run(args.rounds, args.duration, args.connections)
    except CliError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    start, end = summary["load_average"]["start"], summary["load_average"]["end"]
    print(
        f"load average (1/5/15 min): start {_loads(start)}  end {_loads(end)}"
        f"  ({os.cpu_count()} cores)"
    )
    for operation in ("get", "send"):
        row = summary[operation]
        for name in ("emulator", "prism"):
            figures = row[name]
            print(
                f"{operation:4} {name:8} {figures['req_per_s']:8.0f} req/s  "
                f"p50 {figures['p50_ms']:5.1f} ms  p99 {figures['p99_ms']:5.1f} ms  "
                f"non-2xx {figures['non_2xx']}  errors {figures['errors']}  "
                f"(rounds: {', '.join(map(str, figures['rounds_req_per_s']))})"
            )
        if not summary["void"]:
            print(
                f"{operation:4} emulator/prism: req/s x{row['ratio_req_per_s']}  "
                f"p50 x{row['ratio_p50']}  p99 x{row['ratio_p99']}"
            )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    if summary["void"]:
        print(
            "bench: COMPARISON VOID, no ratio: a target did not answer 2xx under load:",
            file=sys.stderr,
        )
        for reason in summary["void"]:
            print(f"bench:   {reason}", file=sys.stderr)
        return 1
    return 0


def _loads(averages: tuple[float, float, float]) -> str:
    return "/".join(f"{value:.2f}" for value in averages)


if __name__ == "__main__":
    sys.exit(main())
