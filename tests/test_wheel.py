"""The tool as a user installs it: build the wheel, install it into a fresh venv in a temporary
directory (the locked versions, from uv's cache), and run the command from outside the repository.

Nothing here imports the checkout: every check goes through the installed `aelyst-contract`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 300


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    workdir: Path  # an empty directory outside the repository: every command runs here

    @property
    def command(self) -> Path:
        return self.venv / "bin" / "aelyst-contract"

    def run(self, *args: str, timeout: float = TIMEOUT_S) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.command), *args],
            cwd=self.workdir,
            env=_clean_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def _clean_env() -> dict[str, str]:
    """The caller's environment minus anything pointing at the checkout or its venv."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(REPO_ROOT))
    )
    return env


def _uv(*args: str, cwd: Path) -> None:
    uv = shutil.which("uv")
    assert uv is not None, "uv is needed to build the wheel (the README says how to get it)"
    subprocess.run(
        [uv, *args],
        cwd=cwd,
        env={**_clean_env(), "UV_PYTHON_DOWNLOADS": "never"},
        check=True,
        capture_output=True,
        timeout=TIMEOUT_S,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    _uv("build", "--wheel", "--out-dir", str(dist), str(REPO_ROOT), cwd=root)
    (wheel,) = dist.glob("aelyst_contract-*.whl")
    requirements = root / "requirements.txt"
    _uv(
        "export",
        "--frozen",
        "--no-dev",
        "--extra",
        "generate",
        "--no-emit-project",
        "--no-hashes",
        "--project",
        str(REPO_ROOT),
        "--output-file",
        str(requirements),
        cwd=root,
    )
    venv = root / "venv"
    _uv("venv", "--quiet", str(venv), cwd=root)
    python = str(venv / "bin" / "python")
    # Exactly the locked versions (uv's cache holds them after `uv sync`; fast).
    _uv("pip", "install", "--python", python, "-r", str(requirements), cwd=root)
    _uv("pip", "install", "--no-deps", "--python", python, str(wheel), cwd=root)
    workdir = root / "work"
    workdir.mkdir()
    return Installed(wheel, venv, workdir)


def _top_level_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return {name.split("/", 1)[0] for name in archive.namelist()}


def test_the_wheel_installs_one_package_and_carries_the_specs(installed: Installed) -> None:
    names = _top_level_names(installed.wheel)
    assert {n for n in names if not n.endswith(".dist-info")} == {"aelyst_contract"}
    with zipfile.ZipFile(installed.wheel) as archive:
        for spec in ("contact-messaging.yaml", "channel-messaging.yaml"):
            packaged = archive.read(f"aelyst_contract/_data/spec/{spec}")
            assert packaged == (REPO_ROOT / "spec" / spec).read_bytes()
        templates = REPO_ROOT / "generated" / "templates"
        files = [p for p in templates.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        assert files
        for template in files:
            name = template.relative_to(templates).as_posix()
            packaged = archive.read(f"aelyst_contract/_data/generated/templates/{name}")
            assert packaged == template.read_bytes()


def test_the_installed_package_reads_its_own_data(installed: Installed) -> None:
    code = (
        "import aelyst_contract, importlib.util as u; "
        "print(aelyst_contract.SPEC_DIR); "
        "print(u.find_spec('tools'), u.find_spec('tests'))"
    )
    result = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-c", code],
        cwd=installed.workdir,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    spec_dir, modules = result.stdout.splitlines()
    assert Path(spec_dir).is_relative_to(installed.venv)
    assert modules == "None None"


def test_check_spec_from_outside_the_repository(installed: Installed) -> None:
    result = installed.run("check-spec")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": ok") == 2
    assert str(installed.venv) in result.stdout


def test_a_small_fuzz_of_the_contact_api(installed: Installed) -> None:
    reports = installed.workdir / "reports"
    result = installed.run(
        "fuzz", "--api", "contact", "--budget", "2", "--seed", "1", "--quiet",
        "--report-dir", str(reports),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    summary = (reports / "summary.md").read_text(encoding="utf-8")
    assert re.search(r"\b[1-9]\d* cases?\b", summary), summary


def test_diff_finds_a_removed_operation(installed: Installed) -> None:
    spec = yaml.safe_load((REPO_ROOT / "spec" / "contact-messaging.yaml").read_text("utf-8"))
    old = installed.workdir / "old.yaml"
    old.write_text(yaml.safe_dump(spec), encoding="utf-8")
    removed = next(iter(spec["paths"]))
    del spec["paths"][removed]
    new = installed.workdir / "new.yaml"
    new.write_text(yaml.safe_dump(spec), encoding="utf-8")
    assert installed.run("diff", str(old), str(old)).returncode == 0
    result = installed.run("diff", str(old), str(new))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "operation-removed" in result.stdout


def test_the_emulator_serves_from_the_installed_package(installed: Installed) -> None:
    process = subprocess.Popen(
        [str(installed.command), "emulate", "--port", "0"],
        cwd=installed.workdir,
        env=_clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", first)
        assert match, first
        response = httpx.get(f"{match.group(0)}/v1/contact/id:1/message/list", timeout=10)
        assert response.status_code == 401
        assert set(response.json()) >= {"code", "message"}
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_generate_and_its_drift_gate_from_outside_the_repository(installed: Installed) -> None:
    into = installed.workdir / "clients"
    result = installed.run("generate", "--only", "contact", "--into", str(into))
    assert result.returncode == 0, result.stdout + result.stderr
    committed = REPO_ROOT / "generated" / "contact-messaging-client"
    fresh = into / "contact-messaging-client"
    assert (fresh / "contact_messaging_client" / "client.py").read_bytes() == (
        committed / "contact_messaging_client" / "client.py"
    ).read_bytes()
    assert (
        installed.run("generate", "--check", "--only", "contact", "--into", str(into)).returncode
        == 0
    )
    (fresh / "contact_messaging_client" / "client.py").write_text("# edited\n", encoding="utf-8")
    stale = installed.run("generate", "--check", "--only", "contact", "--into", str(into))
    assert stale.returncode == 1
    assert "client.py" in stale.stdout


def test_the_generate_extra_pins_what_the_dev_group_pins() -> None:
    with (REPO_ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)
    extra = set(project["project"]["optional-dependencies"]["generate"])
    dev = set(project["dependency-groups"]["dev"])
    assert extra, "the generate extra is empty"
    assert extra <= dev, f"pins differ: {sorted(extra - dev)}"
