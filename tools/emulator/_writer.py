"""Group commit: one writer thread commits every queued write in one transaction (one fsync).

With synchronous=FULL each commit costs an fsync (~4 ms here). Committing writes one by one on the
event loop would cap sends near 250/s and stall every other request meanwhile. The writer thread
takes all writes waiting, runs each in its own savepoint (one failing write does not undo the
others), commits once, and only then resolves each caller's future: an acknowledged write is on
disk.
"""

from __future__ import annotations

import asyncio
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")
Job = Callable[[sqlite3.Connection], Any]
_MAX_BATCH = 512


class GroupCommitWriter:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._jobs: queue.SimpleQueue[tuple[Job, Future[Any]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="emulator-writer", daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[sqlite3.Connection], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((job, future))
        return future

    async def run(self, job: Callable[[sqlite3.Connection], T]) -> T:
        return await asyncio.wrap_future(self.submit(job))

    def run_sync(self, job: Callable[[sqlite3.Connection], T]) -> T:
        return self.submit(job).result()

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            first = self._jobs.get()
            if first is None:
                return
            batch = [first]
            stop = False
            while len(batch) < _MAX_BATCH:
                try:
                    item = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            self._commit(batch)
            if stop:
                return

    def _commit(self, batch: list[tuple[Job, Future[Any]]]) -> None:
        db = self._db
        outcomes: list[tuple[Future[Any], Any, BaseException | None]] = []
        try:
            db.execute("BEGIN IMMEDIATE")
            for job, future in batch:
                db.execute("SAVEPOINT job")
                try:
                    result = job(db)
                except Exception as error:  # handed to the caller, who answers for it
                    db.execute("ROLLBACK TO job")
                    db.execute("RELEASE job")
                    outcomes.append((future, None, error))
                else:
                    db.execute("RELEASE job")
                    outcomes.append((future, result, None))
            db.execute("COMMIT")
        except sqlite3.Error as error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            outcomes = [(future, None, error) for _, future in batch]
        for future, result, failure in outcomes:
            if failure is None:
                future.set_result(result)
            else:
                future.set_exception(failure)
