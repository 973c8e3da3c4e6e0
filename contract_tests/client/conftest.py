"""Client contract suite: the coverage summary (its profile option: contract_tests/conftest.py)."""

from __future__ import annotations

import pytest

from contract_tests.client._coverage import summary_lines


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = summary_lines()
    if lines:
        terminalreporter.section("client contract coverage")
        for line in lines:
            terminalreporter.write_line(line)
