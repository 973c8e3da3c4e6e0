"""Live mode against a server it did not grow up with: the project's own (correct) emulator
behind a plain reverse proxy, fuzzed through the profile the emulator writes, minus its test
controls. A correct server gets zero failures; faults switched on behind the fuzzer's back are
found, and their replays say FAIL while the fault persists.

The proxy is written here, independent of the one `detect --live` uses: it passes method, raw
path, query, headers (Host included) and body through, as nginx or a cloud gateway would.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from aelyst_contract._cmd_emulate import _write_profile
from aelyst_contract.cli import main
from aelyst_contract.emulator import EmulatorConfig, RunningEmulator, running_emulator

_HOP = {b"connection", b"keep-alive", b"transfer-encoding", b"te", b"upgrade", b"content-length"}


def _proxy(upstream: str) -> Any:
    # One client for the proxy's life (made on its own event loop): a client per request would
    # load a TLS context each time, tens of milliseconds.
    clients: list[httpx.AsyncClient] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        if not clients:
            clients.append(httpx.AsyncClient(timeout=30.0))
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        target = scope["raw_path"] + (
            b"?" + scope["query_string"] if scope["query_string"] else b""
        )
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in _HOP]
        answer = await clients[0].request(
            scope["method"],
            upstream + target.decode("latin-1"),
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers],
            content=body,
        )
        out = [(k, v) for k, v in answer.headers.raw if k.lower() not in _HOP]
        out.append((b"content-length", str(len(answer.content)).encode()))
        await send({"type": "http.response.start", "status": answer.status_code, "headers": out})
        await send({"type": "http.response.body", "body": answer.content})

    return app


@pytest.fixture(scope="module")
def gateway() -> Iterator[tuple[RunningEmulator, str]]:
    with running_emulator(EmulatorConfig.default()) as emu:
        # IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets whose listener says TCP, and
        # without it every answer waits ~40 ms for a delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(_proxy(emu.base_url), log_level="error", lifespan="off")
        )
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.01)
        try:
            yield emu, f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            sock.close()


@pytest.fixture(scope="module")
def live_profile(
    gateway: tuple[RunningEmulator, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """The profile the emulator writes, pointed at the proxy, without the emulator's controls;
    its credentials exported as the written line says."""
    emu, proxy = gateway
    path = tmp_path_factory.mktemp("profile") / "staging.toml"
    (said,) = _write_profile(path, emu, EmulatorConfig.default())
    text = path.read_text(encoding="utf-8").replace(emu.base_url, proxy)
    text = text[: text.index("[emulator]")]
    path.write_text(text, encoding="utf-8")
    exports = dict(word.split("=", 1) for word in said.split("export ", 1)[1].split())
    del exports["AELYST_EMULATOR_ADMIN_TOKEN"]
    with pytest.MonkeyPatch.context() as patch:
        for name, value in exports.items():
            patch.setenv(name, value)
        yield path


def _set_faults(emu: RunningEmulator, *faults: str) -> None:
    httpx.put(
        f"{emu.admin_url}/faults",
        json={"faults": list(faults)},
        headers={"Authorization": f"Bearer {emu.admin_token}"},
    ).raise_for_status()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_correct_server_behind_a_gateway_gets_no_failure(
    gateway: tuple[RunningEmulator, str], live_profile: Path, tmp_path: Path, seed: int
) -> None:
    emu, _ = gateway
    _set_faults(emu)
    args = ["fuzz", "--profile", str(live_profile), "--seed", str(seed), "--quiet"]
    code = main([*args, "--report-dir", str(tmp_path)])
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert code == 0, summary[summary.find("## Failures") :][:4000]
    assert "**passed**" in summary
    assert "live target" in summary
    # Rate limits are exercised live (the profile names low-limit credentials).
    assert "judged" in summary.split("## Rate limits", 1)[1].split("##", 1)[0]
    assert "**not exercised**" not in summary.split("## Rate limits", 1)[1].split("##", 1)[0]
    # Nothing of the emulator's own leaks into a live run: no clock was advanced.
    assert "emulator_clock" not in summary


def _failing_run(
    fault: str, api: str, live_profile: Path, report_dir: Path, emu: RunningEmulator
) -> dict[str, Any]:
    _set_faults(emu, fault)
    args = ["fuzz", "--profile", str(live_profile), "--api", api, "--budget", "3", "--quiet"]
    assert main([*args, "--seed", "4", "--report-dir", str(report_dir)]) == 1
    replays: dict[str, Any] = json.loads((report_dir / "replays.json").read_text())
    return replays


@pytest.mark.parametrize(
    "fault_api_check",
    [
        ("sent-message-missing", "contact", "send_then_get"),
        ("sent-message-missing", "channel", "send_then_get"),
        ("phone-plus-as-space", "contact", "positive_data_acceptance"),
    ],
)
def test_a_live_replay_fails_while_the_fault_persists_and_passes_once_fixed(
    gateway: tuple[RunningEmulator, str],
    live_profile: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fault_api_check: tuple[str, str, str],
) -> None:
    fault, api, check = fault_api_check
    emu, _ = gateway
    replays = _failing_run(fault, api, live_profile, tmp_path, emu)
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    # The summary's replay lines are complete: pasted, they name the report dir and the profile.
    lines = re.findall(r"`(aelyst-contract fuzz --replay (\w+)[^`]*)`", summary)
    replay_id = next(rid for _, rid in lines if check in replays[rid]["checks"])
    line = next(text for text, rid in lines if rid == replay_id)
    assert f"--report-dir {tmp_path}" in line
    assert f"--profile {live_profile}" in line
    replay = ["fuzz", "--replay", replay_id, "--report-dir", str(tmp_path)]
    capsys.readouterr()
    assert main([*replay, "--profile", str(live_profile)]) == 1
    out = capsys.readouterr().out
    assert f"{check}: FAIL" in out
    _set_faults(emu)
    assert main([*replay, "--profile", str(live_profile)]) == 0
    assert f"{check}: pass" in capsys.readouterr().out


def test_an_unreachable_or_misconfigured_target_is_one_line(
    live_profile: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()  # nothing listens there now
    args = ["fuzz", "--profile", str(live_profile), "--report-dir", str(tmp_path)]
    assert main([*args, "--contact-url", f"{dead}/v1", "--api", "contact"]) == 2
    err = capsys.readouterr().err
    assert "connection refused" in err
    assert err.count("\n") == 1
    # The contact API without its /v1: another part of the server answers, not the API.
    profile_text = live_profile.read_text(encoding="utf-8")
    contact_url = profile_text.split('url = "', 1)[1].split('"', 1)[0]
    assert main([*args, "--contact-url", contact_url.removesuffix("/v1"), "--api", "contact"]) == 2
    err = capsys.readouterr().err
    assert "is the base URL right" in err
    assert err.count("\n") == 1
    monkeypatch.setenv("AELYST_ACCESS_KEY", "not-the-key")
    assert main([*args, "--api", "channel"]) == 2
    err = capsys.readouterr().err
    assert "refused the credential in $AELYST_ACCESS_KEY (401)" in err
    assert "not-the-key" not in err
