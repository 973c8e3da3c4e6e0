"""The emulator's state in SQLite (stdlib): WAL, synchronous=FULL, commit before acknowledging.

A send is acknowledged (2xx) only after its transaction is committed, so it survives kill -9.
Message ids grow with insertion order, which is what keyset paging relies on: new messages only
ever land after every existing one.

Rows keep what was sent (as JSON) and when; statuses are derived from the clock at read time
(`_timeline.py`), so nothing needs a background job and a restart resumes every timeline.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from aelyst_contract.emulator._config import EmulatorConfig
from aelyst_contract.emulator._writer import GroupCommitWriter

__all__ = [
    "FIRST_CONTACT_MESSAGE_ID",
    "ChannelMessageRow",
    "ContactMessageRow",
    "ContactRow",
    "MediaRow",
    "Store",
    "StoreError",
]

T = TypeVar("T")

# Contact message ids start high so they are never confused with contact or channel ids.
FIRST_CONTACT_MESSAGE_ID = 1_000_001

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contacts (
    id INTEGER PRIMARY KEY,
    email TEXT UNIQUE,
    phone TEXT UNIQUE,
    last_channel_id INTEGER,
    last_incoming_at REAL
);
CREATE TABLE IF NOT EXISTS contact_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    traffic TEXT NOT NULL,
    content TEXT NOT NULL,
    sender TEXT,
    channel_message_id TEXT NOT NULL,
    created_at REAL NOT NULL,
    fails INTEGER NOT NULL,
    via_api INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS contact_messages_by_contact ON contact_messages (contact_id, id);
CREATE TABLE IF NOT EXISTS channel_contacts (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    identifier_key TEXT NOT NULL,
    identifier_value TEXT NOT NULL,
    UNIQUE (workspace_id, identifier_key, identifier_value)
);
CREATE TABLE IF NOT EXISTS channel_messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    workspace_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    direction TEXT NOT NULL,
    doc TEXT NOT NULL,
    created_at REAL NOT NULL,
    start_at REAL NOT NULL,
    fails INTEGER NOT NULL,
    via_api INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS channel_messages_by_workspace ON channel_messages (workspace_id, seq);
CREATE INDEX IF NOT EXISTS channel_messages_by_channel ON channel_messages (channel_id, seq);
CREATE TABLE IF NOT EXISTS media (
    key TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    channel_id TEXT,
    content_type TEXT NOT NULL,
    data BLOB,
    uploaded_at REAL
);
CREATE TABLE IF NOT EXISTS queues (channel_id INTEGER PRIMARY KEY, full INTEGER NOT NULL);
"""


class StoreError(RuntimeError):
    """The database cannot be opened or used (a one-line reason)."""


@dataclass(frozen=True)
class ContactRow:
    id: int
    email: str | None
    phone: str | None
    last_channel_id: int | None
    last_incoming_at: float | None


@dataclass(frozen=True)
class ContactMessageRow:
    id: int
    contact_id: int
    channel_id: int
    traffic: str
    content: dict[str, Any]
    sender: dict[str, Any] | None
    channel_message_id: str
    created_at: float
    fails: bool
    via_api: bool


@dataclass(frozen=True)
class ChannelMessageRow:
    seq: int
    id: str
    workspace_id: str
    channel_id: str
    direction: str
    doc: dict[str, Any]
    created_at: float
    start_at: float
    fails: bool
    via_api: bool


@dataclass(frozen=True)
class MediaRow:
    key: str
    workspace_id: str
    channel_id: str | None
    content_type: str
    data: bytes | None


def _connect(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA busy_timeout=10000")
    return db


class Store:
    """Reads on one connection (under a lock); writes through `_write*`.

    A file database gets a second connection owned by the group-commit writer thread; WAL lets
    reads proceed while it commits. `:memory:` has nothing to fsync: one connection, inline writes.
    """

    def __init__(self, path: str, config: EmulatorConfig, now: float) -> None:
        self._config = config
        self._lock = threading.RLock()
        self._writer: GroupCommitWriter | None = None
        try:
            self._db = _connect(path)
            self._db.executescript(_SCHEMA)
            # "" is an anonymous temporary database per connection: treated like :memory:.
            if path not in ("", ":memory:"):
                self._writer = GroupCommitWriter(_connect(path))
        except sqlite3.Error as error:
            raise StoreError(f"cannot open database {path!r}: {error}") from error
        self._full_queues: frozenset[int] = frozenset()
        self._write_sync(lambda db: self._seed(db, now))
        self._load_queues()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        with self._lock:
            self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _write_sync(self, job: Callable[[sqlite3.Connection], T]) -> T:
        """Committed when this returns. May block for one group commit."""
        if self._writer is not None:
            return self._writer.run_sync(job)
        with self._tx() as db:
            return job(db)

    async def _write(self, job: Callable[[sqlite3.Connection], T]) -> T:
        """Committed when this returns; the event loop keeps serving meanwhile."""
        if self._writer is not None:
            return await self._writer.run(job)
        with self._tx() as db:
            return job(db)

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row | tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # -- meta, seeding, reset ------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self._write_sync(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value)
            )
        )

    def _seed(self, db: sqlite3.Connection, now: float) -> None:
        """Seed once per database: a restart keeps the state (and the epoch) it finds."""
        db.execute(
            "INSERT OR IGNORE INTO sqlite_sequence (name, seq) SELECT 'contact_messages', ? "
            "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'contact_messages')",
            (FIRST_CONTACT_MESSAGE_ID - 1,),
        )
        if db.execute("SELECT 1 FROM meta WHERE key = 'seeded'").fetchone():
            return
        # Seeded contacts' incoming times count from the first start.
        seeded_at = now
        for contact in self._config.contacts:
            last_incoming = (
                None
                if contact.last_incoming_offset is None
                else seeded_at + contact.last_incoming_offset
            )
            db.execute(
                "INSERT OR IGNORE INTO contacts (id, email, phone, last_channel_id, "
                "last_incoming_at) VALUES (?, ?, ?, ?, ?)",
                (contact.id, contact.email, contact.phone, contact.last_channel_id, last_incoming),
            )
        for channel in self._config.contact_channels:
            db.execute(
                "INSERT OR IGNORE INTO queues (channel_id, full) VALUES (?, ?)",
                (channel.id, int(channel.queue_full)),
            )
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded', '1')")

    def reset(self, now: float) -> None:
        self._write_sync(lambda db: self._reset(db, now))
        self._load_queues()

    def _reset(self, db: sqlite3.Connection, now: float) -> None:
        for table in (
            "contacts",
            "contact_messages",
            "channel_contacts",
            "channel_messages",
            "media",
            "queues",
        ):
            db.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
        db.execute("DELETE FROM sqlite_sequence")
        db.execute("DELETE FROM meta WHERE key = 'seeded'")
        self._seed(db, now)

    # -- contact API ---------------------------------------------------------------------------

    def contact_by_id(self, contact_id: int) -> ContactRow | None:
        rows = self._query("SELECT * FROM contacts WHERE id = ?", (contact_id,))
        return _contact(rows[0]) if rows else None

    def contact_by(self, kind: str, value: str) -> ContactRow | None:
        column = _IDENTIFIER_COLUMNS[kind]
        rows = self._query(
            f"SELECT * FROM contacts WHERE {column} = ?",  # noqa: S608 (column from a fixed map)
            (value,),
        )
        return _contact(rows[0]) if rows else None

    def queue_full(self, channel_id: int) -> bool:
        # Asked on every send and get: answered from memory, kept in step with the table.
        return channel_id in self._full_queues

    def _load_queues(self) -> None:
        rows = self._query("SELECT channel_id FROM queues WHERE full = 1")
        self._full_queues = frozenset(int(row[0]) for row in rows)

    def set_queue_full(self, channel_id: int, full: bool) -> None:
        self._write_sync(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO queues (channel_id, full) VALUES (?, ?)",
                (channel_id, int(full)),
            )
        )
        self._load_queues()

    async def insert_contact_message(
        self,
        *,
        contact_kind: str,
        contact_value: str | int,
        channel_id: int,
        traffic: str,
        content: dict[str, Any],
        sender: dict[str, Any] | None,
        now: float,
        fails: bool,
        via_api: bool,
    ) -> tuple[int, int]:
        """Store one message, creating an email/phone contact on first use: (message, contact id).

        Incoming messages also move the contact's last interacted channel and incoming time.
        """

        def job(db: sqlite3.Connection) -> tuple[int, int]:
            if contact_kind == "id":
                contact_id = int(contact_value)
            else:
                column = "email" if contact_kind == "email" else "phone"
                row = db.execute(
                    f"SELECT id FROM contacts WHERE {column} = ?",  # noqa: S608 (fixed map)
                    (contact_value,),
                ).fetchone()
                if row is None:
                    cursor = db.execute(
                        f"INSERT INTO contacts ({column}) VALUES (?)",  # noqa: S608 (fixed map)
                        (contact_value,),
                    )
                    contact_id = int(cursor.lastrowid or 0)
                else:
                    contact_id = int(row[0])
            cursor = db.execute(
                "INSERT INTO contact_messages (contact_id, channel_id, traffic, content, sender, "
                "channel_message_id, created_at, fails, via_api) "
                "VALUES (?, ?, ?, ?, ?, '', ?, ?, ?)",
                (
                    contact_id,
                    channel_id,
                    traffic,
                    json.dumps(content),
                    None if sender is None else json.dumps(sender),
                    now,
                    int(fails),
                    int(via_api),
                ),
            )
            message_id = int(cursor.lastrowid or 0)
            if traffic == "incoming":
                db.execute(
                    "UPDATE contacts SET last_channel_id = ?, last_incoming_at = ? WHERE id = ?",
                    (channel_id, now, contact_id),
                )
            return message_id, contact_id

        return await self._write(job)

    def contact_message(self, contact_id: int, message_id: int) -> ContactMessageRow | None:
        rows = self._query(
            "SELECT * FROM contact_messages WHERE id = ? AND contact_id = ?",
            (message_id, contact_id),
        )
        return _contact_message(rows[0]) if rows else None

    def contact_and_message(
        self, kind: str, value: str | int, message_id: int
    ) -> tuple[ContactRow | None, ContactMessageRow | None]:
        """The contact (by id, email or phone) and its message `message_id`: one read, not two
        (get-message is the hottest read)."""
        column = _IDENTIFIER_COLUMNS[kind]
        rows = self._query(
            "SELECT c.*, m.* FROM contacts c LEFT JOIN contact_messages m"  # noqa: S608 (fixed map)
            f" ON m.id = ? AND m.contact_id = c.id WHERE c.{column} = ?",
            (message_id, int(value) if kind == "id" else value),
        )
        if not rows:
            return None, None
        row = rows[0]
        return _contact(row[:_CONTACT_COLUMNS]), (
            None if row[_CONTACT_COLUMNS] is None else _contact_message(row[_CONTACT_COLUMNS:])
        )

    def contact_messages_after(
        self, contact_id: int, after_id: int, limit: int, *, include_api_sent: bool = True
    ) -> list[ContactMessageRow]:
        """Oldest first, ids strictly greater than `after_id`."""
        api_filter = "" if include_api_sent else " AND via_api = 0"
        rows = self._query(
            "SELECT * FROM contact_messages WHERE contact_id = ? AND id > ?"  # noqa: S608
            + api_filter
            + " ORDER BY id LIMIT ?",
            (contact_id, after_id, limit),
        )
        return [_contact_message(row) for row in rows]

    def contact_messages_before(
        self, contact_id: int, before_id: int, limit: int, *, include_api_sent: bool = True
    ) -> list[ContactMessageRow]:
        """The `limit` messages just before `before_id`, oldest first."""
        api_filter = "" if include_api_sent else " AND via_api = 0"
        rows = self._query(
            "SELECT * FROM contact_messages WHERE contact_id = ? AND id < ?"  # noqa: S608
            + api_filter
            + " ORDER BY id DESC LIMIT ?",
            (contact_id, before_id, limit),
        )
        return [_contact_message(row) for row in reversed(rows)]

    def contact_message_count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM contact_messages")[0][0])

    # -- channel API ---------------------------------------------------------------------------

    @staticmethod
    def _resolve_channel_contact(
        db: sqlite3.Connection, workspace_id: str, identifier_key: str, identifier_value: str
    ) -> str:
        row = db.execute(
            "SELECT id FROM channel_contacts WHERE workspace_id = ? AND identifier_key = ? "
            "AND identifier_value = ?",
            (workspace_id, identifier_key, identifier_value),
        ).fetchone()
        if row is not None:
            return str(row[0])
        contact_id = str(uuid.uuid4())
        db.execute(
            "INSERT INTO channel_contacts (id, workspace_id, identifier_key, identifier_value) "
            "VALUES (?, ?, ?, ?)",
            (contact_id, workspace_id, identifier_key, identifier_value),
        )
        return contact_id

    def channel_contact(self, workspace_id: str, contact_id: str) -> tuple[str, str] | None:
        """(identifier key, value) of a workspace's contact."""
        rows = self._query(
            "SELECT identifier_key, identifier_value FROM channel_contacts "
            "WHERE workspace_id = ? AND id = ?",
            (workspace_id, contact_id),
        )
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    async def insert_channel_message(
        self,
        *,
        workspace_id: str,
        channel_id: str,
        direction: str,
        receivers: list[dict[str, Any]],
        doc: dict[str, Any],
        now: float,
        start_at: float,
        fails: bool,
        via_api: bool,
    ) -> ChannelMessageRow:
        """Store one message; receivers given by identifier get a contact id (created if new)."""
        message_id = str(uuid.uuid4())

        def job(db: sqlite3.Connection) -> tuple[dict[str, Any], int]:
            resolved = []
            for receiver in receivers:
                entry = dict(receiver)
                if "id" not in entry:
                    entry["id"] = self._resolve_channel_contact(
                        db, workspace_id, entry["identifierKey"], entry["identifierValue"]
                    )
                resolved.append(entry)
            stored = {**doc, "receiver": {"contacts": resolved}}
            cursor = db.execute(
                "INSERT INTO channel_messages (id, workspace_id, channel_id, direction, doc, "
                "created_at, start_at, fails, via_api) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    message_id,
                    workspace_id,
                    channel_id,
                    direction,
                    json.dumps(stored),
                    now,
                    start_at,
                    int(fails),
                    int(via_api),
                ),
            )
            return stored, int(cursor.lastrowid or 0)

        stored, seq = await self._write(job)
        return ChannelMessageRow(
            seq,
            message_id,
            workspace_id,
            channel_id,
            direction,
            stored,
            now,
            start_at,
            fails,
            via_api,
        )

    def channel_message(self, message_id: str) -> ChannelMessageRow | None:
        rows = self._query("SELECT * FROM channel_messages WHERE id = ?", (message_id,))
        return _channel_message(rows[0]) if rows else None

    def channel_messages_page(
        self,
        *,
        workspace_id: str,
        channel_id: str | None,
        before_seq: int | None,
        limit: int,
        include_api_sent: bool = True,
    ) -> list[ChannelMessageRow]:
        """Newest first; only messages older than `before_seq` when given."""
        clauses = ["workspace_id = ?"]
        params: list[Any] = [workspace_id]
        if channel_id is not None:
            clauses.append("channel_id = ?")
            params.append(channel_id)
        if before_seq is not None:
            clauses.append("seq < ?")
            params.append(before_seq)
        if not include_api_sent:
            clauses.append("via_api = 0")
        params.append(limit)
        rows = self._query(
            "SELECT * FROM channel_messages WHERE "  # noqa: S608 (fixed clauses)
            + " AND ".join(clauses)
            + " ORDER BY seq DESC LIMIT ?",
            tuple(params),
        )
        return [_channel_message(row) for row in rows]

    def channel_message_count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM channel_messages")[0][0])

    # -- media ---------------------------------------------------------------------------------

    async def create_media(
        self, key: str, workspace_id: str, channel_id: str | None, content_type: str
    ) -> None:
        await self._write(
            lambda db: db.execute(
                "INSERT INTO media (key, workspace_id, channel_id, content_type) "
                "VALUES (?, ?, ?, ?)",
                (key, workspace_id, channel_id, content_type),
            )
        )

    def media(self, key: str) -> MediaRow | None:
        rows = self._query(
            "SELECT key, workspace_id, channel_id, content_type, data FROM media WHERE key = ?",
            (key,),
        )
        if not rows:
            return None
        row = rows[0]
        return MediaRow(
            str(row[0]),
            str(row[1]),
            None if row[2] is None else str(row[2]),
            str(row[3]),
            None if row[4] is None else bytes(row[4]),
        )

    async def store_media(self, key: str, data: bytes, now: float) -> bool:
        def job(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "UPDATE media SET data = ?, uploaded_at = ? WHERE key = ? AND data IS NULL",
                (data, now, key),
            )
            return cursor.rowcount == 1

        return await self._write(job)


_CONTACT_COLUMNS = 5  # id, email, phone, last_channel_id, last_incoming_at
# The contacts column each identifier kind names (a fixed map: column names go into SQL text).
_IDENTIFIER_COLUMNS = {"id": "id", "email": "email", "phone": "phone"}


def _contact(row: Any) -> ContactRow:
    return ContactRow(
        int(row[0]),
        row[1],
        row[2],
        None if row[3] is None else int(row[3]),
        None if row[4] is None else float(row[4]),
    )


def _contact_message(row: Any) -> ContactMessageRow:
    return ContactMessageRow(
        id=int(row[0]),
        contact_id=int(row[1]),
        channel_id=int(row[2]),
        traffic=str(row[3]),
        content=json.loads(row[4]),
        sender=None if row[5] is None else json.loads(row[5]),
        # Derived, not stored: one statement less per send (see _writer.py).
        channel_message_id=str(row[6]) or f"emu.{row[2]}.{row[0]}",
        created_at=float(row[7]),
        fails=bool(row[8]),
        via_api=bool(row[9]),
    )


def _channel_message(row: Any) -> ChannelMessageRow:
    return ChannelMessageRow(
        seq=int(row[0]),
        id=str(row[1]),
        workspace_id=str(row[2]),
        channel_id=str(row[3]),
        direction=str(row[4]),
        doc=json.loads(row[5]),
        created_at=float(row[6]),
        start_at=float(row[7]),
        fails=bool(row[8]),
        via_api=bool(row[9]),
    )
