"""External `$ref`s: followed next to the spec file, and at the same git ref with `--base`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from aelyst_contract.cli import main
from aelyst_contract.specdiff import RefError, bundle, diff_specs, load_file

CORPUS = Path(__file__).parent / "corpus"
PAIR = CORPUS / "external-ref-target-changed"
SPEC = (CORPUS / "identical" / "old.yaml").read_text("utf-8")
LOCAL_TAG = """    MessageTag:
      title: MessageTag
      type: string
      enum:
      - ACCOUNT_UPDATE
      - POST_PURCHASE_UPDATE
      - CONFIRMED_EVENT_UPDATE
"""
EXTERNAL_TAG = "    MessageTag:\n      $ref: shared/tags.yaml#/MessageTag\n"
TAGS = "MessageTag:\n  type: string\n  enum: [ACCOUNT_UPDATE, POST_PURCHASE_UPDATE{extra}]\n"


def _write_spec(directory: Path, *, extra_tag: str = "") -> Path:
    assert LOCAL_TAG in SPEC
    (directory / "shared").mkdir(exist_ok=True)
    (directory / "shared" / "tags.yaml").write_text(TAGS.format(extra=extra_tag), "utf-8")
    spec = directory / "spec.yaml"
    spec.write_text(SPEC.replace(LOCAL_TAG, EXTERNAL_TAG), "utf-8")
    return spec


def test_a_missing_external_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _write_spec(tmp_path)
    (tmp_path / "shared" / "tags.yaml").unlink()
    assert main(["diff", str(CORPUS / "identical" / "old.yaml"), str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "external $ref: no such file" in err
    assert "tags.yaml" in err


def test_an_unchanged_external_file_gives_no_findings(tmp_path: Path) -> None:
    spec = load_file(_write_spec(tmp_path))
    assert diff_specs(spec.document, spec.document, loaders=(spec.loader, spec.loader)) == []


def test_bundle_inlines_external_refs_and_keeps_local_ones() -> None:
    source = load_file(PAIR / "new.yaml")
    bundled = bundle(source.document, source.loader)
    tag = bundled["components"]["schemas"]["MessageTag"]
    assert tag["enum"] == ["ACCOUNT_UPDATE", "POST_PURCHASE_UPDATE"]
    assert "$ref" not in tag
    text = bundled["components"]["schemas"]["TextMessage"]["properties"]["messageTag"]
    assert text == {"$ref": "#/components/schemas/MessageTag"}
    with pytest.raises(RefError):
        diff_specs(source.document, source.document)  # no loader: external refs refused


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_base_ref_reads_external_files_at_that_ref(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _git(tmp_path, "init", "-q")
    spec = _write_spec(tmp_path, extra_tag=", CONFIRMED_EVENT_UPDATE")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "base")
    _write_spec(tmp_path)  # the working tree's external file drops a value
    monkeypatch.chdir(tmp_path)

    assert main(["diff", "--base", "HEAD", str(spec), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert '"kind": "enum-value-removed"' in out
    assert "messageTag/enum" in out
