"""Options of the contract suites, and the client suite's coverage summary. Here, not in a
suite's own conftest: pytest only reads `pytest_addoption` from conftests it loads at startup
(rootdir and testpaths), and under pytest-xdist the controller, which prints the summary, loads
no other."""

from __future__ import annotations

import os
from typing import Any

import pytest

from contract_tests.client._coverage import WORKER_OUTPUT_KEY, merge, summary_lines
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


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """A pytest-xdist worker finished: add its client-suite coverage to the summary."""
    merge(getattr(node, "workeroutput", {}).get(WORKER_OUTPUT_KEY, {}))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = summary_lines()
    if lines:
        terminalreporter.section("client contract coverage")
        for line in lines:
            terminalreporter.write_line(line)
