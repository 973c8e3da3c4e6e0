"""`aelyst-contract diff`: output formats, exit codes, --base, and one-line errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from aelyst_contract.cli import main

CORPUS = Path(__file__).parent / "specdiff" / "corpus"


def _pair(name: str) -> list[str]:
    return [str(CORPUS / name / "old.yaml"), str(CORPUS / name / "new.yaml")]


def test_breaking_change_fails_by_default_and_names_the_change(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["diff", *_pair("narrowed-maximum")]) == 1
    out = capsys.readouterr().out
    assert "Breaking for client users" in out
    assert "`maximum` narrowed: 50 -> 20" in out
    assert "Suggested version bump for the generated packages: major (1.0.0 -> 2.0.0)" in out


def test_compatible_change_passes_the_breaking_gate_but_not_fail_on_any(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["diff", *_pair("added-response-field")]) == 0
    assert main(["diff", "--fail-on", "any", *_pair("added-response-field")]) == 1
    assert main(["diff", "--fail-on", "none", *_pair("narrowed-maximum")]) == 0
    assert main(["diff", "--fail-on", "any", *_pair("identical")]) == 0
    capsys.readouterr()


def test_breaking_for_servers_is_a_separate_gate(capsys: pytest.CaptureFixture[str]) -> None:
    # Raising a maximum cannot break an old client, but servers must now accept more.
    assert main(["diff", *_pair("widened-maximum")]) == 0
    assert main(["diff", "--breaking-for", "servers", *_pair("widened-maximum")]) == 1
    capsys.readouterr()


def test_json_output_is_machine_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "--format", "json", *_pair("response-enum-value-added")]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["failed"] is True
    (pair,) = document["pairs"]
    assert pair["semver_bump"] == "major"
    assert pair["suggested_version"] == "2.0.0"
    assert pair["summary"]["breaking_for_clients"] == 2
    kinds = {(f["kind"], f["operation"], f["client"], f["server"]) for f in pair["findings"]}
    assert kinds == {
        ("enum-value-added", "getMessage", "breaking", "compatible"),
        ("enum-value-added", "listMessages", "breaking", "compatible"),
    }
    assert pair["findings"][0]["new"][-1] == "deleted"
    assert pair["changelog"].startswith("## Mini Contact Messaging API client 2.0.0")


def test_changelog_format_groups_by_section(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["diff", "--format", "changelog", "--fail-on", "none", *_pair("added-operation")]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Mini Contact Messaging API client 1.1.0")
    assert "### Added" in out
    assert "`deleteMessage`" in out
    assert "### Breaking changes" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["diff", "only-one.yaml"], "give OLD and NEW spec files, or --base REF"),
        (["diff", "missing.yaml", "also-missing.yaml"], "no such spec file: missing.yaml"),
        (["diff", "--base", "no-such-ref-anywhere"], "unknown git ref 'no-such-ref-anywhere'"),
        (["diff", "--base=--upload-pack=x"], "bad git ref"),
        (["diff", "--examples", "0", "a", "b"], "--examples must be at least 1"),
    ],
)
def test_bad_input_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("openapi: [unclosed", "not YAML or JSON"),
        ("- a\n- list\n", "expected a mapping at the top level, got list"),
        ("title: no openapi field\n", "not an OpenAPI document"),
        ("openapi: 3.1.0\npaths: [1]\n", "`paths` is not a mapping"),
        (
            "openapi: 3.1.0\npaths:\n  /x:\n    $ref: '#/nowhere'\n",
            "dangling $ref '#/nowhere'",
        ),
        (
            "openapi: 3.1.0\npaths:\n  /x:\n    $ref: 'other.yaml#/x'\n",
            "only local $refs are supported",
        ),
    ],
)
def test_unreadable_spec_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    assert main(["diff", str(CORPUS / "identical" / "old.yaml"), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_base_ref_compares_the_working_file_with_its_committed_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.yaml"
    shutil.copy(CORPUS / "narrowed-maximum" / "old.yaml", spec)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "spec.yaml")
    _git(tmp_path, "commit", "-q", "-m", "old")
    shutil.copy(CORPUS / "narrowed-maximum" / "new.yaml", spec)

    assert main(["diff", "--base", "HEAD", str(spec)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("HEAD:spec.yaml -> ")
    assert "`maximum` narrowed: 50 -> 20" in out

    fresh = tmp_path / "fresh.yaml"
    shutil.copy(CORPUS / "identical" / "new.yaml", fresh)
    assert main(["diff", "--base", "HEAD", str(fresh)]) == 0
    assert "not present at HEAD; a new spec has nothing to break" in capsys.readouterr().out


def test_an_unexpected_shape_names_the_invalid_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(old: object, new: object) -> list[object]:
        raise TypeError("'int' object is not iterable")

    monkeypatch.setattr("aelyst_contract._cmd_diff.diff_specs", broken)
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ntags: 5\n", "utf-8")
    assert main(["diff", str(CORPUS / "identical" / "old.yaml"), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "bad.yaml: not a valid OpenAPI document" in err

    good = CORPUS / "identical" / "new.yaml"
    assert main(["diff", str(CORPUS / "identical" / "old.yaml"), str(good)]) == 2
    assert "a specdiff bug: please report it" in capsys.readouterr().err


def test_property_flag_runs_the_property_check_end_to_end(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["diff", "--property", "--examples", "6", "--format", "json", "--fail-on", "none"]
    assert main([*argv, *_pair("response-field-now-optional")]) == 0
    (pair,) = json.loads(capsys.readouterr().out)["pairs"]
    directions = {d["side"]: d for d in pair["property_check"]["directions"]}
    problems = {c["problem"] for c in directions["clients"]["counterexamples"]}
    assert problems == {"KeyError: 'traffic'"}
    assert directions["servers"]["counterexamples"] == []
    kinds = {f["kind"] for f in pair["findings"]}
    assert kinds == {"property-now-optional", "property-counterexample"}
