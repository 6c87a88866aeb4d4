"""Organizations, people's affiliations with them, and who advised whom."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from affiliations.queries import AffiliationQuerySet, OrganizationQuerySet
from profiles.models import HandEdited, Person, ProfileEntry, Timestamped

# "2021", "2021-09", or "present" for an open end: the precision a CV gives.
cv_date_validator = RegexValidator(
    r"^((19|20)\d\d(-(0[1-9]|1[0-2]))?|present)$", "Use YYYY, YYYY-MM or “present”."
)


class Organization(HandEdited):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", "University"
        COMPANY = "company", "Company"
        LAB = "lab", "Research lab or institute"
        AGENCY = "agency", "Agency or funder"
        OTHER = "other", "Other"

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=80, unique=True)
    key = models.CharField(max_length=300, unique=True, help_text="Normalised name for matching.")
    aliases = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    country = models.CharField(max_length=100, blank=True)

    objects = OrganizationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["name"], name="organization_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="organization_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("affiliations:organization-detail", args=[self.slug])


class Affiliation(ProfileEntry):
    """A period of a person at an organization: a degree, a job, an internship, a visit."""

    class Kind(models.TextChoices):
        EDUCATION = "education", "Education"
        EMPLOYMENT = "employment", "Employment"
        INTERNSHIP = "internship", "Internship"
        RESEARCH = "research", "Research"
        VISITING = "visiting", "Visiting"
        SERVICE = "service", "Service"
        OTHER = "other", "Other"

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affiliations",
    )
    organization_name = models.CharField(
        max_length=300, blank=True, help_text="The institution as the CV writes it."
    )
    kind = models.CharField(max_length=12, choices=Kind)
    title = models.CharField(max_length=300, blank=True, help_text="Degree or job title.")
    field = models.CharField(max_length=300, blank=True)
    department = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=200, blank=True)
    start = models.CharField(max_length=7, blank=True, validators=[cv_date_validator])
    end = models.CharField(max_length=7, blank=True, validators=[cv_date_validator])
    gpa = models.CharField(max_length=60, blank=True)
    details = models.JSONField(default=list, blank=True)

    objects = AffiliationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        indexes = [
            models.Index(fields=["person", "kind", "order"], name="affiliation_person_kind_idx"),
            models.Index(fields=["organization", "kind"], name="affiliation_org_kind_idx"),
        ]
        constraints = [
            # "YYYY" and "YYYY-MM" compare correctly as text; "present" is open.
            models.CheckConstraint(
                condition=Q(start="") | Q(end="") | Q(end="present") | Q(start__lte=F("end")),
                name="affiliation_start_before_end",
            ),
            models.CheckConstraint(
                condition=~Q(start="present"), name="affiliation_start_not_open"
            ),
        ]

    def __str__(self) -> str:
        where = self.organization.name if self.organization_id else self.organization_name
        return f"{self.person} — {self.title or self.get_kind_display()}, {where}"

    @property
    def is_current(self) -> bool:
        return self.end == "present"


class Mentorship(Timestamped):
    """An advisor, co-advisor, supervisor, mentor or host of a person."""

    class Role(models.TextChoices):
        ADVISOR = "advisor", "Advisor"
        SUPERVISOR = "supervisor", "Supervisor"
        MENTOR = "mentor", "Mentor"

    advisor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentorships_given")
    advisee = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="mentorships_received"
    )
    affiliation = models.ForeignKey(
        Affiliation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mentorships",
    )
    role = models.CharField(max_length=12, choices=Role, default=Role.ADVISOR)
    name_as_written = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(advisor=F("advisee")), name="mentorship_not_self"),
            models.UniqueConstraint(
                fields=["advisor", "advisee", "affiliation"],
                name="mentorship_unique_per_affiliation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.advisor} → {self.advisee} ({self.get_role_display()})"
