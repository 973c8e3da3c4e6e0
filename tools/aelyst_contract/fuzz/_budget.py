"""`--budget`: a number of examples per operation (`50`) or a time per run (`60s`, `2m`, `2h`).

A time budget never means less testing than the default: each operation and phase first gets
`DEFAULT_EXAMPLES`, then the rest of the time goes to more fuzzing (aelyst_contract.fuzz._runner).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aelyst_contract.fuzz._errors import OptionError

__all__ = ["DEFAULT_EXAMPLES", "Budget", "parse_budget"]

DEFAULT_EXAMPLES = 25  # per operation and phase: the default budget, and a time budget's floor
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}


@dataclass(frozen=True)
class Budget:
    examples: int | None = None
    seconds: int | None = None


def parse_budget(value: str) -> Budget:
    match = re.fullmatch(r"\s*([0-9]+)\s*(s|m|h)?\s*", value)
    if not match or int(match.group(1)) == 0:
        raise OptionError(
            f"--budget must be a number of examples (50) or a time (60s, 2m, 2h), not {value!r}"
        )
    amount, unit = int(match.group(1)), match.group(2)
    if unit is None:
        if amount > 100_000:
            raise OptionError(f"--budget {amount} examples per operation is more than anyone needs")
        return Budget(examples=amount)
    return Budget(seconds=amount * _UNIT_SECONDS[unit])
