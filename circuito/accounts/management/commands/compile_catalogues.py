"""Compile the .po catalogues to .mo with polib, so no GNU gettext is needed anywhere. French
translations get their non-breaking spaces here (circuito.languages.typography)."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from circuito.languages.typography import compiled_text


def compile_catalogue(po_path: Path) -> polib.POFile:
    """The catalogue at `po_path` as it is compiled (translations in their typography)."""
    language = po_path.parts[-3]
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = compiled_text(language, entry.msgstr)
        entry.msgstr_plural = {n: compiled_text(language, text) for n, text in entry.msgstr_plural.items()}
    return po


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files (pure Python)."

    def handle(self, *args, **options) -> None:
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                compile_catalogue(po_path).save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
