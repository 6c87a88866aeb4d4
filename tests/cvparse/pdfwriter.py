"""A tiny PDF writer for test fixtures and the benchmark (no PDF library needed).

Text is placed word by word at exact positions in the standard Helvetica
fonts, without space characters, as LaTeX output does: the reader must find
word breaks from the gaps. Links become URI annotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pdfminer.fontmetrics import FONT_METRICS

PAGE_WIDTH, PAGE_HEIGHT = 595, 842
_FONTS = {
    "regular": ("F1", "Helvetica"),
    "bold": ("F2", "Helvetica-Bold"),
    "italic": ("F3", "Helvetica-Oblique"),
}


@dataclass
class Page:
    """Text runs in top-down coordinates (y grows downwards, like a reader sees it)."""

    runs: list[tuple[float, float, str, str, float]] = field(default_factory=list)
    links: list[tuple[float, float, float, float, str]] = field(default_factory=list)
    image_only: bool = False

    def text(
        self, x: float, y: float, text: str, *, bold: bool = False, italic: bool = False,
        size: float = 10,
    ) -> float:  # fmt: skip
        """Place ``text`` at (x, y); return the x where it ends."""
        style = "bold" if bold else "italic" if italic else "regular"
        self.runs.append((x, y, text, style, size))
        return x + text_width(text, bold=bold, size=size)

    def right(self, x_end: float, y: float, text: str, **style) -> None:
        """Place ``text`` so that it ends at ``x_end`` (right-aligned)."""
        self.text(x_end - text_width(text, **style), y, text, **style)

    def paragraph(
        self, x: float, y: float, width: float, text: str, *, leading: float = 0.0, **style
    ) -> float:
        """Set ``text`` wrapped into lines at most ``width`` wide, as a layout engine
        does (a word that does not fit starts the next line); return the next line's y."""
        leading = leading or 1.2 * style.get("size", 10)
        lines: list[list[str]] = [[]]
        for word in text.split():
            if lines[-1] and text_width(" ".join([*lines[-1], word]), **style) > width:
                lines.append([])
            lines[-1].append(word)
        for line in lines:
            self.text(x, y, " ".join(line), **style)
            y += leading
        return y

    def link(self, x: float, y: float, text: str, url: str, **style) -> float:
        end = self.text(x, y, text, **style)
        size = style.get("size", 10)
        self.links.append((x, y - size, end, y + 2, url))
        return end


def text_width(text: str, *, bold: bool = False, size: float = 10) -> float:
    widths = FONT_METRICS[_FONTS["bold" if bold else "regular"][1]][1]
    return sum(widths.get(ch, 556) for ch in text) * size / 1000


def make_pdf(pages: list[Page], *, encrypted: bool = False) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree exists
    pages_obj = add(b"")
    fonts = {
        key: add(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
            % name.encode()
        )
        for key, (_res, name) in _FONTS.items()
    }
    image = add(b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")  # fmt: skip
    font_resources = b" ".join(
        b"/%s %d 0 R" % (_FONTS[key][0].encode(), number) for key, number in fonts.items()
    )
    page_numbers = []
    for page in pages:
        content = _content(page)
        stream = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        annots = [
            add(
                b"<< /Type /Annot /Subtype /Link /Border [0 0 0] /Rect [%.2f %.2f %.2f %.2f] "
                b"/A << /S /URI /URI (%s) >> >>"
                % (x0, PAGE_HEIGHT - y1, x1, PAGE_HEIGHT - y0, _escape(url))
            )
            for x0, y0, x1, y1, url in page.links
        ]
        annot_refs = b" ".join(b"%d 0 R" % number for number in annots)
        page_numbers.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << %s >> /XObject << /Im1 %d 0 R >> >> /Annots [%s] >>"
                % (pages_obj, PAGE_WIDTH, PAGE_HEIGHT, stream, font_resources, image, annot_refs)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    kids = b" ".join(b"%d 0 R" % number for number in page_numbers)
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages))
    trailer_extra = b""
    if encrypted:
        # A standard security handler whose user password is not empty: the
        # check values are arbitrary, so no empty password can open it.
        encrypt = add(
            b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <%s> /U <%s> >>" % (b"ab" * 32, b"cd" * 32)
        )
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (encrypt, b"01" * 16, b"01" * 16)

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        trailer_extra,
        xref,
    )
    return bytes(out)


def _content(page: Page) -> bytes:
    if page.image_only:
        return b"q 500 0 0 700 40 80 cm /Im1 Do Q"
    ops = []
    for x, y, text, style, size in page.runs:
        font = _FONTS[style][0].encode()
        cursor = x
        for word in text.split(" "):
            if word:
                ops.append(
                    b"BT /%s %.1f Tf %.2f %.2f Td (%s) Tj ET"
                    % (font, size, cursor, PAGE_HEIGHT - y, _escape(word))
                )
            cursor += text_width(word + " ", bold=style == "bold", size=size)
    return b"\n".join(ops)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
