"""Live targets: secrets from the environment only, and no credentials over plain HTTP."""

from __future__ import annotations

import argparse

import pytest

from aelyst_contract._cmd_fuzz import register
from aelyst_contract.fuzz import LiveOptions, live_target
from aelyst_contract.fuzz._errors import TargetConfigError

ENV = {
    "AELYST_CONTACT_TOKEN": "tok-secret",
    "AELYST_ACCESS_KEY": "key-secret",
    "AELYST_WORKSPACE_ID": "1f0e2d3c-4b5a-4968-8776-655443322110",
    "AELYST_CHANNEL_IDS": (
        "00c0ffee-0000-0000-0000-000000000001, 00c0ffee-0000-0000-0000-000000000002"
    ),
}


def test_a_live_target_takes_urls_from_options_and_secrets_from_the_environment() -> None:
    target = live_target(
        LiveOptions(base_url="https://api.example.com/"), ("contact", "channel"), ENV
    )
    assert target.contact_url == "https://api.example.com/v1"
    assert target.channel_url == "https://api.example.com"
    assert target.authorization("contact") == "Bearer tok-secret"
    assert target.authorization("channel") == "AccessKey key-secret"
    # Listed without a profile, the channels' platforms are unknown.
    assert target.channel_platforms == {
        "00c0ffee-0000-0000-0000-000000000001": None,
        "00c0ffee-0000-0000-0000-000000000002": None,
    }
    assert target.channel_ids == {}
    assert "tok-secret" not in repr(target)
    assert "key-secret" not in repr(target)


def test_plain_http_to_another_host_is_refused_unless_insecure() -> None:
    with pytest.raises(TargetConfigError, match="plain HTTP"):
        live_target(LiveOptions(contact_url="http://api.example.com/v1"), ("contact",), ENV)
    target = live_target(
        LiveOptions(contact_url="http://api.example.com/v1", insecure=True), ("contact",), ENV
    )
    assert target.contact_url == "http://api.example.com/v1"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_plain_http_to_loopback_is_fine(host: str) -> None:
    target = live_target(LiveOptions(contact_url=f"http://{host}:8080/v1"), ("contact",), ENV)
    assert target.contact_url == f"http://{host}:8080/v1"


@pytest.mark.parametrize(
    ("options", "apis", "env", "message"),
    [
        (LiveOptions(contact_url="https://h/v1"), ("contact",), {}, "AELYST_CONTACT_TOKEN"),
        (
            LiveOptions(channel_url="https://h"),
            ("channel",),
            {"AELYST_ACCESS_KEY": "k"},
            "workspace",
        ),
        (
            LiveOptions(channel_url="https://h", workspace_id=ENV["AELYST_WORKSPACE_ID"]),
            ("channel",),
            {"AELYST_CHANNEL_IDS": ENV["AELYST_CHANNEL_IDS"]},
            "AELYST_ACCESS_KEY",
        ),
        (LiveOptions(channel_url="https://h"), ("contact",), ENV, "--contact-url"),
        (LiveOptions(contact_url="ftp://h/v1"), ("contact",), ENV, "not an http"),
        (LiveOptions(contact_url="https://u:p@h/v1"), ("contact",), ENV, "not in the URL"),
    ],
)
def test_incomplete_live_targets_are_one_line_errors(
    options: LiveOptions, apis: tuple[str, ...], env: dict[str, str], message: str
) -> None:
    with pytest.raises(TargetConfigError, match=message):
        live_target(options, apis, env)  # type: ignore[arg-type]


def test_the_fuzz_command_takes_no_secret_on_the_command_line() -> None:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    fuzz = parser._subparsers._group_actions[0].choices["fuzz"]  # type: ignore[union-attr,index]
    options = {option for action in fuzz._actions for option in action.option_strings}
    assert not any("token" in option or "key" in option for option in options)
    assert {"--base-url", "--allow-writes", "--insecure", "--rate-limit", "--budget"} <= options


def test_a_live_target_names_every_problem_at_once() -> None:
    options = LiveOptions(base_url="ftp://h", rate_limit="fast")
    with pytest.raises(TargetConfigError) as caught:
        live_target(options, ("contact", "channel"), {})
    problems = str(caught.value).split("; ")
    assert problems == [
        "the channel API needs --workspace-id and --channel-id (or $AELYST_WORKSPACE_ID,"
        " $AELYST_CHANNEL_IDS, or a --profile)",
        "not an http(s) URL: 'ftp://h/v1'",
        "the contact API needs a value in $AELYST_CONTACT_TOKEN",
        "not an http(s) URL: 'ftp://h'",
        "the channel API needs a value in $AELYST_ACCESS_KEY",
        "--rate-limit must look like 10/s, 100/m or 1000/h, not 'fast'",
    ]
