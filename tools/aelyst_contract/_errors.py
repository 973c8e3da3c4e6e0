"""Errors the CLI turns into one-line messages."""

__all__ = ["CliError"]


class CliError(Exception):
    """A problem with the user's input or environment, reported as one line without a traceback."""
