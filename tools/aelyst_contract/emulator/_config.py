"""What the emulator is seeded with: credentials, channels, contacts, rate limits, secrets.

A config is immutable. `EmulatorConfig.default()` is the built-in world the test suites use;
`load_config(path)` reads the same shape from JSON or TOML (see docs/emulator.md). Anything wrong
in a file is a `ConfigError` with one line naming the problem.
"""

from __future__ import annotations

import json
import re
import tomllib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aelyst_contract.emulator._faults import FAULTS
from aelyst_contract.emulator._identifiers import (
    email_problem,
    normalise_email,
    normalise_phone,
    phone_problem,
)

__all__ = [
    "CHANNEL_PLATFORMS",
    "CONTACT_PLATFORMS",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_HEADER_BYTES",
    "DEFAULT_MAX_UPLOAD_BYTES",
    "DEFAULT_WORKSPACE_ID",
    "LIMITED_WORKSPACE_ID",
    "OTHER_WORKSPACE_ID",
    "RATE_LIMIT_OFF",
    "ConfigError",
    "ContactChannel",
    "ContactSeed",
    "ContactToken",
    "EmulatorConfig",
    "RateLimit",
    "Workspace",
    "WorkspaceChannel",
    "config_from_mapping",
    "load_config",
    "public_url",
]

CONTACT_PLATFORMS = frozenset(
    {"whatsapp", "facebook", "instagram", "telegram", "viber", "line", "sms", "email"}
)
CHANNEL_PLATFORMS = CONTACT_PLATFORMS
# A limit this high never triggers: "off" in a config file.
RATE_LIMIT_OFF = 1_000_000_000
DEFAULT_MAX_BODY_BYTES = 1024 * 1024
DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_HEADER_BYTES = 64 * 1024
_INT64_MAX = 2**63 - 1


class ConfigError(ValueError):
    """A config file or mapping that cannot seed the emulator; the message is one line."""


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` requests per `window_seconds` of emulator time (per credential, endpoint)."""

    limit: int
    window_seconds: int = 1


@dataclass(frozen=True)
class ContactChannel:
    id: int
    platform: str
    name: str = ""
    # A full send queue answers 449 on send and on get of the channel's messages.
    queue_full: bool = False
    # Messages on this channel end `failed` instead of `delivered` / `read`.
    fails_delivery: bool = False


@dataclass(frozen=True)
class ContactSeed:
    id: int
    email: str | None = None
    phone: str | None = None
    last_channel_id: int | None = None
    # Seconds relative to the emulator's start (negative: before it); None: never wrote to us.
    last_incoming_offset: int | None = None


@dataclass(frozen=True)
class ContactToken:
    token: str = field(repr=False)
    # None: the config's contact rate limit applies.
    rate_limit: RateLimit | None = None


@dataclass(frozen=True)
class WorkspaceChannel:
    id: str
    platform: str
    name: str = ""
    two_factor: bool = False
    active: bool = True
    fails_delivery: bool = False
    sender_identifier: str = ""


@dataclass(frozen=True)
class Workspace:
    id: str
    access_key: str = field(repr=False)
    channels: tuple[WorkspaceChannel, ...]
    rate_limit_get: RateLimit | None = None
    rate_limit_post: RateLimit | None = None


@dataclass(frozen=True)
class EmulatorConfig:
    contact_tokens: tuple[ContactToken, ...]
    contact_channels: tuple[ContactChannel, ...]
    contacts: tuple[ContactSeed, ...]
    workspaces: tuple[Workspace, ...]
    contact_rate_limit: RateLimit = field(default_factory=lambda: RateLimit(1000, 1))
    channel_rate_limit_get: RateLimit = field(default_factory=lambda: RateLimit(1000, 1))
    channel_rate_limit_post: RateLimit = field(default_factory=lambda: RateLimit(1000, 1))
    # Local dev credentials of the emulator, not secrets of a real service.
    admin_token: str = field(default="emu-admin-token", repr=False)
    # Signs page tokens and upload policies; fixed by default so tokens survive a restart.
    signing_secret: str = field(default="emu-signing-secret", repr=False)
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    upload_policy_seconds: int = 3600
    # Absolute URLs (uploadUrl, mediaUrl, paging links) start with this when set; otherwise with
    # the request's Host if it is trusted (see `trust_host_header`), else the listening address.
    public_url: str | None = None
    # True behind a gateway that sets Host; a loopback Host (a local proxy) is trusted anyway.
    trust_host_header: bool = False
    # Faults switched on at start (on top of any given to `create_app` / `--fault`).
    faults: frozenset[str] = frozenset()
    # Server limits: a request head must arrive within `header_timeout_seconds`, a body within
    # `body_timeout_seconds` (408); idle keep-alive connections close after `keep_alive_seconds`;
    # a head over `max_header_bytes` is a 431; connections beyond `max_connections` get a 503.
    header_timeout_seconds: float = 10.0
    body_timeout_seconds: float = 30.0
    keep_alive_seconds: float = 5.0
    shutdown_timeout_seconds: float = 3.0
    max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES
    max_connections: int = 1000

    @staticmethod
    def default() -> EmulatorConfig:
        """The built-in world: every platform, a second workspace, hooks for 449 and 429."""
        return _default_config()

    def with_rate_limits(self, limit: int | None, window_seconds: int = 1) -> EmulatorConfig:
        """The same world with every general rate limit set (None: off, for fuzz runs)."""
        rate = RateLimit(RATE_LIMIT_OFF if limit is None else limit, window_seconds)
        return replace(
            self,
            contact_rate_limit=rate,
            channel_rate_limit_get=rate,
            channel_rate_limit_post=rate,
        )

    def with_public_url(self, url: str) -> EmulatorConfig:
        """The same world answering with absolute URLs under `url` (ConfigError if not one)."""
        return replace(self, public_url=public_url(url, "public URL"))

    # Convenience views used by the app and by `running_emulator`.
    @property
    def contact_token(self) -> str:
        return self.contact_tokens[0].token

    @property
    def limited_contact_token(self) -> str | None:
        for token in self.contact_tokens:
            if token.rate_limit is not None:
                return token.token
        return None


# Fixed ids so that tests, docs and saved reports can name them.
DEFAULT_WORKSPACE_ID = "1f0e2d3c-4b5a-4968-8776-655443322110"
OTHER_WORKSPACE_ID = "2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
LIMITED_WORKSPACE_ID = "3b2c4d5e-6f70-4b8c-9dae-1f2a3b4c5d6e"


def _default_channel_uuid(workspace_index: int, channel_index: int) -> str:
    return str(uuid.UUID(int=(0xC0FFEE << 96) + (workspace_index << 32) + channel_index + 1))


def _default_config() -> EmulatorConfig:
    contact_channels = (
        ContactChannel(0, "sms", "SMS (the seed's example channel)"),
        ContactChannel(1, "whatsapp", "WhatsApp"),
        ContactChannel(2, "facebook", "Facebook Messenger"),
        ContactChannel(3, "instagram", "Instagram"),
        ContactChannel(4, "telegram", "Telegram"),
        ContactChannel(5, "viber", "Viber"),
        ContactChannel(6, "line", "LINE"),
        ContactChannel(7, "email", "Email"),
        ContactChannel(8, "whatsapp", "WhatsApp (queue full: 449)", queue_full=True),
        ContactChannel(9, "sms", "SMS (deliveries fail)", fails_delivery=True),
        # The spec's response examples name channel 123: make them real.
        ContactChannel(123, "whatsapp", "WhatsApp (the seed's example id)"),
    )
    contacts = (
        # The seed's example identifiers all name contact 123.
        ContactSeed(123, "abdc@gmail.com", "+60121233112", 0, -3600),
        ContactSeed(1, "ada@example.com", "+31612345678", 1, -600),
        # Last wrote on facebook three days ago: outside the 24 h window, messageTag required.
        ContactSeed(2, "bob@example.com", "+4915112345678", 2, -3 * 86400),
        # Never interacted: channelId null is a 400.
        ContactSeed(3, "carol@example.com", None, None, None),
        # Instagram, inside the window.
        ContactSeed(4, None, "+447911123456", 3, -3600),
        # Last interacted on the full queue: a send with channelId null is a 449.
        ContactSeed(5, "dave@example.com", None, 8, -3600),
        ContactSeed(6, None, "+819012345678", 6, -60),
    )
    platforms = ("whatsapp", "facebook", "instagram", "telegram", "viber", "line", "sms", "email")

    def workspace_channels(index: int) -> tuple[WorkspaceChannel, ...]:
        channels = [
            WorkspaceChannel(
                _default_channel_uuid(index, n),
                platform,
                platform,
                sender_identifier=_sender_identifier(platform),
            )
            for n, platform in enumerate(platforms)
        ]
        channels.append(
            WorkspaceChannel(
                _default_channel_uuid(index, len(platforms)),
                "sms",
                "sms-2fa",
                two_factor=True,
                sender_identifier="+3197010260001",
            )
        )
        channels.append(
            WorkspaceChannel(
                _default_channel_uuid(index, len(platforms) + 1),
                "sms",
                "sms-inactive",
                active=False,
                sender_identifier="+3197010260002",
            )
        )
        channels.append(
            WorkspaceChannel(
                _default_channel_uuid(index, len(platforms) + 2),
                "sms",
                "sms-failing",
                fails_delivery=True,
                sender_identifier="+3197010260003",
            )
        )
        return tuple(channels)

    workspaces = (
        Workspace(DEFAULT_WORKSPACE_ID, "emu-access-key-main", workspace_channels(0)),
        Workspace(OTHER_WORKSPACE_ID, "emu-access-key-other", workspace_channels(1)),
        # Tiny limits, to see 429 on ordinary traffic.
        Workspace(
            LIMITED_WORKSPACE_ID,
            "emu-access-key-limited",
            workspace_channels(2)[:1],
            rate_limit_get=RateLimit(3, 60),
            rate_limit_post=RateLimit(3, 60),
        ),
    )
    return EmulatorConfig(
        contact_tokens=(
            ContactToken("emu-contact-token"),
            ContactToken("emu-contact-token-limited", RateLimit(3, 60)),
        ),
        contact_channels=contact_channels,
        contacts=contacts,
        workspaces=workspaces,
    )


def _sender_identifier(platform: str) -> str:
    return {
        "email": "noreply@emulator.aelyst.test",
        "sms": "+3197010260000",
        "whatsapp": "+3197010260009",
    }.get(platform, f"{platform}-sender")


# ---------------------------------------------------------------------------------------------
# Reading a config file

_UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)


def load_config(path: Path) -> EmulatorConfig:
    """Read a JSON (`.json`) or TOML (anything else) config file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from error
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError, RecursionError) as e:
        raise ConfigError(f"{path}: not valid {_kind(path)}: {_one_line(e)}") from e
    try:
        return config_from_mapping(data)
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from error


def _kind(path: Path) -> str:
    return "JSON" if path.suffix.lower() == ".json" else "TOML"


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def config_from_mapping(data: Any) -> EmulatorConfig:
    """Build a config from parsed JSON/TOML. Missing sections fall back to the default world."""
    if not isinstance(data, Mapping):
        raise ConfigError("the top level must be a table/object")
    known = {
        "contact",
        "channel",
        "admin_token",
        "signing_secret",
        "limits",
        "public_url",
        "trust_host_header",
        "faults",
    }
    _no_unknown_keys(data, known, "top level")
    base = EmulatorConfig.default()
    config = base
    if "public_url" in data:
        config = replace(config, public_url=public_url(data["public_url"], "public_url"))
    if "trust_host_header" in data:
        config = replace(
            config, trust_host_header=_bool(data["trust_host_header"], "trust_host_header")
        )
    if "faults" in data:
        config = replace(config, faults=_faults(data["faults"]))
    if "admin_token" in data:
        config = replace(config, admin_token=_secret(data["admin_token"], "admin_token"))
    if "signing_secret" in data:
        config = replace(config, signing_secret=_secret(data["signing_secret"], "signing_secret"))
    if "limits" in data:
        config = _read_limits(config, _table(data["limits"], "limits"))
    if "contact" in data:
        config = _read_contact(config, _table(data["contact"], "contact"))
    if "channel" in data:
        config = _read_channel(config, _table(data["channel"], "channel"))
    return config


def public_url(value: Any, where: str) -> str:
    """An http(s) origin, optionally with a path prefix; no query, fragment or credentials."""
    if not isinstance(value, str) or len(value) > 2000:
        raise ConfigError(f"{where} must be an http(s) URL such as https://emu.example:8443")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError as error:
        raise ConfigError(f"{where} is not a URL: {_one_line(error)}") from error
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or parts.username is not None
        or any(ch.isspace() or ord(ch) < 32 for ch in value)
    ):
        raise ConfigError(f"{where} must be an http(s) URL such as https://emu.example:8443")
    return value.rstrip("/")


def _faults(value: Any) -> frozenset[str]:
    names = _list(value, "faults")
    if not all(isinstance(name, str) for name in names):
        raise ConfigError("faults must be a list of fault names")
    unknown = sorted(set(names) - FAULTS.keys())
    if unknown:
        raise ConfigError(f"faults: unknown fault(s) {', '.join(unknown)} (see --list-faults)")
    return frozenset(names)


def _seconds(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 3600:
        raise ConfigError(f"{where} must be a number of seconds in (0, 3600]")
    return float(value)


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where} must be a table/object")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise ConfigError(f"{where} must be a list")
    return value


def _no_unknown_keys(table: Mapping[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(str(key) for key in table if key not in known)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")


def _secret(value: Any, where: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9._~+/=-]{8,200}", value):
        raise ConfigError(f"{where} must be 8-200 characters of [A-Za-z0-9._~+/=-]")
    return value


def _int(value: Any, where: str, minimum: int = 0, maximum: int = _INT64_MAX) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ConfigError(f"{where} must be an integer in {minimum}..{maximum}")
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where} must be true or false")
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value or len(value) > 320:
        raise ConfigError(f"{where} must be a non-empty string")
    return value


def _email(value: Any, where: str) -> str:
    """Stored normalised, as the API looks contacts up by their normalised address."""
    text = _str(value, where)
    problem = email_problem(text)
    if problem:
        raise ConfigError(f"{where} {problem}")
    return normalise_email(text)


def _phone(value: Any, where: str) -> str:
    text = _str(value, where)
    problem = phone_problem(text)
    if problem:
        raise ConfigError(f"{where} {problem}")
    return normalise_phone(text)


def _rate(value: Any, where: str) -> RateLimit:
    """`"off"`, an integer (per second) or `{limit, window_seconds}`."""
    if value == "off":
        return RateLimit(RATE_LIMIT_OFF, 1)
    if isinstance(value, int) and not isinstance(value, bool):
        return RateLimit(_int(value, where, 1, RATE_LIMIT_OFF), 1)
    table = _table(value, where)
    _no_unknown_keys(table, {"limit", "window_seconds"}, where)
    limit = _int(table.get("limit"), f"{where}.limit", 1, RATE_LIMIT_OFF)
    window = _int(table.get("window_seconds", 1), f"{where}.window_seconds", 1, 86400)
    return RateLimit(limit, window)


def _read_limits(config: EmulatorConfig, table: Mapping[str, Any]) -> EmulatorConfig:
    keys = {
        "contact",
        "channel_get",
        "channel_post",
        "max_body_bytes",
        "max_upload_bytes",
        "upload_policy_seconds",
        "header_timeout_seconds",
        "body_timeout_seconds",
        "keep_alive_seconds",
        "shutdown_timeout_seconds",
        "max_header_bytes",
        "max_connections",
    }
    _no_unknown_keys(table, keys, "limits")
    changes: dict[str, Any] = {}
    if "contact" in table:
        changes["contact_rate_limit"] = _rate(table["contact"], "limits.contact")
    if "channel_get" in table:
        changes["channel_rate_limit_get"] = _rate(table["channel_get"], "limits.channel_get")
    if "channel_post" in table:
        changes["channel_rate_limit_post"] = _rate(table["channel_post"], "limits.channel_post")
    for key in ("max_body_bytes", "max_upload_bytes", "upload_policy_seconds"):
        if key in table:
            changes[key] = _int(table[key], f"limits.{key}", 1, 2**40)
    for key in (
        "header_timeout_seconds",
        "body_timeout_seconds",
        "keep_alive_seconds",
        "shutdown_timeout_seconds",
    ):
        if key in table:
            changes[key] = _seconds(table[key], f"limits.{key}")
    if "max_header_bytes" in table:
        changes["max_header_bytes"] = _int(
            table["max_header_bytes"], "limits.max_header_bytes", 1024, 16 * 1024 * 1024
        )
    if "max_connections" in table:
        changes["max_connections"] = _int(
            table["max_connections"], "limits.max_connections", 1, 100_000
        )
    return replace(config, **changes)


def _read_contact(config: EmulatorConfig, table: Mapping[str, Any]) -> EmulatorConfig:
    _no_unknown_keys(table, {"tokens", "channels", "contacts"}, "contact")
    changes: dict[str, Any] = {}
    if "tokens" in table:
        tokens = []
        for n, item in enumerate(_list(table["tokens"], "contact.tokens")):
            where = f"contact.tokens[{n}]"
            if isinstance(item, str):
                tokens.append(ContactToken(_secret(item, where)))
                continue
            entry = _table(item, where)
            _no_unknown_keys(entry, {"token", "rate_limit"}, where)
            rate = (
                _rate(entry["rate_limit"], f"{where}.rate_limit") if "rate_limit" in entry else None
            )
            tokens.append(ContactToken(_secret(entry.get("token"), f"{where}.token"), rate))
        if not tokens:
            raise ConfigError("contact.tokens must not be empty")
        changes["contact_tokens"] = tuple(tokens)
    channels = config.contact_channels
    if "channels" in table:
        read = []
        for n, item in enumerate(_list(table["channels"], "contact.channels")):
            where = f"contact.channels[{n}]"
            entry = _table(item, where)
            _no_unknown_keys(
                entry, {"id", "platform", "name", "queue_full", "fails_delivery"}, where
            )
            platform = entry.get("platform")
            if platform not in CONTACT_PLATFORMS:
                raise ConfigError(f"{where}.platform must be one of {sorted(CONTACT_PLATFORMS)}")
            read.append(
                ContactChannel(
                    _int(entry.get("id"), f"{where}.id"),
                    platform,
                    str(entry.get("name", "")),
                    _bool(entry.get("queue_full", False), f"{where}.queue_full"),
                    _bool(entry.get("fails_delivery", False), f"{where}.fails_delivery"),
                )
            )
        _unique([c.id for c in read], "contact.channels ids")
        channels = tuple(read)
        changes["contact_channels"] = channels
    channel_ids = {c.id for c in channels}
    contacts = config.contacts if "contacts" in table else None
    if "contacts" in table:
        read_contacts = []
        for n, item in enumerate(_list(table["contacts"], "contact.contacts")):
            where = f"contact.contacts[{n}]"
            entry = _table(item, where)
            _no_unknown_keys(
                entry, {"id", "email", "phone", "last_channel_id", "last_incoming_offset"}, where
            )
            last_channel = entry.get("last_channel_id")
            if last_channel is not None:
                last_channel = _int(last_channel, f"{where}.last_channel_id")
                if last_channel not in channel_ids:
                    raise ConfigError(f"{where}.last_channel_id {last_channel} is not a channel")
            offset = entry.get("last_incoming_offset")
            read_contacts.append(
                ContactSeed(
                    _int(entry.get("id"), f"{where}.id", 1),
                    _email(entry["email"], f"{where}.email") if "email" in entry else None,
                    _phone(entry["phone"], f"{where}.phone") if "phone" in entry else None,
                    last_channel,
                    None
                    if offset is None
                    else _int(offset, f"{where}.last_incoming_offset", -(2**40), 2**40),
                )
            )
        _unique([c.id for c in read_contacts], "contact.contacts ids")
        contacts = tuple(read_contacts)
        changes["contacts"] = contacts
    else:
        # Default contacts may point at channels the file removed.
        kept = tuple(
            c if c.last_channel_id in channel_ids else replace(c, last_channel_id=None)
            for c in config.contacts
        )
        changes["contacts"] = kept
    return replace(config, **changes)


def _read_channel(config: EmulatorConfig, table: Mapping[str, Any]) -> EmulatorConfig:
    _no_unknown_keys(table, {"workspaces"}, "channel")
    workspaces = []
    for n, item in enumerate(_list(table.get("workspaces"), "channel.workspaces")):
        where = f"channel.workspaces[{n}]"
        entry = _table(item, where)
        _no_unknown_keys(
            entry, {"id", "access_key", "channels", "rate_limit_get", "rate_limit_post"}, where
        )
        channels = []
        for m, raw in enumerate(_list(entry.get("channels", []), f"{where}.channels")):
            cwhere = f"{where}.channels[{m}]"
            channel = _table(raw, cwhere)
            _no_unknown_keys(
                channel,
                {"id", "platform", "name", "two_factor", "active", "fails_delivery", "sender"},
                cwhere,
            )
            platform = channel.get("platform")
            if platform not in CHANNEL_PLATFORMS:
                raise ConfigError(f"{cwhere}.platform must be one of {sorted(CHANNEL_PLATFORMS)}")
            channels.append(
                WorkspaceChannel(
                    _uuid(channel.get("id"), f"{cwhere}.id"),
                    platform,
                    str(channel.get("name", platform)),
                    _bool(channel.get("two_factor", False), f"{cwhere}.two_factor"),
                    _bool(channel.get("active", True), f"{cwhere}.active"),
                    _bool(channel.get("fails_delivery", False), f"{cwhere}.fails_delivery"),
                    str(channel.get("sender", _sender_identifier(platform))),
                )
            )
        workspaces.append(
            Workspace(
                _uuid(entry.get("id"), f"{where}.id"),
                _secret(entry.get("access_key"), f"{where}.access_key"),
                tuple(channels),
                _rate(entry["rate_limit_get"], f"{where}.rate_limit_get")
                if "rate_limit_get" in entry
                else None,
                _rate(entry["rate_limit_post"], f"{where}.rate_limit_post")
                if "rate_limit_post" in entry
                else None,
            )
        )
    if not workspaces:
        raise ConfigError("channel.workspaces must not be empty")
    _unique([w.id for w in workspaces], "channel.workspaces ids")
    _unique([w.access_key for w in workspaces], "channel.workspaces access keys")
    _unique([c.id for w in workspaces for c in w.channels], "channel ids")
    return replace(config, workspaces=tuple(workspaces))


def _uuid(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _UUID_RE.fullmatch(value):
        raise ConfigError(f"{where} must be a UUID")
    return value.lower()


def _unique(values: list[Any], what: str) -> None:
    if len(values) != len(set(values)):
        raise ConfigError(f"{what} must be unique")
