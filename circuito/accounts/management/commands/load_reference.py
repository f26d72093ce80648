from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from circuito.search import thesaurus


class Command(BaseCommand):
    help = "Load every reference data set (territories, NACE, charter, and each app's own), idempotently."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--alcotra-only", action="store_true", help="Only the ALCOTRA area's communes.")

    def handle(self, *args, **options) -> None:
        for name in settings.REFERENCE_DATA_COMMANDS:
            self.stdout.write(f"== {name}")
            if name == "load_territories" and options["alcotra_only"]:
                call_command(name, "--alcotra-only", stdout=self.stdout)
            else:
                call_command(name, stdout=self.stdout)
        # Reference labels feed the search vocabularies: every process rebuilds them.
        thesaurus.changed()
