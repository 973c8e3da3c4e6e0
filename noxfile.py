"""The sessions people run. Every session uses the locked environment (`uv sync --locked`)."""

from __future__ import annotations

import os

import nox

nox.options.default_venv_backend = "none"
nox.options.sessions = ["lint", "tests"]
nox.options.error_on_external_run = False


def _uv_run(session: nox.Session, *args: str, env: dict[str, str] | None = None) -> None:
    session.run("uv", "run", "--locked", *args, external=True, env=env)


# The committed generated packages: checked with their own ruff settings (their pyproject.toml)
# and strict mypy, since users type-check code that imports them.
GENERATED_PACKAGES = {
    "generated/contact-messaging-client": "contact_messaging_client",
    "generated/channel-messaging-client": "channel_messaging_client",
}


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint + format check) and strict mypy, on the project and on the generated clients."""
    _uv_run(session, "ruff", "check", ".")
    _uv_run(session, "ruff", "format", "--check", ".")
    _uv_run(session, "mypy")
    for project, package in GENERATED_PACKAGES.items():
        config = f"{project}/pyproject.toml"
        _uv_run(session, "ruff", "check", "--no-cache", "--config", config, project)
        # extras.py is a copy of generated/templates/extras.py, formatted by the project's settings.
        _uv_run(
            session,
            "ruff",
            "format",
            "--check",
            "--no-cache",
            "--config",
            config,
            "--extend-exclude",
            "extras.py",
            project,
        )
        # The package's own pyproject.toml has no [tool.mypy]: only --strict applies, not the
        # project's settings (which exclude generated/).
        _uv_run(session, "mypy", "--strict", "--config-file", config, f"{project}/{package}")


@nox.session
def tests(session: nox.Session) -> None:
    """Everything: lint, then pytest (spec check, drift gate, unit, functional, contract tests),
    including the `slow` tests a plain `pytest` leaves out: the full detection gate (every
    emulator fault, in shards) and the spec-diff property check over the whole corpus. On every
    core (pytest-xdist; `-- -n 0` for one process), the longest tests handed out first."""
    lint(session)
    # One worker more than cores: the fuzz tests wait on their loopback servers part of the time.
    workers = str((os.cpu_count() or 1) + 1)
    _uv_run(
        session,
        "pytest", "-m", "", "-n", workers, "--dist", "worksteal", *session.posargs,
        # Bytecode caching on, whatever the shell says: with PYTHONDONTWRITEBYTECODE set, every
        # worker and every spawned process recompiled the project and re-rewrote the test
        # modules' asserts on each start.
        env={"PYTHONDONTWRITEBYTECODE": ""},
    )  # fmt: skip


@nox.session
def check(session: nox.Session) -> None:
    """The contract gates CI runs on every merge, on their own: the spec check (structure and the
    project's rules) and the drift gate (committed clients == what the specs generate)."""
    _uv_run(session, "aelyst-contract", "check-spec")
    _uv_run(session, "aelyst-contract", "generate", "--check")


@nox.session
def fuzz(session: nox.Session) -> None:
    """The main job: fuzz both APIs against the embedded emulator (`-- --help` for live targets)."""
    _uv_run(session, "aelyst-contract", "fuzz", *session.posargs)


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/*-client from spec/*.yaml (`-- --check` only reports drift)."""
    _uv_run(session, "aelyst-contract", "generate", *session.posargs)


@nox.session
def detect(session: nox.Session) -> None:
    """The detection gate: fuzz the emulator once per fault, embedded and live (through a plain
    reverse proxy); every fault caught in both, nothing found when clean."""
    _uv_run(session, "aelyst-contract", "detect", *(session.posargs or ["--live"]))


@nox.session
def diff(session: nox.Session) -> None:
    """The spec-change gate: both curated specs against their base version (fails if a change
    breaks existing clients). Default base: origin/main, else HEAD~1; pass e.g.
    `-- --base v1.0.0 --property` to choose another base or add the property check."""
    args = session.posargs or ["--base", "auto"]
    _uv_run(session, "aelyst-contract", "diff", *args)


_BENCHMARKS = {
    "fuzz": "aelyst_contract._bench_fuzz",
    "emulator": "aelyst_contract._bench_emulator",
}


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Benchmarks side by side with a peer; not part of `tests`. `-- fuzz [options]` (the
    default): `aelyst-contract fuzz` (live, every check) vs plain `schemathesis run` on the same
    emulator, cases/s and time to first report of a fault. `-- emulator [options]`: the emulator
    (persistence on) vs Prism under the same loopback load (needs npx). `-- NAME --help`."""
    name, *args = session.posargs or ["fuzz"]
    if name not in _BENCHMARKS:
        session.error(f"bench: which benchmark? {' or '.join(_BENCHMARKS)}, not {name!r}")
    _uv_run(session, "python", "-m", _BENCHMARKS[name], *args)
