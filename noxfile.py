"""The sessions people run. Every session uses the locked environment (`uv sync --locked`)."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "none"
nox.options.sessions = ["lint", "tests"]
nox.options.error_on_external_run = False


def _uv_run(session: nox.Session, *args: str) -> None:
    session.run("uv", "run", "--locked", *args, external=True)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint + format check) and strict mypy."""
    _uv_run(session, "ruff", "check", ".")
    _uv_run(session, "ruff", "format", "--check", ".")
    _uv_run(session, "mypy")


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite: lint, spec check, drift gate, unit, functional and contract tests."""
    lint(session)
    _uv_run(session, "pytest", *session.posargs)
