"""Which server the fuzzer talks to: the embedded emulator (default) or a live target.

Live targets come from options and environment variables; secrets only ever come from the
environment (argv is visible to every process on the machine).
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tools._errors import CliError
from tools.fuzz._spec_facts import ApiName

__all__ = [
    "ENV_ACCESS_KEY",
    "ENV_CHANNEL_IDS",
    "ENV_CONTACT_CHANNELS",
    "ENV_CONTACT_IDENTIFIERS",
    "ENV_CONTACT_TOKEN",
    "ENV_OTHER_ACCESS_KEY",
    "ENV_WORKSPACE_ID",
    "LiveOptions",
    "Target",
    "embedded_target",
    "live_target",
]

ENV_CONTACT_TOKEN = "AELYST_CONTACT_TOKEN"  # noqa: S105 (a variable name, not a secret)
ENV_ACCESS_KEY = "AELYST_ACCESS_KEY"
ENV_OTHER_ACCESS_KEY = "AELYST_OTHER_ACCESS_KEY"
ENV_WORKSPACE_ID = "AELYST_WORKSPACE_ID"
ENV_CHANNEL_IDS = "AELYST_CHANNEL_IDS"
ENV_CONTACT_IDENTIFIERS = "AELYST_CONTACT_IDENTIFIERS"
ENV_CONTACT_CHANNELS = "AELYST_CONTACT_CHANNELS"


@dataclass(frozen=True)
class Target:
    """Where each API lives, the credentials for it, and the real ids generation should use."""

    contact_url: str | None
    channel_url: str | None
    contact_token: str | None = field(default=None, repr=False)
    access_key: str | None = field(default=None, repr=False)
    other_access_key: str | None = field(default=None, repr=False)
    workspace_id: str | None = None
    other_workspace_id: str | None = None
    channel_ids: Mapping[str, str] = field(default_factory=dict)  # platform (or label) -> uuid
    two_factor_channel_ids: tuple[str, ...] = ()
    # Contact identifiers whose contact has a usable last interacted channel (so `channelId:
    # null` works), and the contact API's channels by platform, for semantically valid sends.
    contact_identifiers: tuple[str, ...] = ()
    contact_channels: Mapping[str, int] = field(default_factory=dict)
    # Credentials with tiny rate limits (embedded emulator): a 429 can be provoked and checked.
    limited_contact_token: str | None = field(default=None, repr=False)
    limited_access_key: str | None = field(default=None, repr=False)
    limited_workspace_id: str | None = None
    embedded: bool = False
    admin_url: str | None = None
    admin_token: str | None = field(default=None, repr=False)

    def base_url(self, api: ApiName) -> str | None:
        return self.contact_url if api == "contact" else self.channel_url

    def authorization(self, api: ApiName) -> str | None:
        if api == "contact":
            return f"Bearer {self.contact_token}" if self.contact_token else None
        return f"AccessKey {self.access_key}" if self.access_key else None

    def foreign_credentials(self, api: ApiName) -> dict[str, str | None]:
        """Authorization values that must never read this target's data, by label."""
        scheme = "Bearer" if api == "contact" else "AccessKey"
        found: dict[str, str | None] = {
            "missing": None,
            "garbled": f"{scheme} garbled-{'x' * 24}",
        }
        if api == "channel" and self.other_access_key:
            found["other-workspace"] = f"AccessKey {self.other_access_key}"
        return found

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret value, for redaction."""
        values = (
            self.contact_token,
            self.access_key,
            self.other_access_key,
            self.admin_token,
            self.limited_contact_token,
            self.limited_access_key,
        )
        return tuple(value for value in values if value)

    def describe(self) -> str:
        if self.embedded:
            return f"embedded emulator ({self.channel_url})"
        urls = [url for url in (self.contact_url, self.channel_url) if url]
        return "live target " + ", ".join(urls)


@dataclass(frozen=True)
class LiveOptions:
    base_url: str | None = None
    contact_url: str | None = None
    channel_url: str | None = None
    workspace_id: str | None = None
    channel_ids: tuple[str, ...] = ()
    insecure: bool = False


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _checked_url(url: str, *, insecure: bool, has_secret: bool) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CliError(f"not an http(s) URL: {url!r}")
    if parts.username or parts.password:
        raise CliError("put credentials in environment variables, not in the URL")
    if parts.scheme == "http" and has_secret and not insecure and not _is_loopback(parts.hostname):
        raise CliError(
            f"refusing to send credentials over plain HTTP to {parts.hostname}"
            " (use https, or --insecure if you really mean it)"
        )
    return url.rstrip("/")


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def live_target(
    options: LiveOptions, apis: tuple[ApiName, ...], environ: Mapping[str, str] | None = None
) -> Target:
    """A live target from options and the environment; CliError when something is missing."""
    env = os.environ if environ is None else environ
    token = env.get(ENV_CONTACT_TOKEN) or None
    access_key = env.get(ENV_ACCESS_KEY) or None
    contact_url = options.contact_url or (
        f"{options.base_url.rstrip('/')}/v1" if options.base_url else None
    )
    channel_url = options.channel_url or options.base_url
    if "contact" in apis:
        if not contact_url:
            raise CliError("the contact API needs --contact-url or --base-url")
        if not token:
            raise CliError(f"the contact API needs a token in ${ENV_CONTACT_TOKEN}")
        contact_url = _checked_url(contact_url, insecure=options.insecure, has_secret=True)
    if "channel" in apis:
        if not channel_url:
            raise CliError("the channel API needs --channel-url or --base-url")
        if not access_key:
            raise CliError(f"the channel API needs an access key in ${ENV_ACCESS_KEY}")
        channel_url = _checked_url(channel_url, insecure=options.insecure, has_secret=True)
    workspace_id = options.workspace_id or env.get(ENV_WORKSPACE_ID) or None
    channels = options.channel_ids or _split(env.get(ENV_CHANNEL_IDS))
    if "channel" in apis and (not workspace_id or not channels):
        raise CliError(
            f"the channel API needs --workspace-id and --channel-id (or ${ENV_WORKSPACE_ID},"
            f" ${ENV_CHANNEL_IDS})"
        )
    contact_channels: dict[str, int] = {}
    for raw in _split(env.get(ENV_CONTACT_CHANNELS)):
        platform, _, number = raw.rpartition(":")
        if not number.isdigit() or not platform:
            raise CliError(f"${ENV_CONTACT_CHANNELS} wants platform:id pairs, not {raw!r}")
        contact_channels[platform] = int(number)
    return Target(
        contact_url=contact_url if "contact" in apis else None,
        channel_url=channel_url if "channel" in apis else None,
        contact_token=token,
        access_key=access_key,
        other_access_key=env.get(ENV_OTHER_ACCESS_KEY) or None,
        workspace_id=workspace_id,
        channel_ids={f"channel-{index}": value for index, value in enumerate(channels)},
        contact_identifiers=_split(env.get(ENV_CONTACT_IDENTIFIERS)),
        contact_channels=contact_channels,
    )


@contextlib.contextmanager
def embedded_target(faults: frozenset[str] = frozenset()) -> Iterator[Target]:
    """Start the emulator on loopback for the duration of the block."""
    # Imported here: live runs and `--help` never pay for starting the emulator's modules.
    from tools.emulator import FAULTS, EmulatorConfig, running_emulator  # noqa: PLC0415

    unknown = sorted(set(faults) - set(FAULTS))
    if unknown:
        raise CliError(f"unknown fault(s) {', '.join(unknown)}; known: {', '.join(sorted(FAULTS))}")
    config = EmulatorConfig.default()
    with contextlib.ExitStack() as restore:
        emu = restore.enter_context(running_emulator(config, faults=set(faults)))
        # The probing phase sends deliberately broken HTTP; uvicorn's warning about each is
        # noise. Set after start-up: uvicorn configures its loggers when it starts.
        server_log = logging.getLogger("uvicorn.error")
        restore.callback(server_log.setLevel, server_log.level)
        server_log.setLevel(logging.ERROR)
        yield Target(
            contact_url=emu.contact_base_url,
            channel_url=emu.channel_base_url,
            contact_token=emu.contact_token,
            access_key=emu.access_key,
            other_access_key=emu.other_access_key,
            workspace_id=emu.workspace_id,
            other_workspace_id=emu.other_workspace_id,
            channel_ids=dict(emu.channel_ids),
            two_factor_channel_ids=tuple(
                channel.id
                for workspace in config.workspaces[:1]
                for channel in workspace.channels
                if channel.two_factor and channel.active
            ),
            contact_identifiers=_reachable_identifiers(config),
            contact_channels=dict(emu.contact_channel_ids),
            limited_contact_token=emu.limited_contact_token,
            limited_access_key=emu.limited_access_key,
            limited_workspace_id=emu.limited_workspace_id,
            embedded=True,
            admin_url=emu.admin_url,
            admin_token=emu.admin_token,
        )


# Platforms where a plain message may need a messageTag (24-hour window): a `channelId: null`
# send to a contact last seen there can fairly be refused, so positive cases avoid them.
_TAG_PLATFORMS = frozenset({"facebook", "instagram"})


def _reachable_identifiers(config: Any) -> tuple[str, ...]:
    """Every identifier form of the seeded contacts whose last interacted channel takes any
    plain message (not tag-restricted, not a full queue, delivering)."""
    usable = {
        channel.id
        for channel in config.contact_channels
        if channel.platform not in _TAG_PLATFORMS
        and not channel.queue_full
        and not channel.fails_delivery
    }
    found: list[str] = []
    for contact in config.contacts:
        if contact.last_channel_id not in usable:
            continue
        found.append(f"id:{contact.id}")
        if contact.email:
            found.append(f"email:{contact.email}")
        if contact.phone:
            found.append(f"phone:{contact.phone}")
    return tuple(found)
