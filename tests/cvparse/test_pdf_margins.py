"""PDF layouts whose structure only the page shows: headings in a left margin,
a sidebar beside the main column, hanging-indent references, numbered lists set
in the margin, running footers. Every CV here is fictional."""

from __future__ import annotations

from cvparse import parse
from cvparse.readers import read
from cvparse.readers.pdf import read_pdf_lines
from tests.cvparse.pdfwriter import Page, make_pdf, text_width

LINE = 13.5  # baseline to baseline


def lines_of(pdf: bytes) -> list[str]:
    return [line for line in read(pdf, "cv.pdf").text.splitlines() if line.strip()]


def _margin_heading_cv() -> bytes:
    """LaTeX res style: small capitals in a left margin, a label's words split over
    two lines and level with the text's lines, bullets hanging left of the text."""
    page = Page()
    page.text(230, 60, "Curriculum vitae", size=22)
    page.text(72, 100, "Ada Quill", size=12)
    y = 130.0
    page.text(76, y, "RESEARCH", size=8.5)
    page.text(160, y, "Tidal dynamics of imaginary moons, numerical methods for very")
    page.text(76, y + LINE, "INTERESTS", size=8.5)
    page.text(160, y + LINE, "small oceans.")
    y += 3 * LINE
    page.text(76, y, "EDUCATION", size=8.5)
    page.text(160, y, "University of Nowhere", bold=True)
    page.text(174, y + LINE, "Ph.D. in Applied Mathematics")
    page.right(540, y + LINE, "2014-2019")
    page.text(174, y + 2 * LINE, "Thesis: Waves on a small sea.")
    page.text(160, y + 3 * LINE, "Faraway College", bold=True)
    page.text(174, y + 4 * LINE, "B.Sc. in Physics")
    page.right(540, y + 4 * LINE, "2010-2014")
    y += 6 * LINE
    talks = [
        "Talk on waves in small seas, Workshop on Tides, Nowhere, 2021.",
        "Poster on moons and their oceans, Congress of Fictional Physics, 2020.",
        "Talk on numerical tides, Seminar of the Faraway College, 2019.",
    ]
    for row, talk in enumerate(talks):
        if row == 0:
            page.text(76, y, "INVITED", size=8.5)
        if row == 1:
            page.text(76, y, "TALKS", size=8.5)
        page.text(166, y, "•")
        page.text(174, y, talk)
        y += LINE
    return make_pdf([page])


def test_margin_headings_beside_the_text_become_headings():
    lines = lines_of(_margin_heading_cv())
    assert "## RESEARCH INTERESTS" in lines
    interests = lines.index("## RESEARCH INTERESTS")
    assert lines[interests + 1].startswith("Tidal dynamics")
    assert "## EDUCATION" in lines and "## INVITED TALKS" in lines
    talks = lines.index("## INVITED TALKS")
    assert lines[talks + 1 : talks + 4] == [
        "- Talk on waves in small seas, Workshop on Tides, Nowhere, 2021.",
        "- Poster on moons and their oceans, Congress of Fictional Physics, 2020.",
        "- Talk on numerical tides, Seminar of the Faraway College, 2019.",
    ]
    assert not any(word in line for line in lines for word in ("RESEARCH:", "TALKS:"))


def test_margin_headings_give_sections_and_entries():
    cv = parse(_margin_heading_cv(), "cv.pdf")
    assert [e["institution"] for e in cv["education"]] == [
        "University of Nowhere",
        "Faraway College",
    ]
    assert cv["education"][0]["end"] == "2019"
    assert cv["person"]["research_interests"]


def test_a_long_margin_label_close_to_its_text_is_still_a_heading():
    """A margin label as wide as its column stands closer to the text (1.3 em here)
    than a column gap, but further than any two words of a line."""
    rows = [
        ("EDUCATION", "Ph.D. in Physics, University of Nowhere, 2014-2019"),
        ("RESEARCH EXPERIENCE", "Research Assistant, Tide Lab of Nowhere, 2012-2014"),
        ("TEACHING EXPERIENCE", "Teaching Assistant, Waves of Small Seas, 2013"),
    ]
    column = 72 + max(text_width(label, bold=True) for label, _ in rows) + 13
    page = Page()
    page.text(72, 60, "Ada Quill", bold=True, size=18)
    for row, (label, text) in enumerate(rows):
        page.text(72, 100 + 4 * LINE * row, label, bold=True)
        page.text(column, 100 + 4 * LINE * row, text)
        page.text(column, 100 + 4 * LINE * row + LINE, "Measured waves nobody else saw, and")
        page.text(column, 100 + 4 * LINE * row + 2 * LINE, "wrote them down with care.")
    pdf = make_pdf([page])
    lines = lines_of(pdf)
    for label, text in rows:
        assert lines[lines.index(f"## {label}") + 1] == text
    cv = parse(pdf, "cv.pdf")
    assert [e["institution"] for e in cv["education"]] == ["University of Nowhere"]
    assert [p["organization"] for p in cv["positions"]] == ["Tide Lab of Nowhere"]
    assert [t["role"] for t in cv["teaching"]] == ["Teaching Assistant"]


def test_sidebar_headings_are_not_margin_headings():
    """AltaCV-like: a narrow sidebar whose headings stand over its own text."""
    page = Page()
    page.text(40, 60, "Ben Ortega", bold=True, size=20)
    sidebar = ["SKILLS", "Python", "Statistics", "Sailing", "LANGUAGES", "Spanish", "English"]
    for row, text in enumerate(sidebar):
        page.text(40, 110 + 16 * row, text, bold=text.isupper(), size=12 if text.isupper() else 10)
    page.text(200, 110, "EXPERIENCE", bold=True, size=12)
    main = [
        "Research Engineer, Example Labs, 2019–2022",
        "Built tide models for seas that never were, and",
        "taught them to forecast imaginary weather.",
        "Data Analyst, Harbour Office of Nowhere, 2016–2019",
        "Counted boats.",
        "Wrote reports nobody read, in triplicate.",
    ]
    for row, text in enumerate(main):
        page.text(200, 130 + LINE * row, text)
    lines = lines_of(make_pdf([page]))
    assert lines.index("## SKILLS") < lines.index("Python") < lines.index("## LANGUAGES")
    assert lines.index("English") < lines.index("## EXPERIENCE")


def _apa_page(page: Page, y: float, references: list[list[str]]) -> float:
    """References with a hanging indent: the first line at the left, the rest indented."""
    for reference in references:
        for index, line in enumerate(reference):
            page.text(70 if index == 0 else 88, y, line)
            y += LINE
        y += 2  # hardly more than the line spacing
    return y


REFERENCES = [
    [
        "Quill, A., & Marsh, C. (2022). Tides of a small imaginary moon and the oceans that",
        "never were. Journal of Fictional Geophysics, 12(3), 201–215. https://doi.org/10.1000/",
        "jfg.2022.15",
    ],
    [
        "Marsh, C., Quill, A., & Ortega, B. (2021). Waves that no one has measured, measured",
        "again with great care and very long instruments. Imaginary Oceans, 4(1), 10–",
        "78. https://doi.org/10.1000/io.2021.4",
    ],
    ["Quill, A. (2020). Moons. Review of Made-up Science, 7, 1–9."],
    [
        "Ortega, B., & Quill, A. (2019). A numerical method for seas that fit in a teacup,",
        "with applications to none. Computational Nowhere, 33(2), 44–61.",
    ],
]


def test_hanging_indent_references_are_one_entry_each():
    page = Page()
    page.text(70, 60, "Ada Quill", bold=True, size=20)
    page.text(70, 100, "Publications", bold=True, size=14)
    _apa_page(page, 125, REFERENCES)
    cv = parse(make_pdf([page]), "cv.pdf")
    titles = [pub["title"] for pub in cv["publications"]]
    assert len(titles) == 4
    assert titles[0].startswith("Tides of a small imaginary moon")
    assert titles[1].startswith("Waves that no one has measured")
    assert cv["publications"][1]["doi"] == "10.1000/io.2021.4"


def test_numbered_list_in_the_margin_with_italic_titles():
    """Reverse-numbered papers, numbers hanging in the margin, titles in italics and
    coauthors after "with", wrapped lines under the text."""
    page = Page()
    page.text(70, 60, "Ada Quill", bold=True, size=20)
    page.text(54, 100, "PUBLICATIONS", bold=True)
    papers = [
        ("Tides of a small moon", " with C. Marsh and B. Ortega, J. Fict. Geophys.,", "12 (2022)."),
        ("Waves nobody measured", " with C. Marsh, Imaginary Oceans 4,", "10–78 (2021)."),
        ("A teacup sea", ", Computational Nowhere 33 (2019),", "arXiv:1901.00001."),
    ]
    y = 125.0
    for number, (title, rest, wrapped) in zip((3, 2, 1), papers, strict=True):
        page.text(75, y, f"{number}.")
        end = page.text(94, y, title, italic=True)
        page.text(end, y, rest)
        page.text(94, y + LINE, wrapped)
        y += 2.5 * LINE
    cv = parse(make_pdf([page]), "cv.pdf")
    assert [pub["title"] for pub in cv["publications"]] == [title for title, *_ in papers]


def test_repeated_footer_dropped_and_entries_go_on_over_the_page():
    pages = [Page(), Page()]
    pages[0].text(70, 60, "Ada Quill", bold=True, size=20)
    pages[0].text(70, 100, "Publications", bold=True, size=14)
    _apa_page(pages[0], 125, REFERENCES[:2])
    _apa_page(pages[1], 60, REFERENCES[2:])
    for number, page in enumerate(pages, start=1):
        page.text(70, 800, f"MAY 4, 2031   ADA QUILL · CURRICULUM VITAE   {number} OF 2", size=8)
    pdf = make_pdf(pages)
    assert not any("CURRICULUM" in line for line in lines_of(pdf))
    assert len(parse(pdf, "cv.pdf")["publications"]) == 4


def test_layout_records_follow_the_text_lines():
    page = Page()
    page.text(70, 60, "Ada Quill", bold=True, size=20)
    page.text(70, 100, "Publications", bold=True, size=14)
    _apa_page(page, 125, REFERENCES[:2])
    pdf = make_pdf([page])
    records = read_pdf_lines(pdf)
    assert [record.text for record in records] == lines_of(pdf)
    assert records[1].heading == 2 and records[1].bold
    continuation, second = records[3], records[5]
    assert continuation.indent == 18 and continuation.gap == 0
    assert second.indent == 0 and second.back_at_left and second.prefix is None
