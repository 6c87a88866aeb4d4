"""The one error type cvparse raises."""


class CVParseError(Exception):
    """A CV could not be read. ``str(error)`` is a message fit to show the user."""
