"""Reference data of the app, read from the project's charter (idempotent)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from circuito.accounts.models import Organisation


class Command(BaseCommand):
    help = "Load the app's reference data from the charter (idempotent)."

    def handle(self, *args, **options) -> None:
        from focusgroups.reference import load_reference

        if not Organisation.objects.filter(partner_code="LIG").exists():
            call_command("load_charter", stdout=self.stdout)
        counts = load_reference()
        self.stdout.write(
            f"Focus groups: {counts['studies']} studies, {counts['tags']} tags, "
            f"{counts['consent_texts']} new consent texts."
        )
