"""Client contract suite: the profile option and the coverage summary."""

from __future__ import annotations

import os

import pytest

from contract_tests.client._coverage import summary_lines
from contract_tests.client._harness import PROFILE_ENV, PROFILES


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--aelyst-profile",
        choices=PROFILES,
        default=None,
        help=f"client contract suite profile (default: ${PROFILE_ENV} or quick)",
    )


def pytest_configure(config: pytest.Config) -> None:
    chosen = config.getoption("--aelyst-profile")
    if chosen:
        os.environ[PROFILE_ENV] = chosen


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = summary_lines()
    if lines:
        terminalreporter.section("client contract coverage")
        for line in lines:
            terminalreporter.write_line(line)
