import time

from django.core.management.base import BaseCommand

from circuito.nace.loaders import ATECO_FILE, NACE_FILE, NAF_FILE, load_nace


class Command(BaseCommand):
    help = (
        "Load NACE Rev. 2 (sections to classes) with French NAF and Italian ATECO labels, and the NAF "
        "sub-classes and ATECO sub-categories. Safe to run again: it updates what changed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--nace-file", default=str(NACE_FILE))
        parser.add_argument("--naf-file", default=str(NAF_FILE))
        parser.add_argument("--ateco-file", default=str(ATECO_FILE))

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        result = load_nace(options["nace_file"], options["naf_file"], options["ateco_file"])
        self.stdout.write(self.style.SUCCESS(f"{result} in {time.monotonic() - started:.1f} s"))
