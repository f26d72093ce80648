from django.core.management.base import BaseCommand

from circuito.accounts.charter import load_partners


class Command(BaseCommand):
    help = "Create or refresh the project partners and implementing bodies from the charter."

    def handle(self, *args, **options) -> None:
        counts = load_partners()
        self.stdout.write(f"Charter organisations: {counts['created']} created, {counts['updated']} updated.")
