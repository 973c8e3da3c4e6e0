"""Config: the built-in world, files (JSON, TOML) and one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aelyst_contract.cli import main
from aelyst_contract.emulator import ConfigError, EmulatorConfig, load_config, running_emulator
from aelyst_contract.emulator._config import RATE_LIMIT_OFF
from aelyst_contract.emulator._identifiers import normalise_email, normalise_phone

PLATFORMS = {"whatsapp", "facebook", "instagram", "telegram", "viber", "line", "sms", "email"}


def test_default_world_covers_every_platform_and_hook() -> None:
    config = EmulatorConfig.default()
    assert {c.platform for c in config.contact_channels} == PLATFORMS
    assert any(c.queue_full for c in config.contact_channels)
    assert len(config.workspaces) >= 2
    main = config.workspaces[0]
    assert {c.platform for c in main.channels} == PLATFORMS
    assert sum(c.two_factor for c in main.channels) == 1
    assert len({w.access_key for w in config.workspaces}) == len(config.workspaces)
    assert config.limited_contact_token is not None


def test_default_contacts_are_valid_and_normalised() -> None:
    for contact in EmulatorConfig.default().contacts:
        if contact.email is not None:
            assert normalise_email(contact.email) == contact.email
        if contact.phone is not None:
            assert normalise_phone(contact.phone) == contact.phone


def test_rate_limits_can_be_switched_off() -> None:
    config = EmulatorConfig.default().with_rate_limits(None)
    assert config.contact_rate_limit.limit == RATE_LIMIT_OFF
    assert config.channel_rate_limit_get.limit == RATE_LIMIT_OFF


def test_toml_config_seeds_the_world(tmp_path: Path) -> None:
    path = tmp_path / "emu.toml"
    path.write_text(
        """
admin_token = "admin-12345678"
[limits]
contact = {limit = 2, window_seconds = 60}
channel_get = "off"
[contact]
tokens = ["token-abcdefgh"]
channels = [{id = 10, platform = "telegram"}, {id = 11, platform = "sms", queue_full = true}]
contacts = [{id = 7, phone = "+31612345678", last_channel_id = 10, last_incoming_offset = -60}]
[[channel.workspaces]]
id = "11111111-2222-4333-8444-555555555555"
access_key = "key-abcdefgh"
channels = [{id = "11111111-2222-4333-8444-666666666666", platform = "email"}]
""",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.contact_token == "token-abcdefgh"
    assert config.contact_rate_limit.limit == 2
    assert config.channel_rate_limit_get.limit == RATE_LIMIT_OFF
    with running_emulator(config) as emu:
        import httpx

        client = httpx.Client(
            base_url=emu.contact_base_url,
            headers={"Authorization": "Bearer token-abcdefgh"},
            verify=False,
        )
        sent = client.post("/contact/id:7/message", json={"message": {"type": "text", "text": "x"}})
        assert sent.status_code == 200
        assert (
            client.get(f"/contact/id:7/message/{sent.json()['messageId']}").json()["channelId"]
            == 10
        )
        assert (
            client.post(
                "/contact/id:7/message",
                json={"channelId": 11, "message": {"type": "text", "text": "x"}},
            ).status_code
            == 449
        )
        assert emu.channel_ids == {"email": "11111111-2222-4333-8444-666666666666"}
        assert emu.access_key == "key-abcdefgh"


BAD_CONFIGS = [
    ("bad.json", "{", "not valid JSON"),
    ("bad.toml", "contact = [", "not valid TOML"),
    ("list.json", "[]", "top level"),
    ("unknown.json", json.dumps({"colour": "red"}), "unknown key"),
    (
        "platform.json",
        json.dumps({"contact": {"channels": [{"id": 1, "platform": "myspace"}]}}),
        "platform",
    ),
    (
        "dup.json",
        json.dumps(
            {"contact": {"channels": [{"id": 1, "platform": "sms"}, {"id": 1, "platform": "sms"}]}}
        ),
        "unique",
    ),
    (
        "uuid.json",
        json.dumps({"channel": {"workspaces": [{"id": "x", "access_key": "abcdefgh1"}]}}),
        "UUID",
    ),
    ("token.json", json.dumps({"contact": {"tokens": ["short"]}}), "tokens[0]"),
    ("rate.json", json.dumps({"limits": {"contact": 0}}), "limits.contact"),
    (
        "lastch.json",
        json.dumps({"contact": {"contacts": [{"id": 1, "last_channel_id": 999}]}}),
        "last_channel_id",
    ),
    ("binary.json", "\udcff", "not valid JSON"),
    (
        "phone.json",
        json.dumps({"contact": {"contacts": [{"id": 1, "phone": "+1"}]}}),
        "contacts[0].phone",
    ),
    (
        "email.json",
        json.dumps({"contact": {"contacts": [{"id": 1, "email": "x@"}]}}),
        "contacts[0].email",
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD_CONFIGS)
def test_bad_config_is_a_one_line_error(
    tmp_path: Path, name: str, content: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(ConfigError, match=re.escape(expected)):
        load_config(path)
    assert main(["emulate", "--config", str(path), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert expected in err
    assert "Traceback" not in err


def test_missing_config_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["emulate", "--config", str(tmp_path / "nope.toml")]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--fault", "no-such-fault"], "unknown fault"),
        (["--port", "70000"], "--port"),
        (["--db", "/no/such/dir/emu.db"], "no such directory"),
        (["--public-url", "ftp://emu.example"], "--public-url"),
        (["--public-url", "https://emu.example/?a=1"], "--public-url"),
    ],
)
def test_bad_emulate_options_are_one_line_errors(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["emulate", *args]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert err.count("\n") == 1


def test_list_faults(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["emulate", "--list-faults"]) == 0
    out = capsys.readouterr().out
    assert "unicode-500: " in out
    assert "paging-skips-item: " in out


def test_reprs_never_show_credentials() -> None:
    config = EmulatorConfig.default()
    secrets = [config.admin_token, config.signing_secret, *(t.token for t in config.contact_tokens)]
    secrets += [w.access_key for w in config.workspaces]
    with running_emulator(config) as emu:
        shown = repr(config) + repr(emu)
    assert "127.0.0.1" in shown  # the reprs do show URLs and ids...
    for secret in secrets:
        assert secret not in shown  # ...but no credential
