"""`load_reference` runs at every container start: it creates what is missing and never
overwrites what staff edited (partners' names and descriptions, vocabularies' labels, studies)."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from circuito.accounts.models import Organisation
from focusgroups.models import QuestionTag, Study
from tierslieux.models import PlaceKind

pytestmark = pytest.mark.django_db(transaction=False)


def load_reference() -> None:
    # The gazetteer and NACE (tens of thousands of rows, read from files nobody edits) are left
    # out to keep the test short; every loader with labels staff may edit runs.
    commands = [c for c in settings.REFERENCE_DATA_COMMANDS if c not in ("load_territories", "load_nace")]
    with override_settings(REFERENCE_DATA_COMMANDS=commands):
        call_command("load_reference", stdout=io.StringIO())


def test_reload_keeps_what_staff_edited_and_recreates_what_is_missing():
    load_reference()
    partner = Organisation.objects.get(partner_code="LIG")
    partner.description_fr = "Description rédigée par l’équipe."
    partner.description_it = "Descrizione scritta dallo staff."
    partner.legal_name = "Regione Liguria — Settore Sviluppo"
    partner.save()
    kind = PlaceKind.objects.order_by("pk").first()
    kind.name_fr = kind.name = "Libellé revu"
    kind.save()
    study = Study.objects.order_by("pk").first()
    study.name_fr = "Étude renommée"
    study.save()
    tag = QuestionTag.objects.order_by("pk").first()
    tag.label_it = "Etichetta rivista"
    tag.save()
    missing = QuestionTag.objects.order_by("pk").last()
    missing_code = missing.code
    missing.delete()

    load_reference()

    partner.refresh_from_db()
    assert partner.description_fr == "Description rédigée par l’équipe."
    assert partner.description_it == "Descrizione scritta dallo staff."
    assert partner.legal_name == "Regione Liguria — Settore Sviluppo"
    assert partner.is_lead_partner  # what the charter decides is still refreshed
    kind.refresh_from_db()
    assert kind.name_fr == "Libellé revu"
    study.refresh_from_db()
    assert study.name_fr == "Étude renommée"
    tag.refresh_from_db()
    assert tag.label_it == "Etichetta rivista"
    assert QuestionTag.objects.filter(code=missing_code).exists()  # created again


def test_charter_refreshes_the_structure_it_decides():
    call_command("load_charter", stdout=io.StringIO())
    partner = Organisation.objects.get(partner_code="LIG")
    Organisation.objects.filter(pk=partner.pk).update(is_lead_partner=False)
    call_command("load_charter", stdout=io.StringIO())
    partner.refresh_from_db()
    assert partner.is_lead_partner
