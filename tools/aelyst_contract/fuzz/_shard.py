"""`--shard K/N`: a deterministic partition of a run's work over N processes.

The unit of work is an (API, operation) pair: its examples, coverage and fuzzing phases (and the
deferred follow-ups of its cases). What crosses operations is one more unit per API, the
*API-wide* unit: the stateful phase (it follows the specs' links from operation to operation) and
the once-a-run probes (the identifier forms, the rate-limit probe). Units are dealt round-robin
in a stable order (the APIs in run order, each API's operations in spec order, then the API-wide
units), so every shard gets the same share of each API and the union of N shards is exactly the
work of the unsharded run with the same seed and budget, none of it twice: every operation's
generation is seeded by the run seed and the operation alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from aelyst_contract.fuzz._errors import OptionError

__all__ = ["API_WIDE", "Shard", "WorkUnit", "parse_shard", "work_units"]

# The operation of an API-wide unit: the stateful phase and the once-a-run probes.
API_WIDE = "*"

WorkUnit = tuple[str, str]  # (api, operation label, or API_WIDE)


def work_units(operations: Sequence[tuple[str, Sequence[str]]]) -> list[WorkUnit]:
    """Every unit of a run in the stable order shards are dealt from: (api, operations) pairs
    in run order, operations in spec order."""
    units: list[WorkUnit] = [(api, label) for api, labels in operations for label in labels]
    return units + [(api, API_WIDE) for api, _ in operations]


@dataclass(frozen=True)
class Shard:
    """Shard `index` (1-based) of `count`."""

    index: int = 1
    count: int = 1

    @property
    def label(self) -> str:
        return f"{self.index}/{self.count}"

    @property
    def is_whole(self) -> bool:
        return self.count == 1

    def owns(self, units: Sequence[WorkUnit], unit: WorkUnit) -> bool:
        return units.index(unit) % self.count == self.index - 1

    def mine(self, units: Sequence[WorkUnit]) -> list[WorkUnit]:
        return [
            unit for position, unit in enumerate(units) if position % self.count == self.index - 1
        ]


def parse_shard(value: str) -> Shard:
    match = re.fullmatch(r"\s*([0-9]+)\s*/\s*([0-9]+)\s*", value)
    if not match:
        raise OptionError(f"--shard must be K/N (e.g. 2/4), not {value!r}")
    index, count = int(match.group(1)), int(match.group(2))
    if not 1 <= index <= count:
        raise OptionError(f"--shard {value}: K must be between 1 and N")
    return Shard(index, count)
