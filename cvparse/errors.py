"""The one error type cvparse raises."""


class CVParseError(Exception):
    """A CV could not be read. ``str(error)`` is a message fit to show the user."""


class ParserFailure(CVParseError):
    """The parser itself failed on a file: a bug, logged with its traceback.

    Callers see a CVParseError like any other; tests tell it apart to find bugs.
    """
