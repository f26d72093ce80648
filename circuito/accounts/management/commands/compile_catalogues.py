"""Compile the .po catalogues to .mo with polib, so no GNU gettext is needed anywhere."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files (pure Python)."

    def handle(self, *args, **options) -> None:
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
