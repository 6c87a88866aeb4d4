"""Write the reader test fixtures in tests/cvparse/files/ (fictional people only).

Run from the repository root: python -m tests.cvparse.make_fixtures
"""

from __future__ import annotations

from pathlib import Path

from tests.cvparse.pdfwriter import Page, make_pdf, text_width

FILES = Path(__file__).parent / "files"


def one_column_pdf() -> bytes:
    first, second = Page(), Page()
    first.text(230, 60, "Ada Quill", bold=True, size=20)
    first.text(150, 82, "Lecturer in Computational Linguistics, University of Nowhere")
    end = first.link(150, 97, "ada.quill@example.org", "mailto:ada.quill@example.org")
    first.link(end + 20, 97, "Homepage", "https://adaquill.example.org")
    first.text(50, 130, "Education", bold=True, size=13)
    first.text(50, 150, "PhD in Linguistics, University of Nowhere")
    first.right(545, 150, "2015–2019")
    # The accent is its own glyph over the "u", as LaTeX sets it.
    end = first.text(50, 164, "Advisor: Prof. Greta Bru")
    first.text(end - text_width("u") / 2 - text_width("¨") / 2, 162, "¨")
    first.text(end, 164, "ckner")
    first.text(50, 195, "Experience", bold=True, size=13)
    first.text(50, 215, "Lecturer, University of Nowhere")
    first.right(545, 215, "2020–present")
    first.text(50, 229, "• Taught parsing and semantics to 120 students")
    first.text(50, 260, "Publications", bold=True, size=13)
    y = 280
    for year in (2023, 2022, 2021, 2020):
        end = first.text(50, y, "Quill, A.,", bold=True)
        first.text(end + 3, y, f"Marlow, B. ({year}). Parsing curricula vitae, part {year - 2019}.")
        first.link(60, y + 14, "Journal of Imaginary Results", f"https://doi.org/10.1/{year}")
        y += 34
    second.text(50, 60, "Teaching", bold=True, size=13)
    second.text(50, 80, "Introduction to Syntax, University of Nowhere")
    second.right(545, 80, "2021")
    for number, page in enumerate((first, second), start=1):
        page.text(230, 800, "Ada Quill – Curriculum Vitae", size=8)
        page.text(290, 815, str(number), size=8)
    return make_pdf([first, second])


def two_column_pdf() -> bytes:
    page = Page()
    page.text(200, 60, "Ben Ortega", bold=True, size=20)
    page.text(40, 110, "Contact", bold=True, size=13)
    sidebar = ["ben.ortega@example.org", "+1 555 0100", "Springfield"]
    sidebar += ["", "Skills", "Python", "Rust", "SQL"]
    for index, line in enumerate(sidebar):
        if line:
            page.text(
                40,
                130 + 15 * index,
                line,
                bold=line == "Skills",
                size=13 if line == "Skills" else 10,
            )
    page.text(220, 110, "Experience", bold=True, size=13)
    main = [
        "Research Engineer, Acme Labs, 2019–2022",
        "Built the data pipeline for the annual survey",
        "Data Analyst, Widget Works, 2016–2019",
        "Reported monthly sales to the board",
    ]
    for index, line in enumerate(main):
        page.text(220, 133 + 17 * index, line)
    page.text(220, 220, "Education", bold=True, size=13)
    page.text(220, 243, "MSc in Statistics, Springfield University, 2016")
    return make_pdf([page])


def margin_pdf() -> bytes:
    """moderncv-like: dates and labels right-aligned in a left margin column."""
    page = Page()
    page.text(150, 60, "Cleo Marsh", size=28)
    rows = [
        (100, None, "Education", 14),
        (125, "2011–2015", "PhD studies, Group of Prof Ivo Lark, University of Nowhere,", 10),
        (139, None, "Department of Imaginary Biology.", 10),
        (156, "2005–2011", "Diploma studies, biology, Technical University of Elsewhere.", 10),
        (190, None, "Skills", 14),
        (215, "Programming", "R (expert), Python (advanced), Linux bash", 10),
        (229, "languages", None, 10),
        (246, "Authored", "treemapr, shinyplots – visualizing gene expression with", 10),
        (260, "software", "treemaps, CRAN package", 10),
        (274, None, "fluxr – interface to overlay flux data on metabolic maps", 10),
    ]
    for y, label, body, size in rows:
        if label:
            page.right(140, y, label)
        if body:
            page.text(150, y, body, size=size)
    return make_pdf([page])


def scanned_pdf() -> bytes:
    return make_pdf([Page(image_only=True)])


def encrypted_pdf() -> bytes:
    page = Page()
    page.text(50, 60, "Secret CV of Nobody Particular")
    return make_pdf([page], encrypted=True)


def cv_docx() -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_heading("Dana Reyes", level=0)
    document.add_paragraph("Assistant Professor of Chemistry")
    document.add_heading("Education", level=1)
    paragraph = document.add_paragraph()
    paragraph.add_run("PhD in Chemistry").bold = True
    paragraph.add_run(", Lakeside University, 2018")
    document.add_heading("Publications", level=1)
    paragraph = document.add_paragraph(style="List Bullet")
    paragraph.add_run("Reyes, D.").bold = True
    paragraph.add_run(
        ", Okafor, N. (2020). Catalysts of the imaginary. Journal of Made-up Chemistry."
    )
    document.add_heading("Positions", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "2019–present"
    table.cell(0, 1).text = "Assistant Professor, Lakeside University"
    table.cell(1, 0).text = "2018–2019"
    table.cell(1, 1).text = "Postdoctoral Fellow, Hillcrest Institute"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main() -> None:
    FILES.mkdir(exist_ok=True)
    builders = {
        "one_column.pdf": one_column_pdf,
        "two_column.pdf": two_column_pdf,
        "margin.pdf": margin_pdf,
        "scanned.pdf": scanned_pdf,
        "encrypted.pdf": encrypted_pdf,
        "cv.docx": cv_docx,
    }
    for name, build in builders.items():
        (FILES / name).write_bytes(build())
    (FILES / "corrupt.pdf").write_bytes(one_column_pdf()[:400] + b"\x00garbage\xff" * 20)


if __name__ == "__main__":
    main()
