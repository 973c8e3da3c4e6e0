"""Regenerate the committed client packages from the specs, or check that they are up to date.

openapi-python-client runs as a subprocess in a controlled environment (the venv's pinned generator
and ruff first on PATH, a fixed PYTHONHASHSEED, a throw-away HOME, a neutral cwd, an explicit
config file), so the output depends only on the spec, the templates and the pinned versions.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aelyst_contract._resources import DATA_DIR, generated_dir
from aelyst_contract._specs import SPEC_PATHS, SpecInputError, SpecName, load_yaml

__all__ = [
    "CLIENTS",
    "EXTRAS_SOURCE",
    "TEMPLATES_DIR",
    "ClientTarget",
    "FileDiff",
    "GenerateError",
    "diff_trees",
    "generate_clients",
    "regenerate_into",
    "stale_client_diff",
    "sync_tree",
]

TEMPLATES_DIR = DATA_DIR / "generated" / "templates"
EXTRAS_SOURCE = TEMPLATES_DIR / "extras.py"
_EXTRAS_PREFIX_LINE = 'AUTH_PREFIX: Final = "Bearer"'

# Files a build, an editable install or a tool run may leave beside the generated sources.
_IGNORED_PARTS = frozenset(
    {"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache", "build", "dist"}
)
_IGNORED_SUFFIXES = (".pyc", ".egg-info")
_GENERATOR_TIMEOUT_SECONDS = 120


class GenerateError(Exception):
    """The clients cannot be generated (a missing tool or spec, a generator failure); one line."""


@dataclass(frozen=True)
class ClientTarget:
    """One generated client: which spec, where it goes, how it authenticates."""

    name: SpecName
    project_dir_name: str  # under generated/
    package_name: str
    auth_prefix: str

    @property
    def config_path(self) -> Path:
        return DATA_DIR / "generated" / f"config-{self.name}.yaml"


CLIENTS: dict[SpecName, ClientTarget] = {
    "contact": ClientTarget(
        "contact", "contact-messaging-client", "contact_messaging_client", "Bearer"
    ),
    "channel": ClientTarget(
        "channel", "channel-messaging-client", "channel_messaging_client", "AccessKey"
    ),
}


def _venv_bin() -> Path:
    """The bin directory of the Python running us: the project venv under `uv run`."""
    return Path(sys.executable).parent


def _generator_env(home: Path) -> dict[str, str]:
    """A minimal environment: nothing of the caller's (PATH, ruff config, hash seed) leaks in."""
    return {
        "PATH": os.pathsep.join([str(_venv_bin()), "/usr/bin", "/bin"]),
        "PYTHONHASHSEED": "0",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "RUFF_NO_CACHE": "true",
        "NO_COLOR": "1",
        "TERM": "dumb",
    }


def _tool(name: str) -> Path:
    path = _venv_bin() / name
    if not path.is_file():
        raise GenerateError(f"{name} is not installed next to {sys.executable}; run `uv sync`")
    return path


def _render_extras(target: ClientTarget) -> str:
    source = EXTRAS_SOURCE.read_text(encoding="utf-8")
    if source.count(_EXTRAS_PREFIX_LINE) != 1:
        raise GenerateError(f"{EXTRAS_SOURCE}: expected exactly one line `{_EXTRAS_PREFIX_LINE}`")
    return source.replace(_EXTRAS_PREFIX_LINE, f'AUTH_PREFIX: Final = "{target.auth_prefix}"')


def _check_version(project_dir: Path, spec_path: Path) -> None:
    """The package version must follow the spec's info.version (the generator's default)."""
    info = load_yaml(spec_path).get("info")
    spec_version = str(info.get("version", "")) if isinstance(info, dict) else ""
    with (project_dir / "pyproject.toml").open("rb") as handle:
        package_version = str(tomllib.load(handle)["project"]["version"])
    if package_version != spec_version:
        raise GenerateError(
            f"{project_dir.name}: package version {package_version!r} does not follow the spec's "
            f"info.version {spec_version!r}"
        )


def regenerate_into(target: ClientTarget, output_dir: Path, spec_path: Path | None = None) -> None:
    """Generate one client into `output_dir` (which must not exist yet)."""
    spec = spec_path if spec_path is not None else SPEC_PATHS[target.name]
    try:
        load_yaml(spec)  # a spec that is no YAML mapping is one line naming file and line
    except SpecInputError as error:
        raise GenerateError(str(error)) from None
    _tool("ruff")  # the generator's post-hooks need it; without it they are skipped silently
    command = [
        str(_tool("openapi-python-client")),
        "generate",
        "--path",
        str(spec.resolve()),
        "--config",
        str(target.config_path),
        "--custom-template-path",
        str(TEMPLATES_DIR),
        "--meta",
        "uv",
        "--output-path",
        str(output_dir.resolve()),
        "--fail-on-warning",
    ]
    with tempfile.TemporaryDirectory(prefix="aelyst-generate-home-") as home:
        try:
            result = subprocess.run(  # noqa: S603 - fixed argv, our own venv's executable
                command,
                cwd=home,
                env=_generator_env(Path(home)),
                capture_output=True,
                text=True,
                check=False,
                timeout=_GENERATOR_TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired as error:
            raise GenerateError(f"openapi-python-client timed out on {spec}") from error
    if result.returncode != 0:
        reason = _generator_errors(target, spec) or _summary(result.stdout + result.stderr)
        raise GenerateError(f"openapi-python-client failed on {spec}: {reason}")
    package_dir = output_dir / target.package_name
    (package_dir / "extras.py").write_text(_render_extras(target), encoding="utf-8")
    _check_version(output_dir, spec)


_BOILERPLATE = ("Generating ", "Error(s) encountered", "Warning(s) encountered", "If you believe")
_SUMMARY_LIMIT = 400


# What the generator prints for a value of the spec it formatted without unwrapping it.
_OBJECT_REPR = re.compile(r"<[\w.]+ object at 0x[0-9a-fA-F]+>")


def _one_line(parts: Iterable[str]) -> str:
    text = " | ".join(part for part in parts if part) or "no output"
    return text if len(text) <= _SUMMARY_LIMIT else text[: _SUMMARY_LIMIT - 3] + "..."


def _summary(output: str) -> str:
    """The generator's complaint on one line (the CLI reports errors as one line)."""
    lines = [
        _OBJECT_REPR.sub("(a name from the spec)", line.strip()) for line in output.splitlines()
    ]
    return _one_line(line for line in lines if line and not line.startswith(_BOILERPLATE))


# The generator's error objects format spec values (`UntrustedString`, kept out of generated code
# on purpose) with the default object repr. Rendering them again in this process, with those
# values shown as quoted literals, gives the message its text; one thread at a time, as the
# class is patched for the duration.
_RENDER_LOCK = threading.Lock()


@contextlib.contextmanager
def _spec_values_shown() -> Iterator[None]:
    from openapi_python_client.schema.untrusted_string import UntrustedString  # noqa: PLC0415

    def shown(self: Any, spec: str = "") -> str:
        return format(repr(self.get_untrusted_value()), spec)

    with _RENDER_LOCK:
        saved = {name: UntrustedString.__dict__.get(name) for name in ("__str__", "__format__")}
        UntrustedString.__str__ = shown  # type: ignore[method-assign]
        UntrustedString.__format__ = shown  # type: ignore[method-assign]
        try:
            yield
        finally:
            for name, original in saved.items():
                if original is None:
                    delattr(UntrustedString, name)
                else:
                    setattr(UntrustedString, name, original)


def _generator_errors(target: ClientTarget, spec: Path) -> str | None:
    """The generator's parse errors for `spec`, rendered with their text, on one line; None when
    they cannot be had (the generator is not importable, or finds no error in-process)."""
    try:
        from openapi_python_client.config import Config, ConfigFile, MetaType  # noqa: PLC0415
        from openapi_python_client.parser import GeneratorData  # noqa: PLC0415
        from openapi_python_client.parser.errors import GeneratorError  # noqa: PLC0415
    except ImportError:  # pragma: no cover - the generator is a dev dependency
        return None
    try:
        document = load_yaml(spec)
        config = Config.from_sources(
            ConfigFile.load_from_path(target.config_path),
            MetaType.UV,
            spec,
            "utf-8",
            overwrite=True,
            output_path=None,
        )
        with _spec_values_shown():
            parsed = GeneratorData.from_dict(document, config=config)
            errors: list[Any] = (
                [parsed]
                if isinstance(parsed, GeneratorError)
                else [
                    *(
                        e
                        for c in parsed.endpoint_collections_by_tag.values()
                        for e in c.parse_errors
                    ),
                    *parsed.errors,
                ]
            )
            parts = [" ".join(f"{error.header} {error.detail or ''}".split()) for error in errors]
    except Exception:  # only a better message: the subprocess's own output remains
        return None
    return _one_line(parts) if parts else None


def _is_ignored(relative: Path) -> bool:
    return any(
        part in _IGNORED_PARTS or part.endswith(_IGNORED_SUFFIXES) for part in relative.parts
    )


def _tree_files(root: Path) -> dict[str, Path]:
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not _is_ignored(path.relative_to(root))
    }


def _lines(path: Path | None) -> list[str]:
    if path is None:
        return []
    return path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)


@dataclass(frozen=True)
class FileDiff:
    """One file that differs: its repository path and its unified diff lines (file names, hunks)."""

    path: str
    lines: list[str]


def diff_trees(committed: Path, regenerated: Path, label: str) -> list[FileDiff]:
    """The files that differ from `committed` to `regenerated` (`label` prefixes their paths)."""
    old_files, new_files = _tree_files(committed), _tree_files(regenerated)
    diffs: list[FileDiff] = []
    for name in sorted(old_files.keys() | new_files.keys()):
        old, new = old_files.get(name), new_files.get(name)
        if old is not None and new is not None and old.read_bytes() == new.read_bytes():
            continue
        old_name = f"a/{label}/{name}" if old is not None else "/dev/null"
        new_name = f"b/{label}/{name}" if new is not None else "/dev/null"
        lines = [
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in difflib.unified_diff(_lines(old), _lines(new), old_name, new_name)
        ]
        if not lines and (old is None or new is None):
            lines = [f"--- {old_name}\n", f"+++ {new_name}\n", "(an empty file)\n"]
        elif not lines:  # same text, different bytes (encoding, invalid UTF-8)
            lines = [f"Binary files {old_name} and {new_name} differ\n"]
        diffs.append(FileDiff(f"{label}/{name}", lines))
    return diffs


def _regenerate_all(
    targets: list[ClientTarget], scratch: Path, spec_paths: Mapping[SpecName, Path]
) -> None:
    """Each target into scratch/<project dir>, in parallel: the generator is mostly start-up."""
    with ThreadPoolExecutor(max_workers=len(targets) or 1) as pool:
        futures = [
            pool.submit(
                regenerate_into,
                target,
                scratch / target.project_dir_name,
                spec_paths.get(target.name),
            )
            for target in targets
        ]
        for future in futures:
            future.result()  # re-raises the first GenerateError


def _selected(names: Iterable[SpecName] | None) -> list[ClientTarget]:
    return [CLIENTS[name] for name in (names if names is not None else CLIENTS)]


def generate_clients(
    names: Iterable[SpecName] | None = None, *, into: Path | None = None
) -> list[Path]:
    """Regenerate the client packages in place (under `into`, default `generated_dir()`);
    returns their directories."""
    root = into if into is not None else generated_dir()
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="aelyst-generate-") as scratch:
        targets = _selected(names)
        _regenerate_all(targets, Path(scratch), {})
        for target in targets:
            fresh = Path(scratch) / target.project_dir_name
            sync_tree(fresh, root / target.project_dir_name)
            written.append(root / target.project_dir_name)
    return written


def sync_tree(source: Path, destination: Path) -> None:
    """Make `destination` hold exactly `source`'s files, touching only those that differ (so
    mtimes, and uv's editable-install cache, stay put), and keeping ignored files (caches)."""
    wanted = _tree_files(source)
    for name, path in _tree_files(destination).items():
        if name not in wanted:
            path.unlink()
    for name, path in wanted.items():
        target = destination / name
        if not target.is_file() or target.read_bytes() != path.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    _remove_empty_dirs(destination)


def _remove_empty_dirs(root: Path) -> None:
    for directory in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()


def stale_client_diff(
    names: Iterable[SpecName] | None = None,
    *,
    spec_paths: Mapping[SpecName, Path] | None = None,
    into: Path | None = None,
) -> list[FileDiff]:
    """How the committed clients (under `into`, default `generated_dir()`) differ from what the
    specs produce now ([] when in sync)."""
    root = into if into is not None else generated_dir()
    diffs: list[FileDiff] = []
    with tempfile.TemporaryDirectory(prefix="aelyst-generate-check-") as scratch:
        targets = _selected(names)
        _regenerate_all(targets, Path(scratch), spec_paths or {})
        for target in targets:
            fresh = Path(scratch) / target.project_dir_name
            label = f"generated/{target.project_dir_name}"
            diffs.extend(diff_trees(root / target.project_dir_name, fresh, label))
    return diffs
