"""The CLI's own behaviour: exit codes and one-line errors (no tracebacks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aelyst_contract.cli import main


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
