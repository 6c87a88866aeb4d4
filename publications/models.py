"""Venues, publications and their ordered authors."""

from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from profiles.graph_version import GraphWritesQuerySet
from profiles.models import CVDocument, HandEdited, Person, Timestamped, User
from publications.queries import ProposalQuerySet, PublicationQuerySet, VenueQuerySet


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

    objects = VenueQuerySet.as_manager()

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

    class ThesisDegree(models.TextChoices):
        """The degree a thesis is for: BibTeX's @phdthesis and @mastersthesis, CSL's genre."""

        DOCTORAL = "doctoral", "Doctoral (PhD)"
        MASTERS = "masters", "Master's"
        BACHELORS = "bachelors", "Bachelor's"

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
    thesis_degree = models.CharField(
        max_length=12, choices=ThesisDegree, blank=True, help_text="For a thesis; blank: unknown."
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

    def is_editable_by(self, user: User) -> bool:
        """Whether ``user`` may change the paper's fields: staff; the owner of a profile
        it is on (an author link is made only by that profile's own CV or its owner's
        acceptance); the owner of the profile whose CV brought it in."""
        if not user.is_authenticated:
            return False
        if user.is_staff or self.authorships.filter(person__owner=user).exists():
            return True
        first = self.documents.order_by("created_at", "pk").values_list("person__owner", flat=True)
        return first.first() == user.pk

    def is_shared_beyond(self, person: Person) -> bool:
        """Whether the paper is on a profile other than ``person``'s, or listed by another
        person's CV: then it is not ``person``'s alone to delete."""
        others = self.authorships.exclude(person=None).exclude(person=person).exists()
        return others or self.documents.exclude(person=person).exists()


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

    def is_unlinkable_by(self, user: User) -> bool:
        """Whether ``user`` may say this author is not the person linked: staff, for any
        author; the owner whose own CV listed the paper, for a stub it linked there (a
        misread author list must not stay on a co-author's page)."""
        if not user.is_authenticated or self.person_id is None:
            return False
        if user.is_staff:
            return True
        return (
            self.person.is_stub
            and self.publication.documents.filter(
                Q(uploaded_by=user) | Q(person__owner=user)
            ).exists()
        )


class AuthorshipProposal(Timestamped):
    """A link another person's CV makes between one of a paper's authors and a profile
    someone owns. Until that owner accepts it the author stays unlinked, so the paper is
    not on their profile; a rejected proposal is kept, so that no import makes it again."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the owner"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    authorship = models.ForeignKey(Authorship, on_delete=models.CASCADE, related_name="proposals")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="authorship_proposals"
    )
    document = models.ForeignKey(
        CVDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The CV that listed the paper with this author.",
    )
    status = models.CharField(max_length=8, choices=Status, default=Status.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "status"], name="proposal_person_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["authorship", "person"], name="proposal_unique_per_author_and_person"
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="proposal_decided_when_not_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} as {self.authorship} ({self.status})"

    @transaction.atomic
    def accept(self) -> None:
        """The owner says this author is them: the paper goes on their profile. A link
        made by its owner, so automatic resolution never undoes it."""
        authorship = Authorship.objects.select_for_update().get(pk=self.authorship_id)
        if authorship.person_id not in (None, self.person_id):
            raise ValueError(f"“{authorship.name}” is linked to someone else since.")
        if (
            self.person.authorships.filter(publication_id=authorship.publication_id)
            .exclude(pk=authorship.pk)
            .exists()
        ):
            raise ValueError("the paper is on your profile already, as another of its authors.")
        authorship.person_id, authorship.is_linked_by_hand = self.person_id, True
        authorship.save(update_fields=["person", "is_linked_by_hand", "updated_at"])
        self._decide(self.Status.ACCEPTED)

    def reject(self) -> None:
        self._decide(self.Status.REJECTED)

    def _decide(self, status: str) -> None:
        self.status, self.decided_at = status, timezone.now()
        self.save(update_fields=["status", "decided_at", "updated_at"])
