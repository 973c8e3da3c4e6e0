"""Target profiles: read, checked key by key, written back, and resolved like any target."""

from __future__ import annotations

from pathlib import Path

import pytest

from aelyst_contract.cli import main
from aelyst_contract.fuzz import load_profile, profile_toml, target_from_profile
from aelyst_contract.fuzz._errors import TargetConfigError
from aelyst_contract.fuzz._profile import ProfileError, parse_profile

WS = "1f0e2d3c-4b5a-4968-8776-655443322110"
CH = "00c0ffee-0000-0000-0000-000000000001"
PROFILE = f"""
[contact]
url = "https://api.example.com/v1"
token_env = "MY_TOKEN"
channels = [{{id = 0, platform = "sms"}}, {{id = 2, platform = "facebook"}}]
contacts = [
  {{identifiers = ["id:123", "phone:+60121233112"], last_channel = 0}},
  {{identifiers = ["id:7"], last_channel = 2}},
]

[channel]
url = "https://channels.example.com"
workspace_id = "{WS}"
access_key_env = "MY_KEY"
channels = [{{id = "{CH}", platform = "whatsapp", two_factor = false}}]
other_workspace = {{access_key_env = "OTHER_KEY"}}

[rate_limits]
probe = "burst"
max_requests = 5
within_seconds = 2

[run]
allow_writes = true
allowed_hosts = ["uploads.example.com"]
"""
ENV = {"MY_TOKEN": "tok-1", "MY_KEY": "key-1", "OTHER_KEY": "key-2"}


def test_a_profile_describes_a_target_once(tmp_path: Path) -> None:
    path = tmp_path / "staging.toml"
    path.write_text(PROFILE, encoding="utf-8")
    target = target_from_profile(load_profile(path), ("contact", "channel"), ENV)
    assert target.contact_url == "https://api.example.com/v1"
    assert target.authorization("contact") == "Bearer tok-1"
    assert target.authorization("channel") == "AccessKey key-1"
    assert target.channel_platforms == {CH: "whatsapp"}
    assert target.channel_two_factor == {CH: False}
    # Contact 7 was last seen on facebook (a messageTag may be needed): not reachable by null.
    assert target.contact_identifiers == ("id:123", "phone:+60121233112")
    assert set(target.known_contact_identifiers) == {"id:123", "phone:+60121233112", "id:7"}
    assert target.rate_probe is not None
    assert target.rate_probe.mode == "burst"
    assert target.host_allowed("https://uploads.example.com/bucket")
    assert target.host_allowed("https://channels.example.com/_uploads")
    assert not target.host_allowed("https://elsewhere.example.net/")
    assert set(target.secret_env) == {"tok-1", "key-1", "key-2"}
    assert target.profile_source == str(path)


def test_a_profile_written_reads_back_equal() -> None:
    profile = parse_profile(__import__("tomllib").loads(PROFILE))
    again = parse_profile(__import__("tomllib").loads(profile_toml(profile, "a comment")))
    assert again == profile


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[contact]\nurl = 'ftp://x'", "contact.url must be an http(s) URL"),
        ("[contact]\nurl = 'https://x'\ntoken = 'abc'", "contact: unknown key(s) token"),
        ("[contact]\nurl = 'https://x'\ntoken_env = 'tok en'", "contact.token_env must name"),
        (
            "[contact]\nurl = 'https://x'\ncontacts = [{identifiers = ['bob']}]",
            "contact.contacts[0].identifiers",
        ),
        (
            "[contact]\nurl = 'https://x'\ncontacts = [{identifiers = ['id:1'], last_channel = 3}]",
            "contact.contacts[0].last_channel",
        ),
        (f"[channel]\nurl = 'https://x'\nworkspace_id = '{WS}'", "channel.channels"),
        (
            f"[channel]\nurl = 'https://x'\nworkspace_id = '{WS}'\nchannels = [{{id = 'nope'}}]",
            "channel.channels[0].id: 'nope' is not a UUID",
        ),
        (
            f"[channel]\nurl = 'https://x'\nworkspace_id = '{WS}'\n"
            f"channels = [{{id = '{CH}', platform = 'pager'}}]",
            "channel.channels[0].platform must be one of",
        ),
        ("[rate_limits]\nprobe = 'always'", "rate_limits.probe must be off, credential or burst"),
        ("[rate_limits]\nprobe = 'credential'", "needs contact_token_env"),
        ("[rate_limits]\nmax_requests = 0", "rate_limits.max_requests"),
        ("[run]\nallowed_hosts = ['a b']", "run.allowed_hosts[0]"),
        ("[run]\nallow_writes = 'yes'", "run.allow_writes must be true or false"),
        ("[surprise]\n", "unknown key(s) surprise"),
        ("not toml at all = = =", "not valid TOML"),
    ],
)
def test_a_bad_profile_is_one_line_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_profile_names_the_problem_of_every_wrong_section(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        "[run]\nallow_writes = 'yes'\n"
        "[contact]\nurl = 'not a url'\n"
        "[rate_limits]\nprobe = 'sometimes'\n"
        "[surprise]\n",
        encoding="utf-8",
    )
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    for problem in (
        "unknown key(s) surprise",
        "run.allow_writes must be true or false",
        "contact.url must be an http(s) URL",
        "rate_limits.probe must be off, credential or burst, not 'sometimes'",
    ):
        assert problem in message


def test_fuzz_reports_a_bad_profile_and_missing_secrets_as_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[run]\nallow_writes = 'yes'", encoding="utf-8")
    assert main(["fuzz", "--profile", str(bad), "--report-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "run.allow_writes" in err
    assert err.count("\n") == 1
    good = tmp_path / "good.toml"
    good.write_text(PROFILE.replace("https://api.example.com", "http://api.example.com"))
    assert main(["fuzz", "--profile", str(good), "--report-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    # Every problem at once: the plain-HTTP URL and each missing secret.
    assert "plain HTTP" in err
    assert "$MY_TOKEN" in err
    assert "$MY_KEY" in err
    assert err.count("\n") == 1


def test_command_line_options_override_the_profile(tmp_path: Path) -> None:
    from aelyst_contract.fuzz import LiveOptions, live_target

    path = tmp_path / "p.toml"
    path.write_text(PROFILE, encoding="utf-8")
    target = live_target(
        LiveOptions(contact_url="http://127.0.0.1:8080/v1", rate_limit="5/s"),
        ("contact", "channel"),
        ENV,
        profile=load_profile(path),
    )
    assert target.contact_url == "http://127.0.0.1:8080/v1"
    assert target.channel_url == "https://channels.example.com"
    assert target.rate_limit == 5.0
    assert target.channel_platforms == {CH: "whatsapp"}  # what the profile knows stays


def test_a_secret_never_goes_in_a_profile(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("[contact]\nurl = 'https://x'\ntoken_env = 'Bearer abc.def'", encoding="utf-8")
    with pytest.raises(ProfileError, match="a secret never goes in a profile"):
        load_profile(path)
    with pytest.raises(TargetConfigError, match=r"\$MY_TOKEN"):
        target_from_profile(
            parse_profile({"contact": {"url": "https://x", "token_env": "MY_TOKEN"}}),
            ("contact",),
            {},
        )


def test_the_emulator_writes_its_own_profile(tmp_path: Path) -> None:
    """What `emulate --write-profile PATH` writes: the emulator's world, names of variables
    only, and the line that says which values they take."""
    from aelyst_contract._cmd_emulate import _write_profile
    from aelyst_contract.emulator import EmulatorConfig, running_emulator

    config = EmulatorConfig.default()
    path = tmp_path / "emu.toml"
    with running_emulator(config) as emu:
        (said,) = _write_profile(path, emu, config)
        text = path.read_text(encoding="utf-8")
        assert emu.contact_token not in text
        assert emu.access_key not in text
        env = dict(word.split("=", 1) for word in said.split("export ", 1)[1].split())
        target = target_from_profile(load_profile(path), ("contact", "channel"), env)
    assert target.contact_url == emu.contact_base_url
    assert target.has_emulator_controls
    assert target.rate_probe is not None
    assert target.rate_probe.mode == "credential"
    assert "sms" in target.channel_ids
    assert any(target.channel_two_factor.values())


def test_the_readme_profile_is_the_emulators_own(tmp_path: Path) -> None:
    """The README's example profile is (an excerpt of) what `emulate --write-profile` writes."""
    import re
    import tomllib

    from aelyst_contract.emulator import EmulatorConfig, running_emulator
    from aelyst_contract.fuzz import emulator_profile

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("The emulator writes its own profile", 1)[1]
    block = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    shown = parse_profile(tomllib.loads(block.group(1)))
    with running_emulator(EmulatorConfig.default(), port=0) as emu:
        written, _ = emulator_profile(emu, EmulatorConfig.default())
    port = emu.base_url.rsplit(":", 1)[1]
    assert shown.contact is not None
    assert written.contact is not None
    assert shown.contact.url.replace("8765", port) == written.contact.url
    assert set(shown.contact.channels) <= set(written.contact.channels)
    assert set(shown.contact.contacts) <= set(written.contact.contacts)
    assert shown.channel is not None
    assert written.channel is not None
    assert shown.channel.workspace_id == written.channel.workspace_id
    assert set(shown.channel.channels) <= set(written.channel.channels)
    assert shown.channel.other_workspace == written.channel.other_workspace
    assert shown.rate_limits == written.rate_limits
    assert shown.allow_writes == written.allow_writes
