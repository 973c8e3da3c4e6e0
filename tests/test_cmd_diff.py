"""`aelyst-contract diff`: output formats, exit codes, --base, and one-line errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from aelyst_contract._resources import CHECKOUT_ROOT
from aelyst_contract._sarif import artifact_uri
from aelyst_contract.cli import main
from tests._sarif_schema import sarif_errors

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
        (["diff", "missing.yaml", "also-missing.yaml"], "missing.yaml: no such spec file"),
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
        ("openapi: [unclosed", "bad.yaml:2:1: not YAML or JSON"),
        ("- a\n- list\n", "bad.yaml:1:1: expected a mapping at the top level, got list"),
        ("title: no openapi field\n", "bad.yaml:1:1: not an OpenAPI document"),
        ("openapi: 3.1.0\npaths: [1]\n", "bad.yaml:2:1: `paths` is not a mapping (at /paths)"),
        (
            "openapi: 3.1.0\npaths:\n  /x:\n    $ref: '#/nowhere'\n",
            "bad.yaml:4:5: dangling $ref '#/nowhere' (at /paths/~1x/$ref)",
        ),
        (
            # External $refs are followed now: a file that is not there is the one-line error.
            "openapi: 3.1.0\npaths:\n  /x:\n    $ref: 'other.yaml#/x'\n",
            "bad.yaml:4:5: external $ref: no such file",
        ),
        ("openapi: 3.1.0\ninfo: {title: caf\udce9}\n", "bad.yaml:2:18: not UTF-8 text (byte 0xe9)"),
        ("x: " + "[" * 100 + "]" * 100, "bad.yaml:1:67: nested more than 64 levels deep"),
    ],
)
def test_unreadable_spec_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(content.encode("utf-8", errors="surrogateescape"))
    assert main(["diff", str(CORPUS / "identical" / "old.yaml"), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


def test_a_directory_is_named_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(CORPUS / "identical" / "old.yaml"), str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == f"aelyst-contract diff: {tmp_path}: is a directory, not a spec file\n"


def _sarif_run(capsys: pytest.CaptureFixture[str], argv: list[str], code: int) -> dict[str, Any]:
    assert main(["diff", "--format", "sarif", *argv]) == code
    document = json.loads(capsys.readouterr().out)
    assert sarif_errors(document) == []
    (run,) = document["runs"]
    return run  # type: ignore[no-any-return]


def test_sarif_results_are_the_findings_at_their_line_in_new(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = _sarif_run(capsys, _pair("narrowed-maximum"), 1)
    (result,) = run["results"]
    assert result["ruleId"] == "constraint-narrowed"
    assert result["level"] == "error"  # breaking for clients, the default side
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == artifact_uri(
        CORPUS / "narrowed-maximum" / "new.yaml", CHECKOUT_ROOT
    )
    assert location["region"]["startLine"] == 50  # `maximum: 20`
    assert "narrowed" in result["message"]["text"]


def test_sarif_levels_follow_breaking_for(capsys: pytest.CaptureFixture[str]) -> None:
    (narrowed,) = _sarif_run(capsys, ["--breaking-for", "servers", *_pair("narrowed-maximum")], 0)[
        "results"
    ]
    assert narrowed["level"] == "warning"  # breaks the other side
    added = _sarif_run(capsys, _pair("added-operation"), 0)["results"]
    assert {r["level"] for r in added} == {"warning"}  # clients fine, servers must implement it
    compatible = _sarif_run(capsys, _pair("added-response-field"), 0)["results"]
    assert compatible
    assert {r["level"] for r in compatible} == {"note"}  # compatible for both
    either = _sarif_run(capsys, ["--breaking-for", "either", *_pair("added-operation")], 1)
    assert {r["level"] for r in either["results"]} == {"error"}


def test_sarif_points_a_removal_at_the_old_file(capsys: pytest.CaptureFixture[str]) -> None:
    (result,) = _sarif_run(capsys, _pair("removed-operation"), 1)["results"]
    assert result["ruleId"] == "operation-removed"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == artifact_uri(
        CORPUS / "removed-operation" / "old.yaml", CHECKOUT_ROOT
    )
    assert location["region"]["startLine"] == 70  # `get:` of the removed operation


def test_sarif_declares_every_registered_diff_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from aelyst_contract.specdiff._operations import (
        DOCUMENT_RULES,
        OPERATION_RULES,
        RESPONSE_RULES,
    )
    from aelyst_contract.specdiff._schemas import SCHEMA_RULES

    run = _sarif_run(capsys, _pair("identical"), 0)
    assert run["results"] == []
    rules = {r["id"]: r["shortDescription"]["text"] for r in run["tool"]["driver"]["rules"]}
    for registry in (DOCUMENT_RULES, OPERATION_RULES, RESPONSE_RULES, SCHEMA_RULES):
        for entry in registry:
            assert rules[entry.name] == " ".join(entry.description.split())


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
    # The old client, fed what the new spec allows, refuses it loudly at the field (issue 16).
    assert problems == {
        "ResponseParseError: get_message answered 200: /traffic: required property is missing",
        "ResponseParseError: list_messages answered 200: /items/0/traffic:"
        " required property is missing",
    }
    assert directions["servers"]["counterexamples"] == []
    kinds = {f["kind"] for f in pair["findings"]}
    assert kinds == {"property-now-optional", "property-counterexample"}


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_non_utf8_spec_at_a_ref_is_one_line_naming_the_ref_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_bytes(b"openapi: 3.1.0\ninfo: {title: caf\xe9}\npaths: {}\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "spec.yaml")
    _git(tmp_path, "commit", "-q", "-m", "latin-1")
    shutil.copy(CORPUS / "identical" / "new.yaml", spec)
    assert main(["diff", "--base", "HEAD", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err == (
        "aelyst-contract diff: HEAD:spec.yaml:2:18: not UTF-8 text (byte 0xe9);"
        " save the file as UTF-8\n"
    )
