"""Put what the tool reads at run time into the wheel, from its one home in the repository.

`spec/*.yaml` and the generator's templates and config stay where they are (the single source of
truth); a regular wheel carries copies under `aelyst_contract/_data/`, which
`aelyst_contract._resources` finds through importlib.resources. An editable install gets none: it
reads the checkout, so nothing can go stale.
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PACKAGED_DATA = {
    "spec/contact-messaging.yaml": "aelyst_contract/_data/spec/contact-messaging.yaml",
    "spec/channel-messaging.yaml": "aelyst_contract/_data/spec/channel-messaging.yaml",
    "generated/templates": "aelyst_contract/_data/generated/templates",
    "generated/config-contact.yaml": "aelyst_contract/_data/generated/config-contact.yaml",
    "generated/config-channel.yaml": "aelyst_contract/_data/generated/config-channel.yaml",
}


class PackagedDataHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and version != "editable":
            build_data["force_include"].update(PACKAGED_DATA)
