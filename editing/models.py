"""What a staff merge of two people changed (to show and revert it), and suggested
corrections to papers."""

from django.conf import settings
from django.db import models

from profiles.models import Person
from publications.models import Publication


class MergeRecord(models.Model):
    """``duplicate`` went into ``kept``.

    ``snapshot`` holds the serialized duplicate and the rows the merge deleted
    (conflicting names and mentorships); ``moved`` lists ``[model label, field, pk]``
    for each row whose ``field`` was pointed from the duplicate to the kept person;
    ``created`` lists ``[model label, pk]`` for rows the merge added.
    """

    kept = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="merges")
    duplicate_name = models.CharField(max_length=200)
    duplicate_slug = models.SlugField(max_length=80)
    snapshot = models.JSONField(default=list)
    moved = models.JSONField(default=list)
    created = models.JSONField(default=list)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reverted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["kept", "-created_at"], name="mergerecord_kept_idx")]

    def __str__(self) -> str:
        return f"{self.duplicate_name} → {self.kept}"

    @property
    def is_reverted(self) -> bool:
        return self.reverted_at is not None


class Suggestion(models.Model):
    """A correction to a shared paper from someone who may not edit it, for the people
    who may (its authors with a profile, staff) to read and apply or dismiss."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="suggestions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suggestions"
    )
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["publication", "resolved_at"], name="suggestion_open_idx"),
        ]

    def __str__(self) -> str:
        return f"On {self.publication_id}: {self.text[:60]}"
