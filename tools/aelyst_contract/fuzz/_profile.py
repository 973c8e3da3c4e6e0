"""A target profile: one TOML file that describes a live target once.

It holds URLs, ids and *names* of environment variables, never a secret: a profile can be
committed and shared, and the credentials stay in the environment (or a CI secret store).
`load_profile` reads and checks a file (a bad one is a `ProfileError` naming the key);
`profile_toml` writes one (`aelyst-contract emulate --write-profile`). What only an emulator offers
(its clock and admin controls) is the `[emulator]` capability, not a hidden branch in the runner.

```toml
[contact]
url = "https://api.example.com/v1"
token_env = "AELYST_CONTACT_TOKEN"
channels = [{id = 0, platform = "sms"}, {id = 7, platform = "email"}]
contacts = [{identifiers = ["id:123", "phone:+60121233112"], last_channel = 0}]

[channel]
url = "https://channels.example.com"
access_key_env = "AELYST_ACCESS_KEY"
workspace_id = "1f0e2d3c-4b5a-4968-8776-655443322110"
channels = [{id = "00c0ffee-...", platform = "sms", two_factor = false}]
other_workspace = {workspace_id = "2a1b...", access_key_env = "AELYST_OTHER_ACCESS_KEY"}

[rate_limits]
probe = "credential"   # off | credential (low-limit credentials below) | burst (main ones)
max_requests = 20      # per endpoint family, at most ...
within_seconds = 10    # ... in this many seconds
contact_token_env = "AELYST_LIMITED_CONTACT_TOKEN"
channel_access_key_env = "AELYST_LIMITED_ACCESS_KEY"
channel_workspace_id = "3b2c..."

[run]
allow_writes = true
rate_limit = "10/s"
insecure = false
allowed_hosts = ["uploads.example.com"]

[emulator]
admin_url = "http://127.0.0.1:8765/_emulator"
admin_token_env = "AELYST_EMULATOR_ADMIN_TOKEN"
```
"""

from __future__ import annotations

import json
import re
import tomllib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, TypeVar

from aelyst_contract.fuzz._errors import FuzzError

__all__ = [
    "CHANNEL_PLATFORMS",
    "ChannelEntry",
    "ChannelProfile",
    "ContactChannel",
    "ContactEntry",
    "ContactProfile",
    "EmulatorControls",
    "OtherWorkspace",
    "Profile",
    "ProfileError",
    "RateLimitProfile",
    "RateProbeMode",
    "load_profile",
    "parse_profile",
    "profile_toml",
]

CHANNEL_PLATFORMS = frozenset(
    {"whatsapp", "facebook", "instagram", "telegram", "viber", "line", "sms", "email"}
)
RateProbeMode = Literal["off", "credential", "burst"]
T = TypeVar("T")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")
_HOST = re.compile(r"[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?")


class ProfileError(FuzzError, ValueError):
    """A profile that cannot describe a target; the message is one line naming the key."""


@dataclass(frozen=True)
class ContactChannel:
    id: int
    platform: str


@dataclass(frozen=True)
class ContactEntry:
    """A contact that exists: every identifier naming it, and the channel a `channelId: null`
    send goes to (its last interacted channel), when that is known."""

    identifiers: tuple[str, ...]
    last_channel: int | None = None


@dataclass(frozen=True)
class ContactProfile:
    url: str
    token_env: str = "AELYST_CONTACT_TOKEN"  # noqa: S105 (a variable name)
    channels: tuple[ContactChannel, ...] = ()
    contacts: tuple[ContactEntry, ...] = ()


@dataclass(frozen=True)
class ChannelEntry:
    id: str
    platform: str | None = None  # None: unknown, so platform rules cannot be judged on it
    two_factor: bool | None = None  # None: unknown


@dataclass(frozen=True)
class OtherWorkspace:
    """A second workspace's credential: its requests must never read this workspace's data."""

    access_key_env: str
    workspace_id: str | None = None


@dataclass(frozen=True)
class ChannelProfile:
    url: str
    workspace_id: str
    access_key_env: str = "AELYST_ACCESS_KEY"
    channels: tuple[ChannelEntry, ...] = ()
    other_workspace: OtherWorkspace | None = None


@dataclass(frozen=True)
class RateLimitProfile:
    probe: RateProbeMode = "off"
    max_requests: int = 20
    within_seconds: float = 10.0
    contact_token_env: str | None = None
    channel_access_key_env: str | None = None
    channel_workspace_id: str | None = None


@dataclass(frozen=True)
class EmulatorControls:
    """The emulator's test controls (clock, faults, reset): a capability of that target only."""

    admin_url: str
    admin_token_env: str = "AELYST_EMULATOR_ADMIN_TOKEN"  # noqa: S105 (a variable name)


@dataclass(frozen=True)
class Profile:
    contact: ContactProfile | None = None
    channel: ChannelProfile | None = None
    rate_limits: RateLimitProfile = field(default_factory=RateLimitProfile)
    allow_writes: bool = False
    rate_limit: str | None = None
    insecure: bool = False
    allowed_hosts: tuple[str, ...] = ()
    emulator: EmulatorControls | None = None
    source: str | None = None  # the file it came from, for messages and replay lines


# --- reading ---------------------------------------------------------------------------------


def load_profile(path: Path) -> Profile:
    """Read a profile file; ProfileError (one line, naming the file and key) when it is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise ProfileError(f"{path}: cannot read: {reason or error}") from error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{path}: not valid TOML: {' '.join(str(error).split())}") from error
    try:
        profile = parse_profile(data)
    except ProfileError as error:
        raise ProfileError(f"{path}: {error}") from error
    return replace(profile, source=str(path))


def parse_profile(data: Mapping[str, Any]) -> Profile:
    """A profile from parsed TOML (a mapping); ProfileError naming every wrong section at once
    (the first problem of each, `; `-joined)."""
    problems: list[str] = []

    def section(read: Callable[[], T], default: T) -> T:
        try:
            return read()
        except ProfileError as error:
            problems.append(str(error))
            return default

    section(
        lambda: _known(data, {"contact", "channel", "rate_limits", "run", "emulator"}, ""), None
    )
    run = section(lambda: _run(_table(data, "run")), None)
    emulator = section(lambda: _emulator(data), None)
    contact = section(
        lambda: _contact(_table(data, "contact")) if "contact" in data else None, None
    )
    channel = section(
        lambda: _channel(_table(data, "channel")) if "channel" in data else None, None
    )
    rate_limits = section(lambda: _rate_limits(_table(data, "rate_limits")), RateLimitProfile())
    if problems or run is None:
        raise ProfileError("; ".join(problems))
    return replace(
        run, contact=contact, channel=channel, rate_limits=rate_limits, emulator=emulator
    )


def _run(run: Mapping[str, Any]) -> Profile:
    """The [run] table, as a profile with nothing else."""
    _known(run, {"allow_writes", "rate_limit", "insecure", "allowed_hosts"}, "run")
    allowed_hosts = tuple(_str_list(run, "allowed_hosts", "run"))
    for index, host in enumerate(allowed_hosts):
        if not _HOST.fullmatch(host):
            raise ProfileError(f"run.allowed_hosts[{index}]: {host!r} is not a host name")
    return Profile(
        allow_writes=_bool(run, "allow_writes", "run", default=False),
        rate_limit=_opt_str(run, "rate_limit", "run"),
        insecure=_bool(run, "insecure", "run", default=False),
        allowed_hosts=allowed_hosts,
    )


def _emulator(data: Mapping[str, Any]) -> EmulatorControls | None:
    if "emulator" not in data:
        return None
    table = _table(data, "emulator")
    _known(table, {"admin_url", "admin_token_env"}, "emulator")
    return EmulatorControls(
        admin_url=_url(table, "admin_url", "emulator"),
        admin_token_env=_env_name(table, "admin_token_env", "emulator", required=True) or "",
    )


def _contact(table: Mapping[str, Any]) -> ContactProfile:
    _known(table, {"url", "token_env", "channels", "contacts"}, "contact")
    channels = []
    for index, raw in enumerate(_list(table, "channels", "contact")):
        where = f"contact.channels[{index}]"
        entry = _as_table(raw, where)
        _known(entry, {"id", "platform"}, where)
        channels.append(ContactChannel(_int(entry, "id", where), _platform(entry, where)))
    contacts = []
    for index, raw in enumerate(_list(table, "contacts", "contact")):
        where = f"contact.contacts[{index}]"
        entry = _as_table(raw, where)
        _known(entry, {"identifiers", "last_channel"}, where)
        identifiers = tuple(_str_list(entry, "identifiers", where))
        if not identifiers:
            raise ProfileError(f"{where}.identifiers: name the contact at least once")
        for value in identifiers:
            if not re.fullmatch(r"(id|email|phone):.+", value):
                raise ProfileError(
                    f"{where}.identifiers: {value!r} is not id:<digits>, email:<address> or"
                    " phone:<E.164>"
                )
        last = entry.get("last_channel")
        if last is not None and (type(last) is not int or last not in {c.id for c in channels}):
            raise ProfileError(f"{where}.last_channel: {last!r} is not one of contact.channels")
        contacts.append(ContactEntry(identifiers, last))
    return ContactProfile(
        url=_url(table, "url", "contact"),
        token_env=_env_name(table, "token_env", "contact") or ContactProfile.token_env,
        channels=tuple(channels),
        contacts=tuple(contacts),
    )


def _channel(table: Mapping[str, Any]) -> ChannelProfile:
    _known(
        table, {"url", "access_key_env", "workspace_id", "channels", "other_workspace"}, "channel"
    )
    channels = []
    for index, raw in enumerate(_list(table, "channels", "channel")):
        where = f"channel.channels[{index}]"
        entry = _as_table(raw, where)
        _known(entry, {"id", "platform", "two_factor"}, where)
        two_factor = entry.get("two_factor")
        if two_factor is not None and not isinstance(two_factor, bool):
            raise ProfileError(f"{where}.two_factor must be true or false")
        channels.append(
            ChannelEntry(
                id=_uuid(entry, "id", where),
                platform=_platform(entry, where) if "platform" in entry else None,
                two_factor=two_factor,
            )
        )
    if not channels:
        raise ProfileError("channel.channels: list at least one channel of the workspace")
    other = None
    if "other_workspace" in table:
        entry = _table(table, "other_workspace", "channel.")
        _known(entry, {"access_key_env", "workspace_id"}, "channel.other_workspace")
        other = OtherWorkspace(
            access_key_env=_env_name(
                entry, "access_key_env", "channel.other_workspace", required=True
            )
            or "",
            workspace_id=_uuid(entry, "workspace_id", "channel.other_workspace")
            if "workspace_id" in entry
            else None,
        )
    return ChannelProfile(
        url=_url(table, "url", "channel"),
        workspace_id=_uuid(table, "workspace_id", "channel"),
        access_key_env=_env_name(table, "access_key_env", "channel") or "AELYST_ACCESS_KEY",
        channels=tuple(channels),
        other_workspace=other,
    )


def _rate_limits(table: Mapping[str, Any]) -> RateLimitProfile:
    where = "rate_limits"
    known = {
        "probe",
        "max_requests",
        "within_seconds",
        "contact_token_env",
        "channel_access_key_env",
        "channel_workspace_id",
    }
    _known(table, known, where)
    probe = table.get("probe", "off")
    if probe not in ("off", "credential", "burst"):
        raise ProfileError(f"{where}.probe must be off, credential or burst, not {probe!r}")
    max_requests = table.get("max_requests", 20)
    if type(max_requests) is not int or not 1 <= max_requests <= 1000:
        raise ProfileError(f"{where}.max_requests must be a whole number from 1 to 1000")
    within = table.get("within_seconds", 10)
    if type(within) not in (int, float) or not 0 < within <= 600:
        raise ProfileError(f"{where}.within_seconds must be a number of seconds from 0 to 600")
    found = RateLimitProfile(
        probe=probe,
        max_requests=max_requests,
        within_seconds=float(within),
        contact_token_env=_env_name(table, "contact_token_env", where),
        channel_access_key_env=_env_name(table, "channel_access_key_env", where),
        channel_workspace_id=_uuid(table, "channel_workspace_id", where)
        if "channel_workspace_id" in table
        else None,
    )
    if probe == "credential" and not (found.contact_token_env or found.channel_access_key_env):
        raise ProfileError(
            f"{where}.probe = credential needs contact_token_env or channel_access_key_env"
        )
    if found.channel_access_key_env and not found.channel_workspace_id:
        raise ProfileError(f"{where}.channel_access_key_env needs channel_workspace_id")
    return found


# --- small typed readers (each error names the key) ------------------------------------------


def _known(table: Mapping[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(str(key) for key in table if key not in known)
    if unknown:
        prefix = f"{where}: " if where else ""
        raise ProfileError(f"{prefix}unknown key(s) {', '.join(unknown)}")


def _as_table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ProfileError(f"{where} must be a table")
    return value


def _table(data: Mapping[str, Any], key: str, prefix: str = "") -> Mapping[str, Any]:
    return _as_table(data.get(key, {}), f"{prefix}{key}")


def _list(table: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise ProfileError(f"{where}.{key} must be a list")
    return value


def _str_list(table: Mapping[str, Any], key: str, where: str) -> list[str]:
    values = _list(table, key, where)
    if not all(isinstance(value, str) and value for value in values):
        raise ProfileError(f"{where}.{key} must be a list of non-empty strings")
    return values


def _bool(table: Mapping[str, Any], key: str, where: str, *, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ProfileError(f"{where}.{key} must be true or false")
    return value


def _int(table: Mapping[str, Any], key: str, where: str) -> int:
    value = table.get(key)
    if type(value) is not int:
        raise ProfileError(f"{where}.{key} must be a whole number")
    return value


def _opt_str(table: Mapping[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise ProfileError(f"{where}.{key} must be a string")
    return value


def _url(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not re.match(r"https?://[^/\s]+", value):
        raise ProfileError(f"{where}.{key} must be an http(s) URL")
    return value.rstrip("/")


def _uuid(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    try:
        uuid.UUID(str(value))
    except ValueError:
        raise ProfileError(f"{where}.{key}: {value!r} is not a UUID") from None
    if not isinstance(value, str):
        raise ProfileError(f"{where}.{key} must be a string")
    return value


def _platform(table: Mapping[str, Any], where: str) -> str:
    value = table.get("platform")
    if value not in CHANNEL_PLATFORMS:
        raise ProfileError(
            f"{where}.platform must be one of {', '.join(sorted(CHANNEL_PLATFORMS))}, not {value!r}"
        )
    return str(value)


def _env_name(
    table: Mapping[str, Any], key: str, where: str, *, required: bool = False
) -> str | None:
    value = table.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not _ENV_NAME.fullmatch(value):
        raise ProfileError(
            f"{where}.{key} must name an environment variable (a secret never goes in a profile)"
        )
    return value


# --- writing ---------------------------------------------------------------------------------


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {value!r} as TOML")


def _section(name: str, values: Mapping[str, Any]) -> list[str]:
    lines = [f"[{name}]"]
    lines += [f"{key} = {_value(value)}" for key, value in values.items() if value is not None]
    return [*lines, ""]


def _rows(key: str, rows: list[dict[str, Any]]) -> list[str]:
    return [f"{key} = [", *(f"  {_value(row)}," for row in rows), "]"]


def _contact_lines(contact: ContactProfile) -> list[str]:
    contacts = []
    for entry in contact.contacts:
        row: dict[str, Any] = {"identifiers": list(entry.identifiers)}
        if entry.last_channel is not None:
            row["last_channel"] = entry.last_channel
        contacts.append(row)
    lines = _section("contact", {"url": contact.url, "token_env": contact.token_env})[:-1]
    lines += _rows("channels", [{"id": c.id, "platform": c.platform} for c in contact.channels])
    return [*lines, *_rows("contacts", contacts), ""]


def _channel_lines(workspace: ChannelProfile) -> list[str]:
    values: dict[str, Any] = {
        "url": workspace.url,
        "access_key_env": workspace.access_key_env,
        "workspace_id": workspace.workspace_id,
    }
    if workspace.other_workspace:
        other: dict[str, Any] = {"access_key_env": workspace.other_workspace.access_key_env}
        if workspace.other_workspace.workspace_id:
            other["workspace_id"] = workspace.other_workspace.workspace_id
        values["other_workspace"] = other
    channels = []
    for channel in workspace.channels:
        row: dict[str, Any] = {"id": channel.id}
        if channel.platform is not None:
            row["platform"] = channel.platform
        if channel.two_factor is not None:
            row["two_factor"] = channel.two_factor
        channels.append(row)
    return [*_section("channel", values)[:-1], *_rows("channels", channels), ""]


def profile_toml(profile: Profile, comment: str = "") -> str:
    """The profile as TOML that `load_profile` reads back to an equal profile."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    if lines:
        lines.append("")
    if profile.contact:
        lines += _contact_lines(profile.contact)
    if profile.channel:
        lines += _channel_lines(profile.channel)
    rate = profile.rate_limits
    lines += _section(
        "rate_limits",
        {
            "probe": rate.probe,
            "max_requests": rate.max_requests,
            "within_seconds": rate.within_seconds,
            "contact_token_env": rate.contact_token_env,
            "channel_access_key_env": rate.channel_access_key_env,
            "channel_workspace_id": rate.channel_workspace_id,
        },
    )
    lines += _section(
        "run",
        {
            "allow_writes": profile.allow_writes,
            "rate_limit": profile.rate_limit,
            "insecure": profile.insecure,
            "allowed_hosts": list(profile.allowed_hosts),
        },
    )
    if profile.emulator:
        lines += _section(
            "emulator",
            {
                "admin_url": profile.emulator.admin_url,
                "admin_token_env": profile.emulator.admin_token_env,
            },
        )
    return "\n".join(lines).rstrip() + "\n"
