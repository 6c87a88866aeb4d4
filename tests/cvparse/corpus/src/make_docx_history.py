# ruff: noqa: E501 -- the document's text, kept one entry per line
"""Write docs/docx-history.docx, the Word CV of a fictional historian (Chicago/MLA citations).

Run from anywhere: python tests/cvparse/corpus/src/make_docx_history.py
"""

from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).resolve().parents[1] / "docs" / "docx-history.docx"


def citation(doc: Document, parts: list[tuple[str, bool]]) -> None:
    """A hanging-indent bibliography paragraph; ``parts`` are (text, italic) runs."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.left_indent = Pt(24)
    paragraph.paragraph_format.first_line_indent = Pt(-24)
    for text, italic in parts:
        paragraph.add_run(text).italic = italic


def bullets(doc: Document, items: list[str]) -> None:
    for item in items:
        doc.add_paragraph(item, style="List Bullet")


def main() -> None:
    doc = Document()
    doc.core_properties.author = "Eleanor Thorne"
    doc.add_paragraph("Eleanor Thorne", style="Title")
    doc.add_paragraph(
        "Department of History, University of Michigan, 1029 Tisch Hall, Ann Arbor, MI 48109\n"
        "eleanor.thorne@example.org · (734) 555-0142"
    )

    doc.add_heading("Academic Appointments", level=1)
    bullets(
        doc,
        [
            "Associate Professor of History, University of Michigan, 2021–present",
            "Assistant Professor of History, University of Michigan, 2015–2021",
            "Postdoctoral Fellow, Society of Fellows in the Humanities, Columbia University, 2013–2015",
        ],
    )

    doc.add_heading("Education", level=1)
    table = doc.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for row in [
        ("Ph.D., History", "Princeton University", "2013"),
        ("M.A., History", "Princeton University", "2010"),
        ("B.A., History and Italian, summa cum laude", "Wesleyan University", "2007"),
    ]:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    doc.add_paragraph(
        "Dissertation: “Plague Doctors and Civic Trust in Venice, 1575–1631.” "
        "Advisors: Margaret Hollis and Antonio Ferri."
    )

    doc.add_heading("Publications", level=1)
    doc.add_heading("Books", level=2)
    citation(
        doc,
        [
            ("Thorne, Eleanor. ", False),
            ("Civic Bodies: Plague, Trust, and the State in Venice, 1575–1631", True),
            (". Ithaca: Cornell University Press, 2019.", False),
        ],
    )
    citation(
        doc,
        [
            ("Thorne, Eleanor, and Paolo Ferri, eds. ", False),
            ("Health and the City in Early Modern Italy", True),
            (". Manchester: Manchester University Press, 2023.", False),
        ],
    )

    doc.add_heading("Peer-Reviewed Articles", level=2)
    citation(
        doc,
        [
            (
                "Thorne, Eleanor. “Smoke, Vinegar, and Letters: Disinfection in the Venetian Lazaretto.” ",
                False,
            ),
            ("Past & Present", True),
            (" 251 (2021): 67–101.", False),
        ],
    )
    citation(
        doc,
        [
            ("Thorne, Eleanor. “Quarantine Passes and Paper Trust in Venice.” ", False),
            ("Renaissance Quarterly", True),
            (" 74, no. 2 (2021): 401–38. https://doi.org/10.5555/rq.2021.0402.", False),
        ],
    )
    citation(
        doc,
        [
            (
                "Thorne, Eleanor, and Giulia Bassani. “Women Healers before the Venetian Health Office.” ",
                False,
            ),
            ("Social History of Medicine", True),
            (" 33, no. 1 (2020): 88–110.", False),
        ],
    )
    citation(
        doc,
        [
            ("Thorne, Eleanor. “The Apothecary’s Ledger as Evidence.” ", False),
            ("Journal of the History of Medicine and Allied Sciences", True),
            (" 72, no. 4 (2017): 455–79.", False),
        ],
    )

    doc.add_heading("Book Chapters", level=2)
    citation(
        doc,
        [
            ("Thorne, Eleanor. “The Lazaretto as Archive.” ", False),
            ("Health and the City in Early Modern Italy", True),
            (", edited by Eleanor Thorne and Paolo Ferri, Manchester UP, 2023, pp. 23–51.", False),
        ],
    )
    citation(
        doc,
        [
            ("Thorne, Eleanor. “Counting the Dead.” ", False),
            ("Numbers and the Early Modern State", True),
            (", edited by Rachel Okonjo and Hugo Lenz, Cambridge UP, 2018, pp. 112–34.", False),
        ],
    )

    doc.add_heading("Works in Progress", level=2)
    citation(
        doc,
        [
            (
                "Thorne, Eleanor. “Venetian Health Passes in the Ottoman Mirror.” Under review at ",
                False,
            ),
            ("Journal of Early Modern History", True),
            (".", False),
        ],
    )
    citation(
        doc,
        [
            ("Thorne, Eleanor. ", False),
            ("The Quarantine Republic: Venice and the Invention of Public Health", True),
            (". Book manuscript in progress.", False),
        ],
    )

    doc.add_heading("Fellowships and Awards", level=1)
    bullets(
        doc,
        [
            "Residential Fellowship, Center for Early Modern Studies, University of Bologna, 2022–2023",
            "First Book Prize, Society for Italian Historical Studies, 2020",
            "Mellon Dissertation Completion Fellowship, Princeton University, 2012",
            "Fulbright Research Grant, Venice, Italy, 2010–2011",
        ],
    )

    doc.add_heading("Invited Talks", level=1)
    bullets(
        doc,
        [
            "“Paper Trust: Health Passes in Early Modern Venice.” History of Medicine Seminar, Johns Hopkins University, April 2024.",
            "“What Counted as a Plague Death?” Renaissance Society of America Annual Meeting, San Juan, March 2023.",
            "“The Lazaretto as Archive.” Department of History, University of Toronto, November 2021.",
        ],
    )

    doc.add_heading("Teaching", level=1)
    doc.add_heading("University of Michigan", level=2)
    bullets(
        doc,
        [
            "HIST 230: Plague and Society in Early Modern Europe (lecture, 120 students)",
            "HIST 396: The Venetian Republic, 1450–1797 (seminar)",
            "HIST 698: Graduate Colloquium in Early Modern History",
        ],
    )
    doc.add_heading("Columbia University", level=2)
    bullets(doc, ["Contemporary Civilization (core seminar), 2013–2015"])

    doc.add_heading("Service", level=1)
    bullets(
        doc,
        [
            "Director of Undergraduate Studies, Department of History, University of Michigan, 2022–present",
            "Book Review Editor, Journal of Early Modern Medicine, 2019–2023",
            "Program Committee, Renaissance Society of America, 2021",
        ],
    )

    doc.add_heading("Languages", level=1)
    doc.add_paragraph("Italian (fluent); Latin (reading); French (reading); Venetian paleography")

    doc.save(OUT)


if __name__ == "__main__":
    main()
