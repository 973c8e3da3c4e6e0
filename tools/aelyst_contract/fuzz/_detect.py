"""The detection gate: fuzz the emulator once per fault; every fault must be caught, and a run
without faults must find nothing (no false positives).

Two columns. *embedded*: the fuzzer's default target, the emulator with its test controls
(clock). *live*: the same emulator behind a plain reverse proxy that preserves Host, fuzzed
through the emulator's profile without its `[emulator]` controls, exactly as a staging server
would be: faults are switched behind the fuzzer's back, through the admin API. A fault that a
real server could have must show in both columns.

One emulator serves every run: faults are switched and state reset through its admin API. A
fault's run fuzzes the APIs it can show on (`Fault.apis`) that the options select; the clean run
fuzzes them all.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx

from aelyst_contract.fuzz._events import FuzzEvent
from aelyst_contract.fuzz._http import verified_tls
from aelyst_contract.fuzz._profile import Profile
from aelyst_contract.fuzz._runner import FuzzOptions, run_fuzz
from aelyst_contract.fuzz._spec_facts import ApiName
from aelyst_contract.fuzz._tally import Tally
from aelyst_contract.fuzz._target import Target, emulator_world, target_from_profile

__all__ = [
    "CLEAN",
    "LIVE_EXCEPTIONS",
    "DetectionResult",
    "Progress",
    "RunReport",
    "live_profile",
    "reverse_proxy",
    "run_detection",
]

CLEAN = "(no fault)"
# Faults the live column cannot see, with the reason (none today: keep the reason if one is added).
LIVE_EXCEPTIONS: dict[str, str] = {}


@dataclass
class DetectionResult:
    """Which checks failed in each run, by fault (CLEAN for the fault-free run), per column."""

    caught_by: dict[str, list[str]] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)  # fault -> one failure message
    cases: dict[str, int] = field(default_factory=dict)
    live_caught_by: dict[str, list[str]] = field(default_factory=dict)  # empty: no live column
    live_examples: dict[str, str] = field(default_factory=dict)
    # fault -> why it was not run: it shows on none of the selected APIs (the gate cannot pass)
    not_exercised: dict[str, str] = field(default_factory=dict)

    @property
    def false_positives(self) -> list[str]:
        return self.caught_by.get(CLEAN, [])

    @property
    def live_false_positives(self) -> list[str]:
        return self.live_caught_by.get(CLEAN, [])

    @property
    def missed(self) -> list[str]:
        return [fault for fault, checks in self.caught_by.items() if fault != CLEAN and not checks]

    @property
    def live_missed(self) -> list[str]:
        return [
            fault
            for fault, checks in self.live_caught_by.items()
            if fault != CLEAN and not checks and fault not in LIVE_EXCEPTIONS
        ]

    @property
    def ok(self) -> bool:
        return not (
            self.false_positives
            or self.missed
            or self.live_false_positives
            or self.live_missed
            or self.not_exercised
        )

    @staticmethod
    def _verdict(fault: str, found: list[str]) -> str:
        if fault == CLEAN:
            return "FALSE POSITIVE: " + ", ".join(found) if found else "clean"
        return ", ".join(found) if found else "MISSED"

    def matrix_markdown(self) -> str:
        live = bool(self.live_caught_by)
        header = "| fault | cases | embedded: caught by |" + (" live: caught by |" if live else "")
        lines = [header, "| --- | --- | --- |" + (" --- |" if live else "")]
        for fault, found in self.caught_by.items():
            row = f"| {fault} | {self.cases.get(fault, 0)} | {self._verdict(fault, found)} |"
            if live:
                live_found = self.live_caught_by.get(fault, [])
                reason = LIVE_EXCEPTIONS.get(fault)
                cell = f"not expected: {reason}" if reason and not live_found else None
                row += f" {cell or self._verdict(fault, live_found)} |"
            lines.append(row)
        for fault, reason in self.not_exercised.items():
            cell = f" NOT EXERCISED: {reason} |"
            lines.append(f"| {fault} | 0 |{cell}" + (cell if live else ""))
        return "\n".join(lines) + "\n"

    def write(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "detection.md").write_text(
            "# Detection gate: which check caught each emulator fault\n\n" + self.matrix_markdown(),
            encoding="utf-8",
        )
        payload = {
            "caught_by": self.caught_by,
            "live_caught_by": self.live_caught_by,
            "examples": self.examples,
            "live_examples": self.live_examples,
            "not_exercised": self.not_exercised,
            "ok": self.ok,
        }
        (directory / "detection.json").write_text(json.dumps(payload, indent=1), encoding="utf-8")


class _Collector:
    def __init__(self) -> None:
        self.tally = Tally()

    def handle(self, event: FuzzEvent) -> None:
        self.tally.handle(event)

    def close(self) -> None:
        pass


def _admin(admin_url: str, token: str, method: str, path: str, payload: object = None) -> None:
    response = httpx.request(
        method,
        f"{admin_url.rstrip('/')}/{path}",
        json=payload,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10.0,
        verify=verified_tls(),
    )
    response.raise_for_status()


# --- a plain reverse proxy -------------------------------------------------------------------

_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "proxy-authorization",
    "proxy-authenticate",
    "content-length",
}


def _proxy_app(upstream: str) -> Any:
    client = httpx.AsyncClient(base_url=upstream, timeout=30.0)

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await client.aclose()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in scope["headers"]
            if k.decode("latin-1").lower() not in _HOP_BY_HOP
        ]
        target = scope.get("raw_path") or scope["path"].encode()
        if scope["query_string"]:
            target += b"?" + scope["query_string"]
        request = client.build_request(
            scope["method"], target.decode("latin-1"), headers=headers, content=body
        )
        answer = await client.send(request)
        content = await answer.aread()
        await send(
            {
                "type": "http.response.start",
                "status": answer.status_code,
                "headers": [
                    (k.encode("latin-1"), v.encode("latin-1"))
                    for k, v in answer.headers.multi_items()
                    if k.lower() not in _HOP_BY_HOP
                ]
                + [(b"content-length", str(len(content)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": content})

    return app


@contextlib.contextmanager
def reverse_proxy(upstream: str) -> Iterator[str]:
    """A plain reverse proxy on a loopback port in front of `upstream`, for the block: it passes
    method, raw path, query, headers (Host included) and body through unchanged."""
    import uvicorn  # noqa: PLC0415 (only the live gate serves anything)

    from aelyst_contract.emulator import bind_socket  # noqa: PLC0415

    sock = bind_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(_proxy_app(upstream), log_level="error", access_log=False, lifespan="on")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10.0
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the proxy did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10.0)
        sock.close()


def live_profile(profile: Profile, proxy_url: str, emulator_url: str) -> Profile:
    """The emulator's profile pointed at the proxy, without the emulator's test controls."""
    assert profile.contact is not None
    assert profile.channel is not None

    def moved(url: str) -> str:
        return proxy_url + url.removeprefix(emulator_url)

    return replace(
        profile,
        contact=replace(profile.contact, url=moved(profile.contact.url)),
        channel=replace(profile.channel, url=moved(profile.channel.url)),
        emulator=None,
    )


# --- the gate ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunReport:
    """One run of the gate starting (`failing` None) or finished, for a person watching."""

    column: str  # "embedded" or "live"
    number: int  # from 1
    total: int
    fault: str
    failing: list[str] | None = None
    seconds: float = 0.0

    def __str__(self) -> str:
        head = f"detect [{self.column}] {self.number}/{self.total} {self.fault}"
        if self.failing is None:
            return f"{head}: fuzzing..."
        verdict = ("caught by " + ", ".join(self.failing)) if self.failing else "nothing found"
        return f"{head}: {verdict} ({self.seconds:.0f} s)"


Progress = Callable[[RunReport], None]


def _run_column(
    target: Target,
    admin: tuple[str, str],
    runs: Mapping[str, tuple[ApiName, ...]],
    options: FuzzOptions,
    *,
    caught_by: dict[str, list[str]],
    examples: dict[str, str],
    cases: dict[str, int] | None,
    on_run: Callable[[str, list[str]], None] | None,
    column: str = "embedded",
    progress: Progress | None = None,
) -> None:
    for number, (fault, apis) in enumerate(runs.items(), start=1):
        started = time.monotonic()
        if progress is not None:
            progress(RunReport(column, number, len(runs), fault))
        _admin(*admin, "PUT", "faults", {"faults": [] if fault == CLEAN else [fault]})
        _admin(*admin, "POST", "reset")
        collector = _Collector()
        run_fuzz(target, replace(options, apis=apis), [collector])
        failing = sorted(collector.tally.failing_checks())
        if collector.tally.problems:
            failing.append("engine-problem")
        caught_by[fault] = failing
        if cases is not None:
            cases[fault] = sum(collector.tally.cases.values())
        for (_, operation, check), cell in sorted(collector.tally.cells.items()):
            if cell.failures and fault not in examples:
                case, outcome = cell.failures[0]
                message = (outcome.message or outcome.title).strip()
                status = case.response.status if case.response else "nothing"
                examples[fault] = (
                    f"{check} on {operation} ({case.phase}, {case.mode}, answered {status}):"
                    f" {message}\n{outcome.curl}"
                )
        if on_run is not None:
            on_run(fault, failing)
        if progress is not None:
            seconds = time.monotonic() - started
            progress(RunReport(column, number, len(runs), fault, failing, seconds))


# The live column's child process reports each run through this queue (set by the pool's
# initializer: a queue reaches a spawned child only at its creation).
_live_progress: Any = None


def _set_live_progress(queue: Any) -> None:
    global _live_progress  # noqa: PLW0603 (one child process, one queue)
    _live_progress = queue


def _report_live(report: RunReport) -> None:
    if _live_progress is not None:
        _live_progress.put(report)


def _live_column(
    runs: Mapping[str, tuple[ApiName, ...]], options: FuzzOptions
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The live column, on an emulator of its own behind the proxy (run in a child process)."""
    caught_by: dict[str, list[str]] = {}
    examples: dict[str, str] = {}
    with emulator_world() as (emu, profile, env), reverse_proxy(emu.base_url) as proxy_url:
        target = target_from_profile(
            live_profile(profile, proxy_url, emu.base_url), options.apis, env
        )
        _run_column(
            target,
            (emu.admin_url, emu.admin_token),
            runs,
            options,
            caught_by=caught_by,
            examples=examples,
            cases=None,
            on_run=None,
            column="live",
            progress=_report_live,
        )
    return caught_by, examples


def _relay(queue: Any, on_progress: Progress) -> None:
    """Hand the live column's reports to `on_progress` until the None that ends them."""
    while (report := queue.get()) is not None:
        on_progress(report)


def run_detection(
    faults: Sequence[str],
    options: FuzzOptions,
    on_run: Callable[[str, list[str]], None] | None = None,
    *,
    live: bool = False,
    clean: bool = True,
    on_progress: Progress | None = None,
) -> DetectionResult:
    """A clean run (unless `clean` is False), then one run per fault, all with the same options
    (and seed); with `live`, the same again through the reverse proxy with the emulator's live
    profile, in a child process on an emulator of its own (the two columns share nothing, and use
    both cores). `on_progress` hears of every run of both columns as it starts and ends (see
    `RunReport`); `on_run` of every finished run (the live column's at the end)."""
    from aelyst_contract.emulator import Fault  # noqa: PLC0415 (see emulator_world)

    result = DetectionResult()
    # Each run and the APIs it fuzzes.
    runs: dict[str, tuple[ApiName, ...]] = {CLEAN: options.apis} if clean else {}
    for fault in faults:
        shown_on = Fault(fault).apis
        apis = tuple(api for api in options.apis if api in shown_on)
        if apis:
            runs[fault] = apis
        else:
            named = " and ".join(shown_on)
            result.not_exercised[fault] = f"it shows on the {named} API, which is not fuzzed"
    with contextlib.ExitStack() as stack:
        pending = None
        if live:
            context = multiprocessing.get_context("spawn")
            queue = context.Queue()
            if on_progress is not None:
                relay = threading.Thread(target=_relay, args=(queue, on_progress), daemon=True)
                relay.start()
                # Unwound last to first: the pool shuts down (the child, and so its reports,
                # flushed), then the None that ends the relay, then the relay.
                stack.callback(relay.join, 10.0)
                stack.callback(queue.put, None)
            pool = stack.enter_context(
                ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=context,
                    initializer=_set_live_progress,
                    initargs=(queue,),
                )
            )
            pending = pool.submit(_live_column, runs, options)
        with emulator_world() as (emu, profile, env):
            embedded = replace(target_from_profile(profile, options.apis, env), label="emulator")
            _run_column(
                embedded,
                (emu.admin_url, emu.admin_token),
                runs,
                options,
                caught_by=result.caught_by,
                examples=result.examples,
                cases=result.cases,
                on_run=on_run,
                progress=on_progress,
            )
        if pending is not None:
            result.live_caught_by, result.live_examples = pending.result()
            for fault, failing in result.live_caught_by.items():
                if on_run is not None:
                    on_run(f"{fault} (live)", failing)
    return result
