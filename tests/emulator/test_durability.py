"""kill -9 during sends, then a restart on the same database: every acknowledged send is there."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.emulator.helpers import RawClient

_LISTENING = re.compile(r"listening on (http://127\.0\.0\.1:\d+)")
TOKEN = "Bearer emu-contact-token"


@contextmanager
def emulator_process(db: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "aelyst_contract", "emulate", "--port", "0", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = _LISTENING.search(first)
        assert match, first
        base_url = match.group(1)
        _wait_until_serving(base_url)
        yield process, base_url
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def _wait_until_serving(base_url: str) -> None:
    deadline = time.monotonic() + 15
    while True:
        try:
            with RawClient(f"{base_url}/v1", TOKEN) as client:
                client.request("GET", "/contact/id:123/message/list")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_acknowledged_sends_survive_kill_9(tmp_path: Path) -> None:
    db = tmp_path / "emu.db"
    acknowledged: list[tuple[str, int]] = []
    lock = threading.Lock()
    stop = threading.Event()

    with emulator_process(db) as (process, base_url):

        def sender(n: int) -> None:
            identifier = f"phone:+1555555{n:04d}"
            try:
                with RawClient(f"{base_url}/v1", TOKEN) as client:
                    while not stop.is_set():
                        status, body = client.request(
                            "POST",
                            f"/contact/{identifier}/message",
                            {"channelId": 0, "message": {"type": "text", "text": "x"}},
                        )
                        if status == 200:
                            with lock:
                                acknowledged.append((identifier, body["messageId"]))
            except (OSError, http.client.HTTPException, ValueError, TypeError):
                # The server died mid-request (or mid-answer: IncompleteRead): that send was
                # never acknowledged.
                return

        threads = [threading.Thread(target=sender, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 10
        while len(acknowledged) < 150 and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        stop.set()
        for thread in threads:
            thread.join(timeout=10)

    assert len(acknowledged) >= 150
    with emulator_process(db) as (_, base_url), RawClient(f"{base_url}/v1", TOKEN) as client:
        for identifier, message_id in acknowledged:
            status, body = client.request("GET", f"/contact/{identifier}/message/{message_id}")
            assert status == 200, (identifier, message_id, body)
        # Ids keep growing after the restart: none is handed out twice.
        status, body = client.request(
            "POST",
            "/contact/id:123/message",
            {"channelId": 0, "message": {"type": "text", "text": "y"}},
        )
        assert status == 200
        assert body["messageId"] > max(message_id for _, message_id in acknowledged)
