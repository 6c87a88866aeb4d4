"""Uploading a CV: the checks on the file, the background parse, the private original,
the review before import (edit, delete, add, pick, move), import, discard and the diff."""

import io
import zipfile

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError

from awards.models import Award
from editing import documents, review
from editing.uploads import MAX_UPLOAD_BYTES, UploadForm
from profiles.importing import import_cv_json
from profiles.models import CVDocument, Person, Project
from profiles.resolution import name_keys
from publications.models import Authorship
from tests.conftest import (
    SEEDS,
    make_cv,
    make_document,
    make_organization,
    make_paper,
    make_person,
    shared_files,
)

HTMX = {"HTTP_HX_REQUEST": "true"}
ADA_CV = b"""# Ada Lovelace

ada@example.org | https://ada.example.org

## Education

- Ph.D. in Mathematics, University of London, 1935 - 1940

## Publications

- **Ada Lovelace**, Charles Babbage. Notes on the Analytical Engine. Journal of Engines, 1943.

## Awards

- Royal Medal, 1944
"""


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """Post a file to the upload form; the parse task runs once the upload commits."""

    def post(name: str, data: bytes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/upload/", {"file": SimpleUploadedFile(name, data)})

    return post


@pytest.fixture
def newcomer(client, other_user):
    """A signed-in user without a profile yet."""
    cache.clear()
    client.force_login(other_user)
    return other_user


def test_an_upload_is_stored_privately_and_parsed_in_the_background(client, newcomer, upload):
    response = upload("Ada CV.md", ADA_CV)
    document = CVDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{document.pk}/"
    assert document.status == CVDocument.Status.PARSED
    assert document.cv_json["person"]["name"] == "Ada Lovelace"
    assert (document.uploaded_by, document.format, document.size) == (
        newcomer,
        "markdown",
        len(ADA_CV),
    )
    # A random stored name in the private storage, which has no URL at all.
    assert "Ada" not in document.file.name and document.original_filename == "Ada CV.md"
    storage = storages["cv_uploads"]
    assert storage.exists(document.file.name)
    assert not str(storage.path(document.file.name)).startswith(str(django_settings.STATIC_ROOT))


def test_the_review_page_shows_the_parsed_cv(client, newcomer, upload):
    upload("ada.md", ADA_CV)
    response = client.get(f"/documents/{CVDocument.objects.get().pk}/")
    assert response.status_code == 200
    for text in ["Notes on the Analytical Engine", "University of London", "Royal Medal", "Import"]:
        assert text in response.content.decode()


def make_docx(body: bytes = b"<w:document/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", body)
    return buffer.getvalue()


def not_a_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("big.txt", b"a" * (MAX_UPLOAD_BYTES + 1), "the limit is 10 MB"),
        ("empty.md", b"", "empty"),
        ("blank.txt", b"   \n\n ", "The file is empty."),
        ("virus.exe", b"MZ\x90\x00", "“.exe” files are not supported"),
        ("photo.png", b"\x89PNG\r\n\x1a\n", "“.png” files are not supported"),
        ("cv.pdf", b"%PDF-1.4\n1 0 obj garbage without end", "damaged"),
        ("cv.pdf", b"# Just Markdown", "not PDF"),
        ("cv.md", b"%PDF-1.4\n%%EOF", "its content is PDF"),
        ("cv.txt", b"\x00\x01\x02binary\xff\xfe\x00", "not a document"),
        ("cv.docx", not_a_docx(), "not a Word (DOCX) document"),
        ("cv", b"no extension", "not supported"),
    ],
)
def test_broken_or_unsupported_files_get_a_clear_message_on_the_form(
    client, newcomer, name, data, message, upload
):
    response = upload(name, data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert message in errors
    assert b"errorlist" in response.content
    assert not CVDocument.objects.exists()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_text_cv_is_accepted_and_parsed(client, newcomer, upload, encoding):
    """Windows editors save "Unicode" text as UTF-16, with or without a byte-order mark."""
    response = upload("Ada CV.txt", ADA_CV.decode().encode(encoding))
    assert response.status_code == 302
    document = CVDocument.objects.get()
    assert document.status == CVDocument.Status.PARSED
    assert document.cv_json["person"]["name"] == "Ada Lovelace"


def test_an_upload_that_fails_before_its_commit_leaves_no_file(newcomer, monkeypatch):
    form = UploadForm({}, {"file": SimpleUploadedFile("cv.md", ADA_CV)})
    assert form.is_valid()

    def broken_save(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(CVDocument, "save", broken_save)
    with pytest.raises(DatabaseError):
        form.save(user=newcomer)
    storage = storages["cv_uploads"]
    assert storage.listdir("")[1] == []


def test_no_file_at_all(client, newcomer):
    response = client.post("/upload/", {})
    assert "required" in " ".join(response.context["form"].errors["file"])


def test_a_docx_with_a_document_part_is_accepted_for_parsing(client, newcomer, upload):
    assert upload("cv.docx", make_docx()).status_code == 302
    assert CVDocument.objects.get().format == "docx"


@pytest.mark.parametrize(
    ("name", "data", "seconds", "message"),
    [
        ("cv.html", b"<html><body><p> </p></body></html>", 60, "The file contains no text."),
        # The parse limit (set low here) passed: the worker stops it and says so.
        (
            "cv.md",
            b"# Someone\n\n## Publications\n\n" + b"A. Author. A title. X, 2020.\n" * 8000,
            0.5,
            "Reading this file took longer than 0.5 seconds",
        ),
    ],
)
def test_a_parse_failure_is_shown_in_the_status_area(
    client, newcomer, settings, name, data, seconds, message, upload
):
    settings.CV_PARSE_SECONDS = seconds
    upload(name, data)
    document = CVDocument.objects.get()
    assert document.status == CVDocument.Status.FAILED
    assert document.error.startswith(message)
    response = client.get(f"/documents/{document.pk}/")
    assert response.status_code == 200
    assert message in response.content.decode()


def test_uploads_are_rate_limited(client, newcomer, settings, upload):
    settings.UPLOAD_RATE_LIMIT = 1
    assert upload("one.md", ADA_CV).status_code == 302
    response = upload("two.md", ADA_CV)
    assert response.status_code == 429
    assert "try again in an hour" in response.content.decode()
    assert CVDocument.objects.count() == 1


def test_anonymous_cannot_upload(client, upload, db):
    response = upload("cv.md", ADA_CV)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not CVDocument.objects.exists()


# --- status, polled by htmx -------------------------------------------------------------


def stored_document(user, cv_json=None, status=CVDocument.Status.PARSED, person=None) -> CVDocument:
    document = CVDocument(
        uploaded_by=user,
        person=person,
        original_filename="Ada's CV.md",
        sha256="0" * 64,
        format="markdown",
        cv_json=cv_json,
        status=status,
    )
    document.file.save("0123abcd.md", ContentFile(b"# Ada Lovelace\n"), save=False)
    document.save()
    return document


def test_the_status_area_polls_while_waiting_and_reloads_when_done(client, newcomer):
    document = stored_document(newcomer, status=CVDocument.Status.UPLOADED)
    url = f"/documents/{document.pk}/status/"
    waiting = client.get(url, **HTMX)
    assert waiting.status_code == 200
    assert b'hx-trigger="every 2s"' in waiting.content and b"<html" not in waiting.content
    assert client.get(f"/documents/{document.pk}/").content.count(b'hx-trigger="every 2s"') == 1
    document.status = CVDocument.Status.PARSED
    document.cv_json = make_cv("Ada Lovelace")
    document.save()
    assert client.get(url, **HTMX)["HX-Refresh"] == "true"
    assert client.get(url)["Location"] == f"/documents/{document.pk}/"


# --- the private original -----------------------------------------------------------


@pytest.mark.parametrize("persona", ["other_user", "staff"])
def test_the_uploader_and_staff_download_the_original_as_an_attachment(request, client, persona):
    uploader = request.getfixturevalue("other_user")
    document = stored_document(uploader)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(f"/documents/{document.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content) == b"# Ada Lovelace\n"


def test_nobody_else_downloads_it_and_it_has_no_public_url(client, owner, other_user):
    document = stored_document(other_user)
    client.force_login(owner)
    assert client.get(f"/documents/{document.pk}/download/").status_code == 403
    for url in [
        f"/static/{document.file.name}",
        f"/media/{document.file.name}",
        f"/{document.file.name}",
    ]:
        assert client.get(url).status_code == 404


# --- the review ---------------------------------------------------------------------


@pytest.fixture
def draft(newcomer) -> CVDocument:
    cv = make_cv(
        "Ada Lovelace",
        education=[
            {
                "institution": "Univ. of London",
                "degree": "Ph.D.",
                "field": None,
                "start": None,
                "end": "1940",
                "advisors": [],
                "gpa": None,
                "details": [],
            }
        ],
        publications=[
            make_paper(
                "Notes on the Engine", ["*Ada Lovelace", "Charles Babbage", "C. Babbage"], year=1943
            )
        ],
        awards=[
            {"title": "Royal Medal", "year": 1944, "issuer": None, "rank": None, "details": None}
        ],
        unparsed=["Poetical Science Society, member", "Stray"],
    )
    return stored_document(newcomer, cv)


def test_editing_an_entry_returns_its_row_for_htmx(client, draft):
    url = f"/documents/{draft.pk}/awards/0/edit/"
    form = client.get(url, **HTMX)
    assert b'name="title"' in form.content and b"<html" not in form.content
    response = client.post(url, {"title": "Royal Medal of the Society", "year": "1944"}, **HTMX)
    assert response.status_code == 200
    assert b"Royal Medal of the Society" in response.content and b"<html" not in response.content
    draft.refresh_from_db()
    assert draft.cv_json["awards"][0]["title"] == "Royal Medal of the Society"
    assert draft.cv_json["awards"][0]["issuer"] is None


@pytest.mark.parametrize(
    ("section", "data", "field", "message"),
    [
        ("awards", {"title": "", "year": "1944"}, "title", "required"),
        ("awards", {"title": "x", "year": "12"}, "year", "greater than or equal to 1900"),
        ("education", {"institution": "x", "end": "soon"}, "end", "YYYY"),
        ("publications", {"title": "x", "authors": ""}, "authors", "required"),
        ("person", {"name": "Ada", "homepage": "not a url"}, "homepage", "valid URL"),
    ],
)
def test_review_forms_validate(client, draft, section, data, field, message):
    response = client.post(f"/documents/{draft.pk}/{section}/0/edit/", data, **HTMX)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])


def test_editing_authors_keeps_who_is_self(client, draft):
    client.post(
        f"/documents/{draft.pk}/publications/0/edit/",
        {
            "title": "Notes on the Engine",
            "authors": "Charles Babbage *\nAda Lovelace",
            "year": "1943",
        },
    )
    draft.refresh_from_db()
    authors = draft.cv_json["publications"][0]["authors"]
    assert [(a["name"], a["is_self"], a["equal_contribution"]) for a in authors] == [
        ("Charles Babbage", False, True),
        ("Ada Lovelace", True, False),
    ]


def test_deleting_and_adding_entries(client, draft):
    assert client.post(f"/documents/{draft.pk}/awards/0/delete/").status_code == 302
    response = client.post(f"/documents/{draft.pk}/projects/add/")
    assert response["Location"] == f"/documents/{draft.pk}/projects/0/edit/"
    draft.refresh_from_db()
    assert draft.cv_json["awards"] == []
    assert draft.cv_json["projects"] == [{"name": None, "description": None, "url": None}]
    assert client.post(f"/documents/{draft.pk}/awards/5/delete/").status_code == 404
    assert client.post(f"/documents/{draft.pk}/nonsense/0/delete/").status_code == 404


@pytest.mark.parametrize(
    ("target", "check"),
    [
        (
            "section:Other",
            lambda cv: (
                cv["sections"]
                == [{"heading": "Other", "items": ["Poetical Science Society, member"]}]
            ),
        ),
        ("awards", lambda cv: cv["awards"][-1]["title"] == "Poetical Science Society, member"),
        ("bio", lambda cv: cv["person"]["bio"] == "Poetical Science Society, member"),
        ("drop", lambda cv: cv["unparsed"] == ["Stray"] and cv["sections"] == []),
    ],
)
def test_unparsed_lines_move_where_they_belong(client, draft, target, check):
    response = client.post(f"/documents/{draft.pk}/unparsed/0/move/", {"target": target})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.cv_json["unparsed"] == ["Stray"]
    assert check(draft.cv_json)


def test_an_unknown_target_moves_nothing(client, draft):
    client.post(f"/documents/{draft.pk}/unparsed/0/move/", {"target": "elsewhere"})
    draft.refresh_from_db()
    assert len(draft.cv_json["unparsed"]) == 2


def test_ambiguous_people_and_organizations_get_suggestions(draft):
    babbage = make_person("Charles Babbage")
    other_babbage = make_person("Charles Babbage")
    for person in (babbage, other_babbage):
        keys = review.name_keys(person.name)
        person.names.create(name=person.name, key=keys.full, initials_key=keys.initials)
    london = make_organization("University of London")
    suggestions = review.suggestions_for(draft.cv_json)
    assert set(suggestions.people["Charles Babbage"]) == {babbage, other_babbage}
    assert set(suggestions.people["C. Babbage"]) == {babbage, other_babbage}
    assert "Ada Lovelace" not in suggestions.people
    assert suggestions.organizations == {"Univ. of London": [london]}


def test_picks_are_recorded_in_the_draft_and_made_by_the_import(client, draft):
    babbage, other = make_person("Charles Babbage"), make_person("Charles Babbage")
    for person in (babbage, other):  # known by that name: the review offers both
        keys = name_keys(person.name)
        person.names.create(name=person.name, key=keys.lookup, initials_key=keys.initials)
    london = make_organization("University of London")
    client.post(
        f"/documents/{draft.pk}/publications/0/pick/", {"author": "1", "choice": str(other.pk)}
    )
    client.post(f"/documents/{draft.pk}/publications/0/pick/", {"author": "2", "choice": "none"})
    client.post(f"/documents/{draft.pk}/education/0/pick/", {"choice": str(london.pk)})
    draft.refresh_from_db()
    authors = draft.cv_json["publications"][0]["authors"]
    assert authors[1]["x_person_id"] == other.pk and authors[2]["x_unlinked"] is True
    assert draft.cv_json["education"][0]["x_organization_id"] == london.pk
    assert client.post(f"/documents/{draft.pk}/import/").status_code == 302
    ada = Person.objects.get(owner=draft.uploaded_by)
    authorships = Authorship.objects.filter(publication__title="Notes on the Engine").order_by(
        "position"
    )
    assert [(a.person, a.is_linked_by_hand) for a in authorships] == [
        (ada, False),
        (other, True),
        (None, True),
    ]
    assert ada.affiliations.get().organization == london
    assert babbage.authorships.count() == 0


def test_a_pick_gone_since_is_said_and_nothing_is_imported(client, draft):
    babbage, _ = make_person("Charles Babbage"), make_person("Charles Babbage")
    for person in Person.objects.filter(name="Charles Babbage"):  # offered by the review
        keys = name_keys(person.name)
        person.names.create(name=person.name, key=keys.lookup, initials_key=keys.initials)
    client.post(
        f"/documents/{draft.pk}/publications/0/pick/", {"author": "1", "choice": str(babbage.pk)}
    )
    babbage.delete()  # merged into another profile, say, before the import
    response = client.post(f"/documents/{draft.pk}/import/", follow=True)
    assert "The import failed and changed nothing: The review picked a person" in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.status == CVDocument.Status.PARSED
    assert not Person.objects.filter(owner=draft.uploaded_by).exists()


def test_a_database_error_at_import_is_said_plainly_and_changes_nothing(client, draft, monkeypatch):
    taken = make_person("Charles Babbage")

    def import_then_collide(*args, **kwargs):
        result = import_cv_json(*args, **kwargs)
        Person.objects.create(name="Another", slug=taken.slug)  # a slug taken meanwhile
        return result

    monkeypatch.setattr("editing.documents.import_cv_json", import_then_collide)
    response = client.post(f"/documents/{draft.pk}/import/", follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and documents.IMPORT_FAILED in page
    assert "UNIQUE" not in page and "duplicate key" not in page and taken.slug not in page
    draft.refresh_from_db()
    assert draft.status == CVDocument.Status.PARSED
    assert not Person.objects.filter(owner=draft.uploaded_by).exists()


def test_import_writes_the_reviewed_cv_and_makes_the_uploader_its_owner(client, draft):
    client.post(f"/documents/{draft.pk}/awards/0/edit/", {"title": "Royal Medal", "year": "1945"})
    response = client.post(f"/documents/{draft.pk}/import/")
    ada = Person.objects.get(owner=draft.uploaded_by)
    assert response.status_code == 302 and response["Location"] == ada.get_absolute_url()
    assert ada.awards.get().year == 1945
    draft.refresh_from_db()
    assert draft.status == CVDocument.Status.IMPORTED and draft.person == ada
    # The review is over: its forms answer with the document page.
    after = client.post(f"/documents/{draft.pk}/awards/0/edit/", {"title": "Late"})
    assert after["Location"] == f"/documents/{draft.pk}/"


def test_discard_leaves_nothing_but_the_stored_document(client, draft):
    people = Person.objects.count()
    response = client.post(f"/documents/{draft.pk}/discard/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.cv_json, draft.unparsed) == (CVDocument.Status.DISCARDED, None, [])
    assert storages["cv_uploads"].exists(draft.file.name)
    assert Person.objects.count() == people
    assert not Award.objects.exists()


# --- a newer CV against the profile ---------------------------------------------------


@pytest.fixture
def newer_cv(owner) -> CVDocument:
    ada = Person.objects.get(owner=owner)
    Award.objects.create(
        person=ada, title="Royal Medal", year=1944, issuer="Royal Society", edited_fields=["issuer"]
    )
    Project.objects.create(person=ada, name="Difference Engine notes")
    cv = make_cv(
        "Ada Lovelace",
        awards=[
            {"title": "Royal Medal", "year": 1944, "issuer": "RS", "rank": "1st", "details": None},
            {"title": "Fellowship", "year": 1946, "issuer": None, "rank": None, "details": None},
        ],
    )
    return stored_document(owner, cv, person=ada)


def test_a_newer_cv_shows_what_is_new_changed_and_missing(client, owner, newer_cv):
    client.force_login(owner)
    response = client.get(f"/documents/{newer_cv.pk}/")
    diff = response.context["diff"]
    medal, fellowship = diff.entries["awards"]
    assert fellowship.status == "new"
    assert medal.status == "changed"
    assert {(c.field, c.profile, c.cv, c.is_hand_edited) for c in medal.changes} == {
        ("rank", "", "1st", False),
        ("issuer", "Royal Society", "RS", True),
    }
    assert [(section, str(row)) for section, row in diff.missing] == [
        ("projects", "Difference Engine notes")
    ]
    page = response.content.decode()
    assert "edited by hand: your profile keeps its value" in page
    assert 'name="remove"' in page


def test_the_diff_knows_an_organization_by_any_of_its_names(client, owner):
    """An entry is new, the same or changed exactly when the import adds or merges it."""
    ada = Person.objects.get(owner=owner)
    job = {
        "organization": "Peking University", "department": None, "title": "Lecturer",
        "kind": "employment", "start": "1950", "end": None, "supervisors": [],
        "location": None, "details": [],
    }  # fmt: skip
    import_cv_json(make_cv("Ada Lovelace", positions=[job]), document=make_document(), owner=owner)
    newer = stored_document(
        owner, make_cv("Ada Lovelace", positions=[{**job, "organization": "PKU"}]), person=ada
    )
    client.force_login(owner)
    diff = client.get(f"/documents/{newer.pk}/").context["diff"]
    assert [entry.status for entry in diff.entries["positions"]] == ["same"]
    assert diff.missing == []
    client.post(f"/documents/{newer.pk}/import/")
    assert ada.affiliations.count() == 1


def test_keeping_the_profile_values_for_an_entry(client, owner, newer_cv):
    client.force_login(owner)
    client.post(f"/documents/{newer_cv.pk}/awards/0/keep/")
    newer_cv.refresh_from_db()
    assert newer_cv.cv_json["awards"][0] | {} == {
        "title": "Royal Medal",
        "year": 1944,
        "issuer": "Royal Society",
        "rank": None,
        "details": None,
    }


def test_import_keeps_hand_edits_and_removes_only_what_was_ticked(client, owner, newer_cv):
    client.force_login(owner)
    project = Project.objects.get()
    client.post(f"/documents/{newer_cv.pk}/import/", {"remove": [f"projects:{project.pk}"]})
    ada = Person.objects.get(owner=owner)
    medal = ada.awards.get(title="Royal Medal")
    assert (medal.issuer, medal.rank) == ("Royal Society", "1st")
    assert ada.awards.filter(title="Fellowship").exists()
    assert not Project.objects.exists()


@pytest.mark.shared
@pytest.mark.parametrize("seed", shared_files(SEEDS, "*.txt"), ids=lambda path: path.name[:3])
def test_each_seed_cv_goes_through_upload_review_and_import(client, newcomer, upload, seed):
    """The real seed CVs (read from the shared folder, never copied into the project)."""
    response = upload(seed.name, seed.read_bytes())
    document = CVDocument.objects.get()
    assert response.status_code == 302 and document.status == CVDocument.Status.PARSED
    review_page = client.get(f"/documents/{document.pk}/")
    assert review_page.status_code == 200
    assert document.cv_json["person"]["name"] in review_page.content.decode()
    assert client.post(f"/documents/{document.pk}/import/").status_code == 302
    person = Person.objects.get(owner=newcomer)
    assert client.get(f"/edit/people/{person.slug}/").status_code == 200
    assert client.get(f"/edit/people/{person.slug}/history/").status_code == 200
    # The same CV again, as a newer CV of this profile: nothing in it is new.
    upload(seed.name, seed.read_bytes())
    again = CVDocument.objects.latest("pk")
    diff = client.get(f"/documents/{again.pk}/").context["diff"]
    statuses = {entry.status for entries in diff.entries.values() for entry in entries}
    assert "new" not in statuses, [
        (section, i)
        for section, entries in diff.entries.items()
        for i, entry in enumerate(entries)
        if entry.status == "new"
    ]


def test_the_review_page_runs_a_fixed_number_of_queries(client, draft, django_assert_num_queries):
    for n in range(5):
        draft.cv_json["publications"].append(
            make_paper(f"Paper {n}", ["*Ada Lovelace", f"P. Erson{n}"])
        )
        draft.cv_json["education"].append(
            {**draft.cv_json["education"][0], "institution": f"College {n}"}
        )
    draft.save()
    make_organization("University of London")
    # session, user, document; the uploader's profile; spellings by full and by initials
    # key; organizations known by key, then suggested by word; the nav's user.person
    with django_assert_num_queries(9):
        assert client.get(f"/documents/{draft.pk}/").status_code == 200


@pytest.mark.parametrize("section", ["publications", "education"])
def test_picking_something_that_does_not_exist_is_not_found(client, draft, section):
    response = client.post(
        f"/documents/{draft.pk}/{section}/0/pick/", {"author": "1", "choice": "999"}
    )
    assert response.status_code == 404


def test_a_failing_import_changes_nothing_and_says_why(client, draft, monkeypatch):
    def fail(*args, **kwargs):
        raise ValueError("the CV names nobody")

    monkeypatch.setattr("editing.documents.import_cv_json", fail)
    response = client.post(f"/documents/{draft.pk}/import/", follow=True)
    assert "The import failed and changed nothing: the CV names nobody" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == CVDocument.Status.PARSED


def test_entries_added_but_never_filled_in_are_left_out_of_the_import(client, draft):
    for section in ("awards", "projects", "publications", "education", "positions"):
        client.post(f"/documents/{draft.pk}/{section}/add/")
    assert client.post(f"/documents/{draft.pk}/import/").status_code == 302
    ada = Person.objects.get(owner=draft.uploaded_by)
    assert list(ada.awards.values_list("title", flat=True)) == ["Royal Medal"]
    assert not ada.projects.exists()
    assert ada.affiliations.count() == 1


def test_an_oversized_body_is_stopped_before_it_is_stored(client, newcomer, upload):
    from editing.uploads import MAX_BODY_BYTES, TooLargeUpload

    response = upload("huge.md", b"a" * (MAX_BODY_BYTES + 1))
    assert response.status_code == 200
    form = response.context["form"]
    assert isinstance(form.files["file"], TooLargeUpload)  # not read into memory or disk
    assert "the limit is 10 MB" in " ".join(form.errors["file"])
    assert not CVDocument.objects.exists()


def test_a_file_just_under_the_limit_is_not_stopped(client, newcomer, upload):
    response = upload("cv.md", ADA_CV + b" " * (MAX_UPLOAD_BYTES - len(ADA_CV) - 1))
    assert response.status_code == 302
    assert CVDocument.objects.count() == 1


def test_a_second_import_racing_the_first_finds_it_done(client, draft, monkeypatch):
    """The second of two quick "Import" clicks passed the status check before the first
    committed; under the row lock it sees the import done and writes nothing."""
    stale = CVDocument.objects.get(pk=draft.pk)
    CVDocument.objects.filter(pk=draft.pk).update(status=CVDocument.Status.IMPORTED)
    monkeypatch.setattr("editing.documents.get_document_for_editor", lambda request, pk: stale)
    people = Person.objects.count()
    response = client.post(f"/documents/{draft.pk}/import/", follow=True)
    assert "this CV is no longer waiting for review." in response.content.decode()
    assert Person.objects.count() == people
