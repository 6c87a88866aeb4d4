"""Forms for editing a profile in place; each refuses a stale save (optimistic concurrency)."""

import re
from dataclasses import dataclass

from django import forms
from django.db import models, transaction

from affiliations.models import Affiliation
from awards.models import Award
from cvparse.readers.bibliography import arxiv_of
from profiles.models import (
    HandEdited,
    Person,
    ProfileSection,
    Project,
    Skill,
    Teaching,
    unique_slug,
)
from profiles.resolution import normalize_title
from publications.models import Authorship, Publication

from .mentorships import mentor_names, set_mentors
from .models import Suggestion

STALE_MESSAGE = (
    "Someone else saved this entry after you opened it. Your changes were not saved: "
    "reload to see theirs, then make your change again."
)


class StaleEdit(Exception):
    """The row changed since the form was rendered."""


class LinesField(forms.CharField):
    """A JSON list of strings, edited as one item per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def has_changed(self, initial, data) -> bool:
        return (initial or []) != self.to_python(data)


class VersionedForm(forms.ModelForm):
    """Carries the version the editor saw; ``save()`` refuses it if the row moved on."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def changed_model_fields(self) -> list[str]:
        return [name for name in self.changed_data if name in self._meta.fields]

    @transaction.atomic
    def save(self, commit: bool = True) -> HandEdited:
        instance: HandEdited = super().save(commit=False)
        changed = self.changed_model_fields()
        if instance.pk is None:
            instance.edited_fields = changed
            instance.save()
            return instance
        current = (
            type(instance)
            .objects.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current != self.cleaned_data["version"]:
            raise StaleEdit
        instance.version = current
        instance.mark_edited(*changed)
        instance.save(update_fields=[*changed, "edited_fields", "version", "updated_at"])
        return instance

    def save_or_refuse(self) -> HandEdited | None:
        """Save, or add the stale-edit message to the form and return None."""
        try:
            return self.save()
        except StaleEdit:
            self.add_error(None, STALE_MESSAGE)
            return None


class PersonForm(VersionedForm):
    research_interests = LinesField(required=False, help_text="One per line.")

    class Meta:
        model = Person
        fields = [
            "name",
            "headline",
            "bio",
            "homepage",
            "research_interests",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}


class PrivacyForm(VersionedForm):
    """Which contact details the profile shows: a CV's are private until published."""

    class Meta:
        model = Person
        fields = ["email_visibility", "is_phone_public", "is_address_public"]
        labels = {
            "email_visibility": "E-mail addresses",
            "is_phone_public": "Publish my phone numbers",
            "is_address_public": "Publish my postal address",
        }
        help_texts = {
            "is_phone_public": "Unticked, only you and staff see them.",
            "is_address_public": "Unticked, only you and staff see it.",
        }


class AffiliationForm(VersionedForm):
    details = LinesField(required=False, help_text="One per line.")
    mentors = LinesField(
        required=False,
        label="Advisors or supervisors",
        help_text="One name per line; each links to the person of that name.",
    )

    class Meta:
        model = Affiliation
        fields = [
            "kind",
            "organization_name",
            "title",
            "field",
            "department",
            "location",
            "start",
            "end",
            "details",
        ]
        labels = {"organization_name": "Institution", "title": "Degree or title"}
        help_texts = {"start": "YYYY or YYYY-MM", "end": "YYYY, YYYY-MM or “present”"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["mentors"].initial = mentor_names(self.instance)

    @transaction.atomic
    def save(self, commit: bool = True) -> Affiliation:
        affiliation = super().save(commit)
        if "mentors" in self.changed_data:
            set_mentors(affiliation, self.cleaned_data["mentors"])
        return affiliation

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end != "present" and end < start:
            self.add_error("end", "The end comes before the start.")
        return data


class AwardForm(VersionedForm):
    class Meta:
        model = Award
        fields = ["title", "year", "issuer", "rank", "details"]
        widgets = {"details": forms.Textarea(attrs={"rows": 2})}

    def clean_year(self) -> int | None:
        year = self.cleaned_data["year"]
        if year is not None and not 1900 <= year <= 2100:
            raise forms.ValidationError("Enter a year between 1900 and 2100.")
        return year


class TeachingForm(VersionedForm):
    details = LinesField(required=False, help_text="One per line.")

    class Meta:
        model = Teaching
        fields = ["course", "role", "institution", "term", "details"]


class ProjectForm(VersionedForm):
    class Meta:
        model = Project
        fields = ["name", "description", "url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SkillForm(VersionedForm):
    class Meta:
        model = Skill
        fields = ["category", "name"]


class ProfileSectionForm(VersionedForm):
    items = LinesField(required=False, help_text="One per line.")

    class Meta:
        model = ProfileSection
        fields = ["heading", "items"]


@dataclass(frozen=True)
class Section:
    """A kind of per-person entry that the profile lists and its owner edits."""

    title: str
    model: type[models.Model]
    form: type[VersionedForm]


SECTIONS: dict[str, Section] = {
    "affiliations": Section("Education and positions", Affiliation, AffiliationForm),
    "awards": Section("Awards", Award, AwardForm),
    "teaching": Section("Teaching", Teaching, TeachingForm),
    "projects": Section("Projects", Project, ProjectForm),
    "skills": Section("Skills", Skill, SkillForm),
    "sections": Section("Other sections", ProfileSection, ProfileSectionForm),
}


def is_isbn(text: str) -> bool:
    """Whether ``text`` is an ISBN-10 or ISBN-13 whose check digit is right."""
    digits = re.sub(r"[\s-]", "", text).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        values = [10 if c == "X" else int(c) for c in digits]
        return sum(v * w for v, w in zip(values, range(10, 0, -1), strict=True)) % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        return sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(digits)) % 10 == 0
    return False


class PublicationForm(VersionedForm):
    authors = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One author per line, in order. End a name with * for equal contribution.",
    )
    editors = LinesField(required=False, help_text="One per line, in order.")
    links = LinesField(required=False, help_text="One per line: a label, a space, the URL.")

    class Meta:
        model = Publication
        fields = [
            "title",
            "entry_type",
            "thesis_degree",
            "venue_name",
            "year",
            "month",
            "status",
            "volume",
            "issue",
            "pages",
            "publisher",
            "editors",
            "isbn",
            "doi",
            "arxiv_id",
            "links",
            "note",
        ]
        labels = {"venue_name": "Venue", "entry_type": "Type"}
        help_texts = {"entry_type": "", "thesis_degree": "For a thesis."}
        widgets = {"title": forms.TextInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["authors"].initial = "\n".join(
                f"{a.name}{' *' if a.is_equal_contribution else ''}"
                for a in self.instance.authorships.order_by("position")
            )
            self.initial["links"] = [
                f"{link.get('label', '')} {link.get('url', '')}".strip()
                for link in self.instance.links
            ]

    def clean_authors(self) -> list[tuple[str, bool]]:
        authors = []
        for line in self.cleaned_data["authors"].splitlines():
            name = line.strip()
            if name:
                equal = name.endswith("*")
                authors.append((name.rstrip("* ").strip(), equal))
        if not authors:
            raise forms.ValidationError("A publication needs at least one author.")
        return authors

    def clean_links(self) -> list[dict[str, str]]:
        links = []
        for line in self.cleaned_data["links"]:
            label, _, url = line.rpartition(" ")
            if not url.startswith(("http://", "https://")):
                raise forms.ValidationError(f"“{line}” does not end with an http(s) URL.")
            links.append({"label": label.strip() or "Link", "url": url})
        return links

    def clean_year(self) -> int | None:
        year = self.cleaned_data["year"]
        if year is not None and not 1900 <= year <= 2100:
            raise forms.ValidationError("Enter a year between 1900 and 2100.")
        return year

    def clean_month(self) -> int | None:
        month = self.cleaned_data["month"]
        if month is not None and not 1 <= month <= 12:
            raise forms.ValidationError("Enter a month from 1 to 12.")
        return month

    def clean_arxiv_id(self) -> str:
        """ "arXiv:2101.00001v2" or its abs/pdf URL -> "2101.00001"."""
        written = self.cleaned_data["arxiv_id"].strip()
        if not written:
            return ""
        arxiv_id = arxiv_of(written)
        if arxiv_id is None:
            raise forms.ValidationError(
                f"“{written}” is not an arXiv id (such as 2101.00001 or hep-th/9901001)."
            )
        return arxiv_id

    def clean_isbn(self) -> str:
        """An ISBN-10 or ISBN-13 as written (hyphens kept), its check digit right."""
        isbn = self.cleaned_data["isbn"].strip()
        if isbn and not is_isbn(isbn):
            raise forms.ValidationError(
                f"“{isbn}” is not an ISBN: 10 or 13 digits (with hyphens or not) whose check"
                " digit matches."
            )
        return isbn

    def clean(self) -> dict:
        data = super().clean()
        if data.get("thesis_degree") and data.get("entry_type") != Publication.EntryType.THESIS:
            self.add_error("thesis_degree", "Only a thesis has a degree: set its type to Thesis.")
        return data

    @transaction.atomic
    def save(self, commit: bool = True) -> Publication:
        is_new = self.instance.pk is None
        if is_new:
            self.instance.normalized_title = normalize_title(self.instance.title)
            self.instance.slug = unique_slug(Publication, self.instance.title)
        publication = super().save(commit)
        if is_new or "authors" in self.changed_data:
            set_authors(publication, self.cleaned_data["authors"])
        return publication


class NewPublicationForm(PublicationForm):
    """A publication added by hand to ``author``'s profile: they must be among its authors."""

    def __init__(self, *args, author: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.author = author
        self.fields["authors"].initial = author.name

    def clean_authors(self) -> list[tuple[str, bool]]:
        authors = super().clean_authors()
        spellings = {self.author.name, *self.author.names.values_list("name", flat=True)}
        if not spellings & {name for name, _ in authors}:
            raise forms.ValidationError(f"Include {self.author.name} among the authors.")
        return authors

    @transaction.atomic
    def save(self, commit: bool = True) -> Publication:
        publication = super().save(commit)
        spellings = {self.author.name, *self.author.names.values_list("name", flat=True)}
        mine = publication.authorships.filter(name__in=spellings).order_by("position").first()
        mine.person, mine.is_linked_by_hand = self.author, True
        mine.save(update_fields=["person", "is_linked_by_hand", "updated_at"])
        return publication


def set_authors(publication: Publication, authors: list[tuple[str, bool]]) -> None:
    """Make the authorships match ``authors`` in order, keeping each name's link to a person."""
    existing = {a.name: a for a in publication.authorships.order_by("position")}
    keep: list[Authorship] = []
    for position, (name, equal) in enumerate(authors, start=1):
        authorship = existing.pop(name, None) or Authorship(publication=publication, name=name)
        authorship.position, authorship.is_equal_contribution = position, equal
        keep.append(authorship)
    for gone in existing.values():
        gone.delete()
    # Park the kept rows on high positions first: (publication, position) is unique.
    Authorship.objects.filter(pk__in=[a.pk for a in keep if a.pk]).update(
        position=models.F("position") + 10_000
    )
    for authorship in keep:
        authorship.save()


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        to_field_name="slug",
        widget=forms.TextInput,
        label="The duplicate’s address name (slug)",
        help_text="Everything of that person moves here, and that person goes.",
        error_messages={"invalid_choice": "There is no other person with that slug."},
    )

    def __init__(self, *args, kept: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = Person.objects.exclude(pk=kept.pk)


class SuggestionForm(forms.ModelForm):
    class Meta:
        model = Suggestion
        fields = ["text"]
        labels = {"text": "What should change"}
        help_texts = {"text": "The paper's authors on Vitae read it and correct the paper."}
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
