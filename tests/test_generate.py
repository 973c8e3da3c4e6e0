"""The drift gate: committed clients equal what the specs produce, whatever the caller's setup."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
import yaml

from aelyst_contract._generate import (
    CLIENTS,
    ClientTarget,
    GenerateError,
    diff_trees,
    regenerate_into,
    stale_client_diff,
    sync_tree,
)
from aelyst_contract._resources import generated_dir
from aelyst_contract._specs import SPEC_PATHS, load_yaml
from aelyst_contract.cli import main


def test_committed_clients_match_the_specs() -> None:
    diffs = stale_client_diff()
    report = "".join(line for file_diff in diffs[:5] for line in file_diff.lines[:100])
    assert diffs == [], f"generated clients are stale:\n{report}"


def _edited_contact_spec(tmp_path: Path) -> Path:
    """A copy of the contact spec whose Error model gained a property (spec/ is untouched)."""
    document = load_yaml(SPEC_PATHS["contact"])
    document["components"]["schemas"]["Error"]["properties"]["traceId"] = {"type": "string"}
    copy = tmp_path / "contact-messaging.yaml"
    copy.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return copy


def test_an_edited_spec_without_regeneration_fails_with_a_diff_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(SPEC_PATHS, "contact", _edited_contact_spec(tmp_path))
    assert main(["generate", "--check", "--only", "contact"]) == 1
    out = capsys.readouterr().out
    error_model = "generated/contact-messaging-client/contact_messaging_client/models/error.py"
    assert f"--- a/{error_model}\n+++ b/{error_model}\n@@ " in out
    assert any(line.startswith("+") and "trace_id" in line for line in out.splitlines())
    assert f"1 generated file(s) differ from what the specs produce:\n  {error_model}\n" in out
    assert "Run `uv run aelyst-contract generate`" in out


def test_output_ignores_callers_path_ruff_config_cwd_and_hash_seed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = tmp_path / "hostile"
    fake_bin = hostile / "bin"
    fake_bin.mkdir(parents=True)
    # A ruff that would break the post-hooks, first on the caller's PATH.
    fake_ruff = fake_bin / "ruff"
    fake_ruff.write_text("#!/bin/sh\necho 'not the pinned ruff' >&2\nexit 3\n", encoding="utf-8")
    fake_ruff.chmod(fake_ruff.stat().st_mode | stat.S_IEXEC)
    # A ruff configuration above the output directory that would reformat everything.
    hostile_config = 'line-length = 40\n[format]\nquote-style = "single"\n'
    (hostile / "ruff.toml").write_text(hostile_config, encoding="utf-8")
    (hostile / "pyproject.toml").write_text("[tool.ruff]\nline-length = 50\n", encoding="utf-8")
    home_config = hostile / "home" / ".config" / "ruff"
    home_config.mkdir(parents=True)
    (home_config / "ruff.toml").write_text(hostile_config, encoding="utf-8")
    monkeypatch.setenv("PATH", f"{fake_bin}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("PYTHONHASHSEED", "12345")
    monkeypatch.setenv("HOME", str(hostile / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(hostile / "home" / ".config"))
    monkeypatch.setenv("RUFF_LINE_LENGTH", "40")
    monkeypatch.chdir(hostile)

    output = hostile / "out" / "contact-messaging-client"
    regenerate_into(CLIENTS["contact"], output)

    committed = generated_dir() / "contact-messaging-client"
    assert diff_trees(committed, output, "contact") == []


@pytest.mark.parametrize("target", list(CLIENTS.values()), ids=list(CLIENTS))
def test_each_package_has_its_own_pyproject_versioned_by_the_spec(target: ClientTarget) -> None:
    with ((generated_dir() / target.project_dir_name) / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    assert project["name"] == target.project_dir_name
    assert project["version"] == str(load_yaml(SPEC_PATHS[target.name])["info"]["version"])
    assert (
        (generated_dir() / target.project_dir_name) / target.package_name / "py.typed"
    ).is_file()
    assert (
        (generated_dir() / target.project_dir_name) / target.package_name / "extras.py"
    ).is_file()


def test_diff_trees_reports_added_removed_and_binary_changes(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "gone.py").write_text("x = 1\n", encoding="utf-8")
    (new / "born.py").write_text("y = 2", encoding="utf-8")
    (old / "same.py").write_text("z = 3\n", encoding="utf-8")
    (new / "same.py").write_text("z = 3\n", encoding="utf-8")
    (old / "bytes.py").write_bytes(b"\xff\n")
    (new / "bytes.py").write_bytes(b"\xfe\n")
    (new / "empty.py").write_bytes(b"")
    (new / "__pycache__").mkdir()
    (new / "__pycache__" / "same.cpython-311.pyc").write_bytes(b"\0")
    diffs = {file_diff.path: "".join(file_diff.lines) for file_diff in diff_trees(old, new, "pkg")}
    assert sorted(diffs) == ["pkg/born.py", "pkg/bytes.py", "pkg/empty.py", "pkg/gone.py"]
    assert diffs["pkg/empty.py"] == "--- /dev/null\n+++ b/pkg/empty.py\n(an empty file)\n"
    assert diffs["pkg/gone.py"].startswith("--- a/pkg/gone.py\n+++ /dev/null\n@@ ")
    assert diffs["pkg/born.py"].startswith("--- /dev/null\n+++ b/pkg/born.py\n@@ ")
    assert diffs["pkg/born.py"].endswith("+y = 2\n\\ No newline at end of file\n")
    assert diffs["pkg/bytes.py"] == "Binary files a/pkg/bytes.py and b/pkg/bytes.py differ\n"


def test_a_missing_spec_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(GenerateError, match="no such spec file"):
        regenerate_into(CLIENTS["contact"], tmp_path / "out", tmp_path / "missing.yaml")


def test_a_broken_spec_is_a_one_line_cli_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "contact-messaging.yaml"
    broken.write_text("openapi: [unclosed", encoding="utf-8")
    monkeypatch.setitem(SPEC_PATHS, "contact", broken)
    assert main(["generate", "--check", "--only", "contact"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"aelyst-contract generate: {broken}:2:1: not YAML or JSON" in err
    assert "Traceback" not in err


def _spec_the_generator_rejects(tmp_path: Path) -> Path:
    """A valid OpenAPI document whose enum default is not one of its values: openapi-python-client
    refuses it, naming the property (a value it keeps wrapped as an `UntrustedString`)."""
    document = load_yaml(SPEC_PATHS["contact"])
    request = document["components"]["schemas"]["SendMessageRequest"]
    request["properties"]["priority"] = {"type": "string", "enum": ["low", "high"], "default": "x"}
    path = tmp_path / "contact-messaging.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("rendered_in_process", [True, False], ids=["rendered", "fallback"])
def test_the_generators_errors_show_the_specs_names_not_object_reprs(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    rendered_in_process: bool,
) -> None:
    import aelyst_contract._generate as generate_module

    if not rendered_in_process:  # only the subprocess's output to go on
        monkeypatch.setattr(generate_module, "_generator_errors", lambda *args: None)
    spec = _spec_the_generator_rejects(tmp_path)
    monkeypatch.setitem(SPEC_PATHS, "contact", spec)
    assert main(["generate", "--check", "--only", "contact"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"aelyst-contract generate: openapi-python-client failed on {spec}: " in err
    assert "object at 0x" not in err
    assert "Traceback" not in err
    if rendered_in_process:
        assert "Value x is not valid for enum 'priority'" in err
        # The generator's class is as it was: spec values stay out of generated code.
        from openapi_python_client.schema.untrusted_string import UntrustedString

        assert "object at 0x" in str(UntrustedString("priority"))
    else:
        assert "Value x is not valid for enum (a name from the spec)" in err


def test_sync_tree_rewrites_only_what_changed(tmp_path: Path) -> None:
    fresh, committed = tmp_path / "fresh", tmp_path / "committed"
    (fresh / "pkg").mkdir(parents=True)
    (fresh / "pkg" / "same.py").write_text("same\n", encoding="utf-8")
    (fresh / "pkg" / "changed.py").write_text("new\n", encoding="utf-8")
    (fresh / "pkg" / "added.py").write_text("added\n", encoding="utf-8")
    (committed / "pkg" / "__pycache__").mkdir(parents=True)
    (committed / "old").mkdir()
    (committed / "pkg" / "same.py").write_text("same\n", encoding="utf-8")
    (committed / "pkg" / "changed.py").write_text("old\n", encoding="utf-8")
    (committed / "old" / "removed.py").write_text("gone\n", encoding="utf-8")
    (committed / "pkg" / "__pycache__" / "same.cpython-311.pyc").write_bytes(b"\0")
    os.utime(committed / "pkg" / "same.py", (1_000_000, 1_000_000))

    sync_tree(fresh, committed)

    assert diff_trees(committed, fresh, "x") == []
    assert (committed / "pkg" / "same.py").stat().st_mtime == 1_000_000
    assert not (committed / "old").exists()
    assert (committed / "pkg" / "__pycache__" / "same.cpython-311.pyc").exists()
