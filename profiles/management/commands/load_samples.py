from django.conf import settings
from django.core.management.base import BaseCommand

from profiles.importing import import_cv_file

# The order builds the graph the way a site grows: the students' CVs make their advisor a
# stub, which her own page later turns into her profile; her BibTeX adds to it.
SAMPLES = [
    "mara-okonkwo-lind.md",
    "tomas-ferreira.txt",
    "jun-wei-tan.html",
    "helena-marsh-about.md",
    "helena-marsh.bib",
]


class Command(BaseCommand):
    help = "Import the sample CVs of fictional researchers in samples/, once."

    def handle(self, *args, **options) -> None:
        folder = settings.BASE_DIR / "samples"
        for name in SAMPLES:
            result = import_cv_file((folder / name).read_bytes(), name)
            self.stdout.write(result.summary())
