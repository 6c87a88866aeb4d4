"""Turn an uploaded file into Markdown-ish text the core parser understands.

The file type is decided by content (magic bytes, structure), not by the
extension alone: users rename files, and browsers upload PDFs as ``cv.txt``.
Every failure is a ``CVParseError`` whose message tells the user what to do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import PurePath

from cvparse.errors import CVParseError
from cvparse.readers.plaintext import decode_text, looks_like_markdown

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

# Binary formats we recognise only to name them in the error message.
_UNSUPPORTED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word/Office document (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a program (Windows executable)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
)
_SUPPORTED_HINT = (
    "Please upload a PDF, DOCX, Markdown, plain-text, HTML or BibTeX file, or a bibliography"
    " (CSL-JSON, RIS, ORCID works JSON, a zip of an academicpages _publications folder)."
)
# Bibliographies: publications only, each read by its own reader, never by the CV parser.
BIBLIOGRAPHY_FORMATS = ("bibtex", "csl_json", "ris", "orcid", "academicpages")
# Quarto and R Markdown sources are Markdown with front matter and code chunks.
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".qmd", ".rmd")
_BIBTEX_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.M)
_HTML_START = re.compile(r"\A\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)


@dataclass(frozen=True)
class ReadDocument:
    """The text of one uploaded CV and the format it was read as."""

    text: str
    format: str  # pdf | markdown | text | docx | html | one of BIBLIOGRAPHY_FORMATS
    # A bibliography's publications (CV JSON dicts), read already; None for a CV.
    publications: list[dict] | None = None


def read(data: bytes, filename: str) -> ReadDocument:
    """Read an uploaded CV; raise CVParseError for anything we cannot use."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise CVParseError(
            f"The file is too large ({len(data) / 1024 / 1024:.1f} MB); "
            f"the limit is {MAX_UPLOAD_BYTES // 1024 // 1024} MB."
        )
    if not data.strip():
        raise CVParseError("The file is empty.")
    suffix = PurePath(filename or "").suffix.lower()
    head = data[:1024]
    if b"%PDF-" in head:
        from cvparse.readers.pdf import read_pdf

        return _checked(ReadDocument(read_pdf(data), "pdf"))
    if head.startswith(b"PK\x03\x04"):
        from cvparse.readers import academicpages

        if files := academicpages.publication_files(data):
            return ReadDocument(
                academicpages.document_text(files),
                "academicpages",
                academicpages.publications_from_files(files),
            )
        from cvparse.readers.docx import read_docx

        return _checked(ReadDocument(read_docx(data), "docx"))
    for magic, kind in _UNSUPPORTED_MAGIC:
        if head.startswith(magic):
            raise CVParseError(f"Unsupported file type: this looks like {kind}. {_SUPPORTED_HINT}")
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        raise CVParseError(
            f"Unsupported file type: this looks like a WebP image. {_SUPPORTED_HINT}"
        )

    text = decode_text(data)
    if text is None:
        raise CVParseError(
            f"Unsupported file type: this is binary data, not a document. {_SUPPORTED_HINT}"
        )
    if suffix in (".html", ".htm", ".xhtml") or _HTML_START.match(text):
        from cvparse.readers.html import html_to_markdown

        return _checked(ReadDocument(html_to_markdown(text), "html"))
    is_json = suffix == ".json" or text.lstrip("\ufeff \t\r\n")[:1] in ("[", "{")
    if is_json and (found := _read_json(text, strict=suffix == ".json")) is not None:
        return found
    # The bibliography readers import the name and venue rules, which import this module.
    from cvparse.readers import bibtex, ris

    if suffix == ".ris" or ris.looks_like_ris(text):
        return ReadDocument(text, "ris", ris.publications_from_ris(text))
    if suffix == ".bib" or _looks_like_bibtex(text):
        return ReadDocument(text, "bibtex", bibtex.publications_from_bibtex(text))
    if suffix in _MARKDOWN_SUFFIXES or looks_like_markdown(text):
        return _checked(ReadDocument(text, "markdown"))
    return _checked(ReadDocument(text, "text"))


def _read_json(text: str, *, strict: bool) -> ReadDocument | None:
    """CSL-JSON or ORCID works; None for text that is no JSON (a Markdown CV may open
    with "[") unless the file is named .json, whose errors are then said."""
    from cvparse.readers import csl, orcid

    try:
        data = json.loads(text)
    except ValueError as exc:
        if not strict:
            return None
        where = f" (line {exc.lineno}, column {exc.colno})" if hasattr(exc, "lineno") else ""
        raise CVParseError(f"The JSON file is malformed{where}. Nothing was imported.") from None
    if csl.is_csl_json(data):
        return ReadDocument(text, "csl_json", csl.publications_from_csl(data))
    if orcid.is_orcid_works(data):
        return ReadDocument(text, "orcid", orcid.publications_from_orcid(data))
    if strict:
        raise CVParseError(
            "This JSON file is neither CSL-JSON (a list of items with a type and a title) nor"
            " an ORCID record's works (the public API's /works JSON)."
        )
    return None


def _looks_like_bibtex(text: str) -> bool:
    """Mostly ``@type{key, field = ...}`` entries (comments and blank lines aside)."""
    first = next(
        (ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("%")), ""
    )
    return bool(_BIBTEX_ENTRY.match(first)) and "=" in text


def _checked(document: ReadDocument) -> ReadDocument:
    if not document.text.strip():
        raise CVParseError("The file contains no text.")
    return document


__all__ = ["BIBLIOGRAPHY_FORMATS", "MAX_UPLOAD_BYTES", "ReadDocument", "read"]
