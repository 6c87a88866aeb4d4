from django.core.management.base import BaseCommand
from django.db import transaction

from profiles.resolution import resolve_authorships
from publications.models import Authorship

BATCH = 2000


class Command(BaseCommand):
    help = "Link again, over the whole graph, every author an import left unlinked."

    def handle(self, *args, **options) -> None:
        unlinked = Authorship.objects.filter(person=None, is_linked_by_hand=False).order_by("pk")
        linked, last = 0, 0
        while batch := list(unlinked.filter(pk__gt=last)[:BATCH]):
            with transaction.atomic():
                linked += len(resolve_authorships(batch))
            last = batch[-1].pk
        self.stdout.write(f"Linked {linked} authors; {unlinked.count()} stay as written.")
