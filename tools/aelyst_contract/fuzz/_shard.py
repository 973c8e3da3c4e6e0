"""`--shard K/N`: a deterministic partition of a run's work over N processes.

The unit of work is an (API, operation) pair: its examples, coverage and fuzzing phases (and the
deferred follow-ups of its cases). What crosses operations is one more unit per API, the
*API-wide* unit: the stateful phase (it follows the specs' links from operation to operation) and
the once-a-run probes (the identifier forms, the rate-limit probe). Units are dealt in a stable
order (the APIs in run order, each API's operations in spec order, then the API-wide units) by
their estimated cost, heaviest first, each to the shard with the least so far (ties: the lower
shard; equal weights make it round-robin): a send operation's coverage phase alone is ten times
a read's. The deal depends only on the spec and the options, so every shard computes the same
one, and the union of N shards is exactly the work of the unsharded run with the same seed and
budget, none of it twice: every operation's generation is seeded by the run seed and the
operation alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aelyst_contract.fuzz._errors import OptionError

__all__ = ["API_WIDE", "Shard", "WorkUnit", "deal", "parse_shard", "work_units"]

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

    def mine(
        self, units: Sequence[WorkUnit], weights: Mapping[WorkUnit, int] | None = None
    ) -> list[WorkUnit]:
        """This shard's units, in the units' order (`weights`: a unit's estimated cost; 1 if
        not given)."""
        owners = deal(units, weights or {}, self.count)
        return [unit for unit in units if owners[unit] == self.index]


def deal(
    units: Sequence[WorkUnit], weights: Mapping[WorkUnit, int], count: int
) -> dict[WorkUnit, int]:
    """Each unit's shard (1-based): heaviest first, to the least loaded shard (ties: the lower
    shard; ties of weight: the earlier unit)."""
    loads = [0] * count
    owners: dict[WorkUnit, int] = {}
    for position in sorted(range(len(units)), key=lambda i: (-weights.get(units[i], 1), i)):
        unit = units[position]
        shard = min(range(count), key=lambda index: (loads[index], index))
        owners[unit] = shard + 1
        loads[shard] += max(1, weights.get(unit, 1))
    return owners


def parse_shard(value: str) -> Shard:
    match = re.fullmatch(r"\s*([0-9]+)\s*/\s*([0-9]+)\s*", value)
    if not match:
        raise OptionError(f"--shard must be K/N (e.g. 2/4), not {value!r}")
    index, count = int(match.group(1)), int(match.group(2))
    if not 1 <= index <= count:
        raise OptionError(f"--shard {value}: K must be between 1 and N")
    return Shard(index, count)
