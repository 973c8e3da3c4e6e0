"""The CI integration files hold together: the composite action (action.yml), the pre-commit hooks
(.pre-commit-hooks.yaml) and the workflows in docs/ci.md parse, have the shape their consumers
expect, and every `aelyst-contract ...` command they run is one the real parser accepts."""

from __future__ import annotations

import argparse
import re
import shlex
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.specifiers import SpecifierSet

from aelyst_contract._specs import SPEC_PATHS
from aelyst_contract.cli import build_parser

REPO_ROOT = Path(__file__).resolve().parents[1]
ACTION = REPO_ROOT / "action.yml"
HOOKS = REPO_ROOT / ".pre-commit-hooks.yaml"
CI_DOC = REPO_ROOT / "docs" / "ci.md"
TOOL = "aelyst-contract"

# `${{ ... }}` (GitHub expressions), `${VAR:+words}` (words when VAR is set), `$VAR` / `${VAR}`.
_EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
_WHEN_SET = re.compile(r"\$\{\w+:\+([^}]*)\}")
_VARIABLE = re.compile(r"\$(\w+|\{\w+\})")
_INPUT_USE = re.compile(r"\$\{\{[^}]*?\binputs\.([A-Za-z0-9_-]+)")
_COMMAND_START = re.compile(rf"(?:^|[\s;&|(`]){re.escape(TOOL)}\s+(?=[a-z])")
_SHELL_OPERATORS = {">", ">>", "<", "|", "||", "&&", ";", "&", ")", "2>&1", "2>"}
PLACEHOLDER = "placeholder"


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _action() -> dict[str, Any]:
    action = _load(ACTION)
    assert isinstance(action, dict)
    return action


def _hooks() -> list[dict[str, Any]]:
    hooks = _load(HOOKS)
    assert isinstance(hooks, list)
    return hooks


def _steps() -> list[dict[str, Any]]:
    steps = _action()["runs"]["steps"]
    assert isinstance(steps, list)
    return steps


def _doc_blocks(language: str | None = None) -> list[str]:
    """The fenced code blocks of docs/ci.md (of one language, when given)."""
    text = CI_DOC.read_text(encoding="utf-8")
    return [
        body
        for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
        if language is None or lang == language
    ]


# --- finding and parsing the commands ----------------------------------------------------------


def _subcommand_parsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(subparsers.choices)


def _tool_commands(script: str) -> Iterator[list[str]]:
    """The argument lists after each `aelyst-contract` a shell script (or a doc's code) runs,
    expressions and variables still in place, up to the first shell operator."""
    script = script.replace("\\\n", " ")
    for line in script.splitlines():
        if line.lstrip().startswith("#"):
            continue
        for start in _COMMAND_START.finditer(line):
            if line[: start.start()].count('"') % 2:
                continue  # inside a quoted string: words printed, not a command run
            rest = _WHEN_SET.sub(r"\1", _EXPRESSION.sub(PLACEHOLDER, line[start.end() :]))
            words: list[str] = []
            for word in shlex.split(rest, comments=True):
                if word in _SHELL_OPERATORS or word.startswith((">", "2>")):
                    break
                words.append(word)
            yield words


def _concrete(words: list[str]) -> list[str]:
    """`words` with each variable replaced by a value of the kind its option takes."""
    command, *args = words
    options = _subcommand_parsers()[command]._option_string_actions if words else {}
    concrete = [command]
    for index, word in enumerate(args):
        if not _VARIABLE.search(word) and PLACEHOLDER not in word:
            concrete.append(word)
            continue
        action = options.get(args[index - 1]) if index else None
        if action is not None and action.choices:
            concrete.append(str(next(iter(action.choices))))
        elif action is not None and action.type is int:
            concrete.append("1")
        else:
            concrete.append(PLACEHOLDER)
    return concrete


def _rejection(words: list[str]) -> str | None:
    """Why the real parser refuses these arguments, or None when it accepts them."""
    if not words or words[0] not in _subcommand_parsers():
        return f"not a sub-command: {words[:1]}"
    try:
        build_parser().parse_args(_concrete(words))
    except SystemExit as exit_:
        return f"{shlex.join(words)}: rejected (exit {exit_.code})"
    return None


def _action_commands() -> list[list[str]]:
    return [
        words for step in _steps() if "run" in step for words in _tool_commands(str(step["run"]))
    ]


def _hook_commands() -> list[list[str]]:
    return [words for hook in _hooks() for words in _tool_commands(str(hook["entry"]))]


def _doc_commands() -> list[list[str]]:
    return [words for block in _doc_blocks() for words in _tool_commands(block)]


def test_the_command_finder_sees_through_expressions_variables_and_redirections() -> None:
    script = (
        "# aelyst-contract gate comment\n"
        'echo "title=aelyst-contract $name" "## aelyst-contract gates"\n'
        'run_gate diff aelyst-contract diff --base "$BASE" \\\n  --fail-on x > "$dir/d.sarif"\n'
        'uv run aelyst-contract fuzz --budget ${{ inputs.budget }} ${P:+--profile "$P"}  # c\n'
    )
    assert list(_tool_commands(script)) == [
        ["diff", "--base", "$BASE", "--fail-on", "x"],
        ["fuzz", "--budget", PLACEHOLDER, "--profile", "$P"],
    ]


def test_the_parser_check_refuses_what_the_real_parser_refuses() -> None:
    assert _rejection(["fuzz", "--api", "$API", "--budget", "$B"]) is None
    assert _rejection(["fuzz", "--no-such-flag"]) is not None
    assert _rejection(["fuzz", "--api", "mars"]) is not None
    assert _rejection(["gate"]) is not None
    assert _rejection(["generate", "--check", "extra-positional"]) is not None


# --- action.yml --------------------------------------------------------------------------------


def test_action_is_a_composite_action_with_name_description_and_branding() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert action["name"]
    assert action["description"]
    assert set(action["branding"]) == {"icon", "color"}


def test_every_run_step_names_its_shell() -> None:
    steps = _steps()
    assert any("run" in step for step in steps)
    for step in steps:
        assert ("run" in step) != ("uses" in step), step.get("name")
        if "run" in step:
            assert step.get("shell") in {"bash", "sh", "pwsh", "python"}, step.get("name")


def test_every_input_used_is_declared_and_every_input_is_described() -> None:
    inputs = _action()["inputs"]
    used = set(_INPUT_USE.findall(ACTION.read_text(encoding="utf-8")))
    assert used
    assert used <= set(inputs), used - set(inputs)
    for name, spec in inputs.items():
        assert str(spec.get("description", "")).strip(), f"input {name} has no description"
    assert set(inputs) >= {"api", "budget", "profile", "base", "report-dir", "fail-on"}
    assert {"python-version", "uv-version"} <= set(inputs)


def test_outputs_are_described_and_come_from_a_step() -> None:
    outputs = _action()["outputs"]
    assert set(outputs) >= {"report-dir", "verdict"}
    step_ids = {step["id"] for step in _steps() if "id" in step}
    for name, spec in outputs.items():
        assert str(spec.get("description", "")).strip(), f"output {name} has no description"
        (step_id,) = re.findall(r"steps\.([\w-]+)\.outputs", spec["value"])
        assert step_id in step_ids


def test_used_actions_are_pinned_to_a_major_version() -> None:
    uses = [str(step["uses"]) for step in _steps() if "uses" in step]
    assert {u.split("@")[0] for u in uses} == {
        "actions/setup-python",
        "actions/upload-artifact",
        "github/codeql-action/upload-sarif",
    }
    for used in uses:
        assert re.fullmatch(r"[\w./-]+@v\d+", used), used


def test_uploads_run_always_and_the_job_fails_only_after_them() -> None:
    steps = _steps()
    uploads = [i for i, step in enumerate(steps) if "upload" in str(step.get("uses", ""))]
    assert len(uploads) == 4  # the reports, and SARIF of check-spec, diff and fuzz
    for index in uploads:
        assert str(steps[index].get("if", "")).startswith("always()")
    last = steps[-1]
    assert last.get("if") == "always()"
    assert "exit 1" in last["run"]
    assert max(uploads) < len(steps) - 1


def test_the_gates_run_in_order_on_the_real_parser() -> None:
    commands = _action_commands()
    assert [words[0] for words in commands] == ["check-spec", "generate", "diff", "fuzz"]
    for words in commands:
        assert _rejection(words) is None, _rejection(words)
    check_spec, generate, diff, fuzz = commands
    assert check_spec[1:] == ["--format", "sarif"]
    assert generate[1:] == ["--check"]
    assert {"--base", "--fail-on", "--format"} <= set(diff)
    assert diff[diff.index("--format") + 1] == "sarif"
    assert {"--api", "--budget", "--report-dir", "--profile", "--seed"} <= set(fuzz)


def test_input_defaults_are_values_the_tool_accepts() -> None:
    inputs = _action()["inputs"]
    fuzz = ["fuzz", "--api", inputs["api"]["default"], "--budget", inputs["budget"]["default"]]
    diff = ["diff", "--base", "HEAD", "--fail-on", inputs["fail-on"]["default"]]
    for words in (fuzz, diff):
        assert _rejection(words) is None, _rejection(words)
    with (REPO_ROOT / "pyproject.toml").open("rb") as handle:
        requires_python = tomllib.load(handle)["project"]["requires-python"]
    assert SpecifierSet(requires_python).contains(inputs["python-version"]["default"])
    ci_script = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f'"uv=={inputs["uv-version"]["default"]}"' in ci_script


def test_no_step_splices_an_input_into_a_script() -> None:
    # Inputs reach scripts through env (script injection otherwise), and nothing traces commands.
    for step in _steps():
        if "run" in step:
            assert "${{" not in step["run"], step.get("name")
            assert "set -x" not in step["run"]


# --- .pre-commit-hooks.yaml --------------------------------------------------------------------


def _console_scripts() -> Mapping[str, str]:
    with (REPO_ROOT / "pyproject.toml").open("rb") as handle:
        scripts = tomllib.load(handle)["project"]["scripts"]
    assert isinstance(scripts, dict)
    return scripts


def test_hooks_have_the_keys_pre_commit_requires_and_run_the_console_script() -> None:
    hooks = _hooks()
    assert [hook["id"] for hook in hooks] == ["aelyst-check-spec", "aelyst-generate-check"]
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook), hook
        assert hook["language"] == "python"  # pre-commit installs this repository as a package
        assert hook["pass_filenames"] is False
        assert shlex.split(hook["entry"])[0] in _console_scripts()
        assert re.compile(hook["files"]).search("spec/contact-messaging.yaml")


def test_hook_commands_are_accepted_by_the_real_parser() -> None:
    commands = _hook_commands()
    assert [words[0] for words in commands] == ["check-spec", "generate"]
    for words in commands:
        assert _rejection(words) is None, _rejection(words)
    check_spec, generate = commands
    # An installed tool reads its packaged specs by default: the hook names the working tree's.
    assert sorted(check_spec[1:]) == sorted(f"spec/{path.name}" for path in SPEC_PATHS.values())
    assert all((REPO_ROOT / path).is_file() for path in check_spec[1:])
    assert generate[1:] == ["--check"]


def test_the_drift_hook_installs_the_generate_extra() -> None:
    with (REPO_ROOT / "pyproject.toml").open("rb") as handle:
        extra = tomllib.load(handle)["project"]["optional-dependencies"]["generate"]
    (hook,) = [h for h in _hooks() if h["id"] == "aelyst-generate-check"]
    assert sorted(hook["additional_dependencies"]) == sorted(extra)


# --- docs/ci.md --------------------------------------------------------------------------------


def test_the_doc_s_yaml_blocks_parse_and_use_only_the_action_s_inputs() -> None:
    blocks = _doc_blocks("yaml")
    assert len(blocks) >= 5  # two workflows, GitLab, two pre-commit configs
    declared = set(_action()["inputs"])
    uses_of_the_action = 0
    for block in blocks:
        for step in _mappings(yaml.safe_load(block)):
            if step.get("uses") == "./":
                uses_of_the_action += 1
                assert set(step.get("with", {})) <= declared, step
    assert uses_of_the_action >= 2


def _mappings(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _mappings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _mappings(item)


def test_the_doc_s_commands_are_accepted_by_the_real_parser() -> None:
    commands = _doc_commands()
    assert {words[0] for words in commands} == {"check-spec", "generate", "diff", "fuzz", "report"}
    for words in commands:
        assert _rejection(words) is None, _rejection(words)


def test_the_doc_s_gitlab_job_reports_junit_and_keeps_the_reports() -> None:
    (gitlab,) = [b for b in _doc_blocks("yaml") if "artifacts:" in b]
    job = yaml.safe_load(gitlab)["aelyst-contract"]
    assert job["artifacts"]["reports"]["junit"] == "reports/junit.xml"
    assert job["artifacts"]["when"] == "always"
    assert "reports/" in job["artifacts"]["paths"]


def test_readme_links_the_ci_doc() -> None:
    assert "](docs/ci.md)" in (REPO_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [ACTION, HOOKS], ids=lambda p: p.name)
def test_no_secret_value_is_written_into_the_ci_files(path: Path) -> None:
    # Only variable names: a value would be a leaked credential (or an emulator token habit).
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"(?i)(token|key)\s*[:=]\s*['\"]?[A-Za-z0-9_-]{12,}", text)
    assert "emu-" not in text
