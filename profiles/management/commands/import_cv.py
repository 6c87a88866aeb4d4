from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

import cvparse
from profiles.importing import import_cv_file


class Command(BaseCommand):
    help = "Import CV files into the graph, one transaction each; known files are skipped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--owner", metavar="USERNAME", help="The user whose profile this is.")

    def handle(self, *args, files: list[Path], owner: str | None, **options) -> None:
        user = None
        if owner:
            try:
                user = get_user_model()._default_manager.get_by_natural_key(owner)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user {owner!r}.") from error
        failed = []
        progress = tqdm(files, unit="CV", disable=len(files) < 2 or None, file=self.stderr)
        for path in progress:
            try:
                result = import_cv_file(path.read_bytes(), path.name, owner=user)
            except (OSError, cvparse.CVParseError) as error:
                message = getattr(error, "strerror", None) or str(error)
                progress.write(
                    self.style.ERROR(f"{path}: cannot import: {message}"), file=self.stderr
                )
                failed.append(path)
                continue
            progress.write(result.summary(), file=self.stdout)
            for line in result.unparsed:
                progress.write(f"    unparsed: {line}", file=self.stdout)
        if failed:
            raise CommandError(f"{len(failed)} of {len(files)} files could not be imported.")
