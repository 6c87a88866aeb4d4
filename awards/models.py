"""Awards, honours, scholarships, prizes and fellowships."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from profiles.models import ProfileEntry


class Award(ProfileEntry):
    title = models.CharField(max_length=400)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    issuer = models.CharField(max_length=300, blank=True)
    rank = models.CharField(max_length=100, blank=True, help_text="“4/200”, “Top 5%”")
    details = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["person", "-year"], name="award_person_year_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1900, year__lte=2100),
                name="award_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title
