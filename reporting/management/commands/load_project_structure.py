"""Reference data of the app, read from the project's charter (idempotent)."""

from django.core.management.base import BaseCommand

from reporting.loaders import load_structure


class Command(BaseCommand):
    help = "Load the project structure (work packages, activities, deliverables, indicators) from the charter."

    def handle(self, *args, **options) -> None:
        counts = load_structure()
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
