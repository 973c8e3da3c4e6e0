"""One registry style for the project's extension points: a rule is one decorated function.

    SPEC_RULES: Registry[SpecRule, None] = Registry("spec rule")

    @SPEC_RULES.register("links", None)
    def links_resolve(spec): ...

A registry keeps its entries in registration order (callers that must run rules in a fixed order
get it from the order of the definitions), refuses a second entry under a name at import time,
and carries with each entry its description (the function's docstring unless given) and metadata
of the registry's own type `M` (`None` when a kind of rule needs none; a frozen dataclass such as
a check's capabilities and roles otherwise).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

__all__ = ["DuplicateRegistrationError", "Entry", "Registry"]

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M")


class DuplicateRegistrationError(ValueError):
    """A second entry under a name a registry already holds."""


@dataclass(frozen=True)
class Entry(Generic[F, M]):
    name: str
    function: F
    description: str
    metadata: M


class Registry(Generic[F, M]):
    """Named entries of one kind (`kind` names it in error messages), in registration order."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, Entry[F, M]] = {}

    def register(
        self, name: str, metadata: M, *, description: str | None = None
    ) -> Callable[[F], F]:
        """Decorator: record the function under `name`; the function itself is unchanged."""

        def decorate(function: F) -> F:
            self.add(name, function, metadata, description=description)
            return function

        return decorate

    def add(
        self, name: str, function: F, metadata: M, *, description: str | None = None
    ) -> Entry[F, M]:
        """Record `function` under `name` (for functions made by a factory, not decorated)."""
        if name in self._entries:
            holder = _qualified(self._entries[name].function)
            raise DuplicateRegistrationError(
                f"{self.kind} {name!r} is registered already (by {holder}); "
                f"cannot register {_qualified(function)} under the same name"
            )
        if description is None:
            description = inspect.getdoc(function) or ""
        entry = Entry(name, function, description, metadata)
        self._entries[name] = entry
        return entry

    def __getitem__(self, name: str) -> Entry[F, M]:
        try:
            return self._entries[name]
        except KeyError:
            known = ", ".join(self._entries) or "none"
            raise KeyError(f"no {self.kind} named {name!r} (known: {known})") from None

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[Entry[F, M]]:
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)

    def names(self) -> list[str]:
        return list(self._entries)


def _qualified(function: Callable[..., Any]) -> str:
    module = getattr(function, "__module__", "?")
    return f"{module}.{getattr(function, '__qualname__', repr(function))}"
