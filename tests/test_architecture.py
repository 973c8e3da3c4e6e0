"""ARCHITECTURE.md stays a true map: short, every path it names exists, every module is on it."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = REPO_ROOT / "tools" / "aelyst_contract"
MAP = (REPO_ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
MAX_LINES = 150
_TOP_LEVEL = ("spec/", "generated/", "tests/", "contract_tests/", "docs/", "tools/")


def _where_things_live() -> list[str]:
    """The first column of the "Where things live" table, split into its backticked paths."""
    section = MAP.split("## Where things live", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [path for row in rows for path in re.findall(r"`([^`]+)`", row.split(" | ")[0])]


def _resolve(path: str) -> Path:
    if path.startswith(_TOP_LEVEL):
        return REPO_ROOT / path
    return PACKAGE_DIR / path


def test_the_map_is_short() -> None:
    assert len(MAP.splitlines()) <= MAX_LINES


def test_every_path_on_the_map_exists() -> None:
    paths = _where_things_live()
    assert len(paths) > 10, "the table was not found"
    missing = [p for p in paths if "*" not in p and not _resolve(p).exists()]
    assert missing == []


def test_every_module_of_the_package_is_on_the_map() -> None:
    entries = {
        path.name
        for path in PACKAGE_DIR.iterdir()
        if path.name not in {"__main__.py", "__pycache__", "_data"}
        and (path.suffix == ".py" or (path / "__init__.py").is_file())
    }
    assert len(entries) > 10
    patterns = {Path(p.rstrip("/")).name for p in _where_things_live()}
    unnamed = sorted(e for e in entries if not any(fnmatch.fnmatch(e, p) for p in patterns))
    assert unnamed == []


def test_every_document_the_map_points_to_exists() -> None:
    documents = set(re.findall(r"docs/[\w-]+\.md", MAP))
    assert documents, "the map points to no reference document"
    assert sorted(d for d in documents if not (REPO_ROOT / d).is_file()) == []
