"""The server contract suite's target: the embedded emulator, or a live server from env.

Live: AELYST_CONTACT_URL and/or AELYST_CHANNEL_URL, credentials in AELYST_CONTACT_TOKEN /
AELYST_ACCESS_KEY, the channel API's AELYST_WORKSPACE_ID and AELYST_CHANNEL_IDS. Read-only unless
AELYST_ALLOW_WRITES=1.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tools.fuzz import ApiName, LiveOptions, Target, embedded_target, live_target

ENV_CONTACT_URL = "AELYST_CONTACT_URL"
ENV_CHANNEL_URL = "AELYST_CHANNEL_URL"
ENV_ALLOW_WRITES = "AELYST_ALLOW_WRITES"


def live_apis() -> tuple[ApiName, ...]:
    apis: list[ApiName] = []
    if os.environ.get(ENV_CONTACT_URL):
        apis.append("contact")
    if os.environ.get(ENV_CHANNEL_URL):
        apis.append("channel")
    return tuple(apis)


def writes_allowed() -> bool:
    return not live_apis() or os.environ.get(ENV_ALLOW_WRITES) == "1"


@pytest.fixture(scope="session")
def server_target() -> Iterator[Target]:
    apis = live_apis()
    if apis:
        options = LiveOptions(
            contact_url=os.environ.get(ENV_CONTACT_URL), channel_url=os.environ.get(ENV_CHANNEL_URL)
        )
        yield live_target(options, apis)
        return
    with embedded_target() as target:
        yield target
