"""Venues, publications and their ordered authors."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from profiles.graph_version import GraphWritesQuerySet
from profiles.models import CVDocument, HandEdited, Person, Timestamped
from publications.queries import PublicationQuerySet


class Venue(HandEdited):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", "Conference"
        JOURNAL = "journal", "Journal"
        WORKSHOP = "workshop", "Workshop"
        PREPRINT = "preprint", "Preprint server"
        BOOK = "book", "Book or series"
        OTHER = "other", "Other"

    name = models.CharField(max_length=400)
    short_name = models.CharField(max_length=60, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    key = models.CharField(max_length=400, unique=True, help_text="Normalised name for matching.")
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.OTHER)

    objects = GraphWritesQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["short_name"], name="venue_short_name_idx")]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("publications:venue-detail", args=[self.slug])


class Publication(HandEdited):
    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        ACCEPTED = "accepted", "Accepted"
        PREPRINT = "preprint", "Preprint"
        UNDER_REVIEW = "under_review", "Under review"
        IN_PREPARATION = "in_preparation", "In preparation"

    class EntryType(models.TextChoices):
        """What the publication is, as its source says (cvparse.kinds.ENTRY_TYPES)."""

        ARTICLE = "article", "Journal article"
        INPROCEEDINGS = "inproceedings", "Conference paper"
        BOOK = "book", "Book"
        CHAPTER = "chapter", "Book chapter"
        THESIS = "thesis", "Thesis"
        REPORT = "report", "Report"
        PREPRINT = "preprint", "Preprint"
        PATENT = "patent", "Patent"
        DATASET = "dataset", "Dataset"
        SOFTWARE = "software", "Software"

    title = models.TextField()
    normalized_title = models.CharField(max_length=500, db_index=True)
    slug = models.SlugField(max_length=80, unique=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    venue = models.ForeignKey(
        Venue, on_delete=models.SET_NULL, null=True, blank=True, related_name="publications"
    )
    venue_name = models.CharField(
        max_length=500, blank=True, help_text="The venue as the CV writes it."
    )
    status = models.CharField(max_length=16, choices=Status, blank=True)
    doi = models.CharField(max_length=200, blank=True)
    entry_type = models.CharField(
        max_length=16, choices=EntryType, blank=True, help_text="Blank: the source did not say."
    )
    volume = models.CharField(max_length=40, blank=True)
    issue = models.CharField(max_length=40, blank=True)
    pages = models.CharField(max_length=60, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    editors = models.JSONField(default=list, blank=True, help_text="Names as written, in order.")
    arxiv_id = models.CharField("arXiv id", max_length=40, blank=True)
    isbn = models.CharField("ISBN", max_length=20, blank=True)
    location = models.CharField(max_length=200, blank=True)
    links = models.JSONField(default=list, blank=True, help_text='[{"label": ..., "url": ...}]')
    note = models.TextField(blank=True)
    documents = models.ManyToManyField(
        CVDocument, blank=True, related_name="publications", help_text="CVs that list it."
    )

    objects = PublicationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "title"]
        indexes = [
            models.Index(fields=["-year", "title"], name="publication_year_title_idx"),
            models.Index(fields=["venue", "-year"], name="publication_venue_year_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["doi"], condition=~Q(doi=""), name="publication_unique_doi"
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1900, year__lte=2100),
                name="publication_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                name="publication_month_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self) -> str:
        return reverse("publications:publication-detail", args=[self.slug])


class Authorship(Timestamped):
    """One author of a publication, at one position, as written, maybe linked to a Person."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="authorships"
    )
    position = models.PositiveSmallIntegerField(help_text="1 for the first author.")
    name = models.CharField(max_length=200, help_text="The name as the CV writes it.")
    name_key = models.CharField(
        max_length=200, blank=True, help_text="Normalised name that resolution matches."
    )
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="authorships"
    )
    is_equal_contribution = models.BooleanField(default=False)
    is_corresponding = models.BooleanField(default=False)
    is_linked_by_hand = models.BooleanField(
        default=False, help_text="Set by a person; automatic resolution never changes it."
    )
    category = models.CharField(
        max_length=200, blank=True, help_text="The owner's CV sub-heading for this paper."
    )

    objects = GraphWritesQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["publication", "position"]
        indexes = [
            models.Index(fields=["person", "publication"], name="authorship_person_pub_idx"),
            models.Index(fields=["name"], name="authorship_name_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "position"], name="authorship_unique_position"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="authorship_position_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (#{self.position}) on {self.publication_id}"
