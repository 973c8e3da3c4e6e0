"""8 concurrent senders x 200 messages: every id is retrievable and listed exactly once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from aelyst_contract.emulator import EmulatorConfig, running_emulator
from tests.emulator.helpers import RawClient, contact_client, walk_contact_list

SENDERS = 8
MESSAGES = 200


def test_concurrent_senders_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    # A file database: the group-commit path that persistence uses.
    config = EmulatorConfig.default().with_rate_limits(None)
    with running_emulator(config, db_path=str(tmp_path / "emu.db")) as emu:

        def send_all(sender: int) -> tuple[str, list[int]]:
            identifier = f"phone:+1555555{sender:04d}"
            ids = []
            with RawClient(emu.contact_base_url, f"Bearer {emu.contact_token}") as client:
                for n in range(MESSAGES):
                    status, body = client.request(
                        "POST",
                        f"/contact/{identifier}/message",
                        {"channelId": 0, "message": {"type": "text", "text": f"{sender}/{n}"}},
                    )
                    assert status == 200, body
                    ids.append(body["messageId"])
            return identifier, ids

        def check_all(sent: tuple[str, list[int]]) -> None:
            identifier, ids = sent
            with RawClient(emu.contact_base_url, f"Bearer {emu.contact_token}") as raw:
                for n, message_id in enumerate(ids):
                    status, got = raw.request("GET", f"/contact/{identifier}/message/{message_id}")
                    assert status == 200
                    assert got["message"]["text"] == f"{identifier[-1]}/{n}"
            with contact_client(emu) as client:
                # Listed exactly once, in the order they were acknowledged.
                assert walk_contact_list(client, identifier, 50) == ids

        with ThreadPoolExecutor(SENDERS) as pool:
            results = list(pool.map(send_all, range(SENDERS)))
            every_id = [message_id for _, ids in results for message_id in ids]
            assert len(every_id) == len(set(every_id)) == SENDERS * MESSAGES
            list(pool.map(check_all, results))
