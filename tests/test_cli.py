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


def test_missing_spec_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-spec", str(tmp_path / "nope.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no such spec file" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("content", ["openapi: [unclosed", "- just\n- a list\n", ""])
def test_unreadable_spec_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    assert main(["check-spec", str(path)]) == 2
    err = capsys.readouterr().err
    assert "cannot read" in err
    assert "Traceback" not in err


PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "aelyst_contract"
# Command-line modules: they parse arguments and turn domain errors into one-line messages.
CLI_MODULES = {"cli.py", "_errors.py", "_bench_emulator.py"}


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
        "check-spec", "detect", "diff", "emulate", "fuzz", "generate",
    }  # fmt: skip
    handlers = {name: sub.get_default("handler") for name, sub in subparsers.choices.items()}
    modules = {handler.__module__ for handler in handlers.values()}
    assert modules == set(command_modules())
