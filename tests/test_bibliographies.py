"""Bibliographies through the upload, review and import of a CV, and back out through
the exports with their entry types and fields. Fictional data only."""

import json
import re
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser import middlewares
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from cvparse.readers.bibliography import month_of
from profiles.importing import import_cv_file
from profiles.models import CVDocument, Person
from publications.models import Publication, Venue
from tests.bibliography_files import (
    ACADEMICPAGES_FILES,
    BIBLATEX,
    CSL_JSON,
    DBLP,
    ORCID_WORKS,
    RIS,
    zip_of,
)
from tests.conftest import make_cv, make_paper
from tests.test_citation_names import compiled_bibliography
from tests.test_importing import import_json

MIXED_BIB = Path(__file__).parent / "data" / "mixed30.bib"
# Fields compared entry by entry; ``note`` and ``url`` are the export's own (status, link).
ROUND_TRIP_FIELDS = (
    "title",
    "journal",
    "booktitle",
    "school",
    "institution",
    "series",
    "year",
    "volume",
    "number",
    "pages",
    "publisher",
    "address",
    "isbn",
    "doi",
    "eprint",
)


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks, owner):
    """Ada (a profile of her own) uploads a file; the parse runs once the upload commits."""
    cache.clear()
    client.force_login(owner)

    def post(name: str, data: bytes | str):
        data = data.encode() if isinstance(data, str) else data
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/upload/", {"file": SimpleUploadedFile(name, data)})

    return post


def read_bib(text: str) -> dict[str, tuple[str, dict]]:
    """Entries by title: their type and fields, LaTeX decoded, names as (first, last) parts."""
    library = bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    assert library.failed_blocks == []
    entries = {}
    for entry in library.entries:
        fields = {key.lower(): field.value for key, field in entry.fields_dict.items()}
        plain = {
            name: " ".join(str(value).replace("{", "").replace("}", "").split())
            for name, value in fields.items()
            if name in ROUND_TRIP_FIELDS
        }
        for role in ("author", "editor"):
            plain[role] = [
                (" ".join(p.first), " ".join([*p.von, *p.last])) for p in fields.get(role, [])
            ]
        plain["month"] = month_of(fields.get("month"))
        plain["archiveprefix"] = str(fields.get("archiveprefix", "")).lower()
        entries[plain["title"]] = (entry.entry_type.lower(), plain)
    return entries


def test_a_mixed_bib_round_trips_through_import_and_export(client, owner):
    source = MIXED_BIB.read_text()
    import_cv_file(source.encode(), "mixed30.bib", owner=owner)
    ada = Person.objects.get(owner=owner)
    assert Publication.objects.by_person(ada).count() == 30
    exported = client.get(f"/people/{ada.slug}/publications.bib").content.decode()
    before, after = read_bib(source), read_bib(exported)
    assert len(before) == 30 and set(after) == set(before)
    assert {t for t, _ in before.values()} == {
        "article",
        "inproceedings",
        "incollection",
        "book",
        "phdthesis",
        "techreport",
        "misc",
    }
    for title, (entry_type, fields) in before.items():
        assert after[title] == (entry_type, fields), title


def test_the_import_keeps_types_venue_kinds_and_fields(owner):
    import_cv_file(MIXED_BIB.read_bytes(), "mixed30.bib", owner=owner)
    counts = {
        t: Publication.objects.filter(entry_type=t).count()
        for t in ("article", "inproceedings", "chapter", "book", "thesis", "report", "preprint")
    }
    assert counts == {
        "article": 8,
        "inproceedings": 8,
        "chapter": 4,
        "book": 2,
        "thesis": 3,
        "report": 2,
        "preprint": 3,
    }
    kinds = dict(Venue.objects.values_list("name", "kind"))
    assert kinds["EuroSys"] == kinds["SIGMOD"] == Venue.Kind.CONFERENCE
    assert kinds["ACM Computing Surveys"] == Venue.Kind.JOURNAL
    assert kinds["IEEE Transactions on Knowledge and Data Engineering"] == Venue.Kind.JOURNAL
    assert kinds["Journal of Imaginary Results"] == Venue.Kind.JOURNAL  # the entry's type
    assert kinds["Handbook of Made-Up Methods"] == Venue.Kind.BOOK
    chapter = Publication.objects.filter(entry_type="chapter").first()
    assert chapter.editors == ["Tessa Marlow", "Chidi Okafor"]
    assert (chapter.publisher, chapter.isbn) == ("Fictional Books", "978-3-16-148410-0")
    preprint = Publication.objects.filter(entry_type="preprint").first()
    assert re.fullmatch(r"\d{4}\.\d{5}", preprint.arxiv_id) and preprint.status == "preprint"


@pytest.mark.parametrize(
    ("filename", "data", "fmt", "expected"),
    [
        (
            "library.json",
            CSL_JSON,
            "csl_json",
            {
                "Elastic Joins for Tiny Clusters": ("inproceedings", "EuroSys", 2021, 2),
                "Durable Queues Considered": ("article", "Journal of Imaginary Results", 2019, 2),
                "Sparse Tensors, Quietly": ("preprint", None, 2023, 1),
                "Verified Caches in Practice": ("chapter", "Handbook of Made-Up Methods", 2020, 1),
            },
        ),
        (
            "scholar.ris",
            RIS,
            "ris",
            {
                "Learned Schedulers Revisited": (
                    "article",
                    "IEEE Transactions on Knowledge and Data Engineering",
                    2018,
                    2,
                ),
                "Private Logs at Scale": ("inproceedings", "SIGMOD", 2022, 2),
                "On Imaginary Engines": ("thesis", "University of Nowhere", 2015, 1),
            },
        ),
        (
            "biblatex.bib",
            BIBLATEX,
            "bibtex",
            {
                "Approximate Graphs for GPU Fleets": ("article", "ACM Computing Surveys", 2017, 2),
                "Incremental Filters": ("preprint", None, 2024, 1),
            },
        ),
        (
            "dblp.bib",
            DBLP,
            "bibtex",
            {"Streaming Snapshots": ("inproceedings", "EuroSys", 2021, 2)},
        ),
        (
            "works.json",
            ORCID_WORKS,
            "orcid",
            {
                "Federated Ledgers Explained": (
                    "article",
                    "Transactions on Made-Up Systems",
                    2016,
                    1,
                ),
                "Quantum Compilers for the Edge": (
                    "inproceedings",
                    "International Conference on Machine Learning",
                    2020,
                    1,
                ),
            },
        ),
        (
            "publications.zip",
            zip_of(ACADEMICPAGES_FILES),
            "academicpages",
            {
                "Adaptive Indexes for Cold Storage": (
                    "article",
                    "Journal of Imaginary Results",
                    2009,
                    2,
                ),
                "Elastic Graphs": ("inproceedings", "SIGMOD", 2015, 1),
            },
        ),
    ],
    ids=["csl-json", "ris", "biblatex", "dblp", "orcid", "academicpages"],
)
def test_each_bibliography_goes_through_upload_review_and_import(
    client, upload, owner, filename, data, fmt, expected
):
    response = upload(filename, data)
    document = CVDocument.objects.get()
    assert response.status_code == 302, response.context["form"].errors
    assert (document.status, document.format) == (CVDocument.Status.PARSED, fmt)
    review = client.get(f"/documents/{document.pk}/").content.decode()
    for title in expected:
        assert title in review
    response = client.post(f"/documents/{document.pk}/import/")
    ada = Person.objects.get(owner=owner)
    assert response.status_code == 302 and response["Location"] == ada.get_absolute_url()
    found = {
        p.title: (p.entry_type, p.venue.name if p.venue else None, p.year, p.authorships.count())
        for p in Publication.objects.by_person(ada).select_related("venue")
    }
    assert found == expected


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("refs.bib", "@article{a, title={One}, journal={J}\n@misc{b, title={Two}}", "line 1"),
        ("works.json", '[{"type": "book", "title": "x"', "The JSON file is malformed"),
        ("works.json", '{"name": "no works"}', "neither CSL-JSON"),
        ("refs.ris", "TY  - JOUR\nER  -\n", "no records with a title"),
        ("site.zip", zip_of({"notes/readme.md": "hi"}), "nor a bibliography"),
        (
            "site.zip",
            zip_of({"_publications/bad.md": "---\ntitle: [oops\n---\n"}),
            "bad.md: its front matter is not valid YAML",
        ),
    ],
)
def test_a_malformed_bibliography_is_refused_on_the_upload_form(upload, filename, data, message):
    response = upload(filename, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not CVDocument.objects.exists()


@pytest.mark.parametrize(
    "venue", ["January", "Dec. 2021", "PDF", "FILE-PDF", "https://example.org/p.pdf", "2021"]
)
def test_values_that_are_no_venue_make_no_venue(db, venue):
    paper = make_paper("Approximate Snapshots", ["*Ada Lovelace"], venue=venue, year=2021)
    import_json(make_cv("Ada Lovelace", publications=[paper]))
    publication = Publication.objects.get()
    assert not Venue.objects.exists()
    assert (publication.venue, publication.venue_name) == (None, "")


def test_a_venue_kind_comes_from_the_cv_sub_heading_not_its_words(db):
    papers = [
        make_paper("Elastic Queues", ["*Ada Lovelace"], venue="Annals of Pretend Studies"),
        make_paper("Durable Filters", ["*Ada Lovelace"], venue="Review of Made-Up Things"),
    ]
    papers[0]["category"] = "Refereed Journal Articles"
    import_json(make_cv("Ada Lovelace", publications=papers))
    kinds = dict(Venue.objects.values_list("name", "kind"))
    assert kinds == {
        "Annals of Pretend Studies": Venue.Kind.JOURNAL,
        "Review of Made-Up Things": Venue.Kind.OTHER,
    }
    assert Publication.objects.get(title="Elastic Queues").entry_type == "article"


def test_a_stated_kind_replaces_other_on_a_known_venue(db):
    first = make_paper("Elastic Queues", ["*Ada Lovelace"], venue="Annals of Pretend Studies")
    import_json(make_cv("Ada Lovelace", publications=[first]))
    assert Venue.objects.get().kind == Venue.Kind.OTHER
    second = make_paper("Durable Filters", ["*Ada Lovelace"], venue="Annals of Pretend Studies")
    second["x_venue_kind"] = "journal"
    import_json(make_cv("Ada Lovelace", publications=[second]))
    assert Venue.objects.get().kind == Venue.Kind.JOURNAL


def test_exports_carry_the_types_and_fields(client, owner):
    import_cv_file(CSL_JSON.encode(), "library.json", owner=owner)
    ada = Person.objects.get(owner=owner)
    items = {i["title"]: i for i in client.get(f"/people/{ada.slug}/publications.csl.json").json()}
    assert items["Elastic Joins for Tiny Clusters"]["type"] == "paper-conference"
    journal = items["Durable Queues Considered"]
    assert (journal["type"], journal["volume"], journal["issue"]) == ("article-journal", "12", "3")
    assert items["Sparse Tensors, Quietly"]["number"] == "arXiv:2301.01234"
    chapter = items["Verified Caches in Practice"]
    assert (chapter["type"], chapter["ISBN"]) == ("chapter", "978-3-16-148410-0")
    assert chapter["editor"] == [{"family": "Marlow", "given": "Tessa"}]
    page = client.get(
        Publication.objects.get(title="Verified Caches in Practice").get_absolute_url()
    )
    html = page.content.decode()
    for text in ("Book chapter", "Tessa Marlow", "Fictional Books", "978-3-16-148410-0"):
        assert text in html
    assert page.context["jsonld"]["@type"] == "Chapter"
    journal_page = client.get(
        Publication.objects.get(title="Durable Queues Considered").get_absolute_url()
    )
    assert journal_page.context["jsonld"]["isPartOf"] == {
        "@type": "PublicationIssue",
        "issueNumber": "3",
        "isPartOf": {
            "@type": "PublicationVolume",
            "volumeNumber": "12",
            "isPartOf": {
                "@type": "Periodical",
                "name": "Journal of Imaginary Results",
                "@id": "http://testserver/venues/journal-of-imaginary-results/",
            },
        },
    }


def test_the_document_records_the_bibliography_format(owner):
    import_cv_file(RIS.encode(), "scholar.ris", owner=owner)
    document = CVDocument.objects.get()
    assert document.format == "ris" and document.cv_json["source"]["x_format"] == "ris"


THESES_AND_NON_PAPERS = r"""
@mastersthesis{m, author = {Lovelace, Ada}, title = {Caches Considered},
  school = {University of Nowhere}, year = {2012}}
@phdthesis{p, author = {Lovelace, Ada}, title = {Queues Considered},
  school = {University of Nowhere}, year = {2016}}
@thesis{b, author = {Lovelace, Ada}, title = {Joins Considered},
  institution = {Somewhere College}, type = {Bachelor's thesis}, year = {2010}}
@patent{t, author = {Lovelace, Ada}, title = {A Loom for Numbers},
  howpublished = {US Patent 1,234,567}, year = {2019}}
@dataset{d, author = {Lovelace, Ada}, title = {Engine Traces}, howpublished = {Zenodo},
  year = {2020}}
@software{s, author = {Lovelace, Ada}, title = {enginekit}, howpublished = {Fictional Forge},
  year = {2021}}
"""


def test_theses_keep_their_degree_and_non_papers_say_what_they_are(client, owner, tmp_path):
    """@mastersthesis stays @mastersthesis; patents, datasets and software are BibTeX @misc
    whose note names them, and plain.bst prints all of it without a warning."""
    import_cv_file(THESES_AND_NON_PAPERS.encode(), "theses.bib", owner=owner)
    degrees = dict(Publication.objects.values_list("title", "thesis_degree"))
    assert (degrees["Caches Considered"], degrees["Queues Considered"]) == ("masters", "doctoral")
    assert (degrees["Joins Considered"], degrees["A Loom for Numbers"]) == ("bachelors", "")
    ada = Person.objects.get(owner=owner)
    bib = client.get(f"/people/{ada.slug}/publications.bib").content.decode()
    entries = read_bib(bib)
    assert {title: entry_type for title, (entry_type, _) in entries.items()} == {
        "Caches Considered": "mastersthesis",
        "Queues Considered": "phdthesis",
        "Joins Considered": "mastersthesis",
        "A Loom for Numbers": "misc",
        "Engine Traces": "misc",
        "enginekit": "misc",
    }
    assert "  type = {Bachelor's thesis}\n}" in bib
    assert "  howpublished = {US Patent 1,234,567},\n  year = {2019},\n" in bib
    bbl = " ".join(compiled_bibliography(bib, tmp_path).split())
    for printed in (
        "Caches considered. Master's thesis, University of Nowhere, 2012.",
        "{\\em Queues Considered}. PhD thesis, University of Nowhere, 2016.",
        "Joins considered. Bachelor's thesis, Somewhere College, 2010.",
        "A loom for numbers. US Patent 1,234,567, 2019. Patent.",
        "Engine traces. Zenodo, 2020. Dataset.",
        "enginekit. Fictional Forge, 2021. Software.",
    ):
        assert printed in bbl.replace("\\newblock ", ""), printed
    items = {i["title"]: i for i in client.get(f"/people/{ada.slug}/publications.csl.json").json()}
    assert (items["Caches Considered"]["type"], items["Caches Considered"]["genre"]) == (
        "thesis",
        "Master's thesis",
    )
    assert items["A Loom for Numbers"]["type"] == "patent"


@pytest.mark.parametrize(
    ("genre", "degree"),
    [("PhD dissertation", "doctoral"), ("Master's thesis", "masters"), ("Thesis", "")],
)
def test_a_csl_thesis_genre_gives_its_degree(owner, genre, degree):
    item = {"type": "thesis", "title": "On Engines", "genre": genre, "publisher": "Nowhere U."}
    import_cv_file(json.dumps([item]).encode(), "library.json", owner=owner)
    assert Publication.objects.get().thesis_degree == degree


CV_JSON_FIELDS = (
    "title",
    "entry_type",
    "thesis_degree",
    "year",
    "month",
    "status",
    "venue__name",
    "venue__kind",
    "volume",
    "issue",
    "pages",
    "publisher",
    "editors",
    "arxiv_id",
    "isbn",
    "doi",
)


def publication_rows() -> set[tuple]:
    """Every publication's ``CV_JSON_FIELDS`` (editors as a tuple)."""
    return {
        tuple(tuple(value) if isinstance(value, list) else value for value in row)
        for row in Publication.objects.values_list(*CV_JSON_FIELDS)
    }


def test_the_cv_json_export_keeps_every_field_through_a_re_import(client, owner):
    import_cv_file(MIXED_BIB.read_bytes(), "mixed30.bib", owner=owner)
    import_cv_file(THESES_AND_NON_PAPERS.encode(), "theses.bib", owner=owner)
    ada = Person.objects.get(owner=owner)
    before = publication_rows()
    assert len(before) == 36
    cv = client.get(f"/people/{ada.slug}/cv.json").json()
    masters = next(p for p in cv["publications"] if p["title"] == "Caches Considered")
    assert (masters["x_type"], masters["x_thesis_degree"]) == ("thesis", "masters")
    Publication.objects.all().delete()
    Venue.objects.all().delete()
    import_json(cv)
    assert publication_rows() == before
