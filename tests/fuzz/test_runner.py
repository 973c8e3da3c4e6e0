"""The engine configuration: one path for every target; what differs is what the target allows."""

from __future__ import annotations

import schemathesis

from aelyst_contract.fuzz import POSITIVE_ACCEPTED_STATUSES, FuzzOptions, Target
from aelyst_contract.fuzz._runner import _config, capabilities

READ_ONLY = Target(contact_url="https://api.example.com/v1", channel_url=None, contact_token="t")
WRITABLE = Target(
    contact_url="http://127.0.0.1:9/v1", channel_url=None, contact_token="t", allow_writes=True
)


def test_a_read_only_target_is_handled_carefully() -> None:
    """No unexpected-method probes, no redirects followed, 429s waited out."""
    config = _config("contact", READ_ONLY, FuzzOptions())
    schemathesis.Config.from_dict(config)  # a valid schemathesis configuration
    assert config["phases"]["coverage"]["unexpected-methods"] == []
    assert config["checks"]["unsupported_method"] == {"enabled": False}
    assert config["max-redirects"] == 0
    assert config["rate-limit"] == "auto"
    assert config["headers"] == {"Authorization": "Bearer t"}


def test_a_writable_target_gets_every_probe_and_every_run_is_reproducible() -> None:
    config = _config("contact", WRITABLE, FuzzOptions(max_examples=7, seed=3))
    schemathesis.Config.from_dict(config)
    assert "unexpected-methods" not in config["phases"]["coverage"]
    assert config["generation"]["max-examples"] == 7
    assert config["seed"] == 3
    # No example database: the same seed against the same target is the same run.
    assert config["generation"]["database"] == "none"


def test_a_failure_stops_nothing_unless_asked() -> None:
    assert _config("contact", WRITABLE, FuzzOptions())["continue-on-failure"] is True
    assert "max-failures" not in _config("contact", WRITABLE, FuzzOptions())
    assert _config("contact", WRITABLE, FuzzOptions(max_failures=2))["max-failures"] == 2


def test_curl_lines_are_not_sanitized_by_schemathesis() -> None:
    """Our own redactor masks secrets; schemathesis' would mask `pageToken`, `key`, ..."""
    config = _config("contact", WRITABLE, FuzzOptions())
    assert config["output"]["sanitization"]["enabled"] is False


def test_positive_data_may_get_449_but_not_400() -> None:
    config = _config("contact", WRITABLE, FuzzOptions())
    statuses = config["checks"]["positive_data_acceptance"]["expected-statuses"]
    assert statuses == POSITIVE_ACCEPTED_STATUSES
    assert "449" in statuses
    assert "400" not in statuses
    assert "422" not in statuses


def test_capabilities_follow_what_the_target_allows() -> None:
    assert capabilities(READ_ONLY) == {"follow_up"}
    assert capabilities(WRITABLE) == {"follow_up", "writes", "upload"}
    assert "follow_up" not in capabilities(WRITABLE, follow_up=False)
