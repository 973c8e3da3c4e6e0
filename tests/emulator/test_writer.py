"""Group commit: a resolved write is committed; a failing write fails alone."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from aelyst_contract.emulator._writer import GroupCommitWriter


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    return db


def test_resolved_writes_are_committed_and_failures_stay_alone(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    setup = _connect(path)
    setup.execute("CREATE TABLE t (x INTEGER UNIQUE)")
    writer = GroupCommitWriter(_connect(path))

    def insert(n: int) -> Callable[[sqlite3.Connection], int | None]:
        return lambda db: db.execute("INSERT INTO t VALUES (?)", (n % 50,)).lastrowid

    # 10 duplicates among 60 inserts: each must fail on its own.
    futures = [writer.submit(insert(n)) for n in range(60)]
    outcomes = [f.exception() is None for f in futures]
    writer.close()
    assert outcomes == [True] * 50 + [False] * 10
    assert isinstance(futures[-1].exception(), sqlite3.IntegrityError)
    reader = _connect(path)
    assert reader.execute("SELECT COUNT(*) FROM t").fetchone() == (50,)


def test_run_sync_returns_the_job_result(tmp_path: Path) -> None:
    writer = GroupCommitWriter(_connect(tmp_path / "w.db"))
    assert writer.run_sync(lambda db: db.execute("SELECT 41 + 1").fetchone()[0]) == 42
    with pytest.raises(ZeroDivisionError):
        writer.run_sync(lambda db: 1 // 0)
    writer.close()


def test_async_callers_are_settled_together_and_cancellation_is_harmless(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    _connect(path).execute("CREATE TABLE t (x INTEGER)")
    writer = GroupCommitWriter(_connect(path))

    def insert(n: int) -> Callable[[sqlite3.Connection], int | None]:
        return lambda db: db.execute("INSERT INTO t VALUES (?)", (n,)).lastrowid

    async def main() -> list[int | None]:
        abandoned = asyncio.ensure_future(writer.run(insert(-1)))
        abandoned.cancel()
        return list(await asyncio.gather(*(writer.run(insert(n)) for n in range(20))))

    rowids = asyncio.run(main())
    writer.close()
    assert len(set(rowids)) == 20
    # The abandoned write may or may not have been committed; the others all were.
    count = _connect(path).execute("SELECT COUNT(*) FROM t WHERE x >= 0").fetchone()
    assert count == (20,)
