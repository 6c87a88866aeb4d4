"""PDF CVs to Markdown-ish lines, rebuilt from positioned characters.

PDFium's text page gives every glyph with its box and font. From those we rebuild
words (by the gaps between glyphs, because many LaTeX PDFs have no space
characters), visual lines, the page's column layout, headings (by font size, or
set in a left margin beside the text), bold and italic runs, and entry
boundaries from the layout alone: a blank line where a line returns to the left
after indented ones (hanging indents) or stands a little further down than a
paragraph's lines. ``read_pdf_lines`` gives the same lines' layout as records.
"""

from __future__ import annotations

import functools
import math
import re
import statistics
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise
from operator import itemgetter

from cvparse.errors import CVParseError
from cvparse.readers.labels import is_date_like, is_list_number, join_label
from cvparse.readers.plaintext import normalise_text

MAX_PAGES = 100
# Work a document may ask of the reader, so that any upload reads in seconds: the
# objects its pages draw (text runs, lines, images; a dense CV page has a few hundred)
# and its glyphs (100 dense pages hold some 450,000). Pages past either are not read.
MAX_PAGE_OBJECTS = 200_000
MAX_GLYPHS = 600_000
# Gaps between glyphs, in ems of the font size: letters sit closer than
# WORD_GAP, words further; a gap over COLUMN_GAP separates page regions.
WORD_GAP = 0.12
COLUMN_GAP = 2.0
LABEL_GAP = 0.8  # ems: wider than any space between words, even in a justified line
_MARGIN_WORDS = 4  # a margin heading's words at most
EDGE_TOLERANCE = 2.5  # points; left edges of one column differ by rounding only

_PDFIUM_LOCK = threading.Lock()  # pypdfium2 (PDFium) is not thread-safe
# Font names carry the weight: "Roboto-Bold", TeX's CMBX10 (bold extended), cm-super's
# SFBX/SFSX (bold, sans bold), Nimbus "Medi" (the bold of its Times).
_BOLD_FONT = re.compile(
    r"bold|black|heavy|semibold|demi|\bcmbx|\bcmb\d|\bcmssbx|\bsf[bs]x|-medi$", re.I
)
# Italic and slanted faces: "-Italic", Nimbus "ReguItal", "-It", TeX's CMTI/CMSL and
# cm-super's SFTI/SFSI/SFSL.
_ITALIC_FONT = re.compile(
    r"ital|oblique|slant|-(?:bold|light|semibold)?it$|\bcm(?:bx)?(?:ti|sl)|\bsf(?:ti|si|sl|bi)",
    re.I,
)
_CID = re.compile(r"^\(cid:\d+\)$")
_BULLETS = set("•◦▪▫■□●○‣∙·➢►▸▹◆◇♦✓✔➤→⁃")
# Glyphs that stand for plain letters: ligatures, and the non-breaking hyphen some
# fonts (XeLaTeX awesome-cv) set for every "-", date ranges included.
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
              "\u2011": "-"}  # fmt: skip
_LIGATURE_GLYPHS = frozenset(_LIGATURES)
# Spacing accents that LaTeX sets as separate glyphs over a letter.
_ACCENTS = {
    "¨": "\u0308", "´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "˜": "\u0303", "˚": "\u030a",
    "¸": "\u0327", "ˇ": "\u030c", "˘": "\u0306", "˙": "\u0307", "˝": "\u030b", "¯": "\u0304",
}  # fmt: skip
# Punctuation after a word, but not the full stop of an initial ("Lovelace, A.").
_TRAILING_PUNCTUATION = re.compile(r"(?<!\b\w)[,.;:]+$|[,;:]*$")
_PROFILE_LINK = re.compile(
    r"^mailto:|//(?:www\.)?(?:github\.com|gitlab\.com|orcid\.org|linkedin\.com|twitter\.com|x\.com"
    r"|scholar\.google\.|researchgate\.net)/",
    re.I,
)
_DASHES = ("-", "–", "—")
_LIST_START = re.compile(r"^(\d{1,3})([.)]\s)")
_PAGE_NUMBER = re.compile(r"^\W*(page\s*)?\d{1,3}(\s*(of|/)\s*\d{1,3})?\W*$", re.I)
# A glyph dict's fields, for sorting and for min/max over many glyphs.
_X0, _X1, _TOP, _BOTTOM = (
    itemgetter("x0"),
    itemgetter("x1"),
    itemgetter("top"),
    itemgetter("bottom"),
)
_SIZE = itemgetter("size")


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    baseline: float
    uri: str | None = None
    italic: bool = False


@dataclass
class _Line:
    words: list[_Word]
    top: float
    bottom: float
    page_width: float = 0.0

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def size(self) -> float:
        return min(word.size for word in self.words)


@dataclass
class _Out:
    """One output line: an optional side label and the words of the entry."""

    words: list[_Word]
    top: float
    bottom: float
    label: list[_Word] = field(default_factory=list)
    line_gaps: list[float] = field(default_factory=list)  # between the lines joined in it
    wrap_x: float | None = None  # where the lines joined in it start
    level: int | None = None  # a heading lifted from the left margin
    column: int = 0


@dataclass
class PdfLine:
    """The layout of one output line, for learned line labelling: sizes in points,
    ``indent`` from the leftmost line start of its page, ``gap`` the extra space
    above it in ems beyond the usual line spacing (0 for a paragraph's next line)."""

    text: str
    page: int
    size: float
    bold: bool
    italic: bool
    x0: float
    indent: float
    gap: float
    column: int  # 0: the page's single or left column, 1: a right-hand column
    heading: int | None  # the Markdown heading level it is rendered with
    prefix: str | None  # "bullet", "number" or "label" (a margin date or label)
    back_at_left: bool  # back at the left after indented lines (hanging indent)


def read_pdf(data: bytes) -> str:
    return _read(data)[0]


def read_pdf_lines(data: bytes) -> list[PdfLine]:
    """One layout record per non-empty line ``read_pdf`` gives, in its order save
    for the title, which ``read_pdf`` moves first."""
    return _read(data)[1]


def _read(data: bytes) -> tuple[str, list[PdfLine]]:
    pages = _extract_lines(data)
    if sum(len(line.words) for page in pages for line in page) < 5:
        raise CVParseError(
            "This PDF has no text layer (it looks like a scanned image). Please upload "
            "the PDF exported from Word or LaTeX, or a DOCX or text version of the CV."
        )
    _drop_running_lines(pages)
    fonts = _FontStats([line for page in pages for line in page])
    headings = _lift_margin_headings(pages, fonts)
    _mark_bullets(pages)
    doc_edges = _left_edges([_segments(line, []) for page in pages for line in page])
    out: list[str] = []
    layout: list[PdfLine] = []
    carry = _Carry()
    for number, (page, lifted) in enumerate(zip(pages, headings, strict=True)):
        rendered, records = _render_page(page, fonts, lifted, doc_edges, carry, first=number == 0)
        out.extend(rendered)
        layout.extend(replace(record, page=number) for record in records)
    text = "\n".join(_title_first(out))
    return normalise_text(re.sub(r"\n{3,}", "\n\n", text).strip("\n")) + "\n", layout


def _title_first(lines: list[str]) -> list[str]:
    """Put the title (the owner's name, in the largest type) before the small print
    that some templates set above it ("Updated: May 2022"), as a reader sees it."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    for index in filled[:6]:
        if lines[index].startswith("# "):
            return [lines[index], ""] + lines[:index] + lines[index + 1 :]
    return lines


# ----------------------------------------------------------------- extraction
_DAMAGED = "The PDF could not be read; the file seems damaged."


def _extract_lines(data: bytes) -> list[list[_Line]]:
    """Lines per page, from PDFium's text page (characters with their boxes and fonts)."""
    import pypdfium2

    with _PDFIUM_LOCK:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise CVParseError(
                    "The PDF is password-protected. Please upload an unprotected copy."
                ) from exc
            raise CVParseError(_DAMAGED) from exc
        try:
            if len(document) > MAX_PAGES:
                raise CVParseError(
                    f"The PDF has {len(document)} pages; a CV should have at most {MAX_PAGES}."
                )
            return _read_pages(document)
        except pypdfium2.PdfiumError as exc:  # a page tree broken past the header
            raise CVParseError(_DAMAGED) from exc
        finally:
            document.close()


@dataclass
class _Budget:
    objects: int
    glyphs: int


class _OverBudget(Exception):
    pass


def _read_pages(document) -> list[list[_Line]]:
    """Lines of each page; a document past its budget is refused, not cut short (what
    the pages after the budget hold would be lost without a word)."""
    budget = _Budget(MAX_PAGE_OBJECTS, MAX_GLYPHS)
    count = len(document)
    read: list[list[_Line]] = []
    for number in range(count):
        page = document[number]
        try:
            read.append(_page_lines(document, page, budget))
        except _OverBudget:
            raise CVParseError(
                f"This PDF holds far more than the text of a CV (more than a CV's worth by "
                f"page {number + 1} of {count}). Please upload the CV alone."
            ) from None
        finally:
            page.close()
    return read


@dataclass
class _PageBox:
    """The page's media box, for turning PDF coordinates (y grows upwards from the
    box's corner) into ours (from the top left, y grows downwards)."""

    left: float
    top: float
    width: float
    height: float


def _page_lines(document, page, budget: _Budget) -> list[_Line]:
    from pypdfium2 import raw

    budget.objects -= raw.FPDFPage_CountObjects(page.raw)
    if budget.objects < 0:
        raise _OverBudget
    left, bottom, right, top = page.get_mediabox()
    box = _PageBox(left, top, right - left, top - bottom)
    textpage = page.get_textpage()
    try:
        chars = _merge_accents(_page_chars(textpage.raw, box, budget))
    finally:
        textpage.close()
    links = _page_links(document.raw, page.raw, box)
    result = []
    for line_chars, line_top, line_bottom in _attach_raised_and_lowered(_baseline_groups(chars)):
        words = _join_spaced_letters(_words(sorted(line_chars, key=_X0), links))
        if words:
            result.append(_Line(words, line_top, line_bottom, box.width))
    return sorted(result, key=lambda line: line.top)


@functools.cache
def _unchecked(name: str, pointer_result: bool = False):
    """PDFium's function ``name`` without ctypes' argument types, called with pointers
    as ``c_void_p`` and indexes as ints: per glyph, converting and checking typed
    arguments took three times as long as the call itself. A pointer result comes
    as an int (the text object's address: a key for the run a glyph belongs to)."""
    import ctypes

    from pypdfium2 import raw

    address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
    function = ctypes.CFUNCTYPE(ctypes.c_void_p if pointer_result else ctypes.c_int)(address)
    function.argtypes = None
    return function


def _page_chars(textpage, box: _PageBox, budget: _Budget) -> list[dict]:
    """The page's visible glyphs as dicts: text, box (x0, x1, top, bottom), font size,
    baseline, bold and italic. PDFium gives each character's origin, box and text
    run; what a run's font says (size, weight, slant, colour, direction) is looked
    up once per run, not per character."""
    import ctypes

    from pypdfium2 import raw

    count = raw.FPDFText_CountChars(textpage)
    # PDFium adds at most a space or a line break after each glyph: refuse a page
    # far past the budget before reading it.
    if count < 0 or count // 2 > budget.glyphs:
        raise _OverBudget
    text = _page_text(textpage, count)
    run_font = _RunFonts(textpage, box.top)
    runs: dict[int | None, _Run | None] = {}
    rect, advance = raw.FS_RECTF(), ctypes.c_float()
    x, y = ctypes.c_double(), ctypes.c_double()
    ink = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
    # The per-glyph calls take bare pointers (see _unchecked).
    page = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
    rect_ref, advance_ref = ctypes.c_void_p(ctypes.addressof(rect)), ctypes.byref(advance)
    x_ref, y_ref = (ctypes.c_void_p(ctypes.addressof(value)) for value in (x, y))
    ink_refs = [ctypes.c_void_p(ctypes.addressof(value)) for value in ink]
    text_object = _unchecked("FPDFText_GetTextObject", pointer_result=True)
    get_box, get_origin = (
        _unchecked("FPDFText_GetLooseCharBox"),
        _unchecked("FPDFText_GetCharOrigin"),
    )
    get_ink, get_advance = _unchecked("FPDFText_GetCharBox"), raw.FPDFFont_GetGlyphWidth
    is_generated = _unchecked("FPDFText_IsGenerated")
    unmapped = _unchecked("FPDFText_HasUnicodeMapError")
    left, flip, width, height = box.left, box.top, box.width, box.height
    chars: list[dict] = []
    glyphs = 0
    previous: dict | None = None
    previous_run = None
    for index in range(count):
        char = text[index]
        if char == " ":
            if is_generated(page, index):
                continue  # PDFium's own word break: gaps are ours to judge
        elif not char.strip():
            continue  # line breaks PDFium adds, tabs
        glyphs += 1
        run_key = text_object(page, index)
        run = runs.get(run_key, False)
        if run is False:
            run = runs[run_key] = run_font(index)
        if run is None:
            continue  # white, or turned sideways in a margin (a decoration)
        get_box(page, index, rect_ref)
        get_origin(page, index, x_ref, y_ref)
        x0, x1, bottom = x.value, rect.right, flip - rect.bottom
        top = bottom - run.size
        if x1 < left or x0 - left > width or bottom < 0 or top > height:
            continue
        if previous is not None and run_key == previous_run and x0 - left == previous["x0"]:
            # A ligature PDFium split into its letters, each with a part of its box,
            # or an accent LaTeX set over the letter it precedes.
            accent = _ACCENTS.get(previous["text"])
            if accent:
                previous["text"] = unicodedata.normalize("NFC", char + accent)
            else:
                previous["text"] += char
            previous["x1"] = max(previous["x1"], x1 - left)
            continue
        # The glyph ends where the next would start without a gap (its advance). An
        # italic letter's ink may overhang it (an italic f), and the box with it: the
        # ink reaches the box's edge, past the origin or the end.
        if run.italic:
            get_ink(page, index, *ink_refs)
            if (ink[0].value < x0 - 0.01 or ink[1].value >= x1 - 0.01) and get_advance(
                run.font, ord(char), run.nominal, advance_ref
            ):
                x1 = min(x1, x0 + max(advance.value, 0.0) * run.stretch)
        if unmapped(page, index):
            char = f"(cid:{ord(char)})"  # a glyph without a character: an icon, or a bullet
        elif char == "\ufffe":
            char = "-"  # PDFium's mark for a hyphen that ends a line
        previous = {
            "text": char, "x0": x0 - left, "x1": x1 - left, "top": top, "bottom": bottom,
            "size": run.size, "baseline": run.baseline, "bold": run.bold,
            "italic": run.italic,
        }  # fmt: skip
        previous_run = run_key
        chars.append(previous)
    budget.glyphs -= glyphs
    if budget.glyphs < 0:
        raise _OverBudget
    return chars


def _page_text(textpage, count: int) -> str:
    """The text page's characters, one per index."""
    import ctypes

    from pypdfium2 import raw

    buffer = ctypes.create_string_buffer(2 * (count + 1))
    raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: 2 * count].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters past the 16-bit range take two units each
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    return text


@dataclass
class _Run:
    """What the font of a text run says of its glyphs."""

    size: float  # in points on the page
    bold: bool
    italic: bool
    font: object  # PDFium's font, for glyph advances
    nominal: float  # the size the run's font is set in, before any scaling
    stretch: float  # from the font's units to the page's, across
    baseline: float  # from the page's top: a run stands on one baseline


class _RunFonts:
    """The font of the text run holding a character, read once per run; None for a
    run nobody sees: white, or not upright. One page's runs share the buffers."""

    def __init__(self, textpage, flip: float) -> None:
        import ctypes

        from pypdfium2 import raw

        self.raw, self.textpage, self.flip = raw, textpage, flip
        self.matrix = raw.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        self.colour = [ctypes.c_uint() for _ in range(4)]
        self.colour_refs = [ctypes.byref(c) for c in self.colour]
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.origin_refs = ctypes.byref(self.x), ctypes.byref(self.y)
        self.name = ctypes.create_string_buffer(256)
        self.styles: dict[int | None, tuple[bool, bool]] = {}  # by font
        self.address = functools.partial(ctypes.cast, typ=ctypes.c_void_p)

    def __call__(self, index: int) -> _Run | None:
        raw, textpage, matrix = self.raw, self.textpage, self.matrix
        raw.FPDFText_GetMatrix(textpage, index, self.matrix_ref)
        if not (matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0):
            return None  # vertical text in a margin: a decoration, read as one-letter lines
        if raw.FPDFText_GetFillColor(textpage, index, *self.colour_refs) and all(
            c.value == 255 for c in self.colour[:3]
        ):
            return None
        font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(textpage, index))
        key = self.address(font).value
        style = self.styles.get(key)
        if style is None:
            length = raw.FPDFFont_GetBaseFontName(font, self.name, 256) if font else 0
            name = self.name.value.decode("latin-1") if length else ""
            style = self.styles[key] = _font_style(name)
        nominal = raw.FPDFText_GetFontSize(textpage, index)
        raw.FPDFText_GetCharOrigin(textpage, index, *self.origin_refs)
        size = nominal * abs(matrix.d)
        return _Run(size, *style, font, nominal, matrix.a, self.flip - self.y.value)


@functools.lru_cache(maxsize=256)
def _font_style(name: str) -> tuple[bool, bool]:
    """Bold and italic, from the font's name."""
    return bool(_BOLD_FONT.search(name)), bool(_ITALIC_FONT.search(name))


def _page_links(document, page, box: _PageBox) -> list[dict]:
    """The page's web links: the target and the box of each."""
    import ctypes

    from pypdfium2 import raw

    links = []
    position, link, rect = ctypes.c_int(0), raw.FPDF_LINK(), raw.FS_RECTF()
    while raw.FPDFLink_Enumerate(page, ctypes.byref(position), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        length = raw.FPDFAction_GetURIPath(document, action, None, 0)
        target = ctypes.create_string_buffer(max(length, 1))
        raw.FPDFAction_GetURIPath(document, action, target, length)
        uri = target.value.decode("latin-1").strip()  # 7-bit ASCII, says the standard
        if uri and raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            links.append(
                {
                    "uri": uri,
                    "x0": min(rect.left, rect.right) - box.left,
                    "x1": max(rect.left, rect.right) - box.left,
                    "top": box.top - max(rect.top, rect.bottom),
                    "bottom": box.top - min(rect.top, rect.bottom),
                }
            )
    return links


def _baseline_groups(chars: list[dict]) -> list[list[dict]]:
    """Glyphs that stand on one baseline. Boxes are no guide: a 24 pt name's box
    spans two lines of a 9 pt contact block set beside it."""
    # In order of baseline, then x0: a run's glyphs share one baseline, so sorting
    # the baselines and each one's glyphs is the sort by both at a fraction of its cost.
    rows: dict[float, list[dict]] = {}
    for char in chars:
        rows.setdefault(char["baseline"], []).append(char)
    groups: list[list[dict]] = []
    group_baseline = group_size = 0.0
    for row_baseline in sorted(rows):
        for char in sorted(rows[row_baseline], key=_X0):
            baseline = char["baseline"]
            if not groups or baseline - group_baseline > 0.25 * min(char["size"], group_size):
                groups.append([])
                group_baseline, group_size = baseline, char["size"]
            groups[-1].append(char)
    return groups


def _attach_raised_and_lowered(
    groups: list[list[dict]],
) -> list[tuple[list[dict], float, float]]:
    """Superscripts and subscripts ("CO2", footnote marks) rejoin the line they sit
    in: a small or short group inside a bigger line's band, right beside its text.
    Each line comes with its band (top, bottom)."""
    merged = [list(group) for group in groups]
    # Each group's size and band, kept up to date as groups merge: computing them again
    # for every neighbour went over each line's glyphs a dozen times.
    sizes = [max(map(_SIZE, group)) for group in merged]
    tops = [min(map(_TOP, group)) for group in merged]
    bottoms = [max(map(_BOTTOM, group)) for group in merged]
    for index, group in enumerate(merged):
        size, top, bottom = sizes[index], tops[index], bottoms[index]
        span: tuple[float, float] | None = None  # the group's x0 and x1, once needed
        for other_index in (index - 1, index + 1):
            if not 0 <= other_index < len(merged) or not merged[other_index]:
                continue
            other = merged[other_index]
            if not (size <= 0.85 * sizes[other_index] or len(group) <= 3):
                continue
            if not tops[other_index] - 1 <= (top + bottom) / 2 <= bottoms[other_index] + 1:
                continue
            x0, x1 = span = span or (min(map(_X0, group)), max(map(_X1, group)))
            if any(c["x0"] - size <= x1 and x0 <= c["x1"] + size for c in other):
                other.extend(group)
                sizes[other_index] = max(sizes[other_index], size)
                tops[other_index] = min(tops[other_index], top)
                bottoms[other_index] = max(bottoms[other_index], bottom)
                group.clear()
                break
    return [
        (group, top, bottom)
        for group, top, bottom in zip(merged, tops, bottoms, strict=True)
        if group
    ]


def _merge_accents(chars: list[dict]) -> list[dict]:
    """Put LaTeX's separate accent glyphs onto the letter beneath them (``u¨`` -> ``ü``)."""
    accents = [c for c in chars if c["text"] in _ACCENTS]
    if not accents:
        return chars
    # Letters by the whole points their box (widened by 0.5) covers: an accent looks
    # only at the letters around its centre, not at every letter of the page.
    letters: dict[int, list[int]] = {}
    wide: list[int] = []  # a glyph wider than a word, checked by every accent
    for index, char in enumerate(chars):
        if char["text"].isalpha():
            low, high = math.floor(char["x0"] - 0.5), math.floor(char["x1"] + 0.5)
            if high - low > 64:
                wide.append(index)
            else:
                for x in range(low, high + 1):
                    letters.setdefault(x, []).append(index)
    merged: set[int] = set()
    for accent in accents:
        centre = (accent["x0"] + accent["x1"]) / 2
        near = letters.get(math.floor(centre), [])
        for letter in (chars[index] for index in (sorted(near + wide) if wide else near)):
            if (
                letter["x0"] - 0.5 <= centre <= letter["x1"] + 0.5
                and abs(letter["bottom"] - accent["bottom"]) < letter["size"]
                and letter is not accent
            ):
                composed = unicodedata.normalize("NFC", letter["text"] + _ACCENTS[accent["text"]])
                letter["text"] = composed
                merged.add(id(accent))
                break
    return [c for c in chars if id(c) not in merged]


def _words(chars: list[dict], links: list[dict]) -> list[_Word]:
    words: list[_Word] = []
    current: list[dict] = []

    def flush() -> None:
        if current:
            words.append(_make_word(current, links))
            current.clear()

    previous = None
    for char in chars:
        text = char["text"]
        if text == " ":
            flush()
            previous = None
            continue
        icon = text.startswith("(cid:") and _CID.match(text) is not None
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            if abs(char["x0"] - previous["x0"]) < 0.5 and text == previous["text"]:
                continue  # fake bold: the same glyph drawn twice
            if gap > WORD_GAP * previous["size"] or icon:
                flush()
        current.append(char)
        if icon:
            flush()
            previous = None
        else:
            previous = char
    flush()
    return _linked_icons(words)


def _linked_icons(words: list[_Word]) -> list[_Word]:
    """Words left empty (icon glyphs) go, but an icon that is the only mark of a
    profile or mail link shows its target, so the link reaches the owner's details."""
    for word in words:
        if word.text or not word.uri or not _PROFILE_LINK.search(word.uri):
            continue
        if not any(other.text and other.uri == word.uri for other in words):
            word.text = _plain_url(word.uri)
    return [word for word in words if word.text]


def _join_spaced_letters(words: list[_Word]) -> list[_Word]:
    """Letter-spaced headings ("E D U C A T I O N") come out one letter per word;
    rejoin them, breaking where the gap is clearly wider than between letters."""
    if len(words) < 4 or any(len(word.text) != 1 for word in words):
        return words
    gaps = [b.x0 - a.x1 for a, b in pairwise(words)]
    letter_gap = min(gaps)
    joined = [words[0]]
    for gap, word in zip(gaps, words[1:], strict=True):
        if gap > 1.8 * letter_gap + 0.05 * word.size:
            joined.append(word)
        else:
            last = joined[-1]
            joined[-1] = replace(
                last, text=last.text + word.text, x1=word.x1, top=min(last.top, word.top),
                bottom=max(last.bottom, word.bottom),
            )  # fmt: skip
    return joined


def _make_word(chars: list[dict], links: list[dict]) -> _Word:
    texts = [c["text"] for c in chars]
    text = "".join(texts)
    if not _LIGATURE_GLYPHS.isdisjoint(text):
        text = "".join([_LIGATURES.get(glyph, glyph) for glyph in texts])
    if text and max(text) >= "\ue000":
        # Icon fonts map to the Private Use Area; an icon is not text.
        text = "".join(ch for ch in text if not 0xE000 <= ord(ch) <= 0xF8FF)
    x0, x1 = chars[0]["x0"], chars[-1]["x1"]
    first = chars[0]
    if all(c["size"] == first["size"] and c["bold"] == first["bold"] for c in chars):
        # one run's glyphs, as nearly every word is: its font says it all
        top, bottom, size = first["top"], first["bottom"], round(first["size"], 1)
        bold, italic = first["bold"], first["italic"]
        if len(chars) > 1:
            top, bottom = min(map(_TOP, chars)), max(map(_BOTTOM, chars))
            italic = sum(c["italic"] for c in chars) * 2 >= len(chars)
    else:
        top, bottom = min(map(_TOP, chars)), max(map(_BOTTOM, chars))
        size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
        bold = sum(c["bold"] for c in chars) * 2 >= len(chars)
        italic = sum(c["italic"] for c in chars) * 2 >= len(chars)
    centre_x, centre_y = (x0 + x1) / 2, (top + bottom) / 2
    uri = None
    for link in links:
        if (
            link["x0"] - 1 <= centre_x <= link["x1"] + 1
            and link["top"] - 1 <= centre_y <= link["bottom"] + 1
        ):
            uri = link["uri"]
            break
    baseline = chars[0]["baseline"]
    return _Word(text, x0, x1, top, bottom, size, bold, baseline, uri, italic and not bold)


# ----------------------------------------------------------- page furniture
def _signature(line: _Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def _drop_running_lines(pages: list[list[_Line]]) -> None:
    """Remove page numbers and headers/footers repeated on most pages."""
    zones = [page[:2] + page[-2:] if len(page) > 4 else list(page) for page in pages]
    counts = Counter(sig for zone in zones for sig in {_signature(line) for line in zone})
    repeated = {sig for sig, count in counts.items() if count >= 2 and count >= 0.5 * len(pages)}
    # The running header that repeats the owner's name must not take the title
    # with it: an occurrence in larger type than the others stays.
    smallest: dict[str, float] = {}
    for zone in zones:
        for line in zone:
            signature = _signature(line)
            smallest[signature] = min(smallest.get(signature, line.size), line.size)
    for page, zone in zip(pages, zones, strict=True):
        for line in zone:
            signature = _signature(line)
            running = signature in repeated and line.size < 1.2 * smallest[signature]
            if running or _PAGE_NUMBER.match(line.text):
                page.remove(line)


def _mark_bullets(pages: list[list[_Line]]) -> None:
    """Bullet glyphs at line starts become ``-``; unmapped glyphs are bullets only
    where many lines start with the same one (else they are contact icons)."""
    lines = [line for page in pages for line in page]
    cid_starts = Counter(line.words[0].text for line in lines if _CID.match(line.words[0].text))
    for line in lines:
        first = line.words[0]
        if first.text in _BULLETS or cid_starts.get(first.text, 0) >= 3:
            first.text, first.bold = "-", False
        elif first.text[:1] in _BULLETS and len(first.text) > 1:
            first.text = first.text[1:]
            line.words.insert(
                0, replace(first, text="-", x1=first.x0, bold=False, italic=False, uri=None)
            )
        for word in line.words:
            if _CID.match(word.text):
                word.text = ""
        line.words = _linked_icons(line.words)
    for page in pages:
        page[:] = [line for line in page if line.words]


def _lift_margin_headings(pages: list[list[_Line]], fonts: _FontStats) -> list[list[_Out]]:
    """Section headings set in a left margin beside the text (LaTeX res and cv
    classes): short capitals or bold at the page's left, maybe over two or three
    lines interleaved with the text's, where nearly every other line starts right of
    them. They come out of their lines and become headings of their own."""
    candidates: list[tuple[int, _Line, list[_Word]]] = []
    for number, page in enumerate(pages):
        for line in page:
            run = _margin_run(line)
            if run and _is_margin_heading(run, fonts):
                candidates.append((number, line, run))
    if len(candidates) < 2:
        return [[] for _ in pages]
    left = Counter(round(run[0].x0) for _n, _l, run in candidates).most_common(1)[0][0]
    candidates = [c for c in candidates if abs(c[2][0].x0 - left) <= EDGE_TOLERANCE]
    right = max(run[-1].x1 for _n, _l, run in candidates)
    lifted = {id(line) for _n, line, _r in candidates}
    others = [line.x0 for page in pages for line in page if id(line) not in lifted]
    if len(candidates) < 2 or sum(x > right for x in others) < 0.8 * len(others):
        return [[] for _ in pages]
    headings: list[list[_Out]] = [[] for _ in pages]
    previous: tuple[int, _Line] | None = None
    for number, line, run in candidates:
        near = (
            previous is not None
            and previous[0] == number
            and line.top - previous[1].bottom < 0.8 * run[0].size
        )
        if near:  # the label's next line
            headings[number][-1].words.extend(run)
            headings[number][-1].bottom = line.bottom
        else:
            headings[number].append(_Out(list(run), line.top, line.bottom, level=2))
        previous = (number, line)
        line.words = line.words[len(run) :]
    for page in pages:
        page[:] = [line for line in page if line.words]
    return headings


def _margin_run(line: _Line) -> list[_Word]:
    """The words a margin label could be: the line's first part, cut at a hanging
    bullet (it belongs to the text), or at a gap wider than words have, where a long
    label runs close to its text (a column gap is wider still)."""
    run = _segments(line, [])[0]
    run = run[: next((i for i, w in enumerate(run) if w.text in _BULLETS), len(run))]
    for index in range(1, min(len(run), _MARGIN_WORDS + 1)):
        if run[index].x0 - run[index - 1].x1 > LABEL_GAP * run[index - 1].size:
            return run[:index]
    return run


def _is_margin_heading(run: list[_Word], fonts: _FontStats) -> bool:
    text = " ".join(word.text for word in run)
    letters = [ch for ch in text if ch.isalpha()]
    styled = all(ch.isupper() for ch in letters) or all(word.bold for word in run)
    return (
        len(letters) >= 4
        and len(run) <= _MARGIN_WORDS
        and styled
        and max(word.size for word in run) < 1.3 * fonts.body
        and not re.search(r"\d", text)
    )


# ------------------------------------------------------------------ fonts
class _FontStats:
    """Body size, heading sizes and heading levels for the whole document."""

    def __init__(self, lines: list[_Line]) -> None:
        # Parts of a line set apart by a wide gap count apart: a page's columns share
        # baselines, and a 22 pt name beside a 12 pt sidebar heading is still a title.
        lines = [
            _Line(part, line.top, line.bottom) for line in lines for part in _segments(line, [])
        ]
        # The body is the largest size that carries a real share of running
        # text (plain words in long lines); abstracts in a smaller size must
        # not make every entry look large, nor short headings count as text.
        chars: Counter[float] = Counter()
        for line in lines:
            for word in line.words:
                if len(line.words) >= 5 and not word.bold:
                    chars[round(word.size * 2) / 2] += len(word.text)
        total = sum(chars.values())
        self.body = max((size for size, n in chars.items() if n >= 0.1 * total), default=10.0)
        heading_sizes: Counter[float] = Counter()
        previous: _Line | None = None
        for line in lines:
            run = _Line(_leading_run(line.words), line.top, line.bottom)
            if not self._is_heading_size(run):
                continue
            size = round(run.size * 2) / 2
            wrapped = (
                previous is not None
                and round(previous.size * 2) / 2 == size
                and 0 <= run.top - previous.bottom < 0.8 * size
            )
            if not wrapped:  # a heading set over two lines counts once
                heading_sizes[size] += 1
            previous = run
        # Section headings are the largest size used more than once (the title is
        # used once; bold entry titles a notch above the body, often). A CV with
        # no repeated size gets its smallest heading size.
        repeated = [size for size, count in heading_sizes.items() if count >= 2]
        fallback = min(heading_sizes) if len(heading_sizes) >= 2 else None
        self.section_size = max(repeated, default=fallback)
        self.largest = max(heading_sizes) if heading_sizes else None

    def _is_heading_size(self, line: _Line) -> bool:
        if len(line.words) > 12:
            return False
        bold = all(word.bold for word in line.words)
        return line.size >= self.body * 1.05 and (bold or line.size >= self.body * 1.15)

    def heading_level(self, line_words: list[_Word]) -> int | None:
        line = _Line(line_words, 0, 0)
        if self._is_heading_size(line):
            size = round(line.size * 2) / 2
            if size == self.largest and (self.section_size is None or size > self.section_size):
                return 1
            if self.section_size is None or size >= self.section_size:
                return 2
        letters = [ch for ch in line.text if ch.isalpha()]
        if (
            all(word.bold for word in line_words)
            and len(letters) >= 4
            and all(ch.isupper() for ch in letters)
            and len(line_words) <= 8
            and not is_date_like(line.text)
        ):
            return 2 if self.section_size is None or line.size >= self.section_size else 3
        return None


# ----------------------------------------------------------------- layout
def _render_page(
    lines: list[_Line],
    fonts: _FontStats,
    headings: list[_Out],
    doc_edges: list[float],
    carry: _Carry,
    *,
    first: bool,
) -> tuple[list[str], list[PdfLine]]:
    if not lines:
        return _render_lines(headings, fonts)
    edges = _left_edges([_segments(line, []) for line in lines])
    # a column edge of the whole document holds on a page with few lines at it
    edges = sorted(
        set(edges) | {e for e in doc_edges if all(abs(e - x) > EDGE_TOLERANCE for x in edges)}
    )
    segmented = [(line, _segments(line, edges)) for line in lines]
    # The header: the first page down to its first section heading, below the title.
    levels = [fonts.heading_level(_leading_run(line.words)) or 0 for line in lines]
    first_heading = headings[0].top if headings else float("inf")
    header_end = next(
        (i for i, (level, line) in enumerate(zip(levels, lines, strict=True))
         if level > 1 or line.bottom > first_heading),
        len(lines),
    )  # fmt: skip
    header_end = header_end if first else 0
    outs = _serialise(segmented, edges, header_end, fonts, carry, first=first)
    return _render_lines(_place_headings(outs, headings), fonts)


def _place_headings(outs: list[_Out], headings: list[_Out]) -> list[_Out]:
    """Each margin heading goes before the first line that reaches down to it."""
    placed = list(outs)
    for heading in sorted(headings, key=lambda out: out.top, reverse=True):
        index = next(
            (i for i, out in enumerate(placed) if out.bottom > heading.top and not out.level),
            len(placed),
        )
        placed.insert(index, heading)
    return placed


def _left_edges(segmented: list[list[list[_Word]]]) -> list[float]:
    """x positions where several lines or wide-gap segments start: column edges."""
    starts = sorted(segment[0].x0 for segments in segmented for segment in segments)
    clusters: list[list[float]] = []
    for x in starts:
        if clusters and x - clusters[-1][-1] <= EDGE_TOLERANCE:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    needed = max(3, 0.1 * len(segmented))
    by_start = {id(segment): segment for segments in segmented for segment in segments}
    edges = []
    for cluster in clusters:
        if len(cluster) < needed:
            continue
        edge = statistics.median(cluster)
        starting = [s for s in by_start.values() if abs(s[0].x0 - edge) <= EDGE_TOLERANCE]
        ends = Counter(round(s[-1].x1) for s in starting)
        dates = sum(is_date_like(" ".join(w.text for w in s)) and len(s) <= 4 for s in starting)
        # Right-aligned years line up on the left too; they are not a text column.
        if max(ends.values()) < 0.7 * len(starting) and dates < 0.7 * len(starting):
            edges.append(edge)
    return edges


def _segments(line: _Line, edges: list[float]) -> list[list[_Word]]:
    """Split a line at wide gaps, and where a word starts on a column edge."""
    segments = [[line.words[0]]]
    for previous, word in pairwise(line.words):
        gap = word.x0 - previous.x1
        em = previous.size if previous.size > 1.0 else 1.0
        if gap > COLUMN_GAP * em or (
            gap > 0.5 * em and any(abs(word.x0 - edge) <= EDGE_TOLERANCE for edge in edges)
        ):
            segments.append([word])
        else:
            segments[-1].append(word)
    return segments


def _serialise(
    segmented: list[tuple[_Line, list[list[_Word]]]],
    edges: list[float],
    header_end: int,
    fonts: _FontStats,
    carry: _Carry,
    *,
    first: bool,
) -> list[_Out]:
    split = _column_split(segmented, edges)
    lines = [line for line, _segments in segmented]
    right = _text_right(lines)
    if split is None or split[1]:
        if carry.right is not None and max(line.words[-1].x1 for line in lines) <= carry.right + 1:
            right = carry.right  # the previous page's column goes on here
        else:
            carry.right = None
    if split is None:
        return _join_wrapped(_serialise_single(segmented, header_end), right)
    edge, is_margin = split
    if is_margin:
        return _join_wrapped(_serialise_margin(segmented, edge), right)
    return _serialise_columns(segmented, edge, fonts, right, carry, first=first)


@dataclass
class _Carry:
    """What a page hands on to the next: where the column that ran on to its foot
    ends, when that is short of the page's margin (a main column left of a sidebar)."""

    right: float | None = None


def _text_right(lines: list[_Line]) -> float:
    """Where the page's text lines end at the most: its right margin mirrors the left
    one (Word, LaTeX and browsers set them alike) unless a line reaches further."""
    left = min(line.x0 for line in lines)
    return max(max(line.words[-1].x1 for line in lines), lines[0].page_width - left)


def _column_split(
    segmented: list[tuple[_Line, list[list[_Word]]]], edges: list[float]
) -> tuple[float, bool] | None:
    """(edge, is_margin) for a page with a second column starting at ``edge``.

    A margin column (moderncv dates and labels, Word tab stops) holds short
    labels level with the entries they belong to; true columns flow apart.
    """
    best = None
    for edge in edges:
        paired = left_only = right_only = 0
        label_widths = []
        for _line, segments in segmented:
            left = [s for s in segments if s[-1].x1 <= edge - 1]
            right = [s for s in segments if s[0].x0 >= edge - EDGE_TOLERANCE]
            if left and right and _is_bullet_only(left):
                continue  # a bullet hanging before its text is no margin label
            if left and right and abs(left[-1][-1].baseline - right[0][0].baseline) <= 1:
                # level with its entry: a margin label, not a neighbouring column
                paired += 1
                label_widths.append(left[-1][-1].x1 - left[0][0].x0)
            elif left and right:
                left_only += 1
                right_only += 1
            elif left and len(left) == len(segments):
                left_only += 1
            elif right and len(right) == len(segments):
                right_only += 1
        if paired + left_only < 3 or right_only + paired < 3:
            continue
        if paired >= 2 and paired >= 0.5 * (paired + left_only):
            page_width = max(s[-1].x1 for _l, segs in segmented for s in segs) - min(
                line.x0 for line, _s in segmented
            )
            if statistics.median(label_widths) < 0.35 * page_width:
                candidate = (paired, edge, True)
            else:
                candidate = (paired, edge, False)
        elif left_only >= 3 and right_only >= 3:
            candidate = (left_only + right_only, edge, False)
        else:
            continue
        if best is None or candidate[0] > best[0]:
            best = candidate
    return None if best is None else (best[1], best[2])


def _is_bullet_only(segments: list[list[_Word]]) -> bool:
    words = [word for segment in segments for word in segment]
    return len(words) == 1 and (words[0].text == "-" or words[0].text in _BULLETS)


def _serialise_single(
    segmented: list[tuple[_Line, list[list[_Word]]]], header_end: int
) -> list[_Out]:
    """One column; right-hand parts that are not dates are read after their line, or in
    the header (a contact block beside the address) after the run of lines they sit
    beside."""
    outs: list[_Out] = []
    side: list[_Out] = []
    gaps = sorted(b.top - a.bottom for (a, _), (b, _) in pairwise(segmented) if b.top >= a.bottom)
    tight_gap = gaps[len(gaps) // 4] if gaps else 0.0  # between the lines of a paragraph
    previous = None
    for index, (line, _column_segments) in enumerate(segmented):
        # A wider gap starts a new row (a table's next award or skill): what sat
        # beside the rows above belongs to them, not to the rows below.
        if side and previous is not None and line.top - previous.bottom > 1.5 * tight_gap + 1:
            outs.extend(side)
            side = []
        previous = line
        segments = _segments(line, [])  # no columns here: split at wide gaps only
        main = list(segments[0])
        beside: list[_Word] = []
        for segment in segments[1:]:
            if is_date_like(" ".join(w.text for w in segment)) and not beside:
                main.extend(segment)
            else:
                beside.extend(segment)
        if not beside and side:
            outs.extend(side)
            side = []
        outs.append(_Out(main, line.top, line.bottom))
        if beside and index >= header_end:
            outs.append(_Out(beside, line.top, line.bottom))  # a table row's last cell
        elif beside:
            side.append(_Out(beside, line.top, line.bottom))
    outs.extend(side)
    return outs


def _serialise_margin(segmented: list[tuple[_Line, list[list[_Word]]]], edge: float) -> list[_Out]:
    outs: list[_Out] = []
    previous_label_bottom = None
    for line, segments in segmented:
        left = [w for s in segments if s[-1].x1 <= edge - 1 for w in s]
        right_segments = [s for s in segments if s[-1].x1 > edge - 1]
        tail = _flush_right_tail(right_segments)
        apart = [w for s in right_segments for w in s]
        if (
            left
            and apart
            and apart[0].x0 > edge + 2 * left[-1].size
            and not is_date_like(" ".join(w.text for w in apart))
        ):
            # nothing starts at the column: the right part is set flush right, apart
            tail, right_segments = apart, []
        right = [w for s in right_segments for w in s]
        if left and _continues_label(left, outs, line, previous_label_bottom):
            outs[-1 if not right else _last_labelled(outs)].label.extend(left)
            previous_label_bottom = line.bottom
            if right:
                outs.append(_Out(right, line.top, line.bottom))
        elif left and right:
            outs.append(_Out(right, line.top, line.bottom, label=left))
            previous_label_bottom = line.bottom
        else:
            outs.append(_Out(left or right, line.top, line.bottom))
            previous_label_bottom = line.bottom if left else None
        if tail:
            outs.append(_Out(tail, line.top, line.bottom))
    return outs


def _flush_right_tail(segments: list[list[_Word]]) -> list[_Word]:
    """Take off the last segment when a wide gap parts it from the text and it is no
    date: a place set flush right ("Best Paper Award ... Yokohama, Japan") is a line of
    its own under the entry, not the end of its title."""
    if len(segments) < 2:
        return []
    before, last = segments[-2][-1], segments[-1]
    wide = last[0].x0 - before.x1 > COLUMN_GAP * max(before.size, 1.0)
    if not wide or is_date_like(" ".join(w.text for w in last)):
        return []
    return segments.pop()


def _continues_label(left: list[_Word], outs: list[_Out], line: _Line, label_bottom) -> bool:
    """A label wrapped onto a second line ("Programming / languages", a date range
    "Sep 2019 –" / "Jun 2021" in a narrow date column)."""
    if not outs or label_bottom is None:
        return False
    first = left[0].text
    close = line.top - label_bottom < 0.6 * left[0].size
    label = outs[_last_labelled(outs)].label
    # cut after a hyphen, an open range's dash or a comma ("2025–" / "current",
    # "Sep 2019 –" / "Jun 2021"), or before a dash
    open_end = bool(label) and re.search(r"(^|[\w.])[-–—,]$", label[-1].text) is not None
    return close and (first[:1].islower() or first.startswith(_DASHES) or open_end)


def _last_labelled(outs: list[_Out]) -> int:
    for index in range(len(outs) - 1, -1, -1):
        if outs[index].label:
            return index
    return len(outs) - 1


def _serialise_columns(
    segmented: list[tuple[_Line, list[list[_Word]]]],
    edge: float,
    fonts: _FontStats,
    page_right: float,
    carry: _Carry,
    *,
    first: bool,
) -> list[_Out]:
    """Two independent columns: lines above them, then each column as its own flow.
    On the first page, what a column holds above its first section heading (the name
    atop the main column, contact details atop a sidebar) belongs to the header."""
    above: list[_Out] = []
    left_col: list[_Out] = []
    right_col: list[_Out] = []
    started = False
    for line, segments in segmented:
        left = [w for s in segments if s[0].x0 < edge - EDGE_TOLERANCE for w in s]
        right = [w for s in segments if s[0].x0 >= edge - EDGE_TOLERANCE for w in s]
        crosses = any(s[0].x0 < edge - EDGE_TOLERANCE < edge < s[-1].x1 for s in segments)
        if not started and (crosses or not right):
            above.append(_Out(line.words, line.top, line.bottom))
            continue
        started = True
        if left:
            left_col.append(_Out(left, line.top, line.bottom))
        if right:
            right_col.append(_Out(right, line.top, line.bottom, column=1))
    # the right column ends at the page's margin; the left one where its lines do
    columns = [_join_wrapped(left_col), _join_wrapped(right_col, page_right)]
    if first:
        leads = [column[: _first_section_heading(column, fonts)] for column in columns]
        columns = [column[len(lead) :] for column, lead in zip(columns, leads, strict=True)]
        # the lead with the largest type (the owner's name) comes first
        leads.sort(key=lambda lead: -max((w.size for out in lead for w in out.words), default=0))
        above += [out for lead in leads for out in lead]
    # A main column that runs on to the page's foot beside a narrower sidebar on its
    # right goes last: the next page goes on with it.
    carry.right = None
    left, right = columns
    if right and _width(left) > _width(right) and left[-1].bottom > right[-1].bottom + 1:
        carry.right = max(word.x1 for out in columns[0] for word in out.words)
        columns.reverse()
    return above + columns[0] + columns[1]


def _set_apart(line: list[_Word]) -> bool:
    """A line with a gap far wider than its spaces: a part set apart (a date, a sum,
    a place at the right margin) shows it was laid out, not wrapped."""
    words = line[1:] if line[0].text == "-" else line  # (a bullet hangs apart)
    gaps = sorted(b.x0 - a.x1 for a, b in pairwise(words))
    if not gaps:
        return False
    space = statistics.median(gaps[:-1]) if len(gaps) > 1 else 0.25 * line[0].size
    return gaps[-1] > max(2.5 * space, 0.8 * line[0].size)


def _width(outs: list[_Out]) -> float:
    if not outs:
        return 0.0
    return max(w.x1 for out in outs for w in out.words) - min(out.words[0].x0 for out in outs)


def _ends_sentence(word: str) -> bool:
    """A word closing a sentence ("Leipzig.", "2020-2022."): not an APA year ("(2019).")
    nor an initial ("EP."), which go on within a citation."""
    core = word.rstrip(")]'’\"”")
    before = core[-2:-1]
    return core[-1:] in (".", "!", "?") and before != ")" and not before.isupper()


def _first_section_heading(outs: list[_Out], fonts: _FontStats) -> int:
    """Index of the first section heading in a flow; 0 when it has none."""
    for index, out in enumerate(outs):
        level = fonts.heading_level(_split_heading(out.words, fonts)[0])
        if level is not None and level > 1:
            return index
    return 0


def _join_wrapped(outs: list[_Out], right: float | None = None) -> list[_Out]:
    """One flow's lines, with the lines its layout wrapped joined back into one.

    A line was wrapped when the next line's first word would not have fitted at its
    end (it stops near the flow's right edge), the next line follows at the
    paragraph's line spacing, in the same size, at the paragraph's left edge or its
    hanging indent, and is no bullet nor a new labelled row. A line with a part set
    apart (a date or place flush right) was laid out, not wrapped; a sentence's end
    before a capital may be an item's end, and stays one.
    """
    steps = [
        (b.words[0].baseline - a.words[-1].baseline) / a.words[-1].size
        for a, b in pairwise(outs)
        if abs(a.words[-1].size - b.words[0].size) <= 0.5
    ]
    steps = sorted(step for step in steps if 0.9 <= step <= 2.5)
    if not steps:
        return outs
    tight = steps[len(steps) // 5]  # the line spacing inside a paragraph
    longest = max(out.words[-1].x1 for out in outs)
    if right is None:
        # The flow's own edge, if several lines come near it: among short items the
        # longest would only look full.
        em = statistics.median(out.words[-1].size for out in outs)
        if sum(out.words[-1].x1 > longest - 3 * em for out in outs) < 3:
            return outs
    right = max(right or 0.0, longest)
    joined = [outs[0]]
    last_start = 0  # where the last visual line of joined[-1] starts in its words
    indent: float | None = None  # the x of the paragraph's continuation lines
    for out in outs[1:]:
        paragraph = joined[-1]
        line = paragraph.words[last_start:]
        last, first = line[-1], out.words[0]
        size = last.size
        step = (first.baseline - last.baseline) / size
        if indent is None:
            aligned = (
                paragraph.words[0].x0 - EDGE_TOLERANCE
                <= first.x0
                <= paragraph.words[0].x0 + 4 * size
            )
        else:
            aligned = abs(first.x0 - indent) <= EDGE_TOLERANCE
        wrapped = (
            not out.label
            and first.text != "-"
            and abs(first.size - size) <= 0.5
            and 0.9 <= step <= 1.1 * tight + 0.05
            and aligned
            and last.x1 + 0.22 * size + (first.x1 - first.x0) > right  # (the narrowest space)
            and not _set_apart(line)
            and not (_ends_sentence(last.text) and not first.text[:1].islower())
        )
        if not wrapped:
            joined.append(out)
            last_start, indent = 0, None
            continue
        words = list(out.words)
        if re.search(r"[a-z]-$", last.text) and first.text[:1].islower():
            paragraph.words[-1] = replace(last, text=last.text[:-1] + first.text, x1=first.x1)
            words = words[1:]
            # the merged word opens the visual line that goes on
            last_start = len(paragraph.words) - 1
        else:
            last_start = len(paragraph.words)
        paragraph.words.extend(words)
        paragraph.line_gaps.append(out.top - paragraph.bottom)
        paragraph.wrap_x = first.x0
        paragraph.bottom = out.bottom
        indent = first.x0
    return joined


# --------------------------------------------------------------- rendering
def _unlink_wrapped_links(outs: list[_Out]) -> None:
    """A link that wraps onto the next line (a long linked title) is kept as plain
    text: ``[A database of age-](u)`` / ``[structured ...](u)``, or its URL put in
    the middle of the citation, would cut the title in two for the parser."""
    for current, following in pairwise(outs):
        uri = current.words[-1].uri
        if uri and following.words[0].uri == uri:
            for out in (current, following):
                for word in out.words:
                    if word.uri == uri:
                        word.uri = None


def _render_lines(outs: list[_Out], fonts: _FontStats) -> tuple[list[str], list[PdfLine]]:
    _unlink_wrapped_links(outs)
    rendered: list[str] = []
    records: list[PdfLine] = []
    page_left = min((_start(out) for out in outs), default=0.0)
    gaps = [b.top - a.bottom for a, b in pairwise(outs) if b.top - a.bottom >= 0]
    gaps += [gap for out in outs for gap in out.line_gaps if gap >= 0]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    right = max((out.words[-1].x1 for out in outs), default=0.0)
    pitch = _usual_pitch(outs)
    previous = None
    for index, out in enumerate(outs):
        heading_words, rest = _split_heading(out.words, fonts)
        level = fonts.heading_level(heading_words) if heading_words and not out.label else None
        if out.level:
            heading_words, rest, level = out.words, [], out.level
        extra, back = 0.0, False  # space beyond the usual line spacing; a hanging indent's end
        if previous is None:
            if level:
                rendered.append("")
        else:
            gap = out.top - previous.bottom
            jumped_back = out.top < previous.top  # the next column or a new page region
            wide = gap > max(1.8 * usual_gap, 0.5 * out.words[0].size)
            # more space than between a paragraph's lines, if only a little (parskip)
            extra = 0.0 if jumped_back else _baseline(out) - previous.words[-1].baseline - pitch
            back = _back_at_left(outs, index)
            wide = wide or extra > 0.2 * out.words[0].size
            if level or jumped_back or wide or back:
                rendered.append("")
        if level:
            texts = ["#" * level + " " + " ".join(w.text for w in heading_words)]
            rendered.extend([texts[0], ""])
            if rest:
                texts.append(_markup(rest))
                rendered.append(texts[-1])
        else:
            line = join_label(_markup(out.label), _markup(out.words))
            if previous is not None and rendered[-1] and _wraps_into(previous, out, right):
                line = _LIST_START.sub(r"\1\\\2", line)  # "78." left by a wrap is no list number
            rendered.append(line)
            texts = [line]
        extra_ems = max(0.0, extra / out.words[0].size)
        records.extend(_record(text, out, page_left, extra_ems, level, back) for text in texts)
        previous = out
    return rendered, records


def _record(
    text: str, out: _Out, page_left: float, gap: float, level: int | None, back: bool
) -> PdfLine:
    words = out.label + out.words
    first = words[0].text
    prefix = "label" if out.label else None
    if first == "-" or first in _BULLETS:
        prefix = "bullet"
    elif is_list_number(first):
        prefix = "number"
    return PdfLine(
        text=text, page=0, size=statistics.median(w.size for w in words),
        bold=all(w.bold for w in words), italic=all(w.italic for w in words),
        x0=round(_start(out), 1), indent=round(_start(out) - page_left, 1), gap=round(gap, 2),
        column=out.column, heading=level, prefix=prefix, back_at_left=back,
    )  # fmt: skip


def _baseline(out: _Out) -> float:
    return (out.label or out.words)[0].baseline


def _usual_pitch(outs: list[_Out]) -> float:
    """Baseline to baseline between the lines of a paragraph: the commonest step
    between consecutive lines of one size."""
    steps = Counter(
        round(_baseline(b) - a.words[-1].baseline, 1)
        for a, b in pairwise(outs)
        if round(a.words[0].size) == round(b.words[0].size) and _baseline(b) > _baseline(a)
    )
    # and between the lines of a paragraph joined into one
    steps.update(
        round(second.baseline - first.baseline, 1)
        for out in outs
        for first, second in pairwise(out.words)
        if second.baseline - first.baseline > 0.5 * first.size
    )
    return steps.most_common(1)[0][0] if steps else float("inf")


def _wraps_into(previous: _Out, out: _Out, right: float) -> bool:
    """``out`` carries on ``previous``, a line filled to the right edge mid-sentence."""
    last = previous.words[-1]
    return (
        _start(out) >= _start(previous) - EDGE_TOLERANCE
        and last.x1 >= right - 2 * last.size
        and not last.text.endswith((".", ":", ";"))
    )


def _start(out: _Out) -> float:
    return (out.label or out.words)[0].x0


def _back_at_left(outs: list[_Out], index: int) -> bool:
    """A line back at the left after indented ones opens a new entry: the end of a
    hanging indent (APA references), of a margin label's lines, of an entry's
    indented details. A lone indented first line of a paragraph that this line goes
    on with (lower case, or after a comma or hyphen) is the other kind of indent."""
    out, previous = outs[index], outs[index - 1]
    if previous.wrap_x is not None and not previous.level:
        # a paragraph joined from its wrapped lines: back left of where they started
        indent = previous.wrap_x - _start(out)
        return 0.5 * out.words[0].size <= indent <= 6 * out.words[0].size
    indent = _start(previous) - _start(out)
    # (a cell set far to the right, a flush-right place, is no indent)
    if previous.level or not 0.5 * out.words[0].size <= indent <= 6 * out.words[0].size:
        return False
    before = outs[index - 2] if index >= 2 else None
    lone = before is None or abs(_start(before) - _start(previous)) > EDGE_TOLERANCE
    text = (out.label or out.words)[0].text
    goes_on = text[:1].islower() or previous.words[-1].text.endswith(("-", ","))
    return not (lone and goes_on)


def _split_heading(words: list[_Word], fonts: _FontStats) -> tuple[list[_Word], list[_Word]]:
    """A heading-sized run at the start of a line, and the smaller rest
    ("BENJAMIN DAVIES ... June 4, 2026" -> heading, then the date)."""
    head = _leading_run(words)
    if len(head) < len(words) and fonts.heading_level(head):
        return head, words[len(head) :]
    return words, []


def _leading_run(words: list[_Word]) -> list[_Word]:
    """The first words of a line that share its first word's font size."""
    size = round(words[0].size * 2)
    count = next((i for i, word in enumerate(words) if round(word.size * 2) != size), len(words))
    return words[:count]


def _markup(words: list[_Word]) -> str:
    """Words with bold runs as ``**...**``, italic runs as ``*...*`` and linked runs as
    ``[text](url)``."""
    parts: list[str] = []
    index = 0
    while index < len(words):
        run = [words[index]]
        while (
            index + len(run) < len(words)
            and words[index + len(run)].bold == run[0].bold
            and words[index + len(run)].italic == run[0].italic
            and words[index + len(run)].uri == run[0].uri
        ):
            run.append(words[index + len(run)])
        index += len(run)
        text = " ".join(word.text for word in run)
        # Marks close before trailing punctuation: "**Lovelace A**," as a person writes it.
        marked = run[0].uri or run[0].bold or run[0].italic
        trail = _TRAILING_PUNCTUATION.search(text).group() if marked else ""
        text = text[: len(text) - len(trail)]
        uri = run[0].uri
        if uri and _plain_url(uri) not in (_plain_url(text), text.lower()):
            text = f"[{text}]({uri})"
        if run[0].bold and any(ch.isalnum() for ch in text):
            text = f"**{text}**"
        elif run[0].italic and any(ch.isalnum() for ch in text) and "*" not in text:
            text = f"*{text}*"
        parts.append(text + trail)
    return " ".join(parts)


def _plain_url(url: str) -> str:
    return re.sub(r"^(mailto:|https?://)(www\.)?", "", url.strip().lower()).rstrip("/")
