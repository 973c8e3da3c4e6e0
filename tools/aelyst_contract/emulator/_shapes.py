"""A tiny structural checker for request bodies, written in the emulator's own terms.

Not JSON Schema and not read from the spec: each API module states the shapes it accepts with
these nodes. `check(node, value)` returns every problem as (field path, message).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from aelyst_contract.emulator._http import ImpreciseNumber
from aelyst_contract.emulator._identifiers import email_problem

__all__ = [
    "FORMATS",
    "INT64_MAX",
    "INT64_MIN",
    "UUID_RE",
    "AnyObj",
    "Arr",
    "Bool",
    "Const",
    "Custom",
    "Int",
    "Node",
    "Nullable",
    "Num",
    "Obj",
    "Problems",
    "Str",
    "Tagged",
    "as_integer",
    "check",
    "parse_rfc3339",
    "to_utc",
    "type_name",
]

Problems = list[tuple[str, str]]

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
_RFC3339_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)
_URI_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class Node:
    def check(self, value: Any, path: str, problems: Problems) -> None:
        raise NotImplementedError


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


@dataclass
class Obj(Node):
    props: dict[str, Node]
    required: tuple[str, ...] = ()
    additional: bool = False

    def check(self, value: Any, path: str, problems: Problems) -> None:
        if not isinstance(value, dict):
            problems.append((path or "body", f"must be an object, not {type_name(value)}"))
            return
        for name in self.required:
            if name not in value:
                problems.append((_join(path, name), "is required"))
        for name, item in value.items():
            node = self.props.get(name)
            if node is None:
                if not self.additional:
                    problems.append((_join(path, str(name)), "is not a known field"))
                continue
            node.check(item, _join(path, name), problems)


@dataclass
class AnyObj(Node):
    def check(self, value: Any, path: str, problems: Problems) -> None:
        if not isinstance(value, dict):
            problems.append((path, f"must be an object, not {type_name(value)}"))


@dataclass
class Str(Node):
    min_len: int = 0
    max_len: int | None = None
    pattern: re.Pattern[str] | None = None
    fmt: str | None = None  # uri, uuid, date-time, email
    enum: tuple[str, ...] | None = None
    pattern_hint: str = ""

    def check(self, value: Any, path: str, problems: Problems) -> None:
        if not isinstance(value, str):
            problems.append((path, f"must be a string, not {type_name(value)}"))
            return
        if self.enum is not None:
            if value not in self.enum:
                problems.append((path, f"must be one of {', '.join(self.enum)}"))
            return
        if len(value) < self.min_len:
            problems.append((path, f"must be at least {self.min_len} character(s) long"))
            return
        if self.max_len is not None and len(value) > self.max_len:
            problems.append((path, f"must be at most {self.max_len} characters long"))
            return
        if self.pattern is not None and not self.pattern.search(value):
            problems.append((path, f"does not match {self.pattern_hint or self.pattern.pattern}"))
            return
        if self.fmt is not None:
            reason = FORMATS[self.fmt](value)
            if reason:
                problems.append((path, reason))


@dataclass
class Int(Node):
    minimum: int = INT64_MIN
    maximum: int = INT64_MAX

    def check(self, value: Any, path: str, problems: Problems) -> None:
        number = as_integer(value)
        if number is None:
            problems.append((path, f"must be an integer, not {type_name(value)}"))
        elif not self.minimum <= number <= self.maximum:
            problems.append((path, f"must be between {self.minimum} and {self.maximum}"))


def as_integer(value: Any) -> int | None:
    """JSON integers, including 3.0; never booleans, nor a number only its float rounds to a
    whole one (1e-400, 1.0000000000000001)."""
    if isinstance(value, bool | ImpreciseNumber):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


@dataclass
class Num(Node):
    minimum: float
    maximum: float

    def check(self, value: Any, path: str, problems: Problems) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append((path, f"must be a number, not {type_name(value)}"))
        elif not self.minimum <= value <= self.maximum:
            problems.append((path, f"must be between {self.minimum:g} and {self.maximum:g}"))


@dataclass
class Bool(Node):
    def check(self, value: Any, path: str, problems: Problems) -> None:
        if not isinstance(value, bool):
            problems.append((path, f"must be true or false, not {type_name(value)}"))


@dataclass
class Const(Node):
    value: str

    def check(self, value: Any, path: str, problems: Problems) -> None:
        if value != self.value:
            problems.append((path, f"must be {self.value!r}"))


@dataclass
class Arr(Node):
    items: Node
    min_items: int = 0
    max_items: int | None = None

    def check(self, value: Any, path: str, problems: Problems) -> None:
        if not isinstance(value, list):
            problems.append((path, f"must be an array, not {type_name(value)}"))
            return
        if len(value) < self.min_items:
            problems.append((path, f"must have at least {self.min_items} item(s)"))
        if self.max_items is not None and len(value) > self.max_items:
            problems.append((path, f"must have at most {self.max_items} items"))
        for index, item in enumerate(value):
            self.items.check(item, f"{path}[{index}]", problems)


@dataclass
class Nullable(Node):
    inner: Node

    def check(self, value: Any, path: str, problems: Problems) -> None:
        if value is not None:
            self.inner.check(value, path, problems)


@dataclass
class Tagged(Node):
    """An object whose `type` field picks its shape."""

    variants: Mapping[str, Node]
    tag: str = "type"

    def check(self, value: Any, path: str, problems: Problems) -> None:
        if not isinstance(value, dict):
            problems.append((path, f"must be an object, not {type_name(value)}"))
            return
        kind = value.get(self.tag)
        if not isinstance(kind, str) or kind not in self.variants:
            problems.append((_join(path, self.tag), f"must be one of {', '.join(self.variants)}"))
            return
        self.variants[kind].check(value, path, problems)


@dataclass
class Custom(Node):
    """A node plus an extra rule returning a reason (or "")."""

    inner: Node
    rule: Callable[[Any], str] = field(default=lambda _: "")

    def check(self, value: Any, path: str, problems: Problems) -> None:
        before = len(problems)
        self.inner.check(value, path, problems)
        if len(problems) == before:
            reason = self.rule(value)
            if reason:
                problems.append((path, reason))


def check(node: Node, value: Any) -> Problems:
    problems: Problems = []
    node.check(value, "", problems)
    return problems


# -- formats -------------------------------------------------------------------------------------


def _uri(value: str) -> str:
    if not _URI_SCHEME_RE.match(value) or any(ch.isspace() or ord(ch) < 32 for ch in value):
        return "must be an absolute URI"
    try:
        urlsplit(value)
    except ValueError:
        return "must be an absolute URI"
    return ""


def _uuid(value: str) -> str:
    return "" if UUID_RE.fullmatch(value) else "must be a UUID"


def parse_rfc3339(value: str) -> datetime | None:
    if not _RFC3339_RE.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return None


def to_utc(moment: datetime) -> datetime | None:
    """The same instant in UTC, or None when that falls outside years 1..9999 (e.g.
    0001-01-01T00:00:00+23:59): no datetime, timestamp or RFC 3339 text can hold it."""
    try:
        utc = moment.astimezone(UTC)
        # The timestamp is what the rules compute with; it must map back to a datetime too.
        datetime.fromtimestamp(utc.timestamp(), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None
    return utc


def _date_time(value: str) -> str:
    return "" if parse_rfc3339(value) is not None else "must be an RFC 3339 date-time"


FORMATS: dict[str, Callable[[str], str]] = {
    "uri": _uri,
    "uuid": _uuid,
    "date-time": _date_time,
    "email": email_problem,
}
