"""Demo data of the app for `make run` (idempotent): each area's module in reporting/demo/."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

AREAS = [
    "structure",
    "committees",
    "expenditure",
    "reports",
]


class Command(BaseCommand):
    help = "Load the demo data of the app (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        for area in AREAS:
            import_module(f"reporting.demo.{area}").load(self.stdout)
