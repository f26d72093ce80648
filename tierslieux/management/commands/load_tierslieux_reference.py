from django.core.management.base import BaseCommand

from tierslieux.loaders import load_reference


class Command(BaseCommand):
    help = (
        "Load the kinds of place, sectors, kinds of service and kinds of equipment (French and Italian labels) from "
        "tierslieux/data/. Safe to run again: it updates what changed."
    )

    def handle(self, *args, **options) -> None:
        counts = load_reference()
        summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Tiers-Lieux reference data loaded ({summary})"))
