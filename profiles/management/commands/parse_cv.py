import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

import cvparse


class Command(BaseCommand):
    help = "Parse one CV file and print its CV JSON. Writes nothing to the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--pretty", action="store_true", help="Indent the JSON.")

    def handle(self, *args, file: Path, pretty: bool, **options) -> None:
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        try:
            result = cvparse.parse(data, file.name)
        except cvparse.CVParseError as error:
            raise CommandError(f"{file.name}: {error}") from error
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2 if pretty else None))
