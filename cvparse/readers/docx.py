"""Word documents (.docx) to Markdown-ish lines, after checking the zip is safe."""

from __future__ import annotations

import functools
import io
import re
import zipfile

from cvparse.errors import CVParseError
from cvparse.readers.labels import join_label
from cvparse.readers.plaintext import normalise_text

# A CV is a few hundred kB; these bounds stop zip bombs before anything inflates.
MAX_MEMBERS = 2000
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member larger than 1 MB
_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)
_PAGE_NUMBER = re.compile(r"^\W*(page\s*)?\d{1,3}(\s*(of|/)\s*\d{1,3})?\W*$", re.I)


def read_docx(data: bytes) -> str:
    _check_zip(data)
    import docx  # python-docx pulls in lxml; only load it for Word files

    try:
        document = docx.Document(io.BytesIO(data))
        # python-docx scans every style of the document on each style lookup, for each
        # paragraph and run (40,000 paragraphs took 70 s): look each style up once.
        document.part.get_style = functools.cache(document.part.get_style)
    except Exception as exc:  # python-docx raises many types for broken packages
        raise CVParseError("The Word document could not be opened; it seems damaged.") from exc
    lines = _block_lines(document, docx.table.Table)
    # Word CVs often set the name and contacts in the page header; it comes first
    # (once, not per page). Footers hold page numbers and dates: left out.
    opening = {_plain_words(line) for line in lines[:15]}
    header = [
        line
        for line in _header_lines(document, docx.table.Table)
        if _plain_words(line) not in opening and not _PAGE_NUMBER.match(line)
    ]
    text = "\n".join([*header, "", *lines] if header else lines)
    if len(text.split()) < 5:
        # Layouts built from text boxes hide everything from python-docx.
        text = _all_paragraph_texts(document.element)
    return normalise_text(re.sub(r"\n{3,}", "\n\n", text).strip("\n")) + "\n"


def _block_lines(container, table_type: type) -> list[str]:
    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, table_type):
            lines.extend(_table_lines(block))
        else:
            lines.append(_paragraph_line(block))
    return lines


def _header_lines(document, table_type: type) -> list[str]:
    """The first page's header: where a Word CV may print its owner's name."""
    if not document.sections:
        return []
    section = document.sections[0]
    header = (
        section.first_page_header if section.different_first_page_header_footer else section.header
    )
    try:
        return [line for line in _block_lines(header, table_type) if line.strip()]
    except (AttributeError, KeyError, ValueError):  # a header part python-docx cannot read
        return []


def _plain_words(line: str) -> str:
    return " ".join(re.sub(r"[*#\-]+", " ", line).lower().split())


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise CVParseError("The file looks like a ZIP/Word file but is damaged.") from exc
    with archive:
        members = archive.infolist()
        names = {member.filename for member in members}
        if len(members) > MAX_MEMBERS:
            raise CVParseError("The Word document has too many parts to be a CV.")
        if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
            raise CVParseError(
                "The Word document unpacks to more than 100 MB; refusing to open it."
            )
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1024 * 1024 and ratio > MAX_RATIO:
                raise CVParseError(
                    "The Word document is suspiciously compressed; refusing to open it."
                )
    if "word/document.xml" not in names:
        kind = _zip_kind(names)
        raise CVParseError(
            f"Unsupported file type: this is {kind}, not a Word document nor a bibliography"
            " (a zip of an academicpages _publications folder). Please upload a PDF, DOCX,"
            " Markdown, plain-text, HTML or BibTeX file."
        )


def _zip_kind(names: set[str]) -> str:
    if "content.xml" in names:
        return "an OpenDocument file (save it as DOCX or PDF)"
    if any(name.startswith("xl/") for name in names):
        return "an Excel workbook"
    if any(name.startswith("ppt/") for name in names):
        return "a PowerPoint presentation"
    return "a ZIP archive"


def _paragraph_line(paragraph) -> str:
    text = _inline_text(paragraph)
    if not text:
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = _HEADING_STYLE.match(style)
    if heading:
        return f"{'#' * min(int(heading.group(1)), 6)} {_unbold(text)}"
    if style == "Title":
        return f"# {_unbold(text)}"
    is_list = (
        "list" in style.lower()
        or paragraph._p.pPr is not None
        and (paragraph._p.pPr.numPr is not None)
    )
    return f"- {text}" if is_list else text


def _inline_text(paragraph) -> str:
    """Runs and hyperlinks in order, bold runs as ``**...**``, links as ``[text](url)``."""
    pieces: list[tuple[str, bool]] = []  # (markdown text, is bold)
    for item in paragraph.iter_inner_content():
        if hasattr(item, "address"):  # a Hyperlink
            label = item.text.strip()
            url = item.url if hasattr(item, "url") else item.address
            if label and url and label not in (url, url.removeprefix("mailto:")):
                pieces.append((f"[{label}]({url})", False))
            else:
                pieces.append((item.text, False))
        else:
            pieces.append((item.text, _is_bold(item, paragraph)))
    return _join_bold_runs(pieces).strip()


def _is_bold(run, paragraph) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    for style in (run.style, paragraph.style):
        if style is not None and style.font.bold is not None:
            return bool(style.font.bold)
    return False


def _join_bold_runs(pieces: list[tuple[str, bool]]) -> str:
    """Merge neighbouring bold runs so Word's run splits do not fragment the marks."""
    out: list[str] = []
    bold_buffer: list[str] = []

    def flush() -> None:
        joined = "".join(bold_buffer)
        core = joined.strip()
        if core:
            lead = joined[: len(joined) - len(joined.lstrip())]
            trail = joined[len(joined.rstrip()) :]
            out.append(f"{lead}**{core}**{trail}")
        else:
            out.append(joined)
        bold_buffer.clear()

    for text, bold in pieces:
        if bold and "\n" not in text:
            bold_buffer.append(text)
            continue
        if bold_buffer:
            flush()
        out.append(text)
    if bold_buffer:
        flush()
    return "".join(out)


def _unbold(text: str) -> str:
    return text.replace("**", "")


def _table_lines(table) -> list[str]:
    """Row by row; a short first cell (a date, a label) joins the row's first line."""
    lines: list[str] = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:  # merged cells repeat the same XML cell
                seen.add(id(cell._tc))
                cells.append(cell)
        cell_lines = [
            [line for line in (_paragraph_line(p) for p in cell.paragraphs) if line]
            for cell in cells
        ]
        cell_lines = [found for found in cell_lines if found]
        if not cell_lines:
            continue
        if len(cell_lines) >= 2 and len(cell_lines[0]) == 1 and len(cell_lines[0][0]) <= 40:
            label = cell_lines.pop(0)[0]
            cell_lines[0][0] = join_label(label, cell_lines[0][0])
        for found in cell_lines:
            lines.extend(found)
        lines.append("")
    return lines


def _all_paragraph_texts(body) -> str:
    paragraphs = []
    for paragraph in body.iter(f"{_W_NS}p"):
        text = "".join(node.text or "" for node in paragraph.iter(f"{_W_NS}t"))
        if text.strip():
            paragraphs.append(text.strip())
    return "\n".join(paragraphs)
