"""Reference data of the flux exchange: the List of Waste, categories, typical flows, lookups."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from bourseflux.loaders import load_reference
from bourseflux.models import ActivityFlowProfile, EwcCode, MaterialCategory
from bourseflux.reference_lookup import _prefix_table, category_for_ewc, category_pk_for_code, profiles_for_nace

pytestmark = pytest.mark.django_db

PROJECT_CODES = ["01 03 10", "06 06 99", "10 14 01", "12 01 99", "19 01 99", "19 03 08"]


@pytest.fixture
def reference():
    return load_reference()


def test_list_of_waste_is_complete_with_both_labels(reference):
    levels = EwcCode.objects.values_list("level", flat=True)
    assert (list(levels).count(1), list(levels).count(2), list(levels).count(3)) == (20, 111, 842)
    assert EwcCode.objects.filter(level=3, hazardous=True).count() == 408
    assert not EwcCode.objects.filter(label_fr="").exists()
    assert not EwcCode.objects.filter(label_it="").exists()
    for code in PROJECT_CODES:
        ewc = EwcCode.objects.get(code=code)
        assert ewc.label_it and ewc.label_it_origin == EwcCode.ItalianLabel.PROJECT
    # chapters and sub-chapters were translated by the project; codes of the Italian source were not
    assert not EwcCode.objects.filter(level__lt=3).exclude(label_it_origin="project").exists()
    assert EwcCode.objects.get(code="02 03 04").label_it_origin == EwcCode.ItalianLabel.PARAPHRASE


def test_codes_link_to_their_subchapter_and_chapter(reference):
    entry = EwcCode.objects.select_related("parent__parent").get(code="02 03 04")
    assert entry.parent.code == "02 03" and entry.parent.parent.code == "02"
    assert entry.chapter == "02" and EwcCode.objects.get(code="02").parent is None
    assert " 020304 " in entry.search_document and " 02 03 04 " in entry.search_document


def test_loading_again_changes_nothing_and_repairs_edits(reference):
    EwcCode.objects.filter(code="02 03 04").update(label_it="x")
    result = load_reference()
    assert result.created == {"ewc": 0, "categories": 0, "profiles": 0}
    assert result.updated["ewc"] == 1
    assert EwcCode.objects.get(code="02 03 04").label_it != "x"


def test_management_command_loads_everything(capsys):
    call_command("load_bourseflux_reference")
    assert EwcCode.objects.count() == 973
    assert ActivityFlowProfile.objects.count() >= 60
    assert MaterialCategory.objects.filter(parent__isnull=True).count() >= 14
    assert "created" in capsys.readouterr().out


def test_every_waste_code_has_a_category(reference):
    codes = list(EwcCode.objects.filter(level=3))
    assert len(codes) == 842
    assert [c.code for c in codes if category_for_ewc(c) is None] == []
    table = _prefix_table()  # the query-free variant agrees
    assert all(category_pk_for_code(c.code, table) == category_for_ewc(c).pk for c in codes[::50])


def test_category_is_the_longest_prefix(reference):
    assert category_for_ewc(EwcCode.objects.get(code="03 01 05")).code == "sawdust-shavings"
    assert category_for_ewc(EwcCode.objects.get(code="12 01 01")).code == "metal-swarf"
    assert category_for_ewc(EwcCode.objects.get(code="12 01 05")).code == "plastic-offcuts"
    assert category_for_ewc(EwcCode.objects.get(code="02 05 01")).code == "whey-dairy"
    assert category_for_ewc(EwcCode.objects.get(code="20 02 01")).code == "green-waste"


def test_typical_flows_of_activities(reference):
    cider = profiles_for_nace("11.03")
    assert any(p.direction == "offer" and "pomme" in p.name_fr.lower() for p in cider)
    assert any("mele" in p.name_it for p in cider.filter(direction="offer"))
    # national forms of the code and division-level profiles are found too
    assert profiles_for_nace("11.03Z").count() == cider.count()
    assert profiles_for_nace("10.32.00").filter(direction="need", category__code="fruit-vegetable-residues").exists()
    assert profiles_for_nace("25.62").filter(category__code="metal-swarf").exists()
    assert profiles_for_nace("16.10").filter(category__code="sawdust-shavings", direction="offer").exists()
    assert profiles_for_nace("16.21").filter(category__code="sawdust-shavings", direction="need").exists()
    assert not profiles_for_nace("x").exists()


def _autocomplete(client, language: str, query: str) -> list[dict]:
    with translation.override(language):
        url = reverse("bourseflux:ewc_autocomplete")
    response = client.get(url, {"q": query, "format": "json"})
    assert response.status_code == 200
    return response.json()["results"]


@pytest.mark.parametrize("language", ["fr", "it"])
def test_ewc_autocomplete_by_code_with_or_without_spaces(client, reference, language):
    assert all(r["code"].startswith("02 03") for r in _autocomplete(client, language, "0203"))
    found = _autocomplete(client, language, "02 03 04")
    assert [r["code"] for r in found] == ["02 03 04"]
    assert [r["code"] for r in _autocomplete(client, language, "020304")] == ["02 03 04"]


def test_ewc_autocomplete_by_words_of_either_language(client, reference):
    for language, query in [("fr", "marc"), ("it", "vinacce"), ("fr", "pomace"), ("it", "marc")]:
        assert "02 07 04" in [r["code"] for r in _autocomplete(client, language, query)], (language, query)
    italian = _autocomplete(client, "it", "segatura")
    sawdust = next(r for r in italian if r["code"] == "03 01 05")
    assert sawdust["label"].startswith("03 01 05 ") and "segatura" in sawdust["label"]  # Italian label
    assert "sciure" in sawdust["detail"]  # the French one below


def test_ewc_autocomplete_marks_hazardous_codes_and_renders_fragment(client, reference):
    results = _autocomplete(client, "fr", "16 06 01")
    assert results[0]["label"].startswith("16 06 01*")
    with translation.override("fr"):
        url = reverse("bourseflux:ewc_autocomplete")
    html = client.get(url, {"q": "sciure"}).content.decode()
    assert 'role="option"' in html and "03 01 05" in html
    assert "data-value" not in client.get(url, {"q": "zzzzqqq"}).content.decode()


def test_codes_page_shows_both_labels_and_project_translations(client, reference, django_assert_max_num_queries):
    with translation.override("fr"):
        url = reverse("bourseflux:codes")
    with django_assert_max_num_queries(8):
        response = client.get(url)
    html = response.content.decode()
    assert "2000/532" in html and "2014/955" in html
    assert "scarti inutilizzabili per il consumo o la trasformazione" in html
    assert "matières impropres à la consommation" in html
    assert "translation by the project" in html or "traduction" in html
    assert "16 06 01*" in html
    assert "Sciures et copeaux" in html and "Segatura e trucioli" in html


def test_codes_page_in_italian_marks_project_translations(client, reference):
    with translation.override("it"):
        url = reverse("bourseflux:codes")
    html = client.get(url).content.decode()
    assert "rifiuti della lavorazione del legno e della produzione di pannelli e mobili" in html
    assert 'lang="fr">déchets provenant de la transformation du bois' in html
    assert "translation by the project, not the official wording" in html or "progetto" in html
