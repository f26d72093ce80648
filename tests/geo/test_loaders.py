import time

import pytest
from django.core.management import call_command

from circuito.geo import reference
from circuito.geo.loaders import FR_COMMUNES_FILE, IT_COMUNI_FILE, french_rows, italian_rows, load_territories
from circuito.geo.models import Commune, Territory
from circuito.geo.search import normalise
from tests.geo.conftest import FR_HEADER, IT_HEADER, IT_ROWS, write_csv

pytestmark = pytest.mark.django_db


def test_load_creates_the_tree_and_communes(gazetteer):
    assert gazetteer.created == {"territories": 2 + 18 + 20 + 6 + 7, "communes": 14}
    assert gazetteer.skipped == ["FR 12218 Conques-en-Rouergue"]  # no coordinates
    france = Territory.objects.get(level="country", code="FR")
    assert (france.name_fr, france.name_it) == ("France", "Francia")
    italy = Territory.objects.get(level="country", code="IT")
    assert (italy.name_fr, italy.name_it) == ("Italie", "Italia")
    paca = Territory.objects.get(country="FR", level="region", code="93")
    assert (paca.name_fr, paca.name_it, paca.parent, paca.in_alcotra) == (
        "Provence-Alpes-Côte d'Azur",
        "Provenza-Alpi-Costa Azzurra",
        france,
        True,
    )
    alpes_maritimes = Territory.objects.get(country="FR", level="department", code="06")
    assert (alpes_maritimes.name_fr, alpes_maritimes.name_it) == ("Alpes-Maritimes", "Alpi Marittime")
    assert alpes_maritimes.parent == paca and alpes_maritimes.in_alcotra
    loire = Territory.objects.get(country="FR", level="department", code="42")
    assert loire.parent.code == "84" and not loire.in_alcotra
    torino = Territory.objects.get(country="IT", level="department", code="TO")
    assert (torino.name_fr, torino.name_it, torino.parent.name_it, torino.in_alcotra) == (
        "Turin",
        "Torino",
        "Piemonte",
        True,
    )
    aosta = Territory.objects.get(country="IT", level="department", code="AO")
    assert (aosta.name_fr, aosta.name_it) == ("Aoste", "Aosta")
    assert (aosta.parent.code, aosta.parent.name_fr, aosta.parent.name_it) == ("02", "Vallée d'Aoste", "Valle d'Aosta")
    assert not Territory.objects.get(country="IT", level="region", code="03").in_alcotra  # Lombardia


def test_every_region_has_both_languages(gazetteer):
    regions = Territory.objects.filter(level="region")
    assert regions.filter(country="FR").count() == 18
    assert regions.filter(country="IT").count() == 20
    for region in Territory.objects.all():
        assert region.name_fr and region.name_it, region.code
    pairs = {(r.name_it, r.name_fr) for r in regions}
    for expected in [
        ("Piemonte", "Piémont"),
        ("Liguria", "Ligurie"),
        ("Sardegna", "Sardaigne"),
        ("Sicilia", "Sicile"),
        ("Toscana", "Toscane"),
        ("Lombardia", "Lombardie"),
        ("Alvernia-Rodano-Alpi", "Auvergne-Rhône-Alpes"),
    ]:
        assert expected in pairs
    assert set(regions.filter(in_alcotra=True).values_list("country", "code")) == {
        ("FR", "93"),
        ("FR", "84"),
        ("IT", "01"),
        ("IT", "02"),
        ("IT", "07"),
    }


def test_communes_get_exonyms_and_search_names(gazetteer):
    nice = Commune.objects.get(country="FR", code="06088")
    # The Italian name of the County of Nice before 1860 is searched too (reference.OTHER_NAMES).
    assert (nice.alt_name, nice.search_name) == ("Nizza", "nice nizza nizza marittima")
    assert nice.department.code == "06" and nice.population == 348085
    torino = Commune.objects.get(country="IT", code="001272")
    assert (torino.alt_name, torino.search_name, torino.population) == ("Turin", "torino turin", None)
    tinee = Commune.objects.get(code="06120")
    assert tinee.search_name == "saint etienne de tinee santo stefano di tinea"


def test_load_is_idempotent_and_updates_what_changed(gazetteer_files, db, tmp_path, django_assert_max_num_queries):
    load_territories(*gazetteer_files)
    ids = dict(Commune.objects.values_list("code", "pk"))
    again = load_territories(*gazetteer_files)
    assert again.created == {"territories": 0, "communes": 0}
    assert again.updated == {"territories": 0, "communes": 0}
    assert dict(Commune.objects.values_list("code", "pk")) == ids
    changed = [list(r) for r in IT_ROWS]
    changed[0][7] = "45.08"  # Torino moved a little
    it_path = write_csv(tmp_path / "it2.csv", IT_HEADER, changed)
    with django_assert_max_num_queries(20):
        result = load_territories(gazetteer_files[0], it_path)
    assert result.updated == {"territories": 0, "communes": 1}
    assert Commune.objects.get(code="001272").latitude == 45.08
    assert Commune.objects.count() == 14


def test_alcotra_only_keeps_the_alcotra_departments(gazetteer_files, db):
    load_territories(*gazetteer_files, alcotra_only=True)
    assert set(Commune.objects.values_list("department__code", flat=True)) == {"06", "73", "TO", "CN", "GE", "AO", "IM"}
    # every region is still there, departments only where communes are
    assert Territory.objects.filter(level="region").count() == 38
    assert not Territory.objects.filter(level="department", code__in=["42", "13", "75", "AT", "MI"]).exists()


def test_unknown_department_or_region_is_an_explicit_error(tmp_path, db):
    fr = write_csv(tmp_path / "fr.csv", FR_HEADER, [["FR", "99001", "Nowhere", "99", "Nulle part", "1", "45", "5"]])
    with pytest.raises(ValueError, match="department '99'"):
        load_territories(fr, None)
    it = write_csv(tmp_path / "it.csv", IT_HEADER, [["IT", "1", "X", "X", "XX", "X", "Atlantide", "45", "7"]])
    with pytest.raises(ValueError, match="Atlantide"):
        load_territories(None, it)
    assert not Territory.objects.exists()  # all or nothing


def test_command_runs_with_file_options(gazetteer_files, db):
    from io import StringIO

    out = StringIO()
    call_command(
        "load_territories", "--fr-file", str(gazetteer_files[0]), "--it-file", str(gazetteer_files[1]), stdout=out
    )
    assert "communes: 14 created" in out.getvalue()


def test_shipped_files_cover_the_reference_tables():
    """Every department has a region, every exonym names a real place, the ALCOTRA area is there."""
    fr = list(french_rows(FR_COMMUNES_FILE))
    it = list(italian_rows(IT_COMUNI_FILE))
    assert len(fr) > 34_000 and len(it) > 7_800
    places = {(r.country, r.department_code, r.name) for r in fr + it}
    missing = [key for key in reference.EXONYMS if key not in places]
    assert not missing
    departments = {(r.country, r.department_code) for r in fr + it}
    for country, codes in reference.ALCOTRA_DEPARTMENTS.items():
        assert {(country, c) for c in codes} <= departments
    assert {r.region_code for r in it} == set(reference.IT_REGIONS)
    assert {r.region_code for r in fr} == set(reference.FR_REGIONS)
    assert all(normalise(r.name) for r in fr + it)


def test_alcotra_only_load_of_the_shipped_files_is_fast(db):
    started = time.monotonic()
    result = load_territories(alcotra_only=True)
    assert time.monotonic() - started < 5
    assert result.created["communes"] == 1075 + 835
    assert Territory.objects.filter(level="department").count() == 11
    assert Territory.objects.filter(level="department", in_alcotra=True).count() == 11
    nice = Commune.objects.get(country="FR", name="Nice")
    assert nice.alt_name == "Nizza" and nice.department.parent.code == "93"
