"""The engine configuration: live targets are handled carefully, the emulator is fuzzed fully."""

from __future__ import annotations

import schemathesis

from tools.fuzz import POSITIVE_ACCEPTED_STATUSES, FuzzOptions, Target
from tools.fuzz._runner import _config

LIVE = Target(contact_url="https://api.example.com/v1", channel_url=None, contact_token="t")
EMBEDDED = Target(
    contact_url="http://127.0.0.1:9/v1", channel_url=None, contact_token="t", embedded=True
)


def test_a_live_read_only_run_is_careful() -> None:
    """No unexpected-method probes, no redirects followed, 429s waited out."""
    config = _config("contact", LIVE, FuzzOptions(allow_writes=False))
    schemathesis.Config.from_dict(config)  # a valid schemathesis configuration
    assert config["phases"]["coverage"]["unexpected-methods"] == []
    assert config["checks"]["unsupported_method"] == {"enabled": False}
    assert config["max-redirects"] == 0
    assert config["rate-limit"] == "auto"
    assert config["headers"] == {"Authorization": "Bearer t"}


def test_the_embedded_emulator_gets_every_probe() -> None:
    config = _config("contact", EMBEDDED, FuzzOptions(allow_writes=False, max_examples=7, seed=3))
    schemathesis.Config.from_dict(config)
    assert "unexpected-methods" not in config["phases"]["coverage"]
    assert "rate-limit" not in config
    assert config["generation"]["max-examples"] == 7
    assert config["seed"] == 3


def test_positive_data_may_get_449_but_not_400() -> None:
    config = _config("contact", EMBEDDED, FuzzOptions())
    statuses = config["checks"]["positive_data_acceptance"]["expected-statuses"]
    assert statuses == POSITIVE_ACCEPTED_STATUSES
    assert "449" in statuses
    assert "400" not in statuses
    assert "422" not in statuses
