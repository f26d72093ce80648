"""Equipment kinds are bilingual reference data: loaded with the other vocabularies, shown in the
reader's language; the migration maps yesterday's free-text kinds onto them without losing words."""

import importlib

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from tests.tierslieux.factories import PlaceFactory
from tierslieux.models import EquipmentKind

kinds_migration = importlib.import_module("tierslieux.migrations.0005_equipment_kinds")


def test_the_loader_brings_equipment_kinds_in_both_languages(db):
    call_command("load_tierslieux_reference", verbosity=0)
    printer = EquipmentKind.objects.get(code="3d-printer")
    assert (printer.name_fr, printer.name_it) == ("Imprimante 3D", "Stampante 3D")
    assert EquipmentKind.objects.get(code="meeting-room").is_room
    assert all(k.name_fr and k.name_it for k in EquipmentKind.objects.all())
    count = EquipmentKind.objects.count()
    call_command("load_tierslieux_reference", verbosity=0)
    assert EquipmentKind.objects.count() == count


def test_the_place_page_names_the_kind_in_the_readers_language(client, db):
    call_command("load_tierslieux_reference", verbosity=0)
    place = PlaceFactory()
    place.equipment.create(kind=EquipmentKind.objects.get(code="laser-cutter"), name="Trotec Speedy 400")
    for lang, shown, hidden in (("fr", "Découpeuse laser", "taglio laser"), ("it", "taglio laser", "Découpeuse")):
        with translation.override(lang):
            page = client.get(reverse("tierslieux:place_detail", args=[place.slug])).content.decode()
        assert shown in page and hidden not in page


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Imprimante 3D", "3d-printer"),
        ("Stampante 3D", "3d-printer"),
        ("Découpe laser", "laser-cutter"),
        ("Taglio laser", "laser-cutter"),
        ("Fresa CNC", "cnc-mill"),
        ("Fraiseuse CNC", "cnc-mill"),
        ("Elettronica", "electronics-bench"),
        ("Dinamometro", "tensile-tester"),
        ("Salle de réunion", "meeting-room"),
        ("Four à pain", "other"),
    ],
)
def test_free_text_kinds_map_to_codes(text, code):
    assert kinds_migration.kind_code(text) == code


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_existing_equipment():
    """Rows written with a free-text kind before the migration get a kind after it; an unknown
    kind becomes "other" and its words stay in the equipment's name."""
    place = PlaceFactory()
    executor = MigrationExecutor(connection)
    executor.migrate([("tierslieux", "0004_search_documents")])
    old = executor.loader.project_state([("tierslieux", "0004_search_documents")]).apps
    Equipment = old.get_model("tierslieux", "Equipment")
    Equipment.objects.create(place_id=place.pk, kind="Stampante 3D", name="Ultimaker S5")
    Equipment.objects.create(place_id=place.pk, kind="Four à pain", name="Bongard")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    from tierslieux.models import Equipment as Current

    rows = {e.name: e.kind.code for e in Current.objects.select_related("kind")}
    assert rows == {"Ultimaker S5": "3d-printer", "Four à pain Bongard": "other"}
