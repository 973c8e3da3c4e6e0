"""Options of the contract suites. Here, not in a suite's own conftest: pytest only reads
`pytest_addoption` from conftests it loads at startup (rootdir and testpaths)."""

from __future__ import annotations

import os

import pytest

from contract_tests.client._harness import PROFILE_ENV, PROFILES


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--aelyst-profile",
        choices=PROFILES,
        default=None,
        help=f"client contract suite profile: quick (CI) or deep (QA); default ${PROFILE_ENV}",
    )


def pytest_configure(config: pytest.Config) -> None:
    chosen = config.getoption("--aelyst-profile")
    if chosen:
        os.environ[PROFILE_ENV] = chosen
