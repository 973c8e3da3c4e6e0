"""When one `pattern` provably allows every string another allows.

JSON Schema patterns are unanchored searches (ECMA-262). Superset is decided only where it can be
proved syntactically: a pattern that matches everything (`.*`, `^.*$`, ""), anchors removed (or
replaced by `.*`), and top-level alternatives added. Anything else stays "changed".
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = ["pattern_change", "pattern_superset"]


class _Shape(NamedTuple):
    start_anchored: bool
    end_anchored: bool
    alternatives: frozenset[str]


def _split_alternatives(body: str) -> list[str] | None:
    """Top-level `|` alternatives; None when the brackets do not balance."""
    parts, depth, in_class, current, index = [], 0, False, "", 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            current += body[index : index + 2]
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            parts.append(current)
            current = ""
            index += 1
            continue
        current += char
        index += 1
    if depth or in_class:
        return None
    return [*parts, current]


def _group_body(pattern: str) -> str | None:
    """`X` when `pattern` is one group `(X)` or `(?:X)` spanning all of it."""
    for opening in ("(?:", "("):
        if pattern.startswith(opening) and pattern.endswith(")") and not pattern.endswith("\\)"):
            inner = pattern[len(opening) : -1]
            if _split_alternatives(f"({inner})") is not None and _balanced(inner):
                return inner
    return None


def _balanced(text: str) -> bool:
    return _split_alternatives(text) is not None


def _shape(pattern: str, *, may_grow: bool) -> _Shape | None:
    """The pattern's anchors and top-level alternatives.

    An unanchored leading or trailing `.*` is dropped (a search finds the same strings). With
    `may_grow`, so is an anchored one (`^.*X` -> `X`): `.` does not match a line break, so the
    result may allow more strings, which is sound only for the side that must be the narrower.
    """
    body = pattern
    start = body.startswith("^")
    body = body.removeprefix("^")
    end = body.endswith("$") and not body.endswith("\\$")
    body = body.removesuffix("$") if end else body
    while body.startswith(".*") and (may_grow or not start):
        body, start = body[2:], False
    while body.endswith(".*") and not body.endswith("\\.*") and (may_grow or not end):
        body, end = body[:-2], False
    grouped = _group_body(body)
    alternatives = _split_alternatives(body if grouped is None else grouped)
    if alternatives is None:
        return None
    if grouped is None and len(alternatives) > 1:
        # `^a|b$` is `(^a)|(b$)`: the anchors belong to the alternatives, not to the whole.
        whole = _split_alternatives(pattern)
        return None if whole is None else _Shape(False, False, frozenset(whole))
    return _Shape(start, end, frozenset(alternatives))


def _matches_everything(shape: _Shape) -> bool:
    return not shape.start_anchored and not shape.end_anchored and "" in shape.alternatives


def pattern_superset(wide: str, narrow: str) -> bool:
    """Whether every string `narrow` matches is matched by `wide` (provably; False if unsure)."""
    if wide == narrow:
        return True
    wide_shape, narrow_shape = _shape(wide, may_grow=False), _shape(narrow, may_grow=True)
    if wide_shape is None or narrow_shape is None:
        return False
    if _matches_everything(wide_shape):
        return True
    if (wide_shape.start_anchored and not narrow_shape.start_anchored) or (
        wide_shape.end_anchored and not narrow_shape.end_anchored
    ):
        return False
    return narrow_shape.alternatives <= wide_shape.alternatives


def pattern_change(old: str, new: str) -> Literal["narrowed", "widened", "changed"]:
    """How the strings a pattern allows moved from `old` to `new` (the two differ)."""
    wider, narrower = pattern_superset(new, old), pattern_superset(old, new)
    if wider and narrower:
        return "changed"  # provably the same strings only in odd spellings: say changed
    if wider:
        return "widened"
    if narrower:
        return "narrowed"
    return "changed"
