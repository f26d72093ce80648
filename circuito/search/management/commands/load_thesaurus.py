from django.core.management.base import BaseCommand

from circuito.search.loaders import load_thesaurus
from circuito.search.thesaurus import thesaurus_loaded


class Command(BaseCommand):
    help = "Load the bilingual thesaurus (concepts, terms, links to codes) from circuito/search/data."

    def handle(self, *args, **options) -> None:
        counts = load_thesaurus()
        self.stdout.write(", ".join(f"{name}: {value}" for name, value in counts.items()))
        if any(counts.values()):
            thesaurus_loaded.send(sender=self.__class__, counts=counts)
