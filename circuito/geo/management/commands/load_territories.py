import time

from django.core.management.base import BaseCommand

from circuito.geo.loaders import FR_COMMUNES_FILE, IT_COMUNI_FILE, load_territories


class Command(BaseCommand):
    help = (
        "Load countries, regions, departments/provinces and the communes of France and Italy "
        "(INSEE COG / IGN Admin Express, Openpolis). Safe to run again: it updates what changed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--alcotra-only",
            action="store_true",
            help="Only the communes of the ALCOTRA area (FR 04, 05, 06, 73, 74; IT AO, TO, CN, IM, SV, GE).",
        )
        parser.add_argument("--fr-file", default=str(FR_COMMUNES_FILE), help="French communes CSV (.csv or .csv.gz)")
        parser.add_argument("--it-file", default=str(IT_COMUNI_FILE), help="Italian comuni CSV (.csv or .csv.gz)")

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        result = load_territories(options["fr_file"], options["it_file"], alcotra_only=options["alcotra_only"])
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{result} in {elapsed:.1f} s"))
