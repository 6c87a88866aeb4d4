import sys
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
        failed = 0
        progress = tqdm(files, unit="CV", disable=len(files) < 2 or None, file=sys.stderr)
        for path in progress:
            try:
                result = import_cv_file(path.read_bytes(), path.name, owner=user)
            except Exception as error:  # report it, and go on with the other files
                if isinstance(error, OSError):
                    message = error.strerror
                elif isinstance(error, cvparse.CVParseError):
                    message = str(error)
                else:
                    message = f"{type(error).__name__}: {error}"
                with tqdm.external_write_mode():
                    self.stderr.write(f"{path}: cannot import: {message}")
                failed += 1
                continue
            with tqdm.external_write_mode():
                self.stdout.write(result.summary())
                for line in result.unparsed:
                    self.stdout.write(f"    unparsed: {line}")
        if failed:
            raise CommandError(f"{failed} of {len(files)} files could not be imported.")
