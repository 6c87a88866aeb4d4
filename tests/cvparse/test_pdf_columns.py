"""PDF page layouts: columns read as flows of their own, lines the layout wrapped
joined again, dates at the right margin or in a date column kept with their entry.

Every CV here is fictional and set with tests/cvparse/pdfwriter.py, which wraps
paragraphs as a layout engine does.
"""

from __future__ import annotations

from cvparse import parse
from cvparse.readers import read
from tests.cvparse.pdfwriter import Page, make_pdf, text_width

NOTE = (
    "Ran the field survey of alpine lakes and trained six students in sediment coring, "
    "then wrote the data management plan for the whole group"
)


def lines_of(pdf: bytes) -> list[str]:
    return [line for line in read(pdf, "cv.pdf").text.splitlines() if line.strip()]


def _sidebar_cv(*, sidebar_right: bool) -> bytes:
    """A narrow sidebar (contact, education, languages) beside the main column."""
    page = Page()
    side_x, main_x = (405, 40) if sidebar_right else (40, 200)
    side_width, main_width = 150, 355  # the page's margins are alike: 40 pt
    page.text(main_x, 60, "Mira Tollund", bold=True, size=22)
    page.text(side_x, 58, "mira.tollund@example.org", size=9)
    page.text(side_x, 71, "+1 555 0142", size=9)
    y = 100
    page.text(side_x, y, "Education", bold=True, size=13)
    y += 20
    for entry in (
        "PhD in Glaciology, University of Northmere, 2015 – 2019",
        "MSc in Earth Sciences, Westvale Institute of Technology, 2013 – 2015",
    ):
        y = page.paragraph(side_x, y, side_width, entry, size=9) + 5
    page.text(side_x, y + 10, "Languages", bold=True, size=13)
    y += 30
    for language in ("Danish", "English", "German"):
        page.text(side_x, y, language, size=9)
        y += 16
    y = 100
    page.text(main_x, y, "Experience", bold=True, size=13)
    y += 20
    for title, years in (
        ("Research Scientist, Polar Data Centre", "2021 – present"),
        ("Postdoctoral Fellow, Institute of Ice Studies", "2019 – 2021"),
    ):
        page.text(main_x, y, f"{title}, {years}")
        y = page.paragraph(main_x, y + 12, main_width, NOTE, size=10) + 6
    page.text(main_x, y + 6, "Skills", bold=True, size=13)
    page.text(main_x, y + 26, "Sediment coring, remote sensing, Python")
    return make_pdf([page])


def test_pdf_sidebar_left_each_column_its_own_flow():
    lines = lines_of(_sidebar_cv(sidebar_right=False))
    assert lines[0] == "# Mira Tollund"
    first_heading = next(i for i, line in enumerate(lines) if line.startswith("## "))
    # the contact details atop the sidebar belong to the header, not to a section
    assert {"mira.tollund@example.org", "+1 555 0142"} <= set(lines[:first_heading])
    education = lines.index("## Education")
    assert lines[education + 1 : education + 4] == [
        "PhD in Glaciology, University of Northmere, 2015 – 2019",
        "MSc in Earth Sciences, Westvale Institute of Technology, 2013 – 2015",
        "## Languages",
    ]
    experience = lines.index("## Experience")
    assert lines[experience + 1 : experience + 3] == [
        "Research Scientist, Polar Data Centre, 2021 – present",
        NOTE,
    ]
    assert lines[-2:] == ["## Skills", "Sediment coring, remote sensing, Python"]


def test_pdf_sidebar_right_contact_details_go_to_the_header():
    lines = lines_of(_sidebar_cv(sidebar_right=True))
    assert lines[0] == "# Mira Tollund"
    first_heading = next(i for i, line in enumerate(lines) if line.startswith("## "))
    assert {"mira.tollund@example.org", "+1 555 0142"} <= set(lines[:first_heading])
    skills = lines.index("## Skills")
    assert lines[skills + 1 : skills + 3] == [
        "Sediment coring, remote sensing, Python",
        "## Education",
    ]
    cv = parse(_sidebar_cv(sidebar_right=True), "cv.pdf")
    assert cv["person"]["emails"] == ["mira.tollund@example.org"]
    assert [e["institution"] for e in cv["education"]] == [
        "University of Northmere",
        "Westvale Institute of Technology",
    ]


def test_pdf_wrapped_lines_join_but_laid_out_lines_stay():
    page = Page()
    page.text(50, 60, "Tomas Rieke", bold=True, size=20)
    page.text(50, 100, "Service", bold=True, size=13)
    y = page.paragraph(50, 120, 495, "Reviewer for " + ", ".join(["Journal of Lake Studies"] * 6))
    # short items in a list: each its own line, even where one is the list's longest
    for item in ("Committee member, 2020", "Session chair, 2021", "Open day volunteer, 2022"):
        y += 4
        page.text(50, y, item)
        y += 12
    # a sentence that ends at the right margin before a capital is no wrap
    sentence = "Editor of the newsletter of the society for four years in a row until"
    words = sentence.split() + ["it", "closed."]
    while text_width(" ".join(words)) < 480:
        words.insert(-2, "again")
    page.text(50, y + 4, " ".join(words))
    page.text(50, y + 16, "Organiser of the winter school")
    page.paragraph(
        50, y + 36, 300, "Taught the course on numerical modelling and its compu-tation labs"
    )
    lines = lines_of(make_pdf([page]))
    assert lines[2] == "Reviewer for " + ", ".join(["Journal of Lake Studies"] * 6)
    assert lines[3:6] == [
        "Committee member, 2020",
        "Session chair, 2021",
        "Open day volunteer, 2022",
    ]
    assert lines[6].endswith("it closed.") and lines[7] == "Organiser of the winter school"
    assert lines[8].startswith("Taught the course on numerical modelling")


def test_pdf_dates_at_the_right_margin_stay_with_their_entry():
    page = Page()
    page.text(50, 60, "Lena Osterby", bold=True, size=20)
    page.text(50, 100, "EXPERIENCE", bold=True, size=12)
    y = 122
    for title, org, years in (
        ("Research Fellow", "Institute of Tidal Studies", "2019 – 2021"),
        ("Lecturer in Oceanography", "University of Saltmarsh", "2021 – present"),
    ):
        page.text(50, y, title, bold=True)
        page.right(545, y, years)
        page.text(50, y + 12, org)
        y = page.paragraph(50, y + 24, 495, NOTE) + 8
    lines = lines_of(make_pdf([page]))
    start = lines.index("## EXPERIENCE")
    assert lines[start + 1 : start + 4] == [
        "**Research Fellow** 2019 – 2021",
        "Institute of Tidal Studies",
        NOTE,
    ]
    positions = parse(make_pdf([page]), "cv.pdf")["positions"]
    assert [(p["title"], p["organization"], p["start"]) for p in positions] == [
        ("Research Fellow", "Institute of Tidal Studies", "2019"),
        ("Lecturer in Oceanography", "University of Saltmarsh", "2021"),
    ]


def test_pdf_date_column_joins_its_entry():
    """moderncv: dates right-aligned in a narrow column left of the entries; a long
    range wraps in its cell, and the entry's own lines wrap beside it."""
    page = Page()
    page.text(150, 60, "Oren Valsgaard", size=24)
    page.text(150, 100, "Employment", size=14)
    y = 124
    for start, end, title, org in (
        ("Sep 2021", "present", "Assistant Professor", "University of Fernhill"),
        ("Oct 2018", "Aug 2021", "Postdoctoral Researcher", "Coastal Ecology Laboratory"),
        ("Jan 2016", "Sep 2018", "Research Assistant", "Marine Survey Office"),
    ):
        page.right(140, y, f"{start} –", size=9)
        page.right(140, y + 11, end, size=9)
        page.text(150, y, title, bold=True)
        page.text(150, y + 12, org)
        y = page.paragraph(150, y + 24, 395, NOTE) + 10
    page.text(150, y, "Awards", size=14)
    page.right(140, y + 24, "2020", size=9)
    page.text(150, y + 24, "Early Career Prize of the Estuary Society")
    lines = lines_of(make_pdf([page]))
    start = lines.index("## Employment")
    assert lines[start + 1 : start + 4] == [
        "Sep 2021 – present **Assistant Professor**",
        "University of Fernhill",
        NOTE,
    ]
    assert "Oct 2018 – Aug 2021 **Postdoctoral Researcher**" in lines
    assert "2020 Early Career Prize of the Estuary Society" in lines
    positions = parse(make_pdf([page]), "cv.pdf")["positions"]
    assert [(p["title"], p["organization"], p["start"][:4]) for p in positions] == [
        ("Assistant Professor", "University of Fernhill", "2021"),
        ("Postdoctoral Researcher", "Coastal Ecology Laboratory", "2018"),
        ("Research Assistant", "Marine Survey Office", "2016"),
    ]


def test_pdf_main_column_runs_on_to_the_next_page_beside_a_right_sidebar():
    """The main column's last entry goes on at the top of page 2: it is read after the
    sidebar, right before its own continuation, and its wrapped lines join across."""
    first, second = Page(), Page()
    first.text(40, 60, "Sanne Iverholt", bold=True, size=22)
    first.text(405, 60, "sanne.iverholt@example.org", size=9)
    first.text(405, 90, "Languages", bold=True, size=13)
    for row, language in enumerate(("Norwegian", "English", "French")):
        first.text(405, 110 + 14 * row, language, size=9)
    first.text(405, 170, "Skills", bold=True, size=13)
    for row, skill in enumerate(("Snow surveys", "Flood forecasting", "Python", "R", "GIS")):
        first.text(405, 190 + 14 * row, skill, size=9)
    first.text(40, 100, "Publications", bold=True, size=13)
    citation = (
        "Iverholt, S., & Brandvik, O. (2022). Snow cover and the timing of spring floods "
        "in small mountain catchments. Journal of Cold Regions Hydrology, 14, 101–118."
    )
    y = 120.0
    while y < 760:
        y = first.paragraph(40, y, 345, citation) + 6
    last = "Iverholt, S. (2021). A very long paper on the grain of river ice "
    first.paragraph(40, y, 345, last + "which the page cuts")
    second.text(40, 60, "in two halves. Journal of Ice Studies, 3, 1–9.")
    second.text(40, 90, "Teaching", bold=True, size=13)
    second.text(40, 110, "Hydrology of cold regions, lecturer, 2023")
    lines = lines_of(make_pdf([first, second]))
    languages = lines.index("## Languages")
    assert lines[languages + 1 : languages + 4] == ["Norwegian", "English", "French"]
    assert lines.index("GIS") < lines.index("## Publications")
    assert citation in lines
    assert lines[-4:] == [
        last + "which the page cuts",
        "in two halves. Journal of Ice Studies, 3, 1–9.",
        "## Teaching",
        "Hydrology of cold regions, lecturer, 2023",
    ]
