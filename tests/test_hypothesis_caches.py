"""Hypothesis' caches go to the user's cache directory while the project runs hypothesis."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis.configuration import storage_directory

from aelyst_contract._hypothesis_caches import hypothesis_caches


def _home() -> Path:
    return storage_directory(intent_to_write=False).home_directory


def test_the_caches_live_in_the_user_cache_directory_for_the_block_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HYPOTHESIS_STORAGE_DIRECTORY", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    before = _home()
    with hypothesis_caches():
        assert _home() == tmp_path / "aelyst-contract" / "hypothesis"
        assert storage_directory("constants").path.is_relative_to(tmp_path)
    assert _home() == before


def test_without_xdg_cache_home_they_go_under_dot_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HYPOTHESIS_STORAGE_DIRECTORY", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    with hypothesis_caches():
        assert _home() == tmp_path / ".cache" / "aelyst-contract" / "hypothesis"


def test_a_place_the_user_named_stands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HYPOTHESIS_STORAGE_DIRECTORY", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    before = _home()
    with hypothesis_caches():
        assert _home() == before
