from django.core.management.base import BaseCommand

from tierslieux.search_index import refresh_all


class Command(BaseCommand):
    help = (
        "Rebuild the search documents of places, news, events, projects, innovation needs and B2B "
        "profiles: after the thesaurus gained equipment terms, a bulk import, or a renamed commune, "
        "kind of place or sector. Safe to run again: only documents that changed are written."
    )

    def handle(self, *args, **options) -> None:
        counts = refresh_all()
        summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Search documents rebuilt ({summary})"))
