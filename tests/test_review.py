"""The review built for correcting: entries beside their source lines, flagged entries
first, quick fixes (each plain and with htmx, and their error paths), the honest
"not placed" list and the organization picker."""

import jsonschema
import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

import cvparse
from editing import fixes, review
from editing.flags import entry_flags
from profiles.models import CVDocument
from tests.conftest import make_cv, make_organization, make_paper, make_user
from tests.cvparse.shared import MISSING, SCHEMA

HTMX = {"HTTP_HX_REQUEST": "true"}
# A fictional CV with what parsers get wrong: an author line read as a paper of its own,
# a venue cut at a month, an award line run into the paper above it.
MARA_CV = b"""# Mara Lind

mara@example.org

## Education

- Ph.D. in Computer Science, Univ. of Nordhaven, 2015 - 2020

## Publications

- **Mara Lind**, Helena Quist. Tidal Indexes for Sparse Ledgers. In Proc. of Ledger Systems, 2021.
- **Mara Lind**, Otto Brand. Quiet Replication Without Clocks. Journal of Quiet Systems, January.
- Helena Quist, **Mara Lind**
- Learning to Forget Gracefully. Workshop on Forgetting, 2019.
- **Mara Lind**. A Study of Lighthouse Scheduling.
  Transactions on Lighthouses, 2018.
  Best Paper Award, 2018.

## Awards

- Harbour Prize for Young Researchers, 2022
"""
TIDAL, QUIET, AUTHORS_ONLY, FORGET, LIGHTHOUSE = range(5)


def parsed_document(user, data: bytes = MARA_CV, name: str = "mara.md") -> CVDocument:
    """A document as the parse task leaves it: the CV JSON and the reader's text."""
    parsed = cvparse.parse_file(data, name)
    document = CVDocument(
        uploaded_by=user,
        original_filename=name,
        sha256="1" * 64,
        format=parsed.cv["source"]["format"],
        cv_json=parsed.cv,
        text=parsed.text,
        status=CVDocument.Status.PARSED,
    )
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


@pytest.fixture
def reviewer(client, other_user):
    cache.clear()
    client.force_login(other_user)
    return other_user


@pytest.fixture
def document(reviewer) -> CVDocument:
    return parsed_document(reviewer)


def fix_url(document: CVDocument, section: str, index: int, fix: str) -> str:
    return f"/documents/{document.pk}/{section}/{index}/fix/{fix}/"


def post_fix(client, document, section, index, fix, *, htmx=False, **data):
    """A quick fix posted from the page as it was shown (the entry's version with it)."""
    entry = document.cv_json[section][index]
    data = {"version": fixes.entry_version(entry), **data}
    return client.post(fix_url(document, section, index, fix), data, **(HTMX if htmx else {}))


def titles(document: CVDocument) -> list[str]:
    document.refresh_from_db()
    return [p["title"] for p in document.cv_json["publications"]]


def assert_valid(cv: dict) -> None:
    """The draft still holds to the CV JSON contract (the team's schema, read at run time)."""
    assert SCHEMA, MISSING
    jsonschema.validate(cv, SCHEMA)


# --- what the page shows --------------------------------------------------------------


def test_flagged_entries_come_first_beside_the_lines_they_were_read_from(client, document):
    page = client.get(f"/documents/{document.pk}/").content.decode()
    flagged = page.index('id="publications-1"')  # Quiet Replication: venue cut at a month
    folded = page.index('class="settled"', page.index('id="publications-heading"'))
    assert flagged < folded < page.index('id="publications-0"')
    assert "The venue ends in a month." in page and "The title reads as a list of names." in page
    # The lines of the paper, numbered as the parser read them, rendered (no ** marks).
    assert '<li value="15"><span class="visually-hidden">Line 15: </span>Mara Lind. A Study' in page
    # and the paper whose authors went to the entry above (the parser is unsure of it)
    assert "3 of 7 entries to check." in page


@pytest.mark.parametrize(
    ("section", "entry", "flag"),
    [
        ("publications", make_paper("Mara Lind, Helena Quist", ["Otto Brand"]), "list of names"),
        ("publications", make_paper("A Title", ["O. Brand"], venue="PDF"), "link label"),
        ("publications", make_paper("A Title", ["O. Brand"], venue="https://x.example"), "web"),
        ("publications", make_paper("A Title", ["O. Brand"], venue="March 2020"), "is a date"),
        ("publications", make_paper("A Title", ["O. Brand"]), "No year"),
        ("publications", make_paper(" ".join(["word"] * 45), ["O. Brand"], year=2020), "long"),
        ("publications", make_paper("", [], year=2020), "fields are empty"),
        ("awards", {"title": "A Prize", "year": None}, "No year"),
        ("positions", {"organization": None, "title": None}, "fields are empty"),
        (
            "awards",
            {"title": "A Prize", "year": 2020, "x_confidence": {"entry": 0.4}},
            "unsure of this entry (40% confident)",
        ),
        (
            "publications",
            {
                **make_paper("A Title", ["O. Brand"], year=2020),
                "x_confidence": {"entry": 0.8, "fields": {"venue_short": 0.3, "title": 0.9}},
            },
            "unsure of the venue short (30%)",
        ),
    ],
)
def test_what_gets_an_entry_flagged(section, entry, flag):
    assert any(flag in text for text in entry_flags(section, entry))


def test_a_sure_and_sound_entry_is_not_flagged():
    paper = make_paper("Tidal Indexes for Sparse Ledgers", ["Mara Lind"], venue="X", year=2021)
    sure = {"entry": 0.9, "fields": {"title": 0.95}}
    assert entry_flags("publications", {**paper, "x_confidence": sure}) == []


def test_a_sixty_paper_cv_shows_only_its_flagged_entries_unfolded(client, reviewer):
    papers = "\n".join(
        f"- **Mara Lind**, Otto Brand. Paper {n} on Harbours. Journal of Ports, {2000 + n % 20}."
        for n in range(60)
    )
    data = MARA_CV.replace(b"## Awards", papers.encode() + b"\n\n## Awards")
    document = parsed_document(reviewer, data)
    page = client.get(f"/documents/{document.pk}/").content.decode()
    # The three flagged papers in full; the 62 others and the rest each one folded line.
    assert page.count('class="entry flagged"') == 3
    assert page.count("<details><summary>") == 62 + 2  # + the education and the award


def test_the_page_runs_a_fixed_number_of_queries(client, document, django_assert_num_queries):
    make_organization("University of Nordhaven")
    # session, user, document; the uploader's profile; spellings by full key (no name
    # written with initials: none by initials); organizations known by key, then the
    # pool of candidates; the nav's user.person
    with django_assert_num_queries(8):
        assert client.get(f"/documents/{document.pk}/").status_code == 200


# --- quick fixes ----------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True])
def test_merge_with_the_next_parses_the_two_entries_again_as_one(client, document, htmx):
    response = post_fix(client, document, "publications", AUTHORS_ONLY, "merge", htmx=htmx)
    if htmx:
        assert response.status_code == 200 and b"<html" not in response.content
        assert b'id="review"' in response.content and b"Merged" in response.content
    else:
        assert response.status_code == 302
    document.refresh_from_db()
    paper = document.cv_json["publications"][AUTHORS_ONLY]
    assert paper["title"] == "Learning to Forget Gracefully"
    assert [a["name"] for a in paper["authors"]] == ["Helena Quist", "Mara Lind"]
    assert paper["x_lines"] == [13, 14] and len(document.cv_json["publications"]) == 4
    assert_valid(document.cv_json)


def test_split_at_a_line_makes_two_entries(client, document):
    response = post_fix(client, document, "publications", LIGHTHOUSE, "split", at="17")
    assert response.status_code == 302
    assert titles(document)[LIGHTHOUSE:] == [
        "A Study of Lighthouse Scheduling",
        "Best Paper Award, 2018",
    ]
    assert document.cv_json["publications"][LIGHTHOUSE + 1]["x_lines"] == [17]
    assert_valid(document.cv_json)


@pytest.mark.parametrize("at", ["15", "3", "x", ""])
def test_split_needs_one_of_the_entrys_own_lines_after_its_first(client, document, at):
    response = post_fix(client, document, "publications", LIGHTHOUSE, "split", at=at)
    assert response.status_code == 400
    assert "Choose one of this entry’s lines" in response.content.decode()
    assert len(titles(document)) == 5


def test_swap_two_fields(client, document):
    post_fix(
        client, document, "publications", AUTHORS_ONLY, "swap", first="title", second="authors"
    )
    document.refresh_from_db()
    paper = document.cv_json["publications"][AUTHORS_ONLY]
    assert paper["title"] == "Mara Lind"
    assert paper["authors"] == [
        {"name": "Helena Quist", "equal_contribution": False, "is_self": False}
    ]
    assert_valid(document.cv_json)


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("title", "title", "two different fields"),
        ("title", "secret", "two different fields"),
        ("title", "venue", "without a title"),  # its venue is empty
    ],
)
def test_a_swap_that_cannot_be_made_changes_nothing(client, document, first, second, message):
    document.refresh_from_db()  # as the database gives it back (jsonb orders keys)
    before = document.cv_json
    response = post_fix(
        client, document, "publications", AUTHORS_ONLY, "swap", first=first, second=second
    )
    assert response.status_code == 400 and message in response.content.decode()
    document.refresh_from_db()
    assert document.cv_json == before


def test_move_to_another_section_keeps_what_both_sections_have(client, document):
    post_fix(client, document, "publications", LIGHTHOUSE, "move", target="awards")
    document.refresh_from_db()
    assert len(document.cv_json["publications"]) == 4
    award = document.cv_json["awards"][-1]
    assert (award["title"], award["year"], award["x_lines"]) == (
        "A Study of Lighthouse Scheduling",
        2018,
        [15, 16, 17],
    )
    post_fix(client, document, "awards", 0, "move", target="section:Other")
    document.refresh_from_db()
    assert document.cv_json["sections"] == [
        {"heading": "Other", "items": ["Harbour Prize for Young Researchers, 2022"]}
    ]
    assert_valid(document.cv_json)


def test_move_to_a_section_that_is_not_offered_changes_nothing(client, document):
    response = post_fix(client, document, "publications", 0, "move", target="person")
    assert response.status_code == 400
    assert len(titles(document)) == 5


@pytest.mark.parametrize("htmx", [False, True])
def test_delete_then_undo_puts_the_entry_back_where_it_was(client, document, htmx):
    post_fix(client, document, "publications", QUIET, "delete", htmx=htmx)
    assert "Quiet Replication Without Clocks" not in titles(document)
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "Deleted: Quiet Replication Without Clocks" in page
    response = client.post(f"/documents/{document.pk}/undo/0/", **(HTMX if htmx else {}))
    assert response.status_code == (200 if htmx else 302)
    assert titles(document)[QUIET] == "Quiet Replication Without Clocks"
    assert fixes.UNDO_KEY not in document.cv_json or document.cv_json[fixes.UNDO_KEY] == []
    assert client.post(f"/documents/{document.pk}/undo/0/").status_code == 400


def test_an_entry_turned_into_an_unparsed_line_and_back(client, document):
    post_fix(client, document, "publications", AUTHORS_ONLY, "unparse")
    document.refresh_from_db()
    assert document.cv_json["unparsed"] == ["Helena Quist, Mara Lind"]
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "Make it an entry again" in page
    client.post(f"/documents/{document.pk}/undo/0/")
    assert titles(document)[AUTHORS_ONLY] == "Helena Quist"
    assert document.cv_json["unparsed"] == []


def test_undo_refuses_once_the_line_has_been_moved_elsewhere(client, document):
    post_fix(client, document, "publications", AUTHORS_ONLY, "unparse")
    client.post(f"/documents/{document.pk}/unparsed/0/move/", {"target": "drop"})
    response = client.post(f"/documents/{document.pk}/undo/0/")
    assert response.status_code == 400 and "cannot come back" in response.content.decode()
    assert len(titles(document)) == 4


def test_the_import_leaves_the_undo_records_out(client, document):
    post_fix(client, document, "publications", QUIET, "delete")
    assert client.post(f"/documents/{document.pk}/import/").status_code == 302
    document.refresh_from_db()
    assert document.status == CVDocument.Status.IMPORTED
    assert fixes.UNDO_KEY not in document.cv_json


# --- error paths ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "index", "fix"),
    [
        ("publications", 9, "merge"),
        ("publications", 0, "explode"),
        ("person", 0, "delete"),
        ("nonsense", 0, "delete"),
    ],
)
def test_a_fix_for_no_such_entry_is_not_found(client, document, section, index, fix):
    response = client.post(fix_url(document, section, index, fix), {"version": ""})
    assert response.status_code == 404


def test_merging_the_last_entry_says_there_is_none_after_it(client, document):
    response = post_fix(client, document, "awards", 0, "merge")
    assert response.status_code == 400 and "none to merge it with" in response.content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_a_fix_posted_from_a_stale_page_changes_nothing(client, document, htmx):
    stale = fixes.entry_version(document.cv_json["publications"][QUIET])
    post_fix(client, document, "publications", TIDAL, "delete")  # QUIET moves up to 0
    response = client.post(
        fix_url(document, "publications", QUIET, "delete"),
        {"version": stale},
        **(HTMX if htmx else {}),
    )
    assert response.status_code == 409
    if htmx:
        assert response["HX-Refresh"] == "true"
    else:
        assert "changed since the page was shown" in response.content.decode()
    assert len(titles(document)) == 4  # only the first delete


def test_a_fix_to_an_imported_cv_is_refused(client, document):
    CVDocument.objects.filter(pk=document.pk).update(status=CVDocument.Status.IMPORTED)
    response = post_fix(client, document, "publications", 0, "delete")
    assert response.status_code == 302  # back to the document: no longer waiting for review
    assert len(titles(document)) == 5


@pytest.mark.parametrize("url", ["publications/0/fix/delete/", "undo/0/"])
def test_nobody_else_fixes_a_draft(client, document, url):
    client.force_login(make_user("intruder"))
    assert client.post(f"/documents/{document.pk}/{url}").status_code == 403
    client.logout()
    assert client.post(f"/documents/{document.pk}/{url}").status_code == 302  # to log in
    assert len(titles(document)) == 5


def test_fixes_are_posts_only(client, document):
    assert client.get(fix_url(document, "publications", 0, "delete")).status_code == 405


# --- not placed, and the organization picker -------------------------------------------


def test_entries_with_nothing_in_them_are_listed_as_not_placed(client, reviewer):
    cv = make_cv(
        "Mara Lind",
        publications=[make_paper("", [], year=2020)],
        awards=[{"title": "Harbour Prize", "year": 2022, "issuer": None, "rank": None}],
        unparsed=["A stray line"],
    )
    document = parsed_document(reviewer)
    document.cv_json = cv
    document.save()
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "Not placed <span" in page and "(2)" in page
    assert '<a href="#publications-0">Publications, entry 1</a>' in page
    assert "A stray line" in page


def test_the_organization_picker_offers_only_names_alike_once_per_name(client, reviewer):
    nordhaven = make_organization("University of Nordhaven", aliases=["UNH"])
    make_organization("University of Northaven Technology")
    make_organization("University of Southport")
    cv = make_cv(
        "Mara Lind",
        education=[
            {**review.blank_entry("education"), "institution": "Univ. of Nordhaven"},
            {**review.blank_entry("education"), "institution": "Univ. of Nordhaven"},
        ],
        positions=[{**review.blank_entry("positions"), "organization": "Univ of Nordhavn"}],
    )
    suggestions = review.suggestions_for(cv)
    assert suggestions.organizations == {
        "Univ. of Nordhaven": [nordhaven],
        "Univ of Nordhavn": [nordhaven],
    }
    document = parsed_document(reviewer)
    document.cv_json = cv
    document.save()
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert page.count("Which institution is “Univ. of Nordhaven”?") == 1
    # The pick holds for every entry of that name; an organization not offered is refused.
    southport = make_organization("University of Southport Harbour")
    pick = f"/documents/{document.pk}/education/1/pick/"
    assert client.post(pick, {"choice": str(southport.pk)}).status_code == 404
    assert client.post(pick, {"choice": str(nordhaven.pk)}).status_code == 302
    document.refresh_from_db()
    assert [e.get("x_organization_id") for e in document.cv_json["education"]] == [
        nordhaven.pk,
        nordhaven.pk,
    ]
    assert "x_organization_id" not in document.cv_json["positions"][0]


def test_an_upload_keeps_the_text_it_was_read_from(
    client, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/upload/", {"file": SimpleUploadedFile("mara.md", MARA_CV)})
    document = CVDocument.objects.get()
    assert document.status == CVDocument.Status.PARSED
    assert document.text.splitlines()[14] == "- **Mara Lind**. A Study of Lighthouse Scheduling."


def test_without_htmx_an_entry_is_edited_on_a_page_of_its_own(client, document):
    response = client.get(f"/documents/{document.pk}/publications/{QUIET}/edit/")
    assert response.status_code == 200
    assert b"<html" in response.content and b'name="venue"' in response.content
    row = client.get(f"/documents/{document.pk}/publications/{QUIET}/", **HTMX)
    assert b"The venue ends in a month." in row.content and b"<html" not in row.content
