"""cvparse: one academic CV file in, CV JSON (cv-json/1) out. No Django here.

>>> from cvparse import parse
>>> parse(b"# Jane Doe\\n\\n## Education\\n\\n2019 PhD, MIT", "cv.md")["person"]["name"]
'Jane Doe'
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import CVParseError, ParserFailure
from .parser import empty_result, parse_text
from .publications import is_legend
from .readers import read

PARSER_VERSION = "0.1.0"
_log = logging.getLogger(__name__)

__all__ = ["CVParseError", "PARSER_VERSION", "ParsedCV", "is_legend", "parse", "parse_file"]


@dataclass(frozen=True)
class ParsedCV:
    """A CV's JSON and the reader's text it was parsed from: ``x_lines`` number the lines
    of that text (``cvparse.source.source_lines``), so a review can show what was read."""

    cv: dict
    text: str


def parse(source: bytes | str | os.PathLike[str], filename: str | None = None) -> dict:
    """Parse one CV: raw bytes, a path, or Markdown/plain text given as a string.

    A string naming an existing file is read as that file; any other string is the
    CV's text (Markdown unless ``filename`` says otherwise). Raises only CVParseError.
    """
    return parse_file(source, filename).cv


def parse_file(source: bytes | str | os.PathLike[str], filename: str | None = None) -> ParsedCV:
    """``parse``, keeping the reader's text beside the CV JSON."""
    data, filename = _load(source, filename)
    try:
        document = read(data, filename)
        if document.publications is not None:
            result = bibliography_result(filename, document.format, document.publications)
            return ParsedCV(result, document.text)
        return ParsedCV(parse_text(document.text, filename, document.format), document.text)
    except CVParseError:
        raise
    except Exception as exc:  # a parser bug must not escape as anything but our error
        # Logged with its traceback, so the bug stays visible to whoever runs the site.
        _log.exception("cvparse failed on %r", filename)
        raise ParserFailure(
            f"Sorry, this CV could not be read: the parser failed on it ({type(exc).__name__}). "
            "Saving it in another format (PDF, DOCX or Markdown) may help."
        ) from exc


# CV JSON's source formats are a document's (cv-json.md); a bibliography says which it
# is in ``x_format``: "bibtex" itself, a Markdown folder, or another text format.
_SOURCE_FORMAT = {"bibtex": "bibtex", "academicpages": "markdown"}


def bibliography_result(filename: str | None, fmt: str, publications: list[dict]) -> dict:
    """A publications-only CV JSON."""
    result = empty_result(filename, _SOURCE_FORMAT.get(fmt, "text"))
    result["source"]["x_format"] = fmt
    result["publications"] = publications
    return result


def _load(source: bytes | str | os.PathLike[str], filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, filename or "cv.md"
    if isinstance(source, os.PathLike) or (
        isinstance(source, str)
        and "\n" not in source
        and len(source) < 4096
        and os.path.isfile(source)
    ):
        path = Path(source)
        try:
            return path.read_bytes(), filename or path.name
        except OSError as exc:
            raise CVParseError(f"The file {path.name} could not be read.") from exc
    # A str may hold lone surrogates (from a lenient decoder); they cannot be UTF-8.
    return source.encode("utf-8", errors="replace"), filename or "cv.md"
