"""The same fictional CVs in the layouts real users upload, each scored against its data.

Run from the repository root: python benchmarks/layouts.py [--show-misses]

Each fictional researcher below is rendered as semantic HTML, an HTML layout table,
a Word document (headings and paragraphs, or the whole CV in one table), and PDFs
printed by Debian's Chromium from HTML: one column, a sidebar beside a main column
(AltaCV, Deedy), headings in a left margin (LaTeX res/cv), APA references with
hanging indents, a numbered list. The structured data the documents were rendered
from is the gold; ``../shared/tools/cvscore.py`` scores the parse. A layout whose
score drops below the others shows a reader that loses structure.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cvparse import CVParseError, parse  # noqa: E402

SHARED = ROOT.parent / "shared"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # as the Makefile says

PEOPLE = [
    {
        "name": "Ines Valdrakova",
        "town": "Eastmoor",
        "email": "ines.valdrakova@example.edu",
        "headline": "Associate Professor of History, University of Eastmoor",
        "headings": ("Education", "Academic Appointments", "Peer-Reviewed Articles",
                     "Honors and Fellowships", "Courses Taught"),
        "education": [
            ("Ph.D. in History", "University of Westbrook", "2009", "2015"),
            ("M.A. in European History", "Northfield College", "2007", "2009"),
            ("B.A. in History", "Lakeside University", "2003", "2007"),
        ],
        "positions": [
            ("Associate Professor", "University of Eastmoor", "2021", "present"),
            ("Assistant Professor", "University of Eastmoor", "2016", "2021"),
            ("Postdoctoral Fellow", "Institute for Maritime History", "2015", "2016"),
        ],
        "publications": [
            (["Ines Valdrakova"], "Salt, Credit and Kinship in the Baltic Ports, 1650-1720",
             "Journal of Early Modern Trade", "2023"),
            (["Ines Valdrakova", "Tobias Renwick"], "Harbour Ledgers as Sources for Household Debt",
             "Economic History Quarterly", "2021"),
            (["Marta Oyelaran", "Ines Valdrakova"], "Widows and Shipping Shares in Northern Europe",
             "Gender and Commerce", "2019"),
            (["Ines Valdrakova"], "The Quiet Years of the Grain Exchange",
             "Review of Urban History", "2017"),
        ],
        "awards": [
            ("Fellowship of the Society for Maritime Research", "2022"),
            ("Best First Article Prize, Association of Trade Historians", "2018"),
        ],
        "teaching": [("Introduction to Early Modern Europe", "Instructor", "Fall 2022"),
                     ("Ports and Empires", "Instructor", "Spring 2021")],
    },
    {
        "name": "Kofi Brandtner",
        "town": "Norrvik",
        "email": "k.brandtner@example.org",
        "headline": "Research Scientist in Physical Chemistry, Halvorsen Laboratory",
        "headings": ("Education and Training", "Professional Experience", "Journal Articles",
                     "Awards", "Teaching"),
        "education": [
            ("PhD in Chemistry", "Technical University of Norrvik", "2014", "2018"),
            ("MSc in Chemical Physics", "University of Sorland", "2012", "2014"),
        ],
        "positions": [
            ("Research Scientist", "Halvorsen Laboratory", "2021", "present"),
            ("Postdoctoral Researcher", "Centre for Surface Science", "2018", "2021"),
        ],
        "publications": [
            (["Kofi Brandtner", "Lea Moravec", "Samuel Ortiz-Kane"],
             "Proton Hopping at Wet Oxide Interfaces",
             "Journal of Physical Chemistry Letters", "2024"),
            (["Lea Moravec", "Kofi Brandtner"],
             "Vibrational Signatures of Confined Water in Zeolites", "Chemical Science", "2022"),
            (["Kofi Brandtner", "Anika Solberg"], "A Kinetic Model of Catalyst Poisoning by Sulfur",
             "ACS Catalysis", "2020"),
            (["Yusuf Hallam", "Kofi Brandtner", "Anika Solberg"],
             "Operando Spectroscopy of Copper Clusters",
             "Physical Chemistry Chemical Physics", "2019"),
            (["Kofi Brandtner", "Anika Solberg"], "Charge Transfer in Layered Perovskites",
             "Journal of Chemical Physics", "2017"),
        ],
        "awards": [("Young Investigator Award, European Catalysis Society", "2023"),
                   ("Doctoral Thesis Prize, Norrvik Chemical Society", "2019")],
        "teaching": [("Physical Chemistry Laboratory", "Teaching Assistant", "2016")],
    },
    {
        "name": "Priya Castellanos",
        "town": "Riverside",
        "email": "pcastellanos@example.net",
        "headline": "PhD Candidate in Ecology, Riverside Graduate School",
        "headings": ("Education", "Research Experience", "Publications", "Grants and Awards",
                     "Teaching Experience"),
        "education": [
            ("PhD in Ecology and Evolution", "Riverside Graduate School", "2020", "present"),
            ("BSc in Biology", "University of Tallgrass", "2015", "2019"),
        ],
        "positions": [
            ("Field Research Assistant", "Coastal Wetlands Observatory", "2019", "2020"),
            ("Research Intern", "National Pollinator Survey", "2018", "2018"),
        ],
        "publications": [
            (["Priya Castellanos", "Henrik Albescu"],
             "Pollinator Visits Track Flowering Time in Drought Years", "Ecology Letters", "2024"),
            (["Noor Eskildsen", "Priya Castellanos", "Henrik Albescu"],
             "Salt Marsh Grasses Under Rising Tides", "Oecologia", "2023"),
            (["Priya Castellanos"], "Seed Banks of Restored Prairies",
             "Restoration Ecology", "2021"),
        ],
        "awards": [("Graduate Research Fellowship, Tallgrass Foundation", "2021"),
                   ("Travel Grant, Society for Wetland Ecology", "2022")],
        "teaching": [("General Ecology", "Teaching Assistant", "Spring 2022"),
                     ("Field Methods in Biology", "Teaching Assistant", "Fall 2021")],
    },
]  # fmt: skip


# ----------------------------------------------------------------- gold
def gold_of(person: dict) -> dict:
    """The CV JSON a perfect parse of any rendering gives."""
    return {
        "person": {"name": person["name"], "emails": [person["email"]]},
        "education": [
            {"degree": d, "institution": i, "start": s, "end": e}
            for d, i, s, e in person["education"]
        ],
        "positions": [
            {"title": t, "organization": o, "start": s, "end": e}
            for t, o, s, e in person["positions"]
        ],
        "publications": [
            {
                "title": title,
                "authors": [{"name": a, "is_self": a == person["name"]} for a in authors],
                "venue": venue,
                "year": int(year),
                "status": "published",
            }
            for authors, title, venue, year in person["publications"]
        ],
        "awards": [{"title": t, "year": int(y)} for t, y in person["awards"]],
        "teaching": [{"course": c, "role": r, "term": t} for c, r, t in person["teaching"]],
    }


# ----------------------------------------------------------------- the CV's lines
def citation(person: dict, authors: list[str], title: str, venue: str, year: str) -> str:
    names = ", ".join(f"<b>{a}</b>" if a == person["name"] else a for a in authors)
    return f"{names} ({year}). {title}. <i>{venue}</i>."


def sections_of(person: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(dates, HTML text)]) in the CV's order."""
    h = person["headings"]
    return [
        (h[0], [(f"{s} – {e}", f"<b>{d}</b>, {i}") for d, i, s, e in person["education"]]),
        (h[1], [(f"{s} – {e}", f"<b>{t}</b>, {o}") for t, o, s, e in person["positions"]]),
        (h[2], [("", citation(person, *p)) for p in person["publications"]]),
        (h[3], [(y, t) for t, y in person["awards"]]),
        (h[4], [(t, f"{r}, {c}") for c, r, t in person["teaching"]]),
    ]


def _line(dates: str, text: str) -> str:
    return f"{text}, {dates}" if dates else text


# ----------------------------------------------------------------- HTML layouts
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CV</title>
<style>body{{font-family:'Liberation Serif',serif;font-size:11pt;margin:0}}{css}</style>
</head><body>{body}</body></html>"""


def html_single(person: dict, numbered: bool = False, hanging: bool = False) -> str:
    parts = [f"<h1>{person['name']}</h1><p>{person['headline']}<br>{person['email']}</p>"]
    for heading, items in sections_of(person):
        parts.append(f"<h2>{heading}</h2>")
        if hanging and heading == person["headings"][2]:
            parts += [f'<p class="ref">{text}</p>' for _, text in items]
            continue
        tag = "ol" if numbered and heading == person["headings"][2] else "ul"
        parts.append(f"<{tag}>" + "".join(f"<li>{_line(*i)}</li>" for i in items) + f"</{tag}>")
    css = ".ref{padding-left:3em;text-indent:-3em;margin:0 0 .4em}"
    return PAGE.format(css=css, body="\n".join(parts))


def html_table(person: dict) -> str:
    """The whole CV in a layout table: dates in the left cell, the entry in the right."""
    rows = [f"<tr><td colspan=2><h1>{person['name']}</h1>{person['email']}</td></tr>"]
    for heading, items in sections_of(person):
        rows.append(f"<tr><td colspan=2><b>{heading.upper()}</b></td></tr>")
        rows += [f"<tr><td>{d}</td><td>{t}</td></tr>" for d, t in items]
    css = "td{vertical-align:top;padding:2px 8px}"
    return PAGE.format(css=css, body="<table>" + "\n".join(rows) + "</table>")


def html_margin_headings(person: dict) -> str:
    """Headings in a left margin column beside the entries (LaTeX res/cv classes)."""
    rows = []
    for heading, items in sections_of(person):
        entries = "".join(f"<p>{_line(*i)}</p>" for i in items)
        label = f'<div class="label">{heading}</div>'
        rows.append(f'<div class="row">{label}<div>{entries}</div></div>')
    head = f"<h1>{person['name']}</h1><p>{person['email']}</p>"
    css = (
        ".row{display:grid;grid-template-columns:9em 1fr;gap:1em;margin-top:1em}"
        ".label{font-variant:small-caps;font-weight:bold}.row p{margin:0 0 .3em}"
    )
    return PAGE.format(css=css, body=head + "".join(rows))


def _font(family: str, size: float) -> str:
    return f"body{{font-family:'{family}';font-size:{size}pt}}"


def _notes(person: dict) -> dict[str, str]:
    """A sentence under each position (the entry's text -> the note), long enough to
    wrap in a column: its lines must stay with their entry, not start new ones."""
    return {
        f"<b>{title}</b>, {org}": f"Research, teaching and supervision of students; organised the "
        f"{org} seminar series and its programme of visiting speakers."
        for title, org, _s, _e in person["positions"]
    }


def html_sidebar(
    person: dict,
    side_right: bool = False,
    width: str = "32%",
    font: tuple[str, float] = ("Liberation Serif", 11),
    header_above: bool = False,
    notes: bool = False,
    dated_rows: bool = False,
) -> str:
    """A narrow sidebar (contact, education, awards) beside the main column (AltaCV,
    Deedy); the name atop the main column or, with ``header_above``, across the page;
    with ``dated_rows`` the main column's entries have their dates at its right edge."""
    secs = dict(sections_of(person))
    h = person["headings"]
    note = _notes(person) if notes else {}

    def block(heading: str, rows: bool = False) -> str:
        if rows:
            items = [_dated_row(person, d, t, False, note.get(t)) for d, t in secs[heading]]
            return f"<h3>{heading}</h3>" + "".join(items)
        return f"<h3>{heading}</h3>" + "".join(
            f"<p>{_line(*i)}</p>" + (f'<p class="note">{note[i[1]]}</p>' if i[1] in note else "")
            for i in secs[heading]
        )

    side = f'<div class="side"><p>{person["email"]}</p>{block(h[0])}{block(h[3])}</div>'
    title = f"<h1>{person['name']}</h1><p>{person['headline']}</p>"
    main = "<div>" + ("" if header_above else title)
    main += block(h[1], dated_rows) + block(h[2]) + block(h[4], dated_rows) + "</div>"
    widths = f"1fr {width}" if side_right else f"{width} 1fr"
    size = font[1] / 11  # headings keep one size in both columns, as AltaCV and Deedy set them
    css = _font(*font) + (
        f".grid{{display:grid;grid-template-columns:{widths};gap:1.5em}}.note{{font-size:.9em}}"
        f".side{{font-size:{9.5 * size:.2f}pt}}p{{margin:0 0 .4em}}ul{{margin:0}}"
        ".row,.under{display:flex;justify-content:space-between;gap:1em}.row{margin-top:.4em}"
        f"h3{{font-size:{12 * size:.2f}pt;margin:.8em 0 .3em}}"
    )
    columns = main + side if side_right else side + main
    head = title if header_above else ""
    return PAGE.format(css=css, body=f'{head}<div class="grid">{columns}</div>')


def html_dates_right(
    person: dict,
    place: bool = False,
    font: tuple[str, float] = ("Liberation Serif", 11),
    notes: bool = False,
) -> str:
    """Each dated entry on lines of its own: what, with the dates at the right margin,
    then where (in italics), with ``place`` a town at the right margin too, with
    ``notes`` a bullet under each position."""
    parts = [f"<h1>{person['name']}</h1><p>{person['email']}</p>"]
    note = _notes(person) if notes else {}
    for heading, items in sections_of(person):
        parts.append(f"<h2>{heading.upper()}</h2>")
        parts += [_dated_row(person, dates, text, place, note.get(text)) for dates, text in items]
    css = _font(*font) + (
        ".row{display:flex;justify-content:space-between;margin-top:.4em}h2{font-size:1.1em}"
        ".under{display:flex;justify-content:space-between}ul{margin:0;padding-left:1.5em}"
    )
    return PAGE.format(css=css, body="\n".join(parts))


def _dated_row(person: dict, dates: str, text: str, place: bool, note: str | None) -> str:
    what, _, where = text.partition("</b>, ")
    if not (where and dates):
        return f'<div class="row"><span>{text}</span><span>{dates}</span></div>'
    town = f"<i>{person['town']}</i>" if place else ""
    bullet = f"<ul><li>{note}</li></ul>" if note else ""
    return (
        f'<div class="row"><span>{what}</b></span><span>{dates}</span></div>'
        f'<div class="under"><i>{where}</i>{town}</div>{bullet}'
    )


def html_date_column(
    person: dict, font: tuple[str, float] = ("Liberation Serif", 11), months: bool = False
) -> str:
    """moderncv: dates right-aligned in a narrow left column, each entry beside its
    dates in the wide column, a note under each position wrapping over lines. With
    ``months`` the dates name months and wrap in their cell, title and place on lines
    of their own."""
    note = _notes(person)
    rows = [f"<h1>{person['name']}</h1><p>{person['headline']}<br>{person['email']}</p>"]
    for heading, items in sections_of(person):
        rows.append(f'<h2><span></span><span class="rule">{heading}</span></h2>')
        for dates, text in items:
            extra = f'<br><span class="note">{note[text]}</span>' if text in note else ""
            if months and "</b>, " in text and " – " in dates:
                start, end = dates.split(" – ")
                dates = f"Sep {start} – " + (end if end == "present" else f"Jun {end}")
                text = text.replace("</b>, ", "</b><br><i>") + "</i>"
            rows.append(
                f'<div class="row"><div class="when">{dates}</div><div>{text}{extra}</div></div>'
            )
    width = "5.5em" if months else "7.5em"
    css = _font(*font) + (
        f".row,h2{{display:grid;grid-template-columns:{width} 1fr;gap:1em;margin:0 0 .5em}}"
        ".when{text-align:right}h2{font-size:1.2em;font-weight:normal;margin-top:1em}"
        ".rule{border-bottom:1px solid #888}.note{font-size:.92em}"
    )
    return PAGE.format(css=css, body="\n".join(rows))


# ----------------------------------------------------------------- Word layouts
def _plain(text: str) -> list[tuple[str, bool]]:
    """HTML text as (run, bold) pairs for python-docx."""
    runs, bold = [], False
    for index, chunk in enumerate(text.replace("<i>", "").replace("</i>", "").split("<b>")):
        for part_index, part in enumerate(chunk.split("</b>")):
            bold = index > 0 and part_index == 0
            if part:
                runs.append((html.unescape(part), bold))
    return runs


def docx_of(person: dict, in_table: bool) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(person["name"], level=0)
    document.add_paragraph(f"{person['headline']}\n{person['email']}")
    table = document.add_table(rows=0, cols=2) if in_table else None
    for heading, items in sections_of(person):
        if table is None:
            document.add_heading(heading, level=1)
        else:
            table.add_row().cells[0].paragraphs[0].add_run(heading.upper()).bold = True
        for dates, text in items:
            if table is None:
                paragraph = document.add_paragraph(style="List Bullet")
                runs = _plain(_line(dates, text))
            else:
                row = table.add_row().cells
                row[0].text = dates
                paragraph, runs = row[1].paragraphs[0], _plain(text)
            for run_text, bold in runs:
                paragraph.add_run(run_text).bold = bold
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ----------------------------------------------------------------- rendering
def print_pdf(page: str, tmp: Path) -> bytes:
    source, target = tmp / "cv.html", tmp / "cv.pdf"
    source.write_text(page)
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--no-pdf-header-footer", f"--print-to-pdf={target}", source.as_uri()],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return target.read_bytes()


LAYOUTS: dict[str, tuple[str, Callable[[dict], str | bytes], bool]] = {
    # name: (file name, renderer, printed to PDF by Chromium)
    "HTML, semantic": ("cv.html", html_single, False),
    "HTML, layout table": ("cv.html", html_table, False),
    "DOCX, headings": ("cv.docx", lambda p: docx_of(p, in_table=False), False),
    "DOCX, one table": ("cv.docx", lambda p: docx_of(p, in_table=True), False),
    "PDF, one column": ("cv.pdf", html_single, True),
    "PDF, sidebar": ("cv.pdf", html_sidebar, True),
    "PDF, sidebar right": ("cv.pdf", lambda p: html_sidebar(p, side_right=True), True),
    "PDF, dates right": ("cv.pdf", html_dates_right, True),
    "PDF, margin headings": ("cv.pdf", html_margin_headings, True),
    "PDF, hanging indents": ("cv.pdf", lambda p: html_single(p, hanging=True), True),
    "PDF, numbered": ("cv.pdf", lambda p: html_single(p, numbered=True), True),
    "PDF, layout table": ("cv.pdf", html_table, True),
    # variants of the same classes in other widths, fonts and sizes
    "PDF, sidebar narrow": (
        "cv.pdf",
        lambda p: html_sidebar(p, width="26%", font=("Liberation Sans", 10), notes=True),
        True,
    ),
    "PDF, AltaCV-like": (
        "cv.pdf",
        lambda p: html_sidebar(
            p,
            side_right=True,
            width="36%",
            font=("DejaVu Sans", 9.5),
            header_above=True,
            notes=True,
        ),
        True,
    ),
    "PDF, dates right, town": (
        "cv.pdf",
        lambda p: html_dates_right(p, place=True, font=("Liberation Sans", 10.5)),
        True,
    ),
    "PDF, sidebar right, 2 pages": (
        "cv.pdf",
        lambda p: html_sidebar(
            p, side_right=True, width="40%", font=("Liberation Serif", 18), notes=True
        ),
        True,
    ),
    "PDF, date column": ("cv.pdf", html_date_column, True),
    "PDF, date column, months": ("cv.pdf", lambda p: html_date_column(p, months=True), True),
    "PDF, dates right, bullets": (
        "cv.pdf",
        lambda p: html_dates_right(p, font=("DejaVu Serif", 10), notes=True),
        True,
    ),
    "PDF, Deedy-like": (
        "cv.pdf",
        lambda p: html_sidebar(
            p, width="30%", font=("Liberation Sans", 10), notes=True, dated_rows=True
        ),
        True,
    ),
    "PDF, date column sans": (
        "cv.pdf",
        lambda p: html_date_column(p, font=("DejaVu Sans", 9)),
        True,
    ),
}


def _cvscore():
    spec = importlib.util.spec_from_file_location("cvscore", SHARED / "tools" / "cvscore.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--show-misses", action="store_true")
    show = arguments.parse_args().show_misses
    if not shutil.which(CHROMIUM):
        print(f"layouts: {CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 1
    cvscore = _cvscore()
    columns = ("person", *cvscore.SECTIONS[:5])
    print(f"{'layout':22} {'mean':>6} " + " ".join(f"{c[:6]:>6}" for c in columns))
    means = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (filename, render, to_pdf) in LAYOUTS.items():
            scores = []
            for person in PEOPLE:
                rendered = render(person)
                data = print_pdf(rendered, Path(tmp)) if to_pdf else rendered
                data = data.encode() if isinstance(data, str) else data
                try:
                    result = parse(data, filename)
                except Exception as exc:  # a crash scores zero and is named, not fatal
                    result = {}
                    kind = "" if isinstance(exc, CVParseError) else f"crash, {type(exc).__name__}: "
                    print(f"  {name}, {person['name']}: {kind}{exc}")
                scores.append(cvscore.score(gold_of(person), result))
                if show:
                    for section, misses in scores[-1]["misses"].items():
                        for title, best in misses["missing"]:
                            print(f"   {name}: {section} missing ({best:.2f}): {title}")
                        for title in misses["spurious"]:
                            print(f"   {name}: {section} spurious: {title}")
            mean = sum(s["overall"] for s in scores) / len(scores)
            means.append(mean)
            cells = []
            for column in columns:
                values = [s["sections"][column] for s in scores if column in s["sections"]]
                cells.append(f"{sum(values) / len(values):6.2f}" if values else f"{'-':>6}")
            print(f"{name:22} {mean:6.3f} " + " ".join(cells))
    print(f"mean over {len(LAYOUTS)} layouts x {len(PEOPLE)} CVs: {sum(means) / len(means):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
