"""Media types compared as content negotiation sees them, not as names.

A media type's parameters (`; charset=utf-8`) and case do not make it another type. A type with
the `+json` structured-syntax suffix (RFC 6839: `application/problem+json`) is JSON to a JSON
reader, so `application/json` <-> `application/problem+json` is one media type respelled, with its
schemas compared. A wildcard (`application/*`, `*/*`) covers the types it matches.

In a response, the client asks (Accept) and the server answers in a type the client accepts:
a type added offers clients something new without taking anything away; a type removed takes it
from every client that asked for it. In a request, the client picks the type and the server must
read it: the usual narrowed/widened verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aelyst_contract.specdiff._model import Direction, Verdict, verdicts_for

__all__ = ["MediaChange", "MediaChanges", "media_changes", "media_essence"]

_B, _C = Verdict.BREAKING, Verdict.COMPATIBLE


@dataclass(frozen=True)
class MediaChange:
    kind: str
    old: str | None
    new: str | None
    verdicts: tuple[Verdict, Verdict]
    message: str


@dataclass
class MediaChanges:
    findings: list[MediaChange] = field(default_factory=list)
    # (OLD key, NEW key) pairs whose schemas are compared.
    kept: list[tuple[str, str]] = field(default_factory=list)


def media_essence(media: str) -> str:
    """`type/subtype`, lower case, without parameters."""
    return media.split(";", 1)[0].strip().lower()


def _is_json(essence: str) -> bool:
    return essence == "application/json" or essence.endswith("+json")


def _covers(wildcard: str, essence: str) -> bool:
    if wildcard == "*/*":
        return True
    kind, _, subtype = wildcard.partition("/")
    return subtype == "*" and essence.partition("/")[0] == kind


def media_changes(old: list[str], new: list[str], direction: Direction) -> MediaChanges:
    """What moved between OLD's and NEW's media types (keys of a `content` map)."""
    result = MediaChanges()
    old_by, new_by = {media_essence(m): m for m in old}, {media_essence(m): m for m in new}
    for essence in sorted(old_by.keys() & new_by.keys()):
        result.kept.append((old_by[essence], new_by[essence]))
    removed = [e for e in old_by if e not in new_by]
    added = [e for e in new_by if e not in old_by]
    for before in list(removed):
        # A wildcard on one side that covers the other's type, or a JSON respelling.
        after = next((a for a in added if _covers(a, before) or _covers(before, a)), None)
        kind = "wildcard"
        if after is None and _is_json(before):
            after = next((a for a in added if _is_json(a)), None)
            kind = "json"
        if after is None:
            continue
        removed.remove(before)
        added.remove(after)
        result.kept.append((old_by[before], new_by[after]))
        if kind == "json":
            verdicts = (_C, _B) if direction == "response" else (_B, _B)
            why = (
                "a JSON client reads either (structured-syntax suffix); servers must send the "
                "new Content-Type"
                if direction == "response"
                else "servers dispatch on the Content-Type: clients generated from OLD send "
                "the old one"
            )
        else:
            widened = _covers(after, before)
            verdicts = verdicts_for(direction, "widened" if widened else "narrowed")
            why = f"the wildcard {'now covers' if widened else 'narrowed to'} it"
        result.findings.append(
            MediaChange(
                "media-type-changed",
                old_by[before],
                new_by[after],
                verdicts,
                f"media type {old_by[before]} -> {new_by[after]}: {why}",
            )
        )
    for essence in removed:
        if direction == "response":
            verdicts = (_B, _B)
            why = "clients that asked for it can no longer get it; servers sending it are off-spec"
        else:
            verdicts = verdicts_for(direction, "narrowed")
            why = "clients generated from OLD still send it"
        result.findings.append(
            MediaChange(
                "media-type-removed",
                old_by[essence],
                None,
                verdicts,
                f"media type {old_by[essence]} removed; {why}",
            )
        )
    for essence in added:
        if direction == "response":
            verdicts = (_C, _C)
            why = "content negotiation: clients keep getting the types they ask for"
        else:
            verdicts = verdicts_for(direction, "widened")
            why = "servers must read it too"
        result.findings.append(
            MediaChange(
                "media-type-added",
                None,
                new_by[essence],
                verdicts,
                f"media type {new_by[essence]} added; {why}",
            )
        )
    return result
