import time

from django.core.management.base import BaseCommand

from bourseflux.loaders import load_reference


class Command(BaseCommand):
    help = (
        "Load the European List of Waste (French and Italian labels), the material categories and the "
        "typical flows of activities from bourseflux/data/. Safe to run again: it updates what changed."
    )

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        result = load_reference()
        self.stdout.write(self.style.SUCCESS(f"{result} in {time.monotonic() - started:.1f} s"))
