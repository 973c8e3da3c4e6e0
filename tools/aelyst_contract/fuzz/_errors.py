"""What stops a fuzz, replay or detection run. Each message is one line a user can act on; the
command line prints it (exit 2), other callers catch `FuzzError`."""

from __future__ import annotations

__all__ = ["FuzzError", "OptionError", "TargetConfigError", "TargetError"]


class FuzzError(Exception):
    """A run cannot start or go on; the message is one line."""


class OptionError(FuzzError, ValueError):
    """An option value the fuzzer cannot use (a budget, a rate limit, a fault name)."""


class TargetConfigError(FuzzError):
    """The target is described incompletely or unsafely (a URL or secret missing, plain HTTP)."""


class TargetError(FuzzError):
    """The target cannot be fuzzed at all (unreachable, credentials refused)."""
