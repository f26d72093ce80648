"""Demo data of the app for `make run` (idempotent): each area's module in reporting/demo/."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

AREAS = [
    "calendar",
    "structure",
    "committees",
    "expenditure",
    "monitoring",
    "reports",
]


class Command(BaseCommand):
    help = "Load the demo data of the app (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo data: refusing with DEBUG off (use --force).")
        for area in AREAS:
            import_module(f"reporting.demo.{area}").load(self.stdout)
