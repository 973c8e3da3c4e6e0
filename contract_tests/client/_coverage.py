"""Which (operation, status) pairs this session exercised, for the terminal summary."""

from __future__ import annotations

from contract_tests.client._harness import APIS, response_pairs

__all__ = [
    "WORKER_OUTPUT_KEY",
    "covered",
    "merge",
    "record",
    "record_outcome",
    "recorded",
    "summary_lines",
]

# Where a pytest-xdist worker puts `recorded()` for the controller.
WORKER_OUTPUT_KEY = "client_contract_coverage"

_COVERED: set[tuple[str, str, str]] = set()
# Invalid-response outcomes of the default client: (kind, outcome) -> count
_OUTCOMES: dict[tuple[str, str], int] = {}


def record(api: str, operation_id: str, status: str) -> None:
    """A response property of this pair ran and passed."""
    _COVERED.add((api, operation_id, status))


def record_outcome(kind: str, outcome: str) -> None:
    _OUTCOMES[(kind, outcome)] = _OUTCOMES.get((kind, outcome), 0) + 1


def recorded() -> dict[str, list[list[object]]]:
    """This process's records, as plain data (a pytest-xdist worker hands them to the controller,
    which prints the summary)."""
    return {
        "covered": [list(pair) for pair in sorted(_COVERED)],
        "outcomes": [[kind, outcome, n] for (kind, outcome), n in sorted(_OUTCOMES.items())],
    }


def merge(records: dict[str, list[list[object]]]) -> None:
    """Add another process's `recorded()` to this one's."""
    for api, operation_id, status in records.get("covered", []):
        _COVERED.add((str(api), str(operation_id), str(status)))
    for kind, outcome, count in records.get("outcomes", []):
        key = (str(kind), str(outcome))
        _OUTCOMES[key] = _OUTCOMES.get(key, 0) + int(str(count))


def covered() -> set[tuple[str, str, str]]:
    return set(_COVERED)


def summary_lines() -> list[str]:
    documented = {(op.api, op.operation_id, status) for op, status in response_pairs()}
    if not _COVERED and not _OUTCOMES:
        return []
    lines: list[str] = []
    total = len(_COVERED & documented)
    per_api = ", ".join(
        f"{api} {sum(1 for p in _COVERED & documented if p[0] == api)}"
        f"/{sum(1 for p in documented if p[0] == api)}"
        for api in APIS
    )
    if _COVERED:
        lines.append(
            f"client contract: {total}/{len(documented)} documented (operation, status) pairs "
            f"covered ({per_api})"
        )
    missing = sorted(documented - _COVERED)
    if missing and _COVERED:
        named = ", ".join(":".join(p) for p in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        lines.append(f"  not exercised in this run: {named}{more}")
    if _OUTCOMES:
        lines.append(
            "client contract: the default client on invalid responses (kind: outcome x n):"
        )
        for kind in sorted({k for k, _ in _OUTCOMES}):
            outcomes = ", ".join(
                f"{outcome} x{count}"
                for (k, outcome), count in sorted(_OUTCOMES.items())
                if k == kind
            )
            lines.append(f"  {kind}: {outcomes}")
    return lines
