"""People, their name variants, their CV documents, and the profile entries that
belong to one person only (teaching, projects, skills, free sections)."""

import re
from dataclasses import dataclass
from uuid import uuid4

from anyascii import anyascii
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from profiles.queries import PersonQuerySet

User = AbstractBaseUser | AnonymousUser


def cv_upload_storage():
    # A callable, so tests can point the storage elsewhere through settings.
    return storages["cv_uploads"]


def unique_slugs(model: type[models.Model], texts: list[str], *, max_length: int = 80) -> list[str]:
    """Slugs for ``texts`` not yet used by ``model`` nor by each other ("ada-lovelace",
    "ada-lovelace-2", ...), in one query on the unique slug index whatever the table's size
    (a prefix look-up would scan the table on SQLite). Every script is transliterated
    first ("Łukasz" -> "lukasz", "张伟" -> "zhangwei"); slugs made before keep working, as
    they are stored."""
    bases = [slugify(anyascii(text))[: max_length - 7].strip("-") or "item" for text in texts]
    options = {base: [base, *(f"{base}-{n}" for n in range(2, 10))] for base in bases}
    taken = set(
        model._default_manager.filter(
            slug__in=[slug for slugs in options.values() for slug in slugs]
        ).values_list("slug", flat=True)
    )
    slugs = []
    for base in bases:
        slug = next((s for s in options[base] if s not in taken), f"{base}-{uuid4().hex[:6]}")
        taken.add(slug)
        slugs.append(slug)
    return slugs


def unique_slug(model: type[models.Model], text: str, *, max_length: int = 80) -> str:
    """A slug for ``text`` not yet used by ``model`` ("ada-lovelace", "ada-lovelace-2")."""
    return unique_slugs(model, [text], max_length=max_length)[0]


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class HandEdited(Timestamped):
    """Rows an import writes and people may correct.

    ``edited_fields`` names the fields someone changed by hand, which a re-import
    never overwrites; ``version`` grows with each save so that a stale edit form
    can be refused (optimistic concurrency).
    """

    edited_fields = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    def mark_edited(self, *fields: str) -> None:
        """Record fields changed by hand, so that no import overwrites them (call before save)."""
        self.edited_fields = sorted({*self.edited_fields, *fields})
        self.version += 1


@dataclass(frozen=True)
class Email:
    text: str  # as shown: the address, or "ada at example dot org"
    href: str  # a mailto: link, or "" when the address is shown as text only


@dataclass(frozen=True)
class Contact:
    """The contact details a viewer of a profile may see."""

    emails: list[Email]
    phones: list[str]
    address: str
    private: set[str]  # of the fields shown, those only the owner and staff see


def obfuscated(email: str) -> str:
    """ "ada at example dot org": read by people, not harvested by a mailto: scraper."""
    local, _, domain = email.partition("@")
    return f"{local} at {domain.replace('.', ' dot ')}" if domain else email


def user_can_edit(user: User, owner_id: int | None) -> bool:
    """Staff, and the owner of what has that ``owner_id``."""
    return bool(user.is_authenticated and (user.is_staff or owner_id == user.pk))


class Person(HandEdited):
    class EmailVisibility(models.TextChoices):
        HIDDEN = "hidden", "Not shown"
        OBFUSCATED = "obfuscated", "Shown as text (“ada at example dot org”)"
        PLAIN = "plain", "Shown as a link, and in the exports and the API"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    given_name = models.CharField(max_length=120, blank=True)
    family_name = models.CharField(max_length=120, blank=True)
    headline = models.CharField(max_length=300, blank=True)
    bio = models.TextField(blank=True)
    emails = models.JSONField(default=list, blank=True)
    phones = models.JSONField(default=list, blank=True)
    homepage = models.URLField(max_length=500, blank=True)
    links = models.JSONField(default=list, blank=True, help_text='[{"label": ..., "url": ...}]')
    address = models.TextField(blank=True)
    # Private by default: a CV's phone numbers and postal address are shown to its owner
    # and staff only until the owner publishes them.
    is_phone_public = models.BooleanField(default=False, help_text="Show the phone numbers.")
    is_address_public = models.BooleanField(default=False, help_text="Show the postal address.")
    email_visibility = models.CharField(
        max_length=10, choices=EmailVisibility, default=EmailVisibility.OBFUSCATED
    )
    research_interests = models.JSONField(default=list, blank=True)
    photo_url = models.URLField(max_length=500, blank=True)
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    is_stub = models.BooleanField(
        default=True, help_text="Known only as a co-author or advisor, without a CV of its own."
    )

    objects = PersonQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["name"], name="person_name_idx"),
            models.Index(fields=["family_name", "given_name"], name="person_family_given_idx"),
            models.Index(fields=["is_stub", "-updated_at"], name="person_stub_updated_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("profiles:person-detail", args=[self.slug])

    def is_editable_by(self, user: User) -> bool:
        """Whether ``user`` may change this profile: its owner, and staff."""
        return user_can_edit(user, self.owner_id)

    def contact(self, *, private: bool = False) -> Contact:
        """The contact details shown; ``private``: to the owner or staff, who see all."""
        shown_emails = private or self.email_visibility != self.EmailVisibility.HIDDEN
        as_links = private or self.email_visibility == self.EmailVisibility.PLAIN
        emails = [
            Email(email, f"mailto:{email}") if as_links else Email(obfuscated(email), "")
            for email in (self.emails if shown_emails else [])
        ]
        hidden = {
            "emails": self.email_visibility != self.EmailVisibility.PLAIN and bool(self.emails),
            "phones": not self.is_phone_public and bool(self.phones),
            "address": not self.is_address_public and bool(self.address),
        }
        return Contact(
            emails=emails,
            phones=list(self.phones) if private or self.is_phone_public else [],
            address=self.address if private or self.is_address_public else "",
            private={field for field, is_hidden in hidden.items() if is_hidden and private},
        )

    def public_emails(self) -> list[str]:
        """The addresses machine-readable pages give (exports, the API): only those the
        owner chose to show as links."""
        return list(self.emails) if self.email_visibility == self.EmailVisibility.PLAIN else []


class PersonName(Timestamped):
    """A spelling of a person's name seen somewhere ("Yinmin Zhong", "Y. Zhong")."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    key = models.CharField(
        max_length=200, db_index=True, help_text="Normalised form that resolution matches."
    )
    initials_key = models.CharField(
        max_length=200,
        db_index=True,
        blank=True,
        help_text="Family name and first initial (“chen y”), for names written with initials.",
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="personname_unique_per_person"),
        ]

    def __str__(self) -> str:
        return self.name


class CVDocument(Timestamped):
    """An uploaded CV as stored, what the parser made of it, and where it went."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        MARKDOWN = "markdown", "Markdown"
        TEXT = "text", "Plain text"
        DOCX = "docx", "Word (DOCX)"
        HTML = "html", "HTML"
        BIBTEX = "bibtex", "BibTeX"
        CSL_JSON = "csl_json", "CSL-JSON"
        RIS = "ris", "RIS"
        ORCID = "orcid", "ORCID works JSON"
        ACADEMICPAGES = "academicpages", "academicpages _publications folder (zip)"

    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Uploaded"
        PARSING = "parsing", "Parsing"
        PARSED = "parsed", "Parsed, awaiting review"
        IMPORTED = "imported", "Imported"
        FAILED = "failed", "Failed"
        DISCARDED = "discarded", "Discarded"

    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cv_documents",
    )
    file = models.FileField(upload_to="cv/%Y/%m/", storage=cv_upload_storage, max_length=300)
    original_filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(default=0)
    format = models.CharField(max_length=16, choices=Format, blank=True)
    text = models.TextField(blank=True)
    parser_version = models.CharField(max_length=20, blank=True)
    cv_json = models.JSONField(null=True, blank=True)
    unparsed = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.UPLOADED)
    error = models.TextField(blank=True)
    # Times a worker claimed it for parsing: a parse cut off by a killed worker runs again.
    parse_attempts = models.PositiveSmallIntegerField(default=0)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "CV document"
        indexes = [models.Index(fields=["status", "-created_at"], name="cvdocument_status_idx")]

    def __str__(self) -> str:
        return self.original_filename

    def is_visible_to(self, user: User) -> bool:
        """Whether ``user`` may see this upload: who uploaded it, the profile's owner, staff."""
        if not user.is_authenticated:
            return False
        owner_id = self.person.owner_id if self.person_id else None
        return user.is_staff or user.pk in (self.uploaded_by_id, owner_id)


class ProfileEntry(HandEdited):
    """Something a person's CV lists, in the CV's order, with the document it came from."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="%(class)ss")
    order = models.PositiveIntegerField(default=0)
    source_document = models.ForeignKey(
        CVDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class Teaching(ProfileEntry):
    course = models.CharField(max_length=300)
    role = models.CharField(max_length=120, blank=True)
    institution = models.CharField(max_length=300, blank=True)
    term = models.CharField(max_length=120, blank=True)
    details = models.JSONField(default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "teaching"
        indexes = [models.Index(fields=["person", "order"], name="teaching_person_order_idx")]

    def __str__(self) -> str:
        return f"{self.role} {self.course}".strip() if self.role else self.course


class Project(ProfileEntry):
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["person", "order"], name="project_person_order_idx")]

    def __str__(self) -> str:
        return self.name


class Skill(ProfileEntry):
    category = models.CharField(max_length=120, blank=True)
    name = models.CharField(max_length=200)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "category", "name"], name="skill_unique_per_person"
            ),
        ]
        indexes = [models.Index(fields=["person", "order"], name="skill_person_order_idx")]

    def __str__(self) -> str:
        return f"{self.category}: {self.name}" if self.category else self.name


# A CV's list of referees (names, e-mails, phones of people who never agreed to be shown).
REFEREES = re.compile(r"\b(referees?|references?)\b", re.IGNORECASE)


def is_referees_heading(heading: str) -> bool:
    return bool(REFEREES.search(heading))


class ProfileSection(ProfileEntry):
    """A titled part of a CV that fits no other model (Service, Talks, ...)."""

    heading = models.CharField(max_length=300)
    items = models.JSONField(default=list, blank=True)
    is_private = models.BooleanField(
        default=False,
        help_text="Shown to its owner and staff only, never on public pages (referees).",
    )

    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["person", "order"], name="section_person_order_idx")]

    def __str__(self) -> str:
        return self.heading
