"""The CV import service and its commands: originals kept, all or nothing, never destructive."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from affiliations.models import Affiliation, Mentorship, Organization
from awards.models import Award
from profiles.importing import CVImportError, _Import, import_cv_file, import_cv_json
from profiles.management.commands.load_samples import SAMPLES
from profiles.models import CVDocument, Person
from profiles.resolution import relink_for
from publications.models import Authorship, Publication, Venue

from .conftest import make_cv, make_document, make_organization, make_paper, row_counts

pytestmark = pytest.mark.django_db

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "samples"
ADA_CV = b"""# Ada Lovelace

ada@example.org

## Education

- **Ph.D. in Mathematics**, University of London, 1990 - 1993
  - Advisor: Augustus De Morgan

## Publications

- **Ada Lovelace**, Charles Babbage. Sketch of the Analytical Engine. Scientific Memoirs, 1993.
"""


def stored_files(settings) -> list[Path]:
    root = Path(settings.STORAGES["cv_uploads"]["OPTIONS"]["location"])
    return [path for path in root.rglob("*") if path.is_file()]


def import_json(cv: dict, **options):
    return import_cv_json(cv, document=make_document(f"{len(cv)}.md", cv), **options)


def test_an_import_keeps_the_original(settings):
    result = import_cv_file(ADA_CV, "ada.md")
    document = CVDocument.objects.get()
    assert document.file.read() == ADA_CV
    assert "Sketch of the Analytical Engine" in document.text
    assert document.format == "markdown"
    assert document.parser_version
    assert document.cv_json["person"]["name"] == "Ada Lovelace"
    assert document.status == CVDocument.Status.IMPORTED
    assert document.person == result.person == Person.objects.get(name="Ada Lovelace")
    assert not str(stored_files(settings)[0]).startswith(str(settings.STATIC_ROOT))


def test_the_same_file_again_changes_nothing(django_assert_num_queries):
    import_cv_file(ADA_CV, "ada.md")
    before = row_counts()
    # The look-up of an imported document with these bytes, before any transaction.
    with django_assert_num_queries(1):
        result = import_cv_file(ADA_CV, "renamed.md")
    assert result.is_unchanged
    assert "already imported" in result.summary()
    assert row_counts() == before


def test_the_same_cv_in_another_document_duplicates_nothing():
    cv = make_cv(
        "Ada Lovelace",
        publications=[make_paper("Sketch", ["*Ada Lovelace", "Charles Babbage"])],
        awards=[{"title": "Medal", "year": 1990, "issuer": None, "rank": None, "details": None}],
    )
    import_json(cv)
    before = row_counts()
    import_json(cv)
    after = row_counts()
    assert after.pop("profiles.CVDocument") == before.pop("profiles.CVDocument") + 1
    assert after == before


@pytest.mark.parametrize("step", ["affiliations", "publications", "entries"])
def test_a_failure_half_way_leaves_every_table_unchanged(step, monkeypatch, settings):
    call_command("import_cv", SAMPLE_DIR / SAMPLES[0], stdout=StringIO())
    before, files = row_counts(), stored_files(settings)

    def broken(self, *args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(_Import, step, broken)
    with pytest.raises(CommandError, match="1 of 1 files"):
        call_command("import_cv", SAMPLE_DIR / SAMPLES[1], stdout=StringIO(), stderr=StringIO())
    assert row_counts() == before
    assert stored_files(settings) == files


def test_import_cv_reports_each_file_and_goes_on_after_a_bad_one(tmp_path):
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 of 3 files could not be imported"):
        call_command(
            "import_cv", bad, *(SAMPLE_DIR / name for name in SAMPLES[:2]), stdout=out, stderr=err
        )
    assert "photo.png: cannot import:" in err.getvalue()
    assert "mara-okonkwo-lind.md -> Mara Okonkwo-Lind: created" in out.getvalue()
    assert "tomas-ferreira.txt -> Tomás Ferreira" in out.getvalue()
    assert Person.objects.filter(is_stub=False).count() == 2


def test_unparsed_lines_are_kept_and_shown():
    cv = make_cv("Ada Lovelace", unparsed=["A line nobody understood"])
    result = import_json(cv)
    assert result.document.unparsed == ["A line nobody understood"]
    assert "unparsed lines 1" in result.summary()


def test_an_entry_listed_twice_in_one_cv_is_one_row():
    award = {"title": "Medal", "year": 1990, "issuer": None, "rank": None, "details": None}
    job = {
        "organization": "MIT", "department": None, "title": "Lecturer", "kind": "employment",
        "start": "1990", "end": None, "supervisors": [], "location": None, "details": [],
    }  # fmt: skip
    import_json(make_cv("Ada Lovelace", awards=[award, award], positions=[job, job]))
    assert Award.objects.count() == Affiliation.objects.count() == 1


def ada_v1() -> dict:
    return make_cv(
        "Ada Lovelace",
        person={"headline": "Analyst", "emails": ["ada@example.org"]},
        publications=[
            make_paper("Sketch", ["*Ada Lovelace", "Charles Babbage"], status="preprint")
        ],
        awards=[{"title": "Medal", "year": 1990, "issuer": None, "rank": None, "details": None}],
    )


def ada_v2() -> dict:
    return make_cv(
        "Ada Lovelace",
        person={"headline": "Mathematician", "emails": ["ada@example.org", "ada@analytical.org"]},
        publications=[
            make_paper(
                "SKETCH", ["*Ada Lovelace", "Charles Babbage"], year=1993, doi="10.1/sketch"
            ),
            make_paper("Notes", ["*Ada Lovelace"], year=1993),
        ],
        awards=[{"title": "Prize", "year": 1992, "issuer": None, "rank": None, "details": None}],
    )


def test_a_newer_cv_adds_and_updates_but_never_deletes():
    ada = import_json(ada_v1()).person
    assert import_json(ada_v2()).person == ada
    ada.refresh_from_db()
    assert ada.headline == "Mathematician"
    assert ada.emails == ["ada@example.org", "ada@analytical.org"]
    assert set(Award.objects.values_list("title", flat=True)) == {"Medal", "Prize"}
    sketch = Publication.objects.get(normalized_title="sketch")
    assert (sketch.status, sketch.year, sketch.doi) == ("published", 1993, "10.1/sketch")
    assert sketch.documents.count() == 2
    assert Publication.objects.count() == 2


@pytest.mark.parametrize(
    ("get", "field", "value"),
    [
        (lambda: Person.objects.get(name="Ada Lovelace"), "headline", "Poet of science"),
        (lambda: Publication.objects.get(), "title", "Sketch (corrected)"),
        (lambda: Award.objects.get(), "rank", "first"),
    ],
    ids=["person", "publication", "award"],
)
def test_a_newer_cv_never_overwrites_a_field_edited_by_hand(get, field, value):
    import_json(ada_v1())
    obj = get()
    setattr(obj, field, value)
    obj.mark_edited(field)
    obj.save()
    cv = ada_v1()
    cv["person"]["headline"] = "Mathematician"
    cv["publications"][0]["title"] = "SKETCH"
    cv["awards"][0]["rank"] = "second"
    import_json(cv)
    assert getattr(get(), field) == value


def test_a_stub_that_gets_a_cv_becomes_that_profile_with_its_links():
    education = {
        "institution": "University of London", "degree": "Ph.D.", "field": None, "start": None,
        "end": "1993", "advisors": ["Augustus De Morgan"], "gpa": None, "details": [],
    }  # fmt: skip
    ada = import_json(
        make_cv(
            "Ada Lovelace",
            education=[education],
            publications=[make_paper("Sketch", ["*Ada Lovelace", "Charles Babbage"])],
        )
    ).person
    babbage = Person.objects.get(name="Charles Babbage")
    de_morgan = Person.objects.get(name="Augustus De Morgan")
    assert babbage.is_stub and de_morgan.is_stub
    cv = make_cv(
        "Charles Babbage", publications=[make_paper("Sketch", ["Ada Lovelace", "*Charles Babbage"])]
    )
    assert import_json(cv).person == babbage
    assert import_json(make_cv("Augustus De Morgan")).person == de_morgan
    babbage.refresh_from_db()
    assert not babbage.is_stub
    assert Authorship.objects.get(position=2).person == babbage
    assert Mentorship.objects.get().advisor == de_morgan
    assert Mentorship.objects.get().advisee == ada


def test_two_people_with_one_name_and_different_emails_stay_two():
    first = import_json(make_cv("Wei Zhang", person={"emails": ["wei@a.example"]})).person
    second = import_json(make_cv("Wei Zhang", person={"emails": ["wei@b.example"]})).person
    assert first != second
    assert import_json(make_cv("Wei Zhang", person={"emails": ["wei@b.example"]})).person == second


def test_owner_makes_the_cv_theirs_whatever_the_spelling(owner):
    call_command("import_cv", SAMPLE_DIR / SAMPLES[0], owner="ada", stdout=StringIO())
    assert Person.objects.get(owner=owner).name == "Mara Okonkwo-Lind"  # renamed by the CV
    with pytest.raises(CommandError, match="No user 'nobody'"):
        call_command("import_cv", SAMPLE_DIR / SAMPLES[1], owner="nobody")


def test_a_cv_without_a_name_belongs_to_the_author_of_most_of_its_papers():
    papers = [make_paper(f"Paper {n}", ["Helena Marsh", f"{n} Student"]) for n in "ABC"]
    helena = import_json(make_cv(None, publications=papers)).person
    assert helena.name == "Helena Marsh"
    assert set(Authorship.objects.filter(position=1).values_list("person", flat=True)) == {
        helena.pk
    }
    with pytest.raises(CVImportError, match="does not name its owner"):
        import_json(make_cv(None, publications=[make_paper("Alone", ["A Person", "B Person"])]))


def test_organizations_and_advisors_link_across_cvs():
    call_command("load_samples", stdout=StringIO())
    helena = Person.objects.get(name="Helena Marsh")
    assert not helena.is_stub
    assert set(
        Mentorship.objects.filter(advisor=helena, role="advisor").values_list(
            "advisee__name", flat=True
        )
    ) == {
        "Mara Okonkwo-Lind",
        "Tomás Ferreira",
    }
    mit = set(
        Affiliation.objects.filter(
            organization__name="Massachusetts Institute of Technology"
        ).values_list("person__name", flat=True)
    )
    assert {"Mara Okonkwo-Lind", "Tomás Ferreira", "Jun Wei Tan", "Helena Marsh"} <= mit
    assert (
        Publication.objects.get(
            normalized_title="elastic sharding for streaming graph analytics"
        ).documents.count()
        == 4
    )
    out = StringIO()
    call_command("load_samples", stdout=out)
    assert out.getvalue().count("already imported") == len(SAMPLES)


@pytest.mark.parametrize("papers", [1, 12])
def test_an_import_costs_the_same_queries_whatever_its_size(papers, django_assert_num_queries):
    import_json(
        make_cv(
            "Someone Else", publications=[make_paper("Elsewhere", ["*Someone Else", "Kai Zhang"])]
        )
    )
    cv = make_cv(
        "Ada Lovelace",
        publications=[
            make_paper(f"Paper {n}", ["*Ada Lovelace", f"Coauthor{chr(65 + n)} Smith", "Kai Zhang"])
            for n in range(papers)
        ],
    )
    document = make_document("ada.md", cv)
    # A savepoint; on PostgreSQL the graph's lock; the owner's name looked up; the new
    # profile (slugs, person, history, names, history; then its details saved, history);
    # its known spellings; mentors;
    # publications looked up, their slugs, insert, history; names of the co-authors,
    # the stubs (slugs, people, history, names, history); which co-authors own their
    # profiles (proposals, not links); authorships and history; the document's
    # publications; the document saved; its profile co-authors; their
    # documents, publications and unlinked authors there; the savepoint released.
    # The pages the writes cool: the saved profile's papers and mentors, the authorships'
    # co-authors (a new person or paper has none to look up).
    # Organizations, venues and entries cost nothing here (the CV has none), and
    # nothing grows with the number of papers.
    with django_assert_num_queries(34 + (connection.vendor == "postgresql")):
        import_cv_json(cv, document=document)


# --- the reviewer's picks: x_ keys the upload review writes into the CV JSON -------------

EDUCATION = {
    "institution": "Univ. of London", "degree": "Ph.D.", "field": None, "start": None,
    "end": "1940", "advisors": [], "gpa": None, "details": [],
}  # fmt: skip


def two_babbages() -> tuple[Person, Person]:
    """Two profiles sharing one name, so that an import cannot tell which one a CV means."""
    return tuple(
        import_json(make_cv("Charles Babbage", person={"emails": [email]})).person
        for email in ("babbage@one.example", "babbage@two.example")
    )


def ada_cv(title: str, authors: list[str], marks: dict | None = None, **parts) -> dict:
    """Ada's CV with one paper; ``marks`` go on its author "Charles Babbage"."""
    paper = make_paper(title, authors)
    for author in paper["authors"]:
        if author["name"] == "Charles Babbage":
            author.update(marks or {})
    return make_cv("Ada Lovelace", publications=[paper], **parts)


def authors_of(title: str) -> list[tuple[str, Person | None, bool]]:
    return [
        (a.name, a.person, a.is_linked_by_hand)
        for a in Authorship.objects.filter(publication__title=title).order_by("position")
    ]


def test_a_picked_person_is_linked_by_hand_and_a_later_cv_leaves_the_link():
    first, second = two_babbages()
    cv = ada_cv("Notes", ["*Ada Lovelace", "Charles Babbage"], {"x_person_id": second.pk})
    ada = import_json(cv).person
    assert authors_of("Notes") == [("Ada Lovelace", ada, False), ("Charles Babbage", second, True)]
    # The other Babbage's CV claims the paper as his own: the reviewer's pick stands.
    theirs = make_cv(
        "Charles Babbage",
        person={"emails": ["babbage@one.example"]},
        publications=[make_paper("Notes", ["Ada Lovelace", "*Charles Babbage"])],
    )
    assert import_json(theirs).person == first
    assert authors_of("Notes")[1] == ("Charles Babbage", second, True)
    assert Person.objects.filter(name="Charles Babbage").count() == 2  # no stub for the name


def test_an_author_left_unlinked_stays_unlinked_though_the_name_would_link():
    babbage = import_json(make_cv("Charles Babbage")).person
    authors = ["*Ada Lovelace", "Charles Babbage"]
    ada = import_json(ada_cv("Notes", authors, {"x_unlinked": True})).person
    assert authors_of("Notes")[1] == ("Charles Babbage", None, True)
    import_json(ada_cv("Notes", authors))  # the same CV, not reviewed this time
    assert relink_for({ada.pk, babbage.pk}) == []
    assert authors_of("Notes")[1] == ("Charles Babbage", None, True)


def test_a_picked_organization_is_the_affiliations_and_no_other_is_made():
    london = make_organization("University of London")
    cv = make_cv("Ada Lovelace", education=[{**EDUCATION, "x_organization_id": london.pk}])
    ada = import_json(cv).person
    affiliation = ada.affiliations.get()
    assert (affiliation.organization, affiliation.organization_name) == (london, "Univ. of London")
    assert affiliation.edited_fields == ["organization"]
    assert list(Organization.objects.all()) == [london]
    import_json(cv)  # the same entry with the same pick is the same affiliation
    assert ada.affiliations.count() == 1


def test_a_pick_reaches_its_author_on_a_paper_known_with_another_author_list():
    first, second = two_babbages()
    menabrea = import_json(
        make_cv(
            "Luigi Menabrea",
            publications=[
                make_paper("Sketch", ["*Luigi Menabrea", "Ada Lovelace", "Charles Babbage"])
            ],
        )
    ).person
    assert authors_of("Sketch")[2] == ("Charles Babbage", None, False)  # which Babbage?
    # Ada lists the authors in another order. Her second author is Babbage, but the known
    # paper's second author is Ada herself: linking by position would make her Babbage.
    authors = ["*Ada Lovelace", "Charles Babbage", "Luigi Menabrea"]
    ada = import_json(ada_cv("Sketch", authors, {"x_person_id": second.pk})).person
    assert authors_of("Sketch") == [
        ("Luigi Menabrea", menabrea, False),
        ("Ada Lovelace", ada, False),
        ("Charles Babbage", second, True),
    ]
    assert not first.authorships.exists()


@pytest.mark.parametrize(
    ("marks", "education"),
    [
        ({"x_person_id": 999999}, {}),
        ({"x_person_id": "7"}, {}),
        ({"x_person_id": 7, "x_unlinked": True}, {}),
        ({}, {"x_organization_id": 999999}),
    ],
    ids=["person", "not-an-id", "both", "organization"],
)
def test_a_pick_that_cannot_be_made_writes_nothing(marks, education):
    cv = ada_cv(
        "Notes", ["*Ada Lovelace", "Charles Babbage"], marks, education=[{**EDUCATION, **education}]
    )
    document = make_document("ada.md", cv)
    before = row_counts()
    with pytest.raises(CVImportError, match="The review .* pick again"):
        import_cv_json(cv, document=document)
    assert row_counts() == before


def test_a_publication_legend_left_as_a_section_is_not_a_profile_section():
    """ "* equal contribution" under a publication list: the marks are on the authors,
    and the profile prints its own legend; a real section beside it is kept."""
    legend = {"heading": "Publications", "items": ["(* equal contribution)"], "x_lines": [9]}
    talks = {"heading": "Talks", "items": ["* Invited talk, 2023"], "x_lines": [12]}
    service = {"heading": "Service", "items": ["§ Senior Program Committee, NeurIPS 2023"]}
    result = import_json(make_cv("Ada Lovelace", sections=[legend, talks, service]))
    assert list(result.person.profilesections.values_list("heading", "items")) == [
        ("Talks", ["* Invited talk, 2023"]),
        ("Service", ["§ Senior Program Committee, NeurIPS 2023"]),
    ]


def test_a_venue_written_by_its_short_name_is_the_known_venue():
    paper = make_paper("Elastic Sharding", ["*Ada Lovelace"], venue="OSDI", year=2023)
    osdi = Venue.objects.create(
        name="USENIX Symposium on Operating Systems Design and Implementation",
        short_name="OSDI",
        slug="osdi",
        key="usenix symposium on operating systems design and implementation",
    )
    import_json(make_cv("Ada Lovelace", publications=[paper]))
    assert Publication.objects.get().venue == osdi
    assert Venue.objects.count() == 1


def test_a_known_paper_keeps_its_venue_and_makes_no_empty_one():
    first = make_paper("Cost Models", ["*Ada Lovelace", "Charles Babbage"], venue="VLDB")
    import_json(make_cv("Ada Lovelace", publications=[first]))
    again = {**first, "venue": "Proceedings of the VLDB Endowment"}
    import_json(make_cv("Charles Babbage", publications=[again]))
    assert Publication.objects.get().venue.name == "VLDB"
    assert not Venue.objects.filter(publications__isnull=True).exists()


def test_a_venue_known_by_its_short_name_takes_the_full_name_a_later_cv_gives():
    short = make_paper("Learned Prefetching", ["*Ada Lovelace"], venue="NSDI")
    import_json(make_cv("Ada Lovelace", publications=[short]))
    nsdi = Venue.objects.get()
    assert (nsdi.name, nsdi.kind) == ("NSDI", Venue.Kind.CONFERENCE)  # a well-known venue
    full = make_paper(
        "Another Paper",
        ["*Charles Babbage"],
        venue="USENIX Symposium on Networked Systems Design and Implementation",
        venue_short="NSDI",
    )
    import_json(make_cv("Charles Babbage", publications=[full]))
    nsdi.refresh_from_db()
    assert Venue.objects.count() == 1 and nsdi.slug == "nsdi"
    assert nsdi.name == "USENIX Symposium on Networked Systems Design and Implementation"
    assert (nsdi.short_name, nsdi.kind) == ("NSDI", Venue.Kind.CONFERENCE)
    assert set(Publication.objects.values_list("venue", flat=True)) == {nsdi.pk}


def test_a_short_name_in_parentheses_is_read_as_the_venues_short_name():
    paper = make_paper(
        "A Paper", ["*Ada Lovelace"], venue="ACM Symposium on Operating Systems Principles (SOSP)"
    )
    import_json(make_cv("Ada Lovelace", publications=[paper]))
    sosp = Venue.objects.get()
    assert (sosp.name, sosp.short_name) == ("ACM Symposium on Operating Systems Principles", "SOSP")
    again = make_paper("Another Paper", ["*Charles Babbage"], venue="SOSP")
    import_json(make_cv("Charles Babbage", publications=[again]))
    assert Venue.objects.count() == 1
