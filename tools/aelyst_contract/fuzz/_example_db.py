"""`--example-db`: where failing examples are kept between runs and shared between shards.

Hypothesis saves every failing example it finds to its example database and replays the saved
ones first in every later run of the same operation, whatever the seed. `redis://HOST:PORT/N`
shares them between the shards of a campaign (and CI runs) through a Redis server
(hypothesis' `RedisExampleDatabase` on redis-py); a directory keeps them on one machine. Without
the option no database is used and nothing is written outside the report directory (hypothesis'
own caches go to the user's cache directory: `aelyst_contract._hypothesis_caches`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from aelyst_contract.fuzz._errors import FuzzError, OptionError

__all__ = ["ExampleDb", "example_database", "parse_example_db"]

_PROFILE = "aelyst-contract-example-db"


@dataclass(frozen=True)
class ExampleDb:
    """A Redis URL or a directory."""

    location: str

    @property
    def is_redis(self) -> bool:
        return self.location.startswith(("redis://", "rediss://", "unix://"))

    @property
    def shown(self) -> str:
        """For reports: the location without any credential in it."""
        if not self.is_redis:
            return self.location
        parts = urlsplit(self.location)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def parse_example_db(value: str) -> ExampleDb:
    if not value.strip():
        raise OptionError("--example-db must be redis://HOST:PORT/N or a directory")
    if "://" in value and not value.startswith(("redis://", "rediss://", "unix://")):
        raise OptionError(f"--example-db must be redis://HOST:PORT/N or a directory, not {value!r}")
    return ExampleDb(value)


@contextlib.contextmanager
def example_database(db: ExampleDb | None) -> Iterator[None]:
    """While in it, hypothesis' default settings use `db` (the runner then leaves the engine's
    `database` unset, so every test it builds inherits it). None: nothing changes."""
    if db is None:
        yield
        return
    from hypothesis import settings  # noqa: PLC0415
    from hypothesis.database import (  # noqa: PLC0415
        DirectoryBasedExampleDatabase,
        ExampleDatabase,
    )

    database: ExampleDatabase
    if db.is_redis:
        import redis  # noqa: PLC0415
        from hypothesis.extra.redis import RedisExampleDatabase  # noqa: PLC0415

        client = redis.Redis.from_url(db.location, socket_timeout=10)
        try:
            client.ping()
        except redis.RedisError as error:
            raise FuzzError(f"--example-db {db.shown}: {error}") from None
        database = RedisExampleDatabase(client)
    else:
        try:
            Path(db.location).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise FuzzError(f"--example-db {db.location}: {error}") from None
        database = DirectoryBasedExampleDatabase(db.location)
    previous = settings.get_current_profile_name()
    # Not derandomized: with CI set, hypothesis loads its `ci` profile (derandomize=True), which
    # refuses a database, and every generating phase then failed as an engine problem. The run's
    # seed keeps it reproducible.
    settings.register_profile(
        _PROFILE, settings.get_profile(previous), database=database, derandomize=False
    )
    settings.load_profile(_PROFILE)
    try:
        yield
    finally:
        settings.load_profile(previous)
