"""Editing profiles in place: who may, the forms, htmx partials, and stale saves."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404
from django.test import RequestFactory
from pytest_django.asserts import assertContains

from affiliations.models import Affiliation, Mentorship
from awards.models import Award
from editing.access import (
    get_document_for_editor,
    get_entry_for_editor,
    get_person_for_editor,
    get_publication_for_editor,
)
from editing.forms import STALE_MESSAGE
from editing.merge import merge_people
from profiles.models import CVDocument, Person, PersonName, Skill
from profiles.resolution import name_keys
from publications.models import Authorship
from tests.conftest import make_cv, make_paper, make_person, make_publication

HTMX = {"HTTP_HX_REQUEST": "true"}


@dataclass
class Profile:
    person: Person
    award: Award
    affiliation: Affiliation
    publication: object
    document: CVDocument
    merge: object

    def ids(self) -> dict:
        return {
            "slug": self.person.slug,
            "award": self.award.pk,
            "award_added": self.award.history.get(history_type="+").history_id,
            "pub": self.publication.slug,
            "authorship": self.publication.authorships.get(position=2).pk,
            "doc": self.document.pk,
            "merge": self.merge.pk,
        }


@pytest.fixture
def profile(owner, staff) -> Profile:
    ada = Person.objects.get(owner=owner)
    award = Award.objects.create(person=ada, title="Royal Medal", year=1943)
    affiliation = Affiliation.objects.create(
        person=ada, kind="education", organization_name="University of London", title="Tutoring"
    )
    babbage = make_person("Charles Babbage")
    publication = make_publication("Sketch of the Analytical Engine", [ada, babbage], year=1943)
    cv = make_cv(
        "Ada Lovelace",
        awards=[
            {"title": "Royal Medal", "year": 1943, "issuer": None, "rank": None, "details": None}
        ],
        publications=[make_paper("Notes on the Engine", ["*Ada Lovelace", "C. Babbage"])],
        unparsed=["A stray line"],
    )
    document = CVDocument.objects.create(
        uploaded_by=owner,
        person=ada,
        original_filename="ada.md",
        sha256="0" * 64,
        format="markdown",
        cv_json=cv,
        status=CVDocument.Status.PARSED,
    )
    document.file.save("ada.md", ContentFile(b"# Ada"))
    merge = merge_people(kept=babbage, duplicate=make_person("C. Babbage"), by=staff)
    return Profile(ada, award, affiliation, publication, document, merge)


# (method, url, data) — every URL that changes or shows something private.
EDIT_URLS = [
    ("get", "/edit/people/{slug}/", None),
    ("get", "/edit/people/{slug}/header/", None),
    ("post", "/edit/people/{slug}/header/", {"name": "Ada King", "version": 1}),
    ("get", "/edit/people/{slug}/history/", None),
    ("post", "/edit/people/{slug}/history/award/{award_added}/revert/", {}),
    ("get", "/edit/people/{slug}/awards/add/", None),
    ("post", "/edit/people/{slug}/awards/add/", {"title": "Prize", "version": 1}),
    ("get", "/edit/people/{slug}/awards/{award}/", None),
    ("get", "/edit/people/{slug}/awards/{award}/edit/", None),
    ("post", "/edit/people/{slug}/awards/{award}/edit/", {"title": "Medal", "version": 1}),
    ("post", "/edit/people/{slug}/awards/{award}/delete/", {}),
    ("get", "/edit/people/{slug}/publications/add/", None),
    ("post", "/edit/people/{slug}/publications/add/", {"title": "New", "authors": "Ada Lovelace"}),
    ("post", "/edit/people/{slug}/publications/{pub}/remove/", {}),
    ("get", "/edit/publications/{pub}/", None),
    ("get", "/edit/publications/{pub}/edit/", None),
    ("post", "/edit/publications/{pub}/edit/", {"title": "Sketch", "authors": "Ada", "version": 1}),
    ("get", "/documents/{doc}/", None),
    ("get", "/documents/{doc}/status/", None),
    ("get", "/documents/{doc}/download/", None),
    ("post", "/documents/{doc}/import/", {}),
    ("post", "/documents/{doc}/discard/", {}),
    ("post", "/documents/{doc}/unparsed/0/move/", {"target": "awards"}),
    ("post", "/documents/{doc}/awards/add/", {}),
    ("get", "/documents/{doc}/awards/0/", None),
    ("get", "/documents/{doc}/awards/0/edit/", None),
    ("post", "/documents/{doc}/awards/0/edit/", {"title": "Medal"}),
    ("post", "/documents/{doc}/awards/0/delete/", {}),
    ("post", "/documents/{doc}/awards/0/keep/", {}),
    ("post", "/documents/{doc}/publications/0/pick/", {"author": "1", "choice": "none"}),
]
STAFF_URLS = [
    ("get", "/edit/people/{slug}/merge/", None),
    ("post", "/edit/people/{slug}/merge/", {"duplicate": "nobody"}),
    ("post", "/edit/merges/{merge}/revert/", {}),
    ("post", "/edit/publications/{pub}/authors/{authorship}/unlink/", {}),
]


def call(client, profile, method, url, data):
    return getattr(client, method)(url.format(**profile.ids()), data)


@pytest.mark.parametrize(("method", "url", "data"), EDIT_URLS + STAFF_URLS)
def test_anonymous_is_sent_to_log_in(client, profile, method, url, data):
    response = call(client, profile, method, url, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize(("method", "url", "data"), EDIT_URLS + STAFF_URLS)
def test_another_user_is_refused(client, profile, other_user, method, url, data):
    client.force_login(other_user)
    assert call(client, profile, method, url, data).status_code == 403


@pytest.mark.parametrize("persona", ["owner", "staff"])
@pytest.mark.parametrize(("method", "url", "data"), EDIT_URLS)
def test_owner_and_staff_may_edit(request, client, profile, persona, method, url, data):
    client.force_login(request.getfixturevalue(persona))
    response = call(client, profile, method, url, data)
    assert response.status_code in (200, 302)
    assert not response.get("Location", "").startswith("/accounts/login/")


@pytest.mark.parametrize(("method", "url", "data"), STAFF_URLS)
def test_only_staff_merge_and_unlink(client, profile, owner, staff, method, url, data):
    client.force_login(owner)
    assert call(client, profile, method, url, data).status_code == 403
    client.force_login(staff)
    assert call(client, profile, method, url, data).status_code in (200, 302)


# --- the load-and-authorise helpers, once, hard -----------------------------------


def editor_request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("anonymous", False), ("other_user", False), ("owner", True), ("staff", True)],
)
def test_load_and_authorise_helpers(request, profile, persona, allowed):
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    loaders = [
        lambda r: get_person_for_editor(r, profile.person.slug),
        lambda r: get_publication_for_editor(r, profile.publication.slug),
        lambda r: get_document_for_editor(r, profile.document.pk),
        lambda r: get_entry_for_editor(r, profile.person.slug, "awards", profile.award.pk),
    ]
    for load in loaders:
        if allowed:
            assert load(editor_request(user))
        else:
            with pytest.raises(PermissionDenied):
                load(editor_request(user))


def test_an_entry_of_someone_else_is_not_found_through_ones_own_profile(profile, other_user):
    other = make_person("Brook Taylor", owner=other_user)
    theirs = Award.objects.create(person=other, title="Their prize")
    with pytest.raises(Http404):
        get_entry_for_editor(
            editor_request(profile.person.owner), profile.person.slug, "awards", theirs.pk
        )
    with pytest.raises(Http404):
        get_entry_for_editor(editor_request(profile.person.owner), profile.person.slug, "nope", 1)


def test_an_author_may_edit_a_shared_publication_but_not_others(profile, other_user):
    stranger_paper = make_publication("Unrelated", ["Someone Else"])
    with pytest.raises(PermissionDenied):
        get_publication_for_editor(editor_request(profile.person.owner), stranger_paper.slug)


# --- inline editing: three states of one element ----------------------------------


def test_edit_form_is_a_partial_for_htmx_and_a_page_without(client, owner, profile):
    client.force_login(owner)
    url = f"/edit/people/{profile.person.slug}/awards/{profile.award.pk}/edit/"
    partial = client.get(url, **HTMX)
    assert partial.status_code == 200
    assert b"<html" not in partial.content
    assert b'hx-post="' + url.encode() in partial.content
    assert b'<form method="post" action="' + url.encode() in partial.content
    page = client.get(url)
    assert b"<html" in page.content and b'name="title"' in page.content


def test_valid_htmx_save_returns_the_row_and_marks_the_field_edited(client, owner, profile):
    client.force_login(owner)
    url = f"/edit/people/{profile.person.slug}/awards/{profile.award.pk}/edit/"
    response = client.post(
        url, {"title": "Royal Medal of Honour", "year": 1943, "version": 1}, **HTMX
    )
    assert response.status_code == 200
    assert b"Royal Medal of Honour" in response.content
    assert b'<form method="post" action="' + url.encode() not in response.content
    profile.award.refresh_from_db()
    assert profile.award.title == "Royal Medal of Honour"
    assert profile.award.edited_fields == ["title"]
    assert profile.award.version == 2


def test_plain_save_redirects_back_to_the_entry(client, owner, profile):
    client.force_login(owner)
    url = f"/edit/people/{profile.person.slug}/awards/{profile.award.pk}/edit/"
    response = client.post(url, {"title": "Medal", "version": 1})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#awards-{profile.award.pk}")


@pytest.mark.parametrize(
    ("url", "data", "field", "message"),
    [
        ("awards/{award}/edit/", {"title": "", "version": 1}, "title", "required"),
        ("awards/{award}/edit/", {"title": "x", "year": 1200, "version": 1}, "year", "between"),
        ("awards/add/", {"title": "", "version": 1}, "title", "required"),
        (
            "affiliations/add/",
            {"kind": "education", "start": "2020", "end": "2019", "version": 1},
            "end",
            "before",
        ),
        (
            "affiliations/add/",
            {"kind": "education", "start": "2020-13", "version": 1},
            "start",
            "YYYY",
        ),
        ("affiliations/add/", {"kind": "", "version": 1}, "kind", "required"),
        ("projects/add/", {"name": "x", "url": "not a url", "version": 1}, "url", "valid URL"),
        ("skills/add/", {"name": "", "version": 1}, "name", "required"),
        ("teaching/add/", {"course": "", "version": 1}, "course", "required"),
        ("sections/add/", {"heading": "", "version": 1}, "heading", "required"),
        ("header/", {"name": "", "version": 1}, "name", "required"),
        ("header/", {"name": "Ada", "homepage": "nope", "version": 1}, "homepage", "valid URL"),
    ],
)
def test_invalid_forms_come_back_with_their_errors_inline(
    client, owner, profile, url, data, field, message
):
    client.force_login(owner)
    path = f"/edit/people/{profile.person.slug}/" + url.format(award=profile.award.pk)
    response = client.post(path, data, **HTMX)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert message in " ".join(errors)
    assert b"errorlist" in response.content


def test_adding_an_entry_puts_it_last_and_returns_its_row(client, owner, profile):
    client.force_login(owner)
    response = client.post(
        f"/edit/people/{profile.person.slug}/teaching/add/",
        {"course": "Mathematics", "role": "Tutor", "version": 1},
        **HTMX,
    )
    assert response.status_code == 200
    assert b"Mathematics" in response.content
    teaching = profile.person.teachings.get()
    assert (teaching.course, teaching.order, teaching.edited_fields) == (
        "Mathematics",
        0,
        ["course", "role"],
    )


def test_deleting_an_entry(client, owner, profile):
    client.force_login(owner)
    url = f"/edit/people/{profile.person.slug}/awards/{profile.award.pk}/delete/"
    assert client.post(url, **HTMX).content == b""
    assert not Award.objects.filter(pk=profile.award.pk).exists()


def test_get_cannot_delete(client, owner, profile):
    client.force_login(owner)
    url = f"/edit/people/{profile.person.slug}/awards/{profile.award.pk}/delete/"
    assert client.get(url).status_code == 405


def test_editing_the_header_and_bio(client, owner, profile):
    client.force_login(owner)
    response = client.post(
        f"/edit/people/{profile.person.slug}/header/",
        {
            "name": "Ada Lovelace",
            "headline": "Mathematician",
            "bio": "Wrote the first program.",
            "research_interests": "Analytical engines\nPoetical science",
            "version": 1,
        },
        **HTMX,
    )
    assert response.status_code == 200
    person = Person.objects.get(pk=profile.person.pk)
    assert person.research_interests == ["Analytical engines", "Poetical science"]
    assert set(person.edited_fields) == {"headline", "bio", "research_interests"}


def test_the_management_page_lists_every_section(client, owner, profile):
    client.force_login(owner)
    response = client.get(f"/edit/people/{profile.person.slug}/")
    for text in [b"Royal Medal", b"University of London", b"Sketch of the Analytical Engine"]:
        assert text in response.content


# --- publications: authors in order ------------------------------------------------


def test_reordering_authors_keeps_their_links(client, owner, profile):
    client.force_login(owner)
    publication = profile.publication
    response = client.post(
        f"/edit/publications/{publication.slug}/edit/",
        {
            "title": publication.title,
            "year": 1943,
            "authors": "Charles Babbage *\nAda Lovelace *\nL. F. Menabrea",
            "version": 1,
        },
        **HTMX,
    )
    assert response.status_code == 200
    authors = list(publication.authorships.order_by("position"))
    assert [(a.name, a.person and a.person.name, a.is_equal_contribution) for a in authors] == [
        ("Charles Babbage", "Charles Babbage", True),
        ("Ada Lovelace", "Ada Lovelace", True),
        ("L. F. Menabrea", None, False),
    ]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"authors": "  \n "}, "authors", "required"),
        ({"links": "PDF ftp://x"}, "links", "http(s) URL"),
        ({"year": 3000}, "year", "between"),
        ({"title": ""}, "title", "required"),
        ({"month": 13}, "month", "from 1 to 12"),
        ({"isbn": "978-3-16-148410-1"}, "isbn", "check digit"),
        ({"isbn": "12345"}, "isbn", "not an ISBN"),
        ({"arxiv_id": "arXiv:soon"}, "arxiv_id", "not an arXiv id"),
        ({"entry_type": "article", "thesis_degree": "masters"}, "thesis_degree", "Only a thesis"),
        ({"entry_type": "essay"}, "entry_type", "not one of the available choices"),
    ],
)
def test_publication_form_validation(client, owner, profile, data, field, message):
    client.force_login(owner)
    form = {"title": "T", "authors": "Ada Lovelace", "version": 1, **data}
    response = client.post(f"/edit/publications/{profile.publication.slug}/edit/", form, **HTMX)
    assert message in " ".join(response.context["form"].errors[field])


def test_publication_links_are_saved_as_label_and_url(client, owner, profile):
    client.force_login(owner)
    client.post(
        f"/edit/publications/{profile.publication.slug}/edit/",
        {
            "title": "Sketch",
            "authors": "Ada Lovelace\nCharles Babbage",
            "links": "PDF https://example.org/sketch.pdf",
            "version": 1,
        },
    )
    profile.publication.refresh_from_db()
    assert profile.publication.links == [{"label": "PDF", "url": "https://example.org/sketch.pdf"}]
    assert profile.publication.authorships.count() == 2


def test_the_bibliographic_fields_are_edited_in_place_and_shown(client, owner, profile):
    client.force_login(owner)
    publication = profile.publication
    url = f"/edit/publications/{publication.slug}/edit/"
    form = client.get(url, **HTMX).content.decode()
    for name in ("entry_type", "thesis_degree", "volume", "issue", "publisher", "editors"):
        assert f'name="{name}"' in form
    assert '<option value="chapter">Book chapter</option>' in form
    data = {
        "title": publication.title,
        "authors": "Ada Lovelace\nCharles Babbage",
        "entry_type": "chapter",
        "month": 3,
        "volume": "3",
        "issue": "29",
        "publisher": "Richard and John E. Taylor",
        "editors": "Richard Taylor\n\n  L. F. Menabrea ",
        "isbn": "0-306-40615-2",
        "arxiv_id": "https://arxiv.org/abs/2101.00001v2",
        "version": 1,
    }
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200 and 'class="entry"' in response.content.decode()
    publication.refresh_from_db()
    assert (publication.entry_type, publication.month) == ("chapter", 3)
    assert (publication.volume, publication.issue) == ("3", "29")
    assert publication.editors == ["Richard Taylor", "L. F. Menabrea"]
    assert (publication.isbn, publication.arxiv_id) == ("0-306-40615-2", "2101.00001")
    # Hand-edited: a later import does not overwrite them.
    assert {"entry_type", "editors", "isbn", "arxiv_id"} <= set(publication.edited_fields)
    page = client.get(publication.get_absolute_url())
    for shown in (
        "<div><dt>Type</dt><dd>Book chapter</dd></div>",
        "<div><dt>Editors</dt><dd>Richard Taylor, L. F. Menabrea</dd></div>",
        "<div><dt>Publisher</dt><dd>Richard and John E. Taylor</dd></div>",
        "<div><dt>ISBN</dt><dd>0-306-40615-2</dd></div>",
    ):
        assertContains(page, shown, html=True)
    assert "  isbn = {0-306-40615-2},\n" in page.context["bibtex"]


def test_a_thesis_shows_its_degree(client, owner, profile):
    client.force_login(owner)
    publication = profile.publication
    data = {
        "title": publication.title,
        "authors": "Ada Lovelace",
        "entry_type": "thesis",
        "thesis_degree": "masters",
        "venue_name": "University of London",
        "version": 1,
    }
    client.post(f"/edit/publications/{publication.slug}/edit/", data)
    page = client.get(publication.get_absolute_url())
    assertContains(page, "<div><dt>Type</dt><dd>Thesis (Master's)</dd></div>", html=True)
    assert page.context["bibtex"].startswith("@mastersthesis{")


# --- two editors, one entry ---------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "first", "second"),
    [
        ("/edit/people/{slug}/awards/{award}/edit/", {"title": "First"}, {"title": "Second"}),
        ("/edit/people/{slug}/header/", {"name": "Ada First"}, {"name": "Ada Second"}),
        (
            "/edit/publications/{pub}/edit/",
            {"title": "First", "authors": "A"},
            {"title": "Second", "authors": "B"},
        ),
    ],
)
def test_the_second_save_of_a_stale_form_is_refused(
    client, owner, staff, profile, url, first, second
):
    path = url.format(**profile.ids())
    client.force_login(owner)
    assert client.post(path, {**first, "version": 1}, **HTMX).status_code == 200
    client.force_login(staff)
    response = client.post(path, {**second, "version": 1}, **HTMX)
    assert response.status_code == 200
    assert STALE_MESSAGE in response.content.decode().replace("&#x27;", "'")
    # Nothing of the second save reached the database.
    profile.award.refresh_from_db()
    profile.person.refresh_from_db()
    profile.publication.refresh_from_db()
    saved = {profile.award.title, profile.person.name, profile.publication.title}
    assert not saved & set(second.values())


def test_unlinking_an_author_is_remembered_as_a_hand_decision(client, staff, profile):
    client.force_login(staff)
    authorship = profile.publication.authorships.get(position=2)
    response = client.post(
        f"/edit/publications/{profile.publication.slug}/authors/{authorship.pk}/unlink/",
        {"next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    authorship.refresh_from_db()
    assert authorship.person is None and authorship.is_linked_by_hand
    assert Authorship.objects.filter(pk=authorship.pk, person=None).exists()


# --- hooks on the public profile page ---------------------------------------------


@pytest.mark.parametrize(
    ("persona", "controls"),
    [("anonymous", False), ("other_user", False), ("owner", True), ("staff", True)],
)
def test_only_editors_see_edit_controls_on_the_profile(request, client, profile, persona, controls):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    page = client.get(profile.person.get_absolute_url()).content.decode()
    assert ("Edit this profile" in page) is controls
    assert (f"/edit/publications/{profile.publication.slug}/edit/" in page) is controls
    slug = profile.person.slug
    assert (f"/edit/people/{slug}/awards/{profile.award.pk}/edit/" in page) is controls
    assert (f"/edit/people/{slug}/affiliations/{profile.affiliation.pk}/edit/" in page) is controls
    assert (f"/edit/people/{slug}/header/" in page) is controls
    assert ("Merge a duplicate" in page) is (persona == "staff")
    assert ("Upload a CV" in page) is (persona != "anonymous")


def test_each_skill_is_edited_in_place_on_the_profile(client, owner, profile):
    skill = Skill.objects.create(person=profile.person, category="Languages", name="French")
    client.force_login(owner)
    url = f"/edit/people/{profile.person.slug}/skills/{skill.pk}/edit/"
    assert url in client.get(profile.person.get_absolute_url()).content.decode()
    form = client.get(url, headers={"HX-Request": "true"})
    assert form.status_code == 200 and 'name="name"' in form.content.decode()
    saved = client.post(url, {"category": "Languages", "name": "Italian", "version": 1})
    assert saved.status_code in (200, 302)
    skill.refresh_from_db()
    assert skill.name == "Italian" and "name" in skill.edited_fields


def test_advisors_are_set_on_an_affiliation_by_name(client, owner, profile):
    babbage = Person.objects.get(name="Charles Babbage")
    PersonName.objects.create(
        person=babbage, name="Charles Babbage", key=name_keys("Charles Babbage").lookup
    )
    url = f"/edit/people/{profile.person.slug}/affiliations/{profile.affiliation.pk}/edit/"
    fields = {"kind": "education", "organization_name": "University of London", "version": 1}
    client.force_login(owner)
    client.post(url, {**fields, "mentors": "Charles Babbage\nMary Somerville"})
    mentors = Mentorship.objects.filter(affiliation=profile.affiliation).select_related("advisor")
    assert {(m.advisor.name, m.advisor.is_stub, m.role) for m in mentors} == {
        ("Charles Babbage", True, "advisor"),
        ("Mary Somerville", True, "advisor"),
    }
    assert mentors.get(advisor__name="Charles Babbage").advisor == babbage
    assert "Mary Somerville" in client.get(url).content.decode()

    client.post(url, {**fields, "mentors": "Mary Somerville", "version": 2})
    assert [m.advisor.name for m in mentors.all()] == ["Mary Somerville"]


def test_a_signed_in_user_is_offered_to_claim_a_stub(client, profile, other_user):
    babbage = Person.objects.get(name="Charles Babbage")
    assert "Claim this profile" not in client.get(babbage.get_absolute_url()).content.decode()
    client.force_login(other_user)
    assert "Claim this profile" in client.get(babbage.get_absolute_url()).content.decode()


def test_a_publication_is_edited_in_place_on_the_profile(client, owner, profile):
    client.force_login(owner)
    back = profile.person.get_absolute_url()
    url = f"/edit/publications/{profile.publication.slug}/edit/?next={back}"
    form = client.get(url, **HTMX).content.decode()
    assert f'name="next" value="{back}"' in form
    data = {"title": "Sketch, annotated", "authors": "Ada Lovelace", "version": 1, "next": back}
    assert client.post(url, data)["Location"] == back
    assert "Sketch, annotated" in client.get(back).content.decode()


def test_adding_a_publication_links_its_author(client, owner, profile):
    client.force_login(owner)
    url = f"/edit/people/{profile.person.slug}/publications/add/"
    form = client.get(url, **HTMX).content.decode()
    assert "Ada Lovelace</textarea>" in form
    response = client.post(
        url, {"title": "Poetical Science", "authors": "Charles Babbage\nAda Lovelace *"}, **HTMX
    )
    assert response.status_code == 200 and "Poetical Science" in response.content.decode()
    authorship = Authorship.objects.get(publication__title="Poetical Science", position=2)
    assert (authorship.person, authorship.is_linked_by_hand) == (profile.person, True)
    assert authorship.publication.slug == "poetical-science"
    assert authorship.publication.normalized_title == "poetical science"


def test_a_new_publication_must_list_the_profiles_person(client, owner, profile):
    client.force_login(owner)
    response = client.post(
        f"/edit/people/{profile.person.slug}/publications/add/",
        {"title": "Not mine", "authors": "Somebody Else"},
        **HTMX,
    )
    assert "Include Ada Lovelace among the authors." in response.context["form"].errors["authors"]


def test_removing_a_publication_from_a_profile_unlinks_only_its_person(client, owner, profile):
    client.force_login(owner)
    url = f"/edit/people/{profile.person.slug}/publications/{profile.publication.slug}/remove/"
    assert client.post(url, **HTMX).content == b""
    authorships = profile.publication.authorships.order_by("position")
    assert [(a.person_id is None, a.is_linked_by_hand) for a in authorships] == [
        (True, True),
        (False, False),
    ]


def test_csrf_is_enforced_for_htmx_posts(profile, owner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    url = f"/edit/people/{profile.person.slug}/awards/{profile.award.pk}/delete/"
    assert client.post(url, **HTMX).status_code == 403
    page = client.get(f"/edit/people/{profile.person.slug}/")
    token = page.cookies["csrftoken"].value
    assert 'hx-headers=\'{"X-CSRFToken": "' in page.content.decode()
    assert client.post(url, HTTP_X_CSRFTOKEN=token, **HTMX).status_code == 200


def test_the_editing_page_runs_a_fixed_number_of_queries(
    client, owner, profile, django_assert_num_queries
):
    client.force_login(owner)
    url = f"/edit/people/{profile.person.slug}/"
    client.get(url)
    for extra in range(3):
        Award.objects.create(person=profile.person, title=f"Prize {extra}")
        make_publication(f"Paper {extra}", [profile.person, "Someone"])
    # session, user, person; six sections; publications, their authors (with people)
    # and open suggestions; the papers its own CVs listed (stubs there may be unlinked);
    # the nav's "Edit my profile" (user.person)
    with django_assert_num_queries(14):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "back"),
    [
        ("/edit/people/{slug}/awards/{award}/", "/edit/people/{slug}/#awards-{award}"),
        ("/edit/publications/{pub}/", "/publications/{pub}/"),
        ("/documents/{doc}/awards/0/", "/documents/{doc}/#awards-0"),
    ],
)
def test_row_endpoints_give_htmx_the_row_and_browsers_a_redirect(client, owner, profile, url, back):
    client.force_login(owner)
    ids = profile.ids()
    plain = client.get(url.format(**ids))
    assert plain.status_code == 302
    assert plain["Location"].endswith(back.format(**ids))
    partial = client.get(url.format(**ids), **HTMX)
    assert partial.status_code == 200
    assert b'class="entry"' in partial.content and b"<html" not in partial.content
