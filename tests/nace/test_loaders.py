from io import StringIO

import pytest
from django.core.management import call_command

from circuito.nace import reference
from circuito.nace.loaders import ACTIVITY_FIELDS, load_nace, sentence_case
from circuito.nace.models import NaceActivity, NationalSubclass
from tests.nace.conftest import ATECO_ROWS, NACE_ROWS, write_csv

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "COLTIVAZIONI AGRICOLE E PRODUZIONE DI PRODOTTI ANIMALI, CACCIA E SERVIZI CONNESSI",
            "Coltivazioni agricole e produzione di prodotti animali, caccia e servizi connessi",
        ),
        ("ATTIVITA' IMMOBILIARI", "Attività immobiliari"),
        ("SANITA' E ASSISTENZA SOCIALE", "Sanità e assistenza sociale"),
        ("COMMERCIO ALL'INGROSSO DI APPARECCHIATURE ICT", "Commercio all'ingrosso di apparecchiature ICT"),
        ("ESTRAZIONE DI MINERALI DA CAVE E MINIERE NCA", "Estrazione di minerali da cave e miniere nca"),
        ("Coltivazione di riso ", "Coltivazione di riso"),  # mixed case is kept, spaces trimmed
        ("", ""),
    ],
)
def test_sentence_case(raw, expected):
    assert sentence_case(raw) == expected


def test_load_builds_the_tree_with_both_languages(nace):
    assert nace.created == {"activities": 21 + 4 + 3 + 4, "subclasses": 4 + 4}
    assert NaceActivity.objects.filter(level="section").count() == 21
    section_a = NaceActivity.objects.get(code="A")
    assert (section_a.label_fr, section_a.label_it) == (
        "Agriculture, sylviculture et pêche",
        "Agricoltura, silvicoltura e pesca",
    )
    assert NaceActivity.objects.get(code="L").label_it == "Attività immobiliari"
    assert NaceActivity.objects.get(code="Q").label_it == "Sanità e assistenza sociale"
    juice = NaceActivity.objects.select_related("parent__parent__parent").get(code="10.32")
    assert juice.level == "class"
    assert [juice.parent.code, juice.parent.parent.code, juice.parent.parent.parent.code] == ["10.3", "10", "C"]
    assert juice.label_it == "Produzione di succhi di frutta e di ortaggi"
    assert NaceActivity.objects.get(code="01").label_it == (
        "Coltivazioni agricole e produzione di prodotti animali, caccia e servizi connessi"
    )
    assert NaceActivity.objects.get(code="46.5").label_fr.endswith("communication")  # trailing space trimmed
    # Code forms and the words of both labels, analysed: found as "jus", "succo", "1032".
    for key in ("1032", "jus", "succ", "ortagg", "fruit", "legum"):
        assert f" {key} " in juice.search_document, key
    for activity in NaceActivity.objects.all():
        assert activity.label_fr and activity.label_it, activity.code
        assert not activity.label_it.isupper(), activity.code


def test_national_subclasses_map_to_their_class(nace):
    naf = NationalSubclass.objects.get(scheme="naf", code="10.32Z")
    ateco = NationalSubclass.objects.get(scheme="ateco", code="10.32.00")
    assert naf.nace_class.code == ateco.nace_class.code == "10.32"
    assert ateco.label == "Produzione di succhi di frutta e di ortaggi"
    assert NationalSubclass.objects.filter(scheme="ateco", nace_class__code="01.11").count() == 2


def test_load_is_idempotent_and_updates_labels(nace_files, db, tmp_path):
    load_nace(*nace_files)
    ids = dict(NaceActivity.objects.values_list("code", "pk"))
    again = load_nace(*nace_files)
    assert again.created == {"activities": 0, "subclasses": 0} and again.updated == again.created
    rows = [list(r) for r in NACE_ROWS]
    rows[6][3] = "Produzione di succhi"
    nace_path = write_csv(tmp_path / "nace2.csv", ["nace_code", "level", "label_fr", "label_it"], rows)
    result = load_nace(nace_path, nace_files[1], nace_files[2])
    assert result.updated == {"activities": 1, "subclasses": 0}
    assert NaceActivity.objects.get(code="10.32").label_it == "Produzione di succhi"
    assert dict(NaceActivity.objects.values_list("code", "pk")) == ids
    assert "label_it" in ACTIVITY_FIELDS


def test_sections_come_from_the_ateco_file_when_the_nace_file_has_none(nace_files, db, tmp_path):
    rows = [r for r in NACE_ROWS if r[1] != "section"]
    nace_path = write_csv(tmp_path / "nace3.csv", ["nace_code", "level", "label_fr", "label_it"], rows)
    load_nace(nace_path, nace_files[1], nace_files[2])
    assert NaceActivity.objects.get(code="C").label_it == "Attività manifatturiere"
    assert NaceActivity.objects.get(code="C").label_fr == "Industrie manufacturière"


def test_a_class_without_its_group_is_an_explicit_error(nace_files, db, tmp_path):
    rows = [r for r in NACE_ROWS if r[0] != "10.3"]
    nace_path = write_csv(tmp_path / "bad.csv", ["nace_code", "level", "label_fr", "label_it"], rows)
    with pytest.raises(ValueError, match="10.31"):
        load_nace(nace_path, nace_files[1], nace_files[2])
    assert not NaceActivity.objects.exists()


def test_reference_tables_are_complete():
    assert set(reference.SECTION_LABELS_FR) == set(reference.SECTION_DIVISIONS) == set("ABCDEFGHIJKLMNOPQRSTU")
    assert reference.section_of_division("10") == "C" and reference.section_of_division("99") == "U"
    assert {r[0] for r in ATECO_ROWS if r[1] == "section"} <= set(reference.SECTION_LABELS_FR)


def test_command_loads_the_shipped_files(db):
    out = StringIO()
    call_command("load_nace", stdout=out)
    assert "NACE activities: 996 created" in out.getvalue()
    assert NaceActivity.objects.filter(level="class").count() == 615
    assert NationalSubclass.objects.filter(scheme="naf").count() == 732
    assert NationalSubclass.objects.filter(scheme="ateco").count() == 1224
    assert (
        not NaceActivity.objects.filter(label_it="").exists() and not NaceActivity.objects.filter(label_fr="").exists()
    )
    assert not [a.code for a in NaceActivity.objects.all() if a.label_it.isupper() or a.label_fr.isupper()]
    assert not NaceActivity.objects.filter(parent__isnull=True).exclude(level="section").exists()
    call_command("load_nace", stdout=out)
    assert "NACE activities: 0 created, 0 updated" in out.getvalue()
