"""Personas and small factories shared by the Django tests."""

import hashlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.storage import storages

from affiliations.models import Organization
from profiles.models import CVDocument, Person, unique_slug
from publications.models import Authorship, Publication, Venue
from tests.cvparse.shared import MISSING, SEEDS, SHARED, shared_files  # noqa: F401 -- for the tests


@pytest.fixture(autouse=True)
def _shared_folder(request):
    """A test marked ``shared`` reads ../shared: without that folder it fails, saying why."""
    if request.node.get_closest_marker("shared") and not SHARED.is_dir():
        pytest.fail(MISSING, pytrace=False)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Background tasks (CV parsing) run at once, inside the test."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _own_cache(settings, request):
    """Caches of the test's own, empty: nothing cached by another test is served."""
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"{alias}:{request.node.nodeid}",
        }
        for alias in ("default", "pages")
    }


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing each persona's password the production way costs a second per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path, monkeypatch):
    """Uploaded CVs go to a temporary folder, never the developer's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "cv_uploads": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "uploads", "base_url": None},
        },
    }
    # FileField calls its storage callable once, when the model class is made.
    monkeypatch.setattr(CVDocument._meta.get_field("file"), "storage", storages["cv_uploads"])


def make_user(username: str, **extra):
    return get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="correct horse battery",
        **extra,
    )


@pytest.fixture
def owner(db):
    """A researcher with a profile of their own."""
    user = make_user("ada")
    make_person("Ada Lovelace", owner=user, is_stub=False)
    return user


@pytest.fixture
def other_user(db):
    return make_user("brook")


@pytest.fixture
def staff(db):
    return make_user("carol", is_staff=True, is_superuser=True)


def make_person(name: str, **fields) -> Person:
    given, _, family = name.rpartition(" ")
    fields.setdefault("given_name", given)
    fields.setdefault("family_name", family)
    return Person.objects.create(name=name, slug=unique_slug(Person, name), **fields)


def make_organization(name: str, **fields) -> Organization:
    return Organization.objects.create(
        name=name, slug=unique_slug(Organization, name), key=name.lower(), **fields
    )


def make_venue(name: str, short_name: str = "", **fields) -> Venue:
    return Venue.objects.create(
        name=name,
        short_name=short_name,
        slug=unique_slug(Venue, short_name or name),
        key=name.lower(),
        **fields,
    )


def make_publication(title: str, authors: list[Person | str] = (), **fields) -> Publication:
    publication = Publication.objects.create(
        title=title, normalized_title=title.lower(), slug=unique_slug(Publication, title), **fields
    )
    Authorship.objects.bulk_create(
        Authorship(
            publication=publication,
            position=position,
            name=author if isinstance(author, str) else author.name,
            person=None if isinstance(author, str) else author,
        )
        for position, author in enumerate(authors, start=1)
    )
    return publication


def make_cv(name: str, **parts) -> dict:
    """CV JSON for ``name``: every key present, ``parts`` filling some ("publications": [...])."""
    person = {
        "name": name,
        "headline": None,
        "emails": [],
        "phones": [],
        "homepage": None,
        "links": [],
        "address": None,
        "bio": None,
        "research_interests": [],
        **parts.pop("person", {}),
    }
    cv = {
        "schema": "cv-json/1",
        "source": {"filename": "cv.md", "format": "markdown"},
        "person": person,
        **{key: [] for key in ("education", "positions", "publications", "awards", "teaching")},
        **{key: [] for key in ("projects", "skills", "sections", "unparsed")},
    }
    return cv | parts


def make_paper(title: str, authors: list[str], **fields) -> dict:
    """A CV JSON publication; author "*Name" is the owner, "Name=" an equal contribution."""
    return {
        "title": title,
        "authors": [
            {
                "name": author.strip("*="),
                "is_self": author.startswith("*"),
                "equal_contribution": author.endswith("="),
            }
            for author in authors
        ],
        "venue": None,
        "venue_short": None,
        "year": None,
        "month": None,
        "status": "published",
        "doi": None,
        "pages": None,
        "location": None,
        "category": None,
        "links": [],
        "note": None,
        **fields,
    }


def make_document(filename: str = "cv.md", cv_json: dict | None = None) -> CVDocument:
    """A stored CV document as the upload flow leaves it before the import."""
    return CVDocument.objects.create(
        original_filename=filename,
        sha256=hashlib.sha256(filename.encode()).hexdigest(),
        format="markdown",
        cv_json=cv_json,
        status=CVDocument.Status.PARSED,
    )


def row_counts() -> dict[str, int]:
    """The number of rows of every table, by model."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}
