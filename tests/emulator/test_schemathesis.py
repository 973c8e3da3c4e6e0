"""A short negative schemathesis run against the in-process emulator: zero 5xx, own error formats.

The emulator never reads the spec; this test does, to throw spec-shaped bad input at it.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings

from aelyst_contract._specs import CHANNEL_SPEC_PATH, CONTACT_SPEC_PATH
from aelyst_contract.emulator import EmulatorConfig, create_app
from aelyst_contract.emulator._config import DEFAULT_WORKSPACE_ID

CONFIG = EmulatorConfig.default().with_rate_limits(None)
SMS_CHANNEL = next(c.id for c in CONFIG.workspaces[0].channels if c.platform == "sms")
APP = create_app(CONFIG)


def _schema(path: Any, headers: dict[str, str], parameters: dict[str, str]) -> Any:
    config = schemathesis.Config.from_dict(
        {
            "seed": 20261123,
            "headers": headers,
            "parameters": parameters,
            "generation": {"mode": "negative", "max-examples": 8, "deterministic": True},
        }
    )
    schema = schemathesis.openapi.from_path(str(path), config=config)
    schema.app = APP
    return schema


contact_schema = _schema(CONTACT_SPEC_PATH, {"Authorization": f"Bearer {CONFIG.contact_token}"}, {})
channel_schema = _schema(
    CHANNEL_SPEC_PATH,
    {"Authorization": f"AccessKey {CONFIG.workspaces[0].access_key}"},
    {"path.workspaceId": DEFAULT_WORKSPACE_ID, "path.channelId": SMS_CHANNEL},
)
FAST = settings(deadline=None, suppress_health_check=list(HealthCheck), database=None)


def _contact_case(case: Any) -> None:
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.text)
    # Nothing reached the last-resort handler either.
    assert APP.internal_errors == 0
    if response.status_code >= 400:
        body = response.json()
        assert body["code"] == response.status_code
        assert isinstance(body["message"], str)


def _channel_case(case: Any) -> None:
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.text)
    # Nothing reached the last-resort handler either.
    assert APP.internal_errors == 0
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body["code"], str)
        assert isinstance(body["message"], str)


# Applied by hand, not as decorators: schemathesis' decorators are untyped (strict mypy).
test_contact_api_bad_input_never_5xx = contact_schema.parametrize()(FAST(_contact_case))
test_channel_api_bad_input_never_5xx = channel_schema.parametrize()(FAST(_channel_case))
