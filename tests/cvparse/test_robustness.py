"""Whatever a user uploads, cvparse.parse returns schema-valid CV JSON or raises
CVParseError, and in time linear in the size of the upload."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvparse import parse
from cvparse.errors import CVParseError, ParserFailure
from tests.cvparse.bigdocs import (
    docx_paragraphs,
    line_of_parens,
    long_html_cv,
    long_markdown_cv,
    repeated_initials,
)
from tests.cvparse.pdfwriter import Page, make_pdf
from tests.cvparse.shared import SCHEMA, SEEDS

HERE = Path(__file__).parent
SEED_FILES = sorted(SEEDS.glob("*.txt"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
# CVPARSE_FUZZ_EXAMPLES=2000 fuzzes longer than the default quick run.
EXAMPLES = int(os.environ.get("CVPARSE_FUZZ_EXAMPLES", "40"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=max(1, EXAMPLES // 3), deadline=None)
SUFFIXES = ["cv.pdf", "cv.docx", "cv.txt", "cv.md", "cv.html", "cv.bib", "cv"]


def parse_or_refuse(data: bytes | str, filename: str) -> dict | None:
    """The parse result (checked against the schema), or None for a CVParseError."""
    try:
        result = parse(data, filename)
    except CVParseError as error:
        assert str(error).strip(), "an error message must say what went wrong"
        # A refusal must be a decision about the file, not a parser bug turned into one.
        assert not isinstance(error, ParserFailure), repr(error.__cause__)
        return None
    errors = [error.message for error in VALIDATOR.iter_errors(result)]
    assert not errors, errors[:3]
    return result


@FAST
@given(text=st.text(max_size=2000), filename=st.sampled_from(SUFFIXES))
def test_any_text_under_any_name(text, filename):
    parse_or_refuse(text.encode("utf-8", errors="surrogatepass"), filename)


# Characters that CV markup is made of, so that random text reaches deep paths.
MARKUP = st.text(alphabet="()[]{}<>*_#-.,;:!?'\"|/\\@&$%^~`=+ \n\taAzZ019•–—“”", max_size=3000)


@FAST
@given(text=MARKUP, filename=st.sampled_from(SUFFIXES))
def test_markup_soup_under_any_name(text, filename):
    parse_or_refuse(text, filename)


@FAST
@given(text=MARKUP)
def test_markup_soup_as_a_publication_list(text):
    parse_or_refuse(f"# Jane Example\n\n## Publications\n\n{text}", "cv.md")


html_tags = st.sampled_from(["div", "p", "b", "li", "ul", "a", "h2", "td", "tr", "table", "span"])


@FAST
@given(pieces=st.lists(st.tuples(html_tags, st.booleans(), st.text(max_size=30)), max_size=60))
def test_random_html(pieces):
    """Tags opened and closed at random (unbalanced, too), with text between."""
    html = "".join(f"<{t}>{text}" if opening else f"</{t}>{text}" for t, opening, text in pieces)
    parse_or_refuse(f"<html><body>{html}</body></html>", "cv.html")


@SLOW
@given(
    paragraphs=st.lists(
        st.tuples(st.text(max_size=60), st.sampled_from([None, "Heading 1", "List Bullet"])),
        max_size=20,
    )
)
def test_random_docx(paragraphs):
    import io

    import docx

    document = docx.Document()
    for text, style in paragraphs:
        # XML cannot hold control characters; python-docx refuses them.
        clean = "".join(c for c in text if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF)
        document.add_paragraph(clean, style=style)
    out = io.BytesIO()
    document.save(out)
    parse_or_refuse(out.getvalue(), "cv.docx")


# Word's XML as its grammar nests it (body, tables, rows, cells, paragraphs, runs), with
# properties and attribute values right and wrong, so that random documents reach the
# reader's every path.
WORD_ATTRIBUTES = ["", ' w:val="x"', ' w:val="0"', ' w:val="3"', ' w:type="first"',
                   ' r:id="rId9"', ' r:id="rId1"', ' w:anchor="top"']  # fmt: skip
WORD_PROPERTIES = ["<w:b/>", '<w:b w:val="off"/>', '<w:pStyle w:val="x"/>', "<w:pStyle/>",
                   '<w:rStyle w:val="x"/>', "<w:numPr/>", '<w:gridSpan w:val="x"/>',
                   '<w:gridSpan w:val="3"/>', '<w:gridSpan w:val="-2"/>', "<w:vMerge/>",
                   '<w:vMerge w:val="restart"/>', '<w:gridBefore w:val="2"/>', "<w:titlePg/>",
                   '<w:headerReference w:type="first" r:id="rId9"/>',
                   '<w:headerReference w:type="default" r:id="rId1"/>']  # fmt: skip
# Text XML can hold: no control characters, lone surrogates or non-characters.
xml_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn")), max_size=20)


def word_element(tag: str, children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(WORD_ATTRIBUTES), st.lists(children, max_size=3)).map(
        lambda parts: f"<{tag}{parts[0]}>{''.join(parts[1])}</{tag}>"
    )


word_properties = st.sampled_from(WORD_PROPERTIES)
word_run = word_element(
    "w:r",
    st.one_of(
        xml_text.map(lambda text: f"<w:t>{escape(text)}</w:t>"),
        st.sampled_from(["<w:br/>", '<w:br w:type="page"/>', "<w:tab/>", "<w:noBreakHyphen/>"]),
        word_element("w:rPr", word_properties),
    ),
)
word_paragraph = word_element(
    "w:p",
    st.one_of(
        word_run, word_element("w:hyperlink", word_run), word_element("w:pPr", word_properties)
    ),
)
word_table = st.deferred(
    lambda: word_element(
        "w:tbl",
        word_element(
            "w:tr",
            st.one_of(
                word_element("w:trPr", word_properties),
                word_element(
                    "w:tc",
                    st.one_of(word_paragraph, word_table, word_element("w:tcPr", word_properties)),
                ),
            ),
        ),
    )
)
word_xml = word_element(
    "w:body", st.one_of(word_paragraph, word_table, word_element("w:sectPr", word_properties))
)


@FAST
@given(inner=word_xml, parts=st.sets(st.sampled_from(["styles", "rels", "header"])))
def test_random_word_xml(inner, parts):
    """A random document part, with the styles, relationships and header parts present
    or not."""
    import io
    import zipfile

    namespaces = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    )
    members = {"word/document.xml": f"<w:document {namespaces}>{inner}</w:document>"}
    if "styles" in parts:
        members["word/styles.xml"] = (
            f'<w:styles {namespaces}><w:style w:type="paragraph" w:styleId="x">'
            '<w:name w:val="heading 1"/><w:rPr><w:b/></w:rPr></w:style></w:styles>'
        )
    if "rels" in parts:
        package = "http://schemas.openxmlformats.org/package/2006/relationships"
        kinds = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        members["word/_rels/document.xml.rels"] = (
            f'<Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{kinds}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId9" Type="{kinds}/header" Target="header1.xml"/></Relationships>'
        )
    if "header" in parts:
        members["word/header1.xml"] = f"<w:hdr {namespaces}>{inner}</w:hdr>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    parse_or_refuse(out.getvalue(), "cv.docx")


@SLOW
@given(
    lines=st.lists(
        st.tuples(
            st.text(alphabet="abcXYZ019 .,()•–-:", min_size=1, max_size=40),
            st.booleans(),
            st.sampled_from([9, 10, 13, 18]),
        ),
        max_size=25,
    )
)
def test_random_pdf(lines):
    """Lines of random words, sizes and weights (bullets glued to words among them)."""
    page = Page()
    for number, (text, bold, size) in enumerate(lines):
        page.text(50, 60 + 24 * number, text, bold=bold, size=size)
    parse_or_refuse(make_pdf([page]), "cv.pdf")


@FAST
@given(data=st.binary(max_size=3000), filename=st.sampled_from(SUFFIXES))
def test_any_bytes_under_any_name(data, filename):
    parse_or_refuse(data, filename)


@pytest.mark.parametrize("magic", [b"%PDF-1.4\n", b"PK\x03\x04", b"@article{x,\n", b"<html>"])
@FAST
@given(tail=st.binary(max_size=2000))
def test_bytes_that_start_like_a_supported_format(magic, tail):
    parse_or_refuse(magic + tail, "cv")


lines_strategy = st.lists(
    st.sampled_from(
        [
            "",
            "# Education",
            "## Publications",
            "- **A. Author**, B. Author. A title. In *Venue*, 2021.",
            "2019 – present Postdoc, University of Somewhere",
            "* ",
            "**",
            "[link](http://x)",
            "| a | b |",
            "---",
            "{% raw %}",
            "<!--",
            "$\\blacksquare$",
            "2020–",
        ]
    )
    | st.text(max_size=80),
    max_size=8,
)


@FAST
@given(
    seed=st.sampled_from(SEED_FILES),
    cut=st.floats(0, 1),
    length=st.integers(0, 40),
    inserted=lines_strategy,
)
def test_mutated_seeds(seed, cut, length, inserted):
    lines = seed.read_text().splitlines()
    at = int(cut * len(lines))
    mutated = lines[:at] + inserted + lines[at + length :]
    result = parse_or_refuse("\n".join(mutated).encode(), seed.name)
    if result is not None and any(line.strip() for line in mutated):
        assert result["source"]["filename"] == seed.name


@settings(max_examples=25, deadline=None)
@given(
    name=st.sampled_from(["one_column.pdf", "margin.pdf", "cv.docx"]),
    position=st.floats(0, 1),
    garbage=st.binary(min_size=1, max_size=64),
    truncate=st.booleans(),
)
def test_damaged_fixture_files(name, position, garbage, truncate):
    data = (HERE / "files" / name).read_bytes()
    at = int(position * len(data))
    damaged = data[:at] if truncate else data[:at] + garbage + data[at + len(garbage) :]
    parse_or_refuse(damaged, name)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seeds_parse_to_valid_json(path):
    result = parse_or_refuse(path.read_bytes(), path.name)
    assert result is not None and result["person"]["name"]


@pytest.mark.parametrize(
    "name",
    ["one_column.pdf", "two_column.pdf", "margin.pdf", "cv.docx", "homepage.html", "papers.bib"],
)
def test_fixture_files_parse_to_valid_json(name):
    assert parse_or_refuse((HERE / "files" / name).read_bytes(), name) is not None


# ------------------------------------------------------------------ time and depth
# Each hostile input is parsed at full size and at an eighth of it: the parse must grow
# about linearly (a quadratic one would cost 64 times more). A ratio measured in one run
# holds on a slow machine and a fast one alike, where a fixed number of seconds did not.
SHRINK = 8
SLACK = 3.0
SETUP_SECONDS = 0.3  # what a parse costs whatever its size, and the clock's noise


def _cpu(data: bytes, filename: str) -> tuple[float, dict | None]:
    started = time.process_time()
    result = parse_or_refuse(data, filename)
    return time.process_time() - started, result


def parse_timed(make: Callable[[int], bytes], size: int, filename: str) -> dict | None:
    """The parse of ``make(size)``, checked to cost no more than linear growth from
    ``make(size // SHRINK)`` allows."""
    small, _ = _cpu(make(max(1, size // SHRINK)), filename)
    data = make(size)
    spent, result = _cpu(data, filename)
    allowed = SHRINK * SLACK * small + SETUP_SECONDS
    assert spent < allowed, (
        f"{filename}: {spent:.2f} s of CPU for {len(data) // 1024} kB, "
        f"{small:.2f} s for an {SHRINK}th of it"
    )
    return result


def test_a_long_line_of_opening_parentheses():
    parse_timed(line_of_parens, 200_000, "cv.md")


def test_many_initials_and_periods():
    parse_timed(repeated_initials, 300_000, "cv.md")  # 900 kB


def test_a_docx_of_many_paragraphs():
    assert len(docx_paragraphs(40_000)) < 200_000
    assert parse_timed(docx_paragraphs, 40_000, "cv.docx") is not None


def test_a_long_markdown_cv():
    result = parse_timed(long_markdown_cv, 3_000, "cv.md")
    assert len(result["publications"]) == 500 and len(result["education"]) == 500


def test_a_long_html_cv():
    result = parse_timed(long_html_cv, 3_000, "cv.html")
    assert len(result["publications"]) == 500


def test_a_long_pdf_cv():
    from benchmarks.parse import long_pdf_cv

    assert parse_timed(long_pdf_cv, 16, "cv.pdf") is not None


@pytest.mark.parametrize("opener", ["(", "[", "![", "[a](", "“", "{", "{{ ", "{% ", "<!--"])
def test_runs_of_openers_without_closers(opener):
    for heading in ("", "## Education\n\n", "## Publications\n\n", "## Teaching\n\n- "):

        def cv(size: int, heading: str = heading) -> bytes:
            text = opener * (size // len(opener))
            return f"# Jane Example\n\n{heading}{text}".encode()

        parse_timed(cv, 100_000, "cv.md")


def test_deeply_nested_html():
    def nested(depth: int) -> bytes:
        html = "<div>" * depth + "<b>Jane Example</b>" + "</div>" * depth
        return f"<html><body>{html}</body></html>".encode()

    assert parse_timed(nested, 5_000, "cv.html") is not None


def test_a_bullet_glued_to_a_word_in_a_pdf():
    page = Page()
    page.text(50, 60, "Jane Example", bold=True, size=18)
    page.text(50, 100, "Education", bold=True, size=13)
    page.text(50, 120, "•PhD in Imaginary Science, University of Nowhere, 2019")
    result = parse_or_refuse(make_pdf([page]), "cv.pdf")
    assert result["education"] and result["education"][0]["end"] == "2019"


def test_a_parser_bug_is_a_logged_parser_failure(monkeypatch, caplog):
    import cvparse

    def broken(*_):
        raise IndexError("list index out of range")

    monkeypatch.setattr(cvparse, "parse_text", broken)
    with pytest.raises(ParserFailure) as raised:
        cvparse.parse(b"# Jane Example\n\nSome text here.", "cv.md")
    assert "IndexError" in str(raised.value) and "another format" in str(raised.value)
    assert any(record.exc_info for record in caplog.records)
