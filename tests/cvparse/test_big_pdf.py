"""Long PDF CVs: every numbered entry found, in time that grows with the pages only."""

from __future__ import annotations

import time

import pytest

from cvparse import CVParseError, parse
from cvparse.parser import parse_text
from cvparse.readers import pdf as pdf_reader
from cvparse.readers import read
from tests.cvparse.pdfwriter import Page, make_pdf
from tests.cvparse.shared import DEVSET

LONG_CV = DEVSET / "extra" / "17_hyndman-stats.pdf"


@pytest.mark.skipif(not LONG_CV.exists(), reason="needs ../shared/devset/extra")
def test_long_statistics_cv_finds_its_numbered_publications():
    """26 pages, 265 numbered papers, chapters and books in margin-numbered lists."""
    started = time.process_time()
    result = parse(LONG_CV)
    elapsed = time.process_time() - started
    publications = result["publications"]
    assert 230 <= len(publications) <= 300
    owned = [p for p in publications if any(a["is_self"] for a in p["authors"])]
    assert len(owned) >= 200
    assert elapsed < 15, f"{elapsed:.1f} s of CPU time"  # a guard, not a benchmark


_BIRDS = ["heron", "swift", "plover", "wren", "egret", "finch", "rail"]


def _numbered_page(first: int, count: int, *, heading: str | None = None) -> Page:
    """Entries numbered in a margin column, each wrapped over two lines."""
    page = Page()
    y = 60.0
    if heading:
        page.text(50, y, heading, bold=True, size=13)
        y += 24
    for number in range(first, first + count):
        bird = _BIRDS[number % len(_BIRDS)]
        page.text(50, y, f"{number}.")
        page.text(75, y, f"Quill, AB and C Marsh ({2000 + number}). A study of {bird} {number}.")
        page.text(75, y + 12, f"Journal of Imaginary {bird.title()}s {number}(2), 1–20.")
        y += 28
    return page


def test_pdf_margin_numbers_open_their_entries():
    pages = [_numbered_page(1, 20, heading="Refereed Papers"), _numbered_page(21, 20)]
    text = read(make_pdf(pages), "cv.pdf").text
    assert "1. Quill, AB and C Marsh (2001). A study of swift 1." in text
    publications = parse(make_pdf(pages), "cv.pdf")["publications"]
    assert [p["title"] for p in publications] == [
        f"A study of {_BIRDS[n % len(_BIRDS)]} {n}" for n in range(1, 41)
    ]


def test_a_pdf_past_the_glyph_budget_is_refused_not_cut_short(monkeypatch):
    pages = [_numbered_page(1, 20, heading="Refereed Papers"), _numbered_page(21, 20)]
    data = make_pdf(pages)
    page_glyphs = sum(len(run[2]) for run in pages[0].runs)
    monkeypatch.setattr(pdf_reader, "MAX_GLYPHS", 2 * page_glyphs + 10)
    assert "heron 21." in read(data, "cv.pdf").text
    monkeypatch.setattr(pdf_reader, "MAX_GLYPHS", page_glyphs + 10)
    with pytest.raises(CVParseError, match="by page 2 of 2"):
        read(data, "cv.pdf")
    monkeypatch.setattr(pdf_reader, "MAX_GLYPHS", 100)
    with pytest.raises(CVParseError, match="by page 1 of 2"):
        read(data, "cv.pdf")


def test_a_pdf_past_the_content_budget_is_refused(monkeypatch):
    data = make_pdf([_numbered_page(1, 20, heading="Refereed Papers"), _numbered_page(21, 20)])
    monkeypatch.setattr(pdf_reader, "MAX_PAGE_OBJECTS", 1)
    with pytest.raises(CVParseError, match="far more than the text of a CV"):
        read(data, "cv.pdf")


def test_pdf_reading_time_grows_with_the_pages_only():
    """Twice the pages, about twice the time: nothing in the reader compares every line
    or glyph with every other one."""

    def cpu_time(pages: int) -> float:
        data = make_pdf([_numbered_page(1 + 20 * n, 20) for n in range(pages)])
        started = time.process_time()
        read(data, "cv.pdf")
        return time.process_time() - started

    cpu_time(1)  # imports
    small, large = min(cpu_time(3) for _ in range(2)), min(cpu_time(12) for _ in range(2))
    assert large < 6 * small, f"3 pages {small:.2f} s, 12 pages {large:.2f} s"


def test_a_page_long_citation_costs_time_in_proportion():
    """Lines that all run on into one publication (a PDF's wrapped paragraph): each new
    line must not reread the whole piece."""
    heading, line = "## Publications", "and the study of imaginary herons along rivers"

    def cpu_time(lines: int) -> float:
        text = "\n".join(["# Ada Quill", "", heading, "", *[line] * lines])
        started = time.process_time()
        parse_text(text, "cv.pdf", "pdf")  # as a PDF's text: full-width lines run on
        return time.process_time() - started

    small, large = min(cpu_time(800) for _ in range(2)), min(cpu_time(3200) for _ in range(2))
    assert large < 7 * small, f"800 lines {small:.2f} s, 3200 lines {large:.2f} s"
