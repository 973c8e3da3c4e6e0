"""What a diff produces: findings, each with a verdict for client users and server implementers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Literal

__all__ = [
    "Change",
    "Direction",
    "Finding",
    "PropertyCheckError",
    "Verdict",
    "verdicts_for",
]


class Verdict(StrEnum):
    BREAKING = "breaking"
    COMPATIBLE = "compatible"


# Which side writes a value: requests are written by clients and read by servers, responses the
# reverse. The same schema change breaks a different side depending on the direction.
Direction = Literal["request", "response"]

# How the set of values (or of requests/responses) a spec element allows moved from OLD to NEW.
Change = Literal["narrowed", "widened", "changed"]


def verdicts_for(direction: Direction, change: Change) -> tuple[Verdict, Verdict]:
    """(client verdict, server verdict) for a change of the values allowed in one direction.

    A client keeps working iff every request it could send is still allowed (requests did not
    narrow) and every response it may now get was allowed before (responses did not widen). A
    server keeps conforming iff it need not accept more (requests did not widen) and what it sends
    is still allowed (responses did not narrow).
    """
    breaking, compatible = Verdict.BREAKING, Verdict.COMPATIBLE
    if change == "changed":
        return breaking, breaking
    writer_side_breaks = (direction == "request") == (change == "narrowed")
    if writer_side_breaks:
        return breaking, compatible
    return compatible, breaking


@dataclass(frozen=True)
class Finding:
    """One difference between OLD and NEW, with its effect on each side.

    `pointer` is a JSON pointer into the dereferenced document (through the operation, `$ref`s
    followed); `schema_pointer` is where the changed keyword really lives (e.g. in components), so
    a change of a shared schema can be grouped across operations.
    """

    kind: str
    operation: str
    pointer: str
    old: Any
    new: Any
    client: Verdict
    server: Verdict
    message: str
    schema_pointer: str = ""
    # An addition (new operation, field, value, status...) suggests a minor version bump.
    addition: bool = False
    # Wire-compatible, but regenerating the client renames a module, function, argument or class.
    renames_generated_code: bool = False
    # Extra evidence, e.g. the value a property check generated.
    evidence: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["client"] = self.client.value
        data["server"] = self.server.value
        if not self.evidence:
            del data["evidence"]
        return data


class PropertyCheckError(RuntimeError):
    """The property check could not run (e.g. the generator failed on a spec)."""
