"""`aelyst-contract check-spec --format sarif`: valid SARIF 2.1.0, every rule declared, each
problem a result at the line of the node its pointer names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aelyst_contract._resources import CHECKOUT_ROOT
from aelyst_contract._sarif import artifact_uri
from aelyst_contract._spec_check import SPEC_RULES, check_spec
from aelyst_contract._specs import CONTACT_SPEC_PATH, load_yaml
from aelyst_contract.cli import main
from tests._sarif_schema import sarif_errors

# Line numbers matter: the test asserts where each result points.
SPEC = """\
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /things:
    get:
      operationId: Get_Things
      tags: [things]
      summary: s
      description: d
      responses:
        "200": {description: ok}
components:
  schemas:
    Error:
      type: object
      required: [code, message]
      properties: {code: {type: integer}, message: {type: string}}
"""


def _sarif(capsys: pytest.CaptureFixture[str], argv: list[str], code: int) -> dict[str, Any]:
    assert main(argv) == code
    captured = capsys.readouterr()
    assert captured.err == ""
    document: dict[str, Any] = json.loads(captured.out)
    assert sarif_errors(document) == []
    return document


def test_each_problem_is_a_result_at_the_line_of_its_pointer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    problems = check_spec(load_yaml(spec))
    (run,) = _sarif(capsys, ["check-spec", "--format", "sarif", str(spec)], 1)["runs"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == [p.rule for p in problems]
    assert all(r["level"] == "error" for r in results)
    by_rule = {r["ruleId"]: r for r in results}
    camel = by_rule["operation-metadata"]
    assert camel["properties"]["pointer"] == "/paths/~1things/get/operationId"
    location = camel["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == artifact_uri(spec, CHECKOUT_ROOT)
    assert location["region"]["startLine"] == 6  # `operationId: Get_Things`
    assert "is not camelCase" in camel["message"]["text"]
    # A missing declaration points at the node that should hold it: `responses:`, line 10.
    missing_400 = next(r for r in results if "does not declare 400" in r["message"]["text"])
    assert missing_400["locations"][0]["physicalLocation"]["region"]["startLine"] == 10


def test_the_driver_declares_every_rule_with_its_description(
    capsys: pytest.CaptureFixture[str],
) -> None:
    (run,) = _sarif(capsys, ["check-spec", "--format", "sarif", str(CONTACT_SPEC_PATH)], 0)["runs"]
    assert run["results"] == []
    rules = {
        rule["id"]: rule["shortDescription"]["text"] for rule in run["tool"]["driver"]["rules"]
    }
    assert list(rules) == ["structural", *SPEC_RULES.names()]
    for rule in SPEC_RULES:
        assert rules[rule.name] == " ".join(rule.description.split())
    assert rules["structural"].startswith("The spec is a valid OpenAPI 3.1 document")


def test_a_structural_problem_points_at_the_invalid_node(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC.replace('"200": {description: ok}', '"200": 7'), encoding="utf-8")
    (run,) = _sarif(capsys, ["check-spec", "--format", "sarif", str(spec)], 1)["runs"]
    (result,) = run["results"]
    assert result["ruleId"] == "structural"
    assert result["properties"]["pointer"] == "/paths/~1things/get/responses/200"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 11


def test_an_unusable_spec_is_still_one_stderr_line_with_sarif(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("swagger: '2.0'\n", encoding="utf-8")
    assert main(["check-spec", "--format", "sarif", str(spec)]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1
    assert f"{spec}:1:1: a Swagger 2.0 document, not OpenAPI 3.1" in captured.err
    assert sarif_errors(json.loads(captured.out)) == []
