"""Errors the CLI turns into one-line messages."""


class CliError(Exception):
    """A problem with the user's input or environment, reported as one line without a traceback."""
