"""cvparse.readers: every kind of upload to Markdown-ish text, or a clear CVParseError."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest

from cvparse.errors import CVParseError
from cvparse.readers import MAX_UPLOAD_BYTES, read
from cvparse.readers.bibtex import publications_from_bibtex
from cvparse.readers.plaintext import decode_text
from tests.cvparse.pdfwriter import Page, make_pdf
from tests.cvparse.shared import DEVSET

FILES = Path(__file__).parent / "files"


def read_file(name: str, filename: str | None = None):
    return read((FILES / name).read_bytes(), filename or name)


def lines_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# ------------------------------------------------------------------ text
@pytest.mark.parametrize(
    ("data", "filename", "expected_format"),
    [
        (b"# Ada Quill\n\n## Education\n", "cv.md", "markdown"),
        (b"# Ada Quill\n\n**PhD**, Nowhere\n", "cv.txt", "markdown"),
        (b"Ada Quill\nPhD, University of Nowhere, 2019\n", "cv.txt", "text"),
        (b"Ada Quill\nPhD, University of Nowhere, 2019\n", "cv", "text"),
    ],
)
def test_text_formats(data, filename, expected_format):
    document = read(data, filename)
    assert document.format == expected_format
    assert document.text == data.decode()


@pytest.mark.parametrize(
    "data",
    [
        "Zoë Brückner\r\nCV\r\n".encode(),
        b"\xef\xbb\xbf" + "Zoë Brückner\nCV\n".encode(),
        "Zoë Brückner\nCV\n".encode("utf-16"),
        "Zoë Brückner\nCV\n".encode("utf-16-le"),
        "Zoë Brückner\nCV\n".encode("utf-16-be"),
        "Zoë Brückner\rCV\r".encode("cp1252"),
    ],
    ids=["crlf", "utf8-bom", "utf16-bom", "utf16-no-bom", "utf16-be-no-bom", "cp1252-cr"],
)
def test_text_encodings_and_newlines(data):
    assert read(data, "cv.txt").text == "Zoë Brückner\nCV\n"


# Mostly Chinese: few ASCII characters, so few zero bytes.
CJK_CV = "钟寅民\n北京大学计算机学院，博士研究生\n2019 – 2024\n论文：分布式系统中的调度\n" * 30


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_in_a_script_other_than_latin(encoding):
    assert read(CJK_CV.encode(encoding), "cv.txt").text == CJK_CV


def test_binary_with_a_few_nul_bytes_is_not_text():
    """An image named .txt: few control bytes, but NULs no 8-bit text holds."""
    image = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(32, 256)) * 20
    assert decode_text(image) is None


def test_pdf_sniffed_by_content_not_extension():
    assert read_file("margin.pdf", "cv.txt").format == "pdf"


# ------------------------------------------------------------------ PDF
def test_pdf_headings_bold_links_and_order():
    text = read_file("one_column.pdf").text
    lines = lines_of(text)
    assert lines[0] == "# Ada Quill"
    assert "## Education" in lines and "## Publications" in lines and "## Teaching" in lines
    assert lines.index("## Education") < lines.index("## Experience") < lines.index("## Teaching")
    # bold owner name with the comma outside the marks; a linked venue
    assert "**Quill, A.**, Marlow, B. (2023). Parsing curricula vitae, part 4." in lines
    assert "[Journal of Imaginary Results](https://doi.org/10.1/2023)" in lines
    assert "[Homepage](https://adaquill.example.org)" in text


def test_pdf_words_split_by_gaps_and_dates_kept_on_their_line():
    lines = lines_of(read_file("one_column.pdf").text)
    # the writer sets every word apart, with no space characters, as LaTeX does
    assert "PhD in Linguistics, University of Nowhere 2015–2019" in lines
    assert "- Taught parsing and semantics to 120 students" in lines


def test_pdf_accent_glyphs_join_their_letter():
    assert "Advisor: Prof. Greta Brückner" in lines_of(read_file("one_column.pdf").text)


def test_pdf_running_footer_and_page_numbers_dropped():
    text = read_file("one_column.pdf").text
    assert "Curriculum Vitae" not in text
    assert not any(line.strip().isdigit() for line in text.splitlines())


def test_pdf_running_header_with_the_owners_name_keeps_the_title():
    pages = [Page(), Page()]
    pages[0].text(200, 60, "Ada Quill", bold=True, size=20)
    for number, page in enumerate(pages, start=1):
        page.text(50, 30 if number > 1 else 90, "Ada Quill", size=8)
        for row in range(5):
            page.text(
                50, 120 + 14 * row, f"Line {row} of page {number}, {'long ' * (row + number)}"
            )
        page.text(290, 815, f"Page {number} of 2", size=8)
    lines = lines_of(read(make_pdf(pages), "cv.pdf").text)
    assert lines[0] == "# Ada Quill"
    assert len(lines) == 11 and "Ada Quill" not in lines and "Page 2 of 2" not in lines


def test_pdf_two_columns_read_one_after_the_other():
    lines = lines_of(read_file("two_column.pdf").text)
    assert lines[0] == "# Ben Ortega"
    sidebar = lines.index("## Contact"), lines.index("SQL")
    main = (
        lines.index("## Experience"),
        lines.index("MSc in Statistics, Springfield University, 2016"),
    )
    assert sidebar[1] < main[0]
    assert lines[sidebar[0] + 1 : sidebar[0] + 4] == [
        "ben.ortega@example.org",
        "+1 555 0100",
        "Springfield",
    ]
    assert lines[main[0] + 1] == "Research Engineer, Acme Labs, 2019–2022"


def test_pdf_margin_column_joins_its_entry():
    lines = lines_of(read_file("margin.pdf").text)
    assert lines[:2] == ["# Cleo Marsh", "## Education"]
    assert "2011–2015 PhD studies, Group of Prof Ivo Lark, University of Nowhere," in lines
    assert "Department of Imaginary Biology." in lines
    # a label wrapped over two lines stays one label
    assert "Programming languages: R (expert), Python (advanced), Linux bash" in lines
    assert "Authored software: treemapr, shinyplots – visualizing gene expression with" in lines
    assert "treemaps, CRAN package" in lines
    assert not any(line in ("languages", "software") for line in lines)


def test_pdf_letter_spaced_heading_and_title_size():
    page = Page()
    page.text(50, 60, "Some Body", bold=True, size=20)
    x = 50.0
    for word in ("WORK", "EXPERIENCE"):
        for letter in word:
            x = page.text(x, 100, letter, bold=True, size=12) + 2.5
        x += 6
    page.text(50, 120, "Engineer at a place with several words in the line")
    lines = lines_of(read(make_pdf([page]), "cv.pdf").text)
    assert lines == [
        "# Some Body",
        "## WORK EXPERIENCE",
        "Engineer at a place with several words in the line",
    ]


def test_pdf_big_name_beside_small_contact_block():
    """moderncv classic: glyph boxes of a 24 pt name span two 9 pt contact lines."""
    page = Page()
    page.text(50, 60, "Jane Example", size=24)
    contact = ["1 Main Street", "02139 Cambridge, MA", "+1 555 0199", "jane@example.org"]
    for index, line in enumerate(contact):
        page.right(545, 55 + 13 * index, line, size=9)
    page.text(50, 140, "Education", size=14)
    page.text(50, 160, "PhD in Physics, Institute of Nowhere, 2015–2020, with a long line")
    page.text(50, 200, "Experience", size=14)
    page.text(50, 220, "Postdoc, University of Elsewhere, 2020–now, and several more words")
    lines = lines_of(read(make_pdf([page]), "cv.pdf").text)
    assert lines[0] == "# Jane Example"
    assert set(contact) <= set(lines)
    assert lines.index("## Education") < lines.index("## Experience")


def test_pdf_entry_titles_a_notch_above_the_body_are_not_headings():
    """awesome-cv: bold 10 pt employers over 9 pt text, right-aligned places and dates."""
    page = Page()
    page.text(200, 60, "Sam Sample", bold=True, size=28)
    y = 120.0
    for section in ("Experience", "Education"):
        page.text(50, y, section, bold=True, size=14)
        for employer, role, dates in (
            ("Acme Research Labs", "Research Scientist", "Jan. 2020 - Present"),
            ("Widget University", "Research Assistant", "Sep. 2015 - Dec. 2019"),
        ):
            page.text(50, y + 20, employer, bold=True)
            page.right(545, y + 20, "Boston, MA", size=9)
            page.text(50, y + 33, role, size=9)
            page.right(545, y + 33, dates, size=9)
            page.text(60, y + 46, "• Built things that matter to a number of people", size=9)
            y += 50
        y += 30
    lines = lines_of(read(make_pdf([page]), "cv.pdf").text)
    assert [line for line in lines if line.startswith("#")] == [
        "# Sam Sample",
        "## Experience",
        "## Education",
    ]
    assert "**Acme Research Labs**" in lines
    assert "Research Scientist Jan. 2020 - Present" in lines
    assert "- Built things that matter to a number of people" in lines


# The time checks below use CPU time, which a busy machine does not inflate: they guard
# against a file that makes the reader hang or inflate, not a speed target (benchmarks/).
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("encrypted.pdf", "password-protected"),
        ("corrupt.pdf", "damaged"),
        ("scanned.pdf", "no text layer"),
    ],
)
def test_pdf_errors_are_clear_and_fast(name, message):
    started = time.process_time()
    with pytest.raises(CVParseError, match=message):
        read_file(name)
    assert time.process_time() - started < 2


@pytest.mark.shared
@pytest.mark.parametrize("stem", ["10_jahn-bio", "13_davies-econ", "18_mogi-demography"])
def test_devset_pdfs_keep_the_text(stem):
    """Nearly every word of the plain-text rendering survives, in order, without glue."""
    text = read((DEVSET / "docs" / f"{stem}.pdf").read_bytes(), f"{stem}.pdf").text
    plain = (DEVSET / "docs-text" / f"{stem}.txt").read_text()
    plain = re.sub(r"([a-z])-\n\s*([a-z])", r"\1\2", plain)  # wrapped lines are rejoined
    words = set(_words(text))
    expected = [w for w in _words(plain) if len(w) > 3 and not w.startswith("cid")]
    found = sum(w in words for w in expected) / len(expected)
    assert found > 0.97
    assert text.startswith("# ") or "\n# " in text  # the owner's name as the title


def _words(text: str) -> list[str]:
    """Lower-case words without accents (the text rendering splits "Mu¨ller")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and ch not in "¨´`˚")
    return re.findall(r"[^\W\d_]+", text.lower())


@pytest.mark.shared
def test_devset_moderncv_margin_labels_and_links():
    text = read((DEVSET / "docs" / "10_jahn-bio.pdf").read_bytes(), "cv.pdf").text
    lines = lines_of(text)
    assert "## Education" in lines
    assert any(line.startswith("2011–2015 **PhD studies**,") for line in lines)
    assert any(line.startswith("Programming languages: R (expert)") for line in lines)
    assert re.search(r"\[GitHub\]\(https://github\.com/[\w-]+/\)", text)
    assert "ü" in text and "¨" not in text and "(cid:" not in text


# ------------------------------------------------------------------ DOCX
def test_docx_headings_bold_lists_and_tables():
    document = read_file("cv.docx")
    assert document.format == "docx"
    lines = lines_of(document.text)
    assert lines[0] == "# Dana Reyes"
    assert "# Education" in lines
    assert "**PhD in Chemistry**, Lakeside University, 2018" in lines
    assert any(line.startswith("- **Reyes, D.**, Okafor, N. (2020).") for line in lines)
    assert "2019–present Assistant Professor, Lakeside University" in lines
    assert "2018–2019 Postdoctoral Fellow, Hillcrest Institute" in lines


def test_docx_hyperlinks_numbered_lists_and_line_breaks():
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    paragraph = document.add_paragraph("Homepage: ")
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(
        qn("r:id"),
        paragraph.part.relate_to(
            "https://dana.example.org", RELATIONSHIP_TYPE.HYPERLINK, is_external=True
        ),
    )
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "my site"
    run.append(text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)
    document.add_paragraph("First numbered item", style="List Number")
    paragraph = document.add_paragraph("line one")
    paragraph.add_run().add_break()
    paragraph.add_run("line two")
    out = io.BytesIO()
    document.save(out)
    assert read(out.getvalue(), "cv.docx").text == (
        "Homepage: [my site](https://dana.example.org)\n- First numbered item\nline one\nline two\n"
    )


def test_docx_first_page_header_style_bold_link_fragments_breaks_and_merged_cells():
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Ada Quill"
    section.header.paragraphs[0].text = "Quill, CV"  # later pages only
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "2019"  # one date, two rows
    table.cell(0, 1).text = "Award of the Lake Society"
    table.cell(1, 1).text = "Medal of the River Club"
    table.cell(2, 0).merge(table.cell(2, 1)).text = "Across both columns"
    document.add_paragraph("A quote bold by its style", style="Intense Quote")
    paragraph = document.add_paragraph("Site: ")
    for target, anchor, label in [
        ("https://ada.example.org", "talks", "talks"),
        (None, "_Toc1", " top"),
    ]:
        link = OxmlElement("w:hyperlink")
        if target:
            link.set(
                qn("r:id"), paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, True)
            )
        link.set(qn("w:anchor"), anchor)
        run, text = OxmlElement("w:r"), OxmlElement("w:t")
        text.text = label
        run.append(text)
        link.append(run)
        paragraph._p.append(link)
    paragraph = document.add_paragraph("before the page break")
    page_break = OxmlElement("w:br")
    page_break.set(qn("w:type"), "page")
    paragraph.runs[0]._r.append(page_break)
    paragraph.add_run("\tafter")
    out = io.BytesIO()
    document.save(out)
    assert read(out.getvalue(), "cv.docx").text == (
        "Ada Quill\n\n"
        "2019 Award of the Lake Society\n\n2019 Medal of the River Club\n\nAcross both columns\n\n"
        "**A quote bold by its style**\n"
        "Site: [talks](https://ada.example.org#talks) top\n"
        "before the page break\tafter\n"
    )


def test_docx_reader_needs_no_python_docx():
    code = (
        "import sys; from cvparse.readers.docx import read_docx;"
        f" read_docx(open({str(FILES / 'cv.docx')!r}, 'rb').read());"
        " assert 'docx' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_zip({"word/document.xml": b"<w/>", "word/big.bin": b"\0" * 60_000_000}), "refusing"),
        (_zip({f"part{i}.xml": b"" for i in range(2100)}), "too many parts"),
        (_zip({"content.xml": b"<office/>", "mimetype": b"x"}), "OpenDocument"),
        (_zip({"notes.txt": b"hello"}), "ZIP archive"),
        (b"PK\x03\x04" + b"\x00" * 100, "damaged"),
        (_zip({"word/document.xml": b"not xml at all"}), "damaged"),
    ],
    ids=["bomb", "many-members", "odt", "plain-zip", "broken-zip", "broken-docx"],
)
def test_docx_guards(data, message):
    started = time.process_time()
    with pytest.raises(CVParseError, match=message):
        read(data, "cv.docx")
    assert time.process_time() - started < 2


# ------------------------------------------------------------------ HTML
def test_html_to_markdown():
    html = (FILES / "homepage.html").read_bytes()
    document = read(html, "index.html")
    assert document.format == "html"
    lines = lines_of(document.text)
    # The page title is kept as front matter: a name for the core, never content.
    assert lines[:4] == ["---", "title: Eli Thorn", "---", "# Eli Thorn"]
    assert "## Publications" in lines
    assert (
        "- **Thorn, E.**, Vale, P. (2022). "
        "[Imaginary graphs](https://example.org/graphs.pdf). Journal of Nothing." in lines
    )
    assert "Postdoc at" in document.text and "Fable Institute" in document.text
    for hidden in ("tracker", "Home | Blog", "secret comment", "color:"):
        assert hidden not in document.text


def test_html_sniffed_without_extension():
    assert (
        read(b"<!DOCTYPE html><html><body><h1>Eli Thorn</h1></body></html>", "cv").format == "html"
    )


# --------------------------------------------------------------- BibTeX
def test_bibtex_read_as_is_and_converted():
    data = (FILES / "papers.bib").read_bytes()
    document = read(data, "papers.bib")
    assert document.format == "bibtex"
    assert read(data, "papers.txt").format == "bibtex"  # content decides
    publications = publications_from_bibtex(document.text)
    assert [p["title"] for p in publications] == [
        "Deep Parsing of Curricula Vitae",
        "A Conference Paper on Imaginary Results",
        "Preprinted Thoughts",
    ]
    article, paper, preprint = publications
    assert [a["name"] for a in article["authors"]] == [
        "Jürgen Öst",
        "Ada Quill",
        "Piet van der Berg",
    ]
    assert article["venue"] == "Journal of Imaginary Results"
    assert (article["year"], article["month"], article["pages"]) == (2021, 3, "1–10")
    assert article["doi"] == "10.1234/jir.2021.1"
    assert {"label": "DOI", "url": "https://doi.org/10.1234/jir.2021.1"} in article["links"]
    assert (article["status"], article["category"]) == ("published", "Journal Articles")
    assert (paper["venue"], paper["status"], paper["category"]) == (
        "Proceedings of Nothing",
        "accepted",
        "Conference Papers",
    )
    assert (preprint["status"], preprint["category"]) == ("preprint", "Preprints")
    assert {"label": "arXiv", "url": "https://arxiv.org/abs/2101.00001"} in preprint["links"]


def test_bibtex_without_entries_is_an_error():
    with pytest.raises(CVParseError, match="no entries"):
        publications_from_bibtex("@comment{nothing here}")


# --------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 100, "JPEG image"),
        (b"\x7fELF" + b"\0" * 100, "program"),
        (b"MZ\x90\x00" + b"\0" * 100, "program"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, r"\.doc"),
        (bytes(range(256)) * 20, "binary"),
        (b"<html><body><script>x()</script></body></html>", "no text"),
    ],
    ids=["empty", "blank", "png", "jpeg", "elf", "exe", "doc", "binary", "empty-html"],
)
def test_unusable_uploads(data, message):
    started = time.process_time()
    with pytest.raises(CVParseError, match=message):
        read(data, "cv.pdf")
    assert time.process_time() - started < 2


def test_oversized_upload_rejected_before_reading():
    started = time.process_time()
    with pytest.raises(CVParseError, match="too large"):
        read(b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_BYTES, "cv.pdf")
    assert time.process_time() - started < 1


def test_pdf_table_rows_keep_their_right_hand_cells():
    """awesome-cv tables: a place or a skill list beside each row, rows spaced apart."""
    page = Page()
    page.text(200, 60, "Ada Lovelace", bold=True, size=24)
    for row in range(6):  # a summary: the page's usual line spacing
        page.text(50, 300 + 12 * row, f"Summary line {row} of running text, {'long ' * 14}")
    page.text(50, 100, "Honors", bold=True, size=14)
    rows = [("2024 Best Paper Award", "Yokohama, Japan"), ("2022 Some Fellowship", "Oslo, Norway")]
    for index, (award, place) in enumerate(rows):
        page.text(50, 125 + 25 * index, award)
        page.right(545, 125 + 25 * index, place, size=9)
    page.text(50, 200, "Skills", bold=True, size=14)
    skills = [("Programming", "C++, Python"), ("Robotics", "ROS 2")]
    for index, (category, items) in enumerate(skills):
        page.text(50, 225 + 25 * index, category, bold=True)
        page.text(160, 225 + 25 * index, items)
    lines = lines_of(read(make_pdf([page]), "cv.pdf").text)
    assert lines[lines.index("2024 Best Paper Award") + 1] == "Yokohama, Japan"
    assert lines[lines.index("2022 Some Fellowship") + 1] == "Oslo, Norway"
    assert lines[lines.index("**Programming**") + 1] == "C++, Python"
    assert lines[lines.index("**Robotics**") + 1] == "ROS 2"


def test_pdf_icon_only_profile_links_show_their_target():
    """An icon font's glyph is no text; when it alone carries a GitHub or ORCID link,
    the link's target stands in for it. An icon beside linked text just goes."""
    from cvparse.readers.pdf import _linked_icons, _Word

    def word(text: str, uri: str | None) -> _Word:
        return _Word(text, 0, 1, 0, 1, 10, False, 0, uri)

    words = [
        word("", "https://github.com/alovelace"),
        word("", "https://orcid.org/0000-0001-2345-6789"),
        word("orcid", "https://orcid.org/0000-0001-2345-6789"),
        word("", "https://example.org/some/icon"),
    ]
    assert [w.text for w in _linked_icons(words)] == ["github.com/alovelace", "orcid"]


def test_pdf_flush_right_places_beside_a_margin_column():
    """A label column (skills) on the page; award rows with places set flush right
    keep the place off the title."""
    page = Page()
    page.text(200, 60, "Ada Lovelace", bold=True, size=24)
    for row in range(6):
        page.text(50, 90 + 12 * row, f"Summary line {row} of running text, {'long ' * 14}")
    page.text(50, 200, "Skills", bold=True, size=14)
    skills = [("Programming", "C++, Python"), ("Robotics", "ROS 2"), ("Languages", "English")]
    for index, (category, items) in enumerate(skills):
        page.text(50, 220 + 13 * index, category, bold=True)
        page.text(160, 220 + 13 * index, items)
    page.text(50, 280, "Awards", bold=True, size=14)
    for index, (award, place) in enumerate([("2024 Best Paper", "Yokohama, Japan")]):
        page.text(50, 300 + 13 * index, award)
        page.right(545, 300 + 13 * index, place, size=9)
    lines = lines_of(read(make_pdf([page]), "cv.pdf").text)
    assert "**Robotics**: ROS 2" in lines
    assert lines[lines.index("2024 Best Paper") + 1] == "Yokohama, Japan"


def test_pdf_tight_table_rows_keep_their_places():
    """Below the header, a right-hand place belongs to its own row, however close the
    rows are; only in the header is a contact block read after the lines beside it."""
    page = Page()
    page.text(200, 60, "Ada Lovelace", bold=True, size=24)
    for row in range(6):
        page.text(50, 90 + 12 * row, f"Summary line {row} of running text, {'long ' * 14}")
    page.text(50, 200, "Awards", bold=True, size=14)
    rows = [("2024 Best Paper Award", "Yokohama, Japan"), ("2022 Some Fellowship", "Oslo, Norway")]
    for index, (award, place) in enumerate(rows):
        page.text(50, 220 + 13 * index, award)
        page.right(545, 220 + 13 * index, place, size=9)
    lines = lines_of(read(make_pdf([page]), "cv.pdf").text)
    assert lines[lines.index("2024 Best Paper Award") + 1] == "Yokohama, Japan"
    assert lines[lines.index("2022 Some Fellowship") + 1] == "Oslo, Norway"
