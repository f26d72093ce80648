"""The fr and it catalogues are complete, and the committed .mo files match the .po files
(they are compiled with a pure-Python tool, so a user needs no GNU gettext)."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

from circuito.accounts.management.commands.compile_catalogues import compile_catalogue

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"))


def test_both_languages_have_a_catalogue():
    assert {p.parts[-3] for p in CATALOGUES} >= {"fr", "it"}


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_catalogue_is_complete(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_compiled_catalogue_is_up_to_date(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"run `make compilemessages` to create {mo_path.name}"
    # French translations are compiled with their non-breaking spaces (circuito.languages.typography).
    expected = {
        (e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural) for e in compile_catalogue(po_path).translated_entries()
    }
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural) for e in polib.mofile(str(mo_path))}
    compiled.pop((None, ""), None)
    assert compiled == expected, "the .mo file is stale: run `make compilemessages`"
