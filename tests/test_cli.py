"""The CLI's own behaviour: exit codes and one-line errors (no tracebacks)."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

import pytest

from aelyst_contract.cli import build_parser, command_modules, main
from tests.test_layers import imported_modules


def test_check_spec_passes_on_the_curated_specs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-spec"]) == 0
    out = capsys.readouterr().out
    assert "contact-messaging.yaml: ok" in out
    assert "channel-messaging.yaml: ok" in out


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The command's only stderr line (asserting it is the only one, and no traceback)."""
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert len(err) < 600  # never the document itself
    return err.rstrip("\n")


_MINIMAL = 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\n'
_DANGLING = (
    _MINIMAL
    + "paths:\n"
    + "  /x:\n"
    + "    get:\n"
    + "      responses:\n"
    + '        "200":\n'
    + "          $ref: '#/components/responses/Nope'\n"
)
_BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            b"openapi: [unclosed",
            "bad.yaml:2:1: not YAML or JSON: did not find expected ',' or ']'",
            id="yaml-syntax",
        ),
        pytest.param(
            b"openapi: 3.1.0\ninfo: {title: caf\xe9}\n",
            "bad.yaml:2:18: not UTF-8 text (byte 0xe9)",
            id="not-utf8",
        ),
        pytest.param(
            b"- just\n- a list\n",
            "bad.yaml:1:1: expected a mapping at the top level, got list",
            id="list",
        ),
        pytest.param(
            b"just a scalar\n",
            "bad.yaml:1:1: expected a mapping at the top level, got str",
            id="scalar",
        ),
        pytest.param(
            b"", "bad.yaml: expected a mapping at the top level, got an empty document", id="empty"
        ),
        pytest.param(
            b"{}\n",
            "bad.yaml:1:1: not an OpenAPI document (no `openapi` field)",
            id="empty-mapping",
        ),
        pytest.param(
            b'info: {title: t}\nswagger: "2.0"\npaths: {}\n',
            "bad.yaml:2:1: a Swagger 2.0 document, not OpenAPI 3.1 (convert it first)"
            " (at /swagger)",
            id="swagger-2",
        ),
        pytest.param(
            b'info: {title: t, version: "1"}\nopenapi: 3.0.3\npaths: {}\n',
            "bad.yaml:2:1: OpenAPI 3.0.3, not 3.1: only OpenAPI 3.1 documents are checked"
            " (at /openapi)",
            id="openapi-3.0",
        ),
        pytest.param(
            b'openapi: 3.1\ninfo: {title: t, version: "1"}\npaths: {}\n',
            'bad.yaml:1:1: `openapi` must be a version string such as "3.1.0", not the float 3.1',
            id="openapi-number",
        ),
        pytest.param(
            _DANGLING.encode(),
            "bad.yaml:8:11: dangling $ref '#/components/responses/Nope'"
            " (at /paths/~1x/get/responses/200/$ref)",
            id="dangling-ref",
        ),
        pytest.param(
            _DANGLING.replace("#/components/responses/Nope", "other.yaml#/x").encode(),
            "bad.yaml:8:11: only local $refs are supported, got 'other.yaml#/x'",
            id="external-ref",
        ),
        pytest.param(
            (
                _MINIMAL
                + "paths: {}\ncomponents:\n  schemas:\n"
                + "    A: {$ref: '#/components/schemas/B'}\n"
                + "    B: {$ref: '#/components/schemas/A'}\n"
            ).encode(),
            "bad.yaml:6:9: $ref cycle through '#/components/schemas/B'",
            id="ref-cycle",
        ),
        pytest.param(
            ("x: " + "[" * 100 + "]" * 100 + "\n").encode(),
            "bad.yaml:1:67: nested more than 64 levels deep",
            id="too-deep",
        ),
        pytest.param(
            _BOMB.encode(), "bad.yaml:7:8: expands to more than 2,000,000 values", id="alias-bomb"
        ),
        pytest.param(
            b"openapi: &x [1, *x]\n",
            "bad.yaml:1:17: the alias *x refers to a collection that contains it",
            id="recursive-alias",
        ),
    ],
)
def test_an_unusable_spec_is_one_line_naming_file_and_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    assert main(["check-spec", str(path)]) == 2
    line = _one_error_line(capsys)
    assert line.startswith(f"aelyst-contract check-spec: {tmp_path}/")
    assert expected in line


def test_a_missing_file_and_a_directory_are_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-spec", str(tmp_path / "nope.yaml")]) == 2
    assert _one_error_line(capsys).endswith(f"{tmp_path / 'nope.yaml'}: no such spec file")
    assert main(["check-spec", str(tmp_path)]) == 2
    assert _one_error_line(capsys).endswith(f"{tmp_path}: is a directory, not a spec file")


def test_the_validator_failing_is_one_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import openapi_spec_validator

    def crash(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded " + "x" * 10_000)

    monkeypatch.setattr(openapi_spec_validator, "validate", crash)
    # The fast structural path would prove this small spec valid without asking the validator.
    monkeypatch.setattr("aelyst_contract._spec_check.proves_valid", lambda spec: False)
    path = tmp_path / "spec.yaml"
    path.write_text(_MINIMAL + "paths: {}\n", encoding="utf-8")
    assert main(["check-spec", str(path)]) == 2
    line = _one_error_line(capsys)
    assert f"{path}: the OpenAPI validator cannot read it: RecursionError" in line


def test_every_spec_is_checked_and_each_unusable_one_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from aelyst_contract._specs import CONTACT_SPEC_PATH

    missing, listed = tmp_path / "missing.yaml", tmp_path / "list.yaml"
    listed.write_text("- a\n", encoding="utf-8")
    assert main(["check-spec", str(missing), str(CONTACT_SPEC_PATH), str(listed)]) == 2
    captured = capsys.readouterr()
    assert f"{CONTACT_SPEC_PATH}: ok" in captured.out
    assert captured.err == (
        f"aelyst-contract check-spec: {missing}: no such spec file; "
        f"{listed}:1:1: expected a mapping at the top level, got list\n"
    )


def test_rule_problems_stay_exit_1_with_their_listing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text("openapi: 3.1.0\npaths: {}\n", encoding="utf-8")  # no info
    assert main(["check-spec", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out == (
        f'{path}: 1 problem(s)\n  - [structural] (root): "info" is a required property\n'
    )


PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "aelyst_contract"
# Command-line modules: they parse arguments and turn domain errors into one-line messages.
CLI_MODULES = {"cli.py", "_errors.py", "_bench_emulator.py", "_bench_fuzz.py"}


def _is_cli_module(path: Path) -> bool:
    return path.parent == PACKAGE and (path.name in CLI_MODULES or path.name.startswith("_cmd_"))


def test_domain_code_never_sees_argparse_or_raises_cli_errors() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if _is_cli_module(path):
            continue
        for module in imported_modules(path):
            if module == "argparse" or module.startswith("aelyst_contract._errors"):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert offenders == []


def test_the_emulate_command_uses_only_the_emulators_public_names() -> None:
    import aelyst_contract.emulator

    tree = ast.parse((PACKAGE / "_cmd_emulate.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "aelyst_contract.emulator"
        ):
            assert node.module == "aelyst_contract.emulator"
            assert {alias.name for alias in node.names} <= set(aelyst_contract.emulator.__all__)


def test_the_fuzz_commands_api_choices_are_the_fuzzers() -> None:
    from aelyst_contract._cmd_fuzz import API_CHOICES
    from aelyst_contract.fuzz._command import API_CHOICES as FUZZ_API_CHOICES

    assert API_CHOICES == FUZZ_API_CHOICES


def test_every_command_module_is_a_sub_command_and_nothing_else_is() -> None:
    parser = build_parser()
    (subparsers,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(subparsers.choices) == {
        "check-spec", "detect", "diff", "emulate", "fuzz", "generate", "report",
    }  # fmt: skip
    handlers = {name: sub.get_default("handler") for name, sub in subparsers.choices.items()}
    modules = {handler.__module__ for handler in handlers.values()}
    assert modules == set(command_modules())


def test_a_rule_crashing_is_one_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections.abc import Iterator

    import aelyst_contract._spec_check as spec_check
    from aelyst_contract._registry import Registry
    from aelyst_contract._specs import CONTACT_SPEC_PATH

    rules: Registry[spec_check.SpecRule, None] = Registry("spec rule")

    @rules.register("misreads", None)
    def misreads(spec: spec_check.Spec) -> Iterator[spec_check.Problem]:
        yield from ()
        raise KeyError("schema")

    monkeypatch.setattr(spec_check, "SPEC_RULES", rules)
    assert main(["check-spec", str(CONTACT_SPEC_PATH)]) == 2
    line = _one_error_line(capsys)
    assert line == (
        f"aelyst-contract check-spec: {CONTACT_SPEC_PATH}: the misreads rule cannot check it:"
        " KeyError: 'schema' (a bug in the rule: please report it)"
    )


def test_a_file_too_large_for_a_spec_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import aelyst_contract._specs as specs

    monkeypatch.setattr(specs, "MAX_SPEC_BYTES", 1_000)
    path = tmp_path / "huge.yaml"
    path.write_text("x: " + "y" * 2_000 + "\n", encoding="utf-8")
    assert main(["check-spec", str(path)]) == 2
    assert _one_error_line(capsys) == (
        f"aelyst-contract check-spec: {path}: too large for a spec"
        " (2,004 bytes; the limit is 1,000)"
    )
