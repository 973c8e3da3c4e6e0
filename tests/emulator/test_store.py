"""The SQLite store: state survives a restart; seeds are applied once; ids never repeat."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from aelyst_contract.cli import main
from aelyst_contract.emulator import EmulatorConfig
from aelyst_contract.emulator._faults import FaultSwitch
from aelyst_contract.emulator._state import EmulatorState
from aelyst_contract.emulator._store import FIRST_CONTACT_MESSAGE_ID, Store


def _send(store: Store, now: float) -> int:
    message_id, _ = asyncio.run(
        store.insert_contact_message(
            contact_kind="phone",
            contact_value="+15555550100",
            channel_id=0,
            traffic="outgoing",
            content={"type": "text", "text": "x"},
            sender={"source": "api"},
            now=now,
            fails=False,
            via_api=True,
        )
    )
    return message_id


def test_messages_and_contacts_survive_a_restart(tmp_path: Path) -> None:
    path = str(tmp_path / "emu.db")
    config = EmulatorConfig.default()
    store = Store(path, config, now=1000.0)
    first = _send(store, 1000.0)
    assert first == FIRST_CONTACT_MESSAGE_ID
    contact = store.contact_by("phone", "+15555550100")
    store.close()

    again = Store(path, config, now=5000.0)
    assert again.contact_by("phone", "+15555550100") == contact
    row = again.contact_message(contact.id if contact else -1, first)
    assert row is not None
    assert row.created_at == 1000.0
    # Seeded contacts keep the incoming times of the first start (no re-seeding).
    seeded = again.contact_by_id(2)
    assert seeded is not None
    assert seeded.last_incoming_at == 1000.0 - 3 * 86400
    assert _send(again, 5001.0) == first + 1
    again.close()


def test_reset_restarts_ids_and_reseeds(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "emu.db"), EmulatorConfig.default(), now=1000.0)
    _send(store, 1000.0)
    store.reset(now=2000.0)
    assert store.contact_message_count() == 0
    assert store.contact_by("phone", "+15555550100") is None
    assert store.contact_by_id(123) is not None
    assert _send(store, 2000.0) == FIRST_CONTACT_MESSAGE_ID
    store.close()


def test_clock_offset_survives_a_restart(tmp_path: Path) -> None:
    path = str(tmp_path / "emu.db")
    state = EmulatorState(EmulatorConfig.default(), path, FaultSwitch())
    moved = state.advance_clock(86400)
    state.store.close()
    restarted = EmulatorState(EmulatorConfig.default(), path, FaultSwitch())
    assert restarted.now() >= moved
    restarted.store.close()


@pytest.mark.parametrize("content", [b"this is not a database" * 100, b"\x00" * 4096])
def test_unusable_database_file_is_a_one_line_error(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "emu.db"
    path.write_bytes(content)
    assert main(["emulate", "--db", str(path), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "cannot open database" in err
    assert err.count("\n") == 1


def test_a_directory_as_database_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["emulate", "--db", str(tmp_path), "--port", "0"]) == 2
    assert "cannot open database" in capsys.readouterr().err
