"""The server contract suite's target: the embedded emulator, or a live server.

Live: `AELYST_PROFILE_FILE` (a target profile, as for `aelyst-contract fuzz --profile`), or the
URLs in AELYST_CONTACT_URL and/or AELYST_CHANNEL_URL with the variables `fuzz` reads
(AELYST_CONTACT_TOKEN, AELYST_ACCESS_KEY, AELYST_WORKSPACE_ID, AELYST_CHANNEL_IDS). Read-only
unless the profile or AELYST_ALLOW_WRITES=1 allows writes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from aelyst_contract.fuzz import (
    ApiName,
    LiveOptions,
    Target,
    embedded_target,
    live_target,
    load_profile,
)

ENV_PROFILE = "AELYST_PROFILE_FILE"
ENV_CONTACT_URL = "AELYST_CONTACT_URL"
ENV_CHANNEL_URL = "AELYST_CHANNEL_URL"
ENV_ALLOW_WRITES = "AELYST_ALLOW_WRITES"


def live_apis() -> tuple[ApiName, ...]:
    profile_file = os.environ.get(ENV_PROFILE)
    if profile_file:
        profile = load_profile(Path(profile_file))
        found: list[ApiName] = []
        if profile.contact:
            found.append("contact")
        if profile.channel:
            found.append("channel")
        return tuple(found)
    apis: list[ApiName] = []
    if os.environ.get(ENV_CONTACT_URL):
        apis.append("contact")
    if os.environ.get(ENV_CHANNEL_URL):
        apis.append("channel")
    return tuple(apis)


@pytest.fixture(scope="session")
def server_target() -> Iterator[Target]:
    apis = live_apis()
    if apis:
        profile_file = os.environ.get(ENV_PROFILE)
        options = LiveOptions(
            contact_url=os.environ.get(ENV_CONTACT_URL),
            channel_url=os.environ.get(ENV_CHANNEL_URL),
            allow_writes=os.environ.get(ENV_ALLOW_WRITES) == "1",
        )
        profile = load_profile(Path(profile_file)) if profile_file else None
        yield live_target(options, apis, profile=profile)
        return
    with embedded_target() as target:
        yield target
