"""Reference data of the app, read from the project's charter (idempotent)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the app's reference data from the charter (idempotent)."

    def handle(self, *args, **options) -> None:
        pass
