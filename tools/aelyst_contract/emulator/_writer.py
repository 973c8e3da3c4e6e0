"""Group commit: one writer thread commits every queued write in one transaction (one fsync).

With synchronous=FULL each commit costs an fsync (~4 ms here). Committing writes one by one on the
event loop would cap sends near 250/s and stall every other request meanwhile. The writer thread
takes all writes waiting, runs them in one transaction, commits once (if one write fails, each is
retried in a transaction of its own, so it alone fails), and only then settles each caller's
future: an acknowledged write is on disk.

Gathering a batch waits for as many writes as the last batch held (the writers that got their
answers from it and are writing again), at most `_GATHER_SECONDS`: a lone writer is committed at
once, ten connections in step share one fsync, and nobody waits for a write that is not coming.

Cheap hand-offs matter as much as the fsync: few statements per write (each releases and re-takes
the GIL, which the event loop holds most of the time), and one wake-up of the event loop per batch
(not one per write) to settle all of that loop's futures.
"""

from __future__ import annotations

import asyncio
import queue
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = ["GroupCommitWriter", "Job"]

T = TypeVar("T")
Job = Callable[[sqlite3.Connection], Any]
_MAX_BATCH = 512
_GATHER_SECONDS = 0.001


@dataclass
class _Pending:
    job: Job
    # Exactly one of: a thread's future, or an event loop and its future.
    future: Future[Any] | None = None
    loop: asyncio.AbstractEventLoop | None = None
    waiter: asyncio.Future[Any] | None = None


_Outcome = tuple[_Pending, Any, BaseException | None]


class GroupCommitWriter:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._jobs: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="emulator-writer", daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[sqlite3.Connection], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put(_Pending(job, future=future))
        return future

    async def run(self, job: Callable[[sqlite3.Connection], T]) -> T:
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[T] = loop.create_future()
        self._jobs.put(_Pending(job, loop=loop, waiter=waiter))
        return await waiter

    def run_sync(self, job: Callable[[sqlite3.Connection], T]) -> T:
        return self.submit(job).result()

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=10)

    def _run(self) -> None:
        expected = 1
        while True:
            first = self._jobs.get()
            if first is None:
                return
            batch, stop = self._gather(first, expected)
            _settle(self._commit(batch))
            expected = len(batch)
            if stop:
                return

    def _gather(self, first: _Pending, expected: int) -> tuple[list[_Pending], bool]:
        """`first` and the writes queued behind it; waits up to `_GATHER_SECONDS` for `expected`
        writes in all (the clients of the last batch, sending again), then takes whatever else
        is already queued: one fsync for all of them rather than one for the first and another
        for the rest. Also says whether the writer was asked to stop."""
        batch = [first]
        deadline = time.monotonic() + _GATHER_SECONDS
        while len(batch) < _MAX_BATCH:
            remaining = deadline - time.monotonic() if len(batch) < expected else 0.0
            try:
                item = (
                    self._jobs.get(timeout=remaining) if remaining > 0 else self._jobs.get_nowait()
                )
            except queue.Empty:
                return batch, False
            if item is None:
                return batch, True
            batch.append(item)
        return batch, False

    def _commit(self, batch: list[_Pending]) -> list[_Outcome]:
        """All jobs in one transaction; if one fails, each job again in its own transaction."""
        try:
            results = self._transaction([pending.job for pending in batch])
        except Exception as error:
            if len(batch) == 1:
                return [(batch[0], None, error)]
            return [outcome for pending in batch for outcome in self._commit([pending])]
        return [(pending, result, None) for pending, result in zip(batch, results, strict=True)]

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


def _settle(outcomes: list[_Outcome]) -> None:
    by_loop: dict[asyncio.AbstractEventLoop, list[_Outcome]] = defaultdict(list)
    for outcome in outcomes:
        pending, result, error = outcome
        if pending.future is not None:
            if error is None:
                pending.future.set_result(result)
            else:
                pending.future.set_exception(error)
        elif pending.loop is not None:
            by_loop[pending.loop].append(outcome)
    for loop, items in by_loop.items():
        try:
            loop.call_soon_threadsafe(_settle_in_loop, items)
        except RuntimeError:
            # The loop has closed: nobody is waiting any more.
            continue


def _settle_in_loop(items: list[_Outcome]) -> None:
    for pending, result, error in items:
        waiter = pending.waiter
        if waiter is None or waiter.done():  # cancelled: the client went away
            continue
        if error is None:
            waiter.set_result(result)
        else:
            waiter.set_exception(error)
