"""Client contract suite. Its profile option and coverage summary: contract_tests/conftest.py.
Under pytest-xdist this suite runs in workers: each hands its coverage records to the controller
(which prints the summary) when it finishes."""

from __future__ import annotations

import pytest

from contract_tests.client._coverage import WORKER_OUTPUT_KEY, recorded


def pytest_sessionfinish(session: pytest.Session) -> None:
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:
        worker_output[WORKER_OUTPUT_KEY] = recorded()
