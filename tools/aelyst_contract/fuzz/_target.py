"""Which server the fuzzer talks to, resolved from a target profile (aelyst_contract.fuzz._profile).

Every run goes through one path: a `Profile` (from `--profile FILE`, from command-line options,
or written for the embedded emulator) plus an environment holding the secrets it names, resolved
into a `Target`. The embedded default starts the emulator and resolves the emulator's own profile,
so embedded and live runs cannot drift apart. Secrets only ever come from the environment (argv
is visible to every process on the machine).
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aelyst_contract.fuzz._errors import OptionError, TargetConfigError
from aelyst_contract.fuzz._http import parse_rate_limit
from aelyst_contract.fuzz._profile import (
    ChannelEntry,
    ChannelProfile,
    ContactChannel,
    ContactEntry,
    ContactProfile,
    EmulatorControls,
    OtherWorkspace,
    Profile,
    RateLimitProfile,
    RateProbeMode,
)
from aelyst_contract.fuzz._spec_facts import ApiName

if TYPE_CHECKING:
    from aelyst_contract.emulator import Fault

__all__ = [
    "ENV_ACCESS_KEY",
    "ENV_CHANNEL_IDS",
    "ENV_CONTACT_CHANNELS",
    "ENV_CONTACT_IDENTIFIERS",
    "ENV_CONTACT_TOKEN",
    "ENV_EMULATOR_ADMIN_TOKEN",
    "ENV_LIMITED_ACCESS_KEY",
    "ENV_LIMITED_CONTACT_TOKEN",
    "ENV_OTHER_ACCESS_KEY",
    "ENV_WORKSPACE_ID",
    "TAG_PLATFORMS",
    "LiveOptions",
    "RateProbe",
    "Target",
    "checked_faults",
    "embedded_target",
    "emulator_profile",
    "emulator_world",
    "live_target",
    "target_from_profile",
]

ENV_CONTACT_TOKEN = "AELYST_CONTACT_TOKEN"  # noqa: S105 (a variable name, not a secret)
ENV_ACCESS_KEY = "AELYST_ACCESS_KEY"
ENV_OTHER_ACCESS_KEY = "AELYST_OTHER_ACCESS_KEY"
ENV_WORKSPACE_ID = "AELYST_WORKSPACE_ID"
ENV_CHANNEL_IDS = "AELYST_CHANNEL_IDS"
ENV_CONTACT_IDENTIFIERS = "AELYST_CONTACT_IDENTIFIERS"
ENV_CONTACT_CHANNELS = "AELYST_CONTACT_CHANNELS"
ENV_LIMITED_CONTACT_TOKEN = "AELYST_LIMITED_CONTACT_TOKEN"  # noqa: S105
ENV_LIMITED_ACCESS_KEY = "AELYST_LIMITED_ACCESS_KEY"
ENV_EMULATOR_ADMIN_TOKEN = "AELYST_EMULATOR_ADMIN_TOKEN"  # noqa: S105

# Platforms where a plain message may need a messageTag (24-hour window): a `channelId: null`
# send to a contact last seen there can fairly be refused, so positive cases avoid them.
TAG_PLATFORMS = frozenset({"facebook", "instagram"})


@dataclass(frozen=True)
class RateProbe:
    """How a run may provoke a 429 to check its headers: with low-limit credentials, or with a
    bounded burst of the main ones (at most `max_requests` in `within_seconds` per family)."""

    mode: RateProbeMode
    max_requests: int
    within_seconds: float
    contact_authorization: str | None = field(default=None, repr=False)
    channel_authorization: str | None = field(default=None, repr=False)
    channel_workspace_id: str | None = None


@dataclass(frozen=True)
class Target:
    """Where each API lives, the credentials for it, and what is known of the target's world."""

    contact_url: str | None
    channel_url: str | None
    contact_token: str | None = field(default=None, repr=False)
    access_key: str | None = field(default=None, repr=False)
    other_access_key: str | None = field(default=None, repr=False)
    workspace_id: str | None = None
    other_workspace_id: str | None = None
    # Every channel of the workspace the profile names, uuid -> platform (None: not known).
    channel_platforms: Mapping[str, str | None] = field(default_factory=dict)
    # uuid -> whether it is a 2FA channel, where the profile says.
    channel_two_factor: Mapping[str, bool] = field(default_factory=dict)
    # Contact identifiers whose contact has a usable last interacted channel (so `channelId:
    # null` works), every identifier of a known contact, and the channels by platform.
    contact_identifiers: tuple[str, ...] = ()
    known_contact_identifiers: tuple[str, ...] = ()
    contact_channels: Mapping[str, int] = field(default_factory=dict)
    allow_writes: bool = False
    rate_limit: float | None = None  # requests per second
    rate_probe: RateProbe | None = None
    allowed_hosts: frozenset[str] = frozenset()
    admin_url: str | None = None  # the emulator's test controls (a declared capability)
    admin_token: str | None = field(default=None, repr=False)
    profile_source: str | None = None
    label: str = "live target"
    # Every secret value -> the environment variable it came from (curl lines name the variable).
    secret_env: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def channel_ids(self) -> dict[str, str]:
        """platform -> the first plain (not 2FA) channel of that platform."""
        found: dict[str, str] = {}
        for uuid, platform in self.channel_platforms.items():
            if platform and not self.channel_two_factor.get(uuid, False):
                found.setdefault(platform, uuid)
        return found

    @property
    def two_factor_channel_ids(self) -> tuple[str, ...]:
        return tuple(uuid for uuid, is_2fa in self.channel_two_factor.items() if is_2fa)

    @property
    def has_emulator_controls(self) -> bool:
        return bool(self.admin_url and self.admin_token)

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

    def host_allowed(self, url: str) -> bool:
        """Whether the run may send anything to this URL: the APIs' own hosts (and ports), and
        the profile's allowed hosts (upload hosts, with or without a port), nothing else."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        api_hosts = {urlsplit(u).netloc for u in (self.contact_url, self.channel_url) if u}
        return (
            parts.netloc in api_hosts
            or parts.netloc in self.allowed_hosts
            or parts.hostname in self.allowed_hosts
        )

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret value, for redaction."""
        return tuple(self.secret_env)

    def describe(self) -> str:
        urls = [url for url in (self.contact_url, self.channel_url) if url]
        if self.label != "live target":
            return f"{self.label} ({', '.join(sorted(set(urls)))})"
        return "live target " + ", ".join(urls)


@dataclass(frozen=True)
class LiveOptions:
    """Command-line options; each one given overrides the profile."""

    base_url: str | None = None
    contact_url: str | None = None
    channel_url: str | None = None
    workspace_id: str | None = None
    channel_ids: tuple[str, ...] = ()
    insecure: bool = False
    allow_writes: bool = False
    rate_limit: str | None = None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _checked_url(url: str, *, insecure: bool) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetConfigError(f"not an http(s) URL: {url!r}")
    if parts.username or parts.password:
        raise TargetConfigError("put credentials in environment variables, not in the URL")
    if parts.scheme == "http" and not insecure and not _is_loopback(parts.hostname):
        raise TargetConfigError(
            f"refusing to send credentials over plain HTTP to {parts.hostname}"
            " (use https, or --insecure if you really mean it)"
        )
    return url.rstrip("/")


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def _legacy_contact(env: Mapping[str, str], url: str) -> ContactProfile:
    """The contact part of a profile from the older environment variables."""
    channels = []
    for raw in _split(env.get(ENV_CONTACT_CHANNELS)):
        platform, _, number = raw.rpartition(":")
        if not number.isdigit() or not platform:
            raise TargetConfigError(f"${ENV_CONTACT_CHANNELS} wants platform:id pairs, not {raw!r}")
        channels.append(ContactChannel(int(number), platform))
    contacts = tuple(ContactEntry((value,)) for value in _split(env.get(ENV_CONTACT_IDENTIFIERS)))
    return ContactProfile(url=url, channels=tuple(channels), contacts=contacts)


def _with_options(
    profile: Profile | None, options: LiveOptions, env: Mapping[str, str], problems: list[str]
) -> Profile:
    """The profile with every given command-line option laid over it; what is missing for the
    channel API is added to `problems` (its channel is then left out)."""
    base = profile or Profile()
    contact_url = options.contact_url or (
        f"{options.base_url.rstrip('/')}/v1" if options.base_url else None
    )
    channel_url = options.channel_url or options.base_url
    contact = base.contact
    if contact_url:
        try:
            contact = (
                replace(contact, url=contact_url) if contact else _legacy_contact(env, contact_url)
            )
        except TargetConfigError as error:
            problems.append(str(error))
            contact = replace(contact, url=contact_url) if contact else ContactProfile(contact_url)
    channel = base.channel
    # The older environment variables only fill in a channel API that a URL names.
    from_env = channel is None and bool(channel_url)
    workspace_id = options.workspace_id or (env.get(ENV_WORKSPACE_ID) or None if from_env else None)
    listed = options.channel_ids or (_split(env.get(ENV_CHANNEL_IDS)) if from_env else ())
    if channel_url or options.workspace_id or options.channel_ids:
        url = channel_url or (channel.url if channel else "")
        if not url:
            problems.append("the channel API needs --channel-url or --base-url")
        elif channel is None:
            if not workspace_id or not listed:
                # Reported; the channel is still described, so its URL and key are checked too.
                problems.append(
                    f"the channel API needs --workspace-id and --channel-id (or"
                    f" ${ENV_WORKSPACE_ID}, ${ENV_CHANNEL_IDS}, or a --profile)"
                )
            other = OtherWorkspace(ENV_OTHER_ACCESS_KEY) if env.get(ENV_OTHER_ACCESS_KEY) else None
            channel = ChannelProfile(
                url=url,
                workspace_id=workspace_id or "",
                channels=tuple(ChannelEntry(value) for value in listed),
                other_workspace=other,
            )
        else:
            known = {entry.id: entry for entry in channel.channels}
            channel = replace(
                channel,
                url=url,
                workspace_id=workspace_id or channel.workspace_id,
                channels=tuple(known.get(v, ChannelEntry(v)) for v in listed) or channel.channels,
            )
    return replace(
        base,
        contact=contact,
        channel=channel,
        allow_writes=base.allow_writes or options.allow_writes,
        rate_limit=options.rate_limit or base.rate_limit,
        insecure=base.insecure or options.insecure,
    )


def _secret(
    env: Mapping[str, str],
    name: str | None,
    what: str,
    found: dict[str, str],
    problems: list[str] | None = None,
) -> str | None:
    """The secret in $name; a missing one is added to `problems` (or raised at once)."""
    if name is None:
        return None
    value = env.get(name) or None
    if value is None:
        problem = f"{what} needs a value in ${name}"
        if problems is None:
            raise TargetConfigError(problem)
        problems.append(problem)
        return None
    found[value] = name
    return value


def _checked(url: str, insecure: bool, problems: list[str]) -> str | None:
    try:
        return _checked_url(url, insecure=insecure)
    except TargetConfigError as error:
        problems.append(str(error))
        return None


def _reachable(contact: ContactProfile) -> tuple[str, ...]:
    """Identifiers of contacts whose last interacted channel takes any plain message."""
    platforms = {channel.id: channel.platform for channel in contact.channels}
    return tuple(
        identifier
        for entry in contact.contacts
        if entry.last_channel is not None
        and platforms.get(entry.last_channel) not in (None, *TAG_PLATFORMS)
        for identifier in entry.identifiers
    )


def _rate_probe(
    profile: Profile,
    env: Mapping[str, str],
    target: Target,
    found: dict[str, str],
    problems: list[str],
) -> RateProbe | None:
    rate: RateLimitProfile = profile.rate_limits
    if rate.probe == "off":
        return None
    if rate.probe == "burst":
        return RateProbe(
            mode="burst",
            max_requests=rate.max_requests,
            within_seconds=rate.within_seconds,
            contact_authorization=target.authorization("contact"),
            channel_authorization=target.authorization("channel"),
            channel_workspace_id=target.workspace_id,
        )
    token = _secret(env, rate.contact_token_env, "rate_limits.contact_token_env", found, problems)
    key = _secret(
        env, rate.channel_access_key_env, "rate_limits.channel_access_key_env", found, problems
    )
    return RateProbe(
        mode="credential",
        max_requests=rate.max_requests,
        within_seconds=rate.within_seconds,
        contact_authorization=f"Bearer {token}" if token else None,
        channel_authorization=f"AccessKey {key}" if key else None,
        channel_workspace_id=rate.channel_workspace_id,
    )


def target_from_profile(
    profile: Profile,
    apis: tuple[ApiName, ...],
    environ: Mapping[str, str] | None = None,
    *,
    problems: list[str] | None = None,
) -> Target:
    """Resolve a profile against the environment; TargetConfigError (one line, every problem
    found, `; `-joined, after those already in `problems`) when something is missing or unsafe.
    Only the APIs in `apis` need to be described."""
    env = os.environ if environ is None else environ
    contact, channel = profile.contact, profile.channel
    # Every problem at once (addresses, secrets, rates), in one line: one run, not one per fix.
    problems = [] if problems is None else problems
    reported = " ".join(problems)
    if "contact" in apis and contact is None and "the contact API" not in reported:
        problems.append("the contact API needs --contact-url, --base-url or a profile's [contact]")
    if "channel" in apis and channel is None and "the channel API" not in reported:
        problems.append("the channel API needs --channel-url, --base-url or a profile's [channel]")
    found: dict[str, str] = {}
    contact_url = channel_url = token = key = None
    if contact and "contact" in apis:
        contact_url = _checked(contact.url, profile.insecure, problems)
        token = _secret(env, contact.token_env, "the contact API", found, problems)
    if channel and "channel" in apis:
        channel_url = _checked(channel.url, profile.insecure, problems)
        key = _secret(env, channel.access_key_env, "the channel API", found, problems)
    other = channel.other_workspace if channel and "channel" in apis else None
    other_key = (
        _secret(env, other.access_key_env, "channel.other_workspace", found, problems)
        if other
        else None
    )
    admin_token = (
        _secret(env, profile.emulator.admin_token_env, "the emulator controls", found, problems)
        if profile.emulator
        else None
    )
    rate = None
    if profile.rate_limit:
        try:
            rate = parse_rate_limit(profile.rate_limit)
        except OptionError as error:
            problems.append(str(error))
    if problems:
        raise TargetConfigError("; ".join(problems))
    target = Target(
        contact_url=contact_url,
        channel_url=channel_url,
        contact_token=token,
        access_key=key,
        other_access_key=other_key,
        workspace_id=channel.workspace_id if channel_url and channel else None,
        other_workspace_id=other.workspace_id if other else None,
        channel_platforms={e.id: e.platform for e in channel.channels}
        if channel_url and channel
        else {},
        channel_two_factor={
            e.id: e.two_factor for e in channel.channels if e.two_factor is not None
        }
        if channel_url and channel
        else {},
        contact_identifiers=_reachable(contact) if contact_url and contact else (),
        known_contact_identifiers=tuple(i for e in contact.contacts for i in e.identifiers)
        if contact_url and contact
        else (),
        contact_channels={c.platform: c.id for c in reversed(contact.channels)}
        if contact_url and contact
        else {},
        allow_writes=profile.allow_writes,
        rate_limit=rate,
        allowed_hosts=frozenset(profile.allowed_hosts),
        admin_url=profile.emulator.admin_url if profile.emulator else None,
        admin_token=admin_token,
        profile_source=profile.source,
    )
    rate_probe = _rate_probe(profile, env, target, found, problems)
    if problems:
        raise TargetConfigError("; ".join(problems))
    return replace(target, rate_probe=rate_probe, secret_env=found)


def live_target(
    options: LiveOptions,
    apis: tuple[ApiName, ...],
    environ: Mapping[str, str] | None = None,
    profile: Profile | None = None,
) -> Target:
    """A live target from a profile (optional) with the command-line options laid over it;
    TargetConfigError naming every problem at once."""
    env = os.environ if environ is None else environ
    problems: list[str] = []
    laid_over = _with_options(profile, options, env, problems)
    return target_from_profile(laid_over, apis, env, problems=problems)


def emulator_profile(emu: Any, config: Any) -> tuple[Profile, dict[str, str]]:
    """The profile of a running emulator's world, and the environment holding its (local dev)
    credentials under the profile's variable names."""
    main = config.workspaces[0]
    contact_channels = tuple(
        ContactChannel(channel.id, channel.platform)
        for channel in config.contact_channels
        if not channel.queue_full and not channel.fails_delivery
    )
    usable = {channel.id for channel in contact_channels}
    contacts = tuple(
        ContactEntry(
            tuple(
                value
                for value in (
                    f"id:{contact.id}",
                    f"email:{contact.email}" if contact.email else None,
                    f"phone:{contact.phone}" if contact.phone else None,
                )
                if value
            ),
            contact.last_channel_id if contact.last_channel_id in usable else None,
        )
        for contact in config.contacts
    )
    channels = tuple(
        ChannelEntry(channel.id, channel.platform, channel.two_factor)
        for channel in main.channels
        if channel.active and not channel.fails_delivery
    )
    has_limited_contact = emu.limited_contact_token is not None
    has_limited_channel = emu.limited_access_key is not None
    profile = Profile(
        contact=ContactProfile(
            url=emu.contact_base_url, channels=contact_channels, contacts=contacts
        ),
        channel=ChannelProfile(
            url=emu.channel_base_url,
            workspace_id=emu.workspace_id,
            channels=channels,
            other_workspace=OtherWorkspace(ENV_OTHER_ACCESS_KEY, emu.other_workspace_id),
        ),
        rate_limits=RateLimitProfile(
            probe="credential" if has_limited_contact or has_limited_channel else "off",
            max_requests=10,
            within_seconds=10.0,
            contact_token_env=ENV_LIMITED_CONTACT_TOKEN if has_limited_contact else None,
            channel_access_key_env=ENV_LIMITED_ACCESS_KEY if has_limited_channel else None,
            channel_workspace_id=emu.limited_workspace_id if has_limited_channel else None,
        ),
        allow_writes=True,
        emulator=EmulatorControls(admin_url=emu.admin_url),
    )
    env = {
        ENV_CONTACT_TOKEN: emu.contact_token,
        ENV_ACCESS_KEY: emu.access_key,
        ENV_OTHER_ACCESS_KEY: emu.other_access_key,
        ENV_EMULATOR_ADMIN_TOKEN: emu.admin_token,
    }
    if has_limited_contact:
        env[ENV_LIMITED_CONTACT_TOKEN] = emu.limited_contact_token
    if has_limited_channel:
        env[ENV_LIMITED_ACCESS_KEY] = emu.limited_access_key
    return profile, env


def checked_faults(names: Iterable[str]) -> list[Fault]:
    """The emulator faults these names spell, in order; OptionError naming any unknown one."""
    from aelyst_contract.emulator import Fault  # noqa: PLC0415 (see emulator_world)

    known = {fault.value: fault for fault in Fault}
    unknown = sorted(set(names) - known.keys())
    if unknown:
        raise OptionError(
            f"unknown fault(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    return [known[name] for name in names]


@contextlib.contextmanager
def emulator_world(
    faults: frozenset[str] = frozenset(),
) -> Iterator[tuple[Any, Profile, dict[str, str]]]:
    """A running emulator (loopback, for the block), its profile and the environment holding
    its credentials."""
    # Imported here: live runs and `--help` never pay for starting the emulator's modules.
    from aelyst_contract.emulator import EmulatorConfig, running_emulator  # noqa: PLC0415

    checked_faults(faults)
    config = EmulatorConfig.default()
    with contextlib.ExitStack() as restore:
        emu = restore.enter_context(running_emulator(config, faults=set(faults)))
        # The probing phase sends deliberately broken HTTP; uvicorn's warning about each is
        # noise. Set after start-up: uvicorn configures its loggers when it starts.
        server_log = logging.getLogger("uvicorn.error")
        restore.callback(server_log.setLevel, server_log.level)
        server_log.setLevel(logging.ERROR)
        profile, env = emulator_profile(emu, config)
        yield emu, profile, env


@contextlib.contextmanager
def embedded_target(
    faults: frozenset[str] = frozenset(), apis: tuple[ApiName, ...] = ("contact", "channel")
) -> Iterator[Target]:
    """Start the emulator for the duration of the block, and resolve its profile exactly as a
    live target's."""
    with emulator_world(faults) as (_, profile, env):
        yield replace(target_from_profile(profile, apis, env), label="embedded emulator")
