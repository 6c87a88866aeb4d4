"""Claims: a signed-up user asking to become the owner of a stub Person."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from profiles.models import Person


class Claim(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="claims")
    message = models.TextField(
        blank=True, help_text="Why this profile is theirs (a homepage, an e-mail address, ...)."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "person"],
                condition=Q(status="pending"),
                name="claim_one_pending_per_user_person",
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="claim_status_idx")]

    def __str__(self) -> str:
        return f"{self.user} claims {self.person} ({self.get_status_display()})"

    @transaction.atomic
    def approve(self, by) -> None:
        """Make the claimant the owner of the person; other pending claims on it fail."""
        person = Person.objects.select_for_update().get(pk=self.person_id)
        person.owner = self.user
        person.is_stub = False
        person.version += 1
        person.save(update_fields=["owner", "is_stub", "version", "updated_at"])
        self._decide(self.Status.APPROVED, by)
        for other in Claim.objects.filter(person=person, status=self.Status.PENDING):
            other._decide(self.Status.REJECTED, by)

    def reject(self, by) -> None:
        self._decide(self.Status.REJECTED, by)

    def _decide(self, status: str, by) -> None:
        self.status, self.decided_by, self.decided_at = status, by, timezone.now()
        self.save(update_fields=["status", "decided_by", "decided_at"])
