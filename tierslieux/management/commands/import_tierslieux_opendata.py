"""Add or refresh places from a CSV in the national schema of digital mediation places
(tierslieux.opendata_import): all or nothing, with the errors listed by line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from circuito.accounts.models import User
from tierslieux.opendata_import import import_places


class Command(BaseCommand):
    help = "Import places from a CSV in the 'lieux de médiation numérique' schema (no duplicates)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--as", dest="actor", required=True, help="E-mail of the partner staff member importing.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, save nothing.")

    def handle(self, *args, path: Path, actor: str, dry_run: bool, **options) -> None:
        user = User.objects.filter(email__iexact=actor, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account {actor}.")
        report = import_places(path.read_bytes(), actor=user, dry_run=dry_run)
        for line, message in report.errors:
            self.stderr.write(f"line {line}: {message}")
        if not report.ok:
            raise CommandError(f"{len(report.errors)} error(s): nothing was imported.")
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created} places {verb} created, {report.updated} updated, {report.unchanged} unchanged."
            )
        )
