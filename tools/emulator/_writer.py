"""Group commit: one writer thread commits every queued write in one transaction (one fsync).

With synchronous=FULL each commit costs an fsync (~4 ms here). Committing writes one by one on the
event loop would cap sends near 250/s and stall every other request meanwhile. The writer thread
takes all writes waiting, runs them in one transaction, commits once (if one write fails, each is
retried in a transaction of its own, so it alone fails), and only then resolves each caller's
future: an acknowledged write is on disk. Few statements per write matter: each one releases and
re-takes the GIL, which the event loop holds most of the time.
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
        """All jobs in one transaction; if one fails, each job again in its own transaction."""
        try:
            results = self._transaction([job for job, _ in batch])
        except Exception as error:
            if len(batch) == 1:
                batch[0][1].set_exception(error)
                return
            for job, future in batch:
                self._commit([(job, future)])
            return
        for (_, future), result in zip(batch, results, strict=True):
            future.set_result(result)

    def _transaction(self, jobs: list[Job]) -> list[Any]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            results = [job(db) for job in jobs]
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return results
