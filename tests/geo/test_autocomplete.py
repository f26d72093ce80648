import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from circuito.geo.forms import CommuneField
from circuito.geo.models import Commune

pytestmark = pytest.mark.django_db


def autocomplete(client, lang: str, **params):
    with translation.override(lang):
        url = reverse("geo:commune_autocomplete")
    assert url == f"/{lang}/communes/autocomplete/"
    return client.get(url, params)


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_autocomplete_fragment_in_both_languages(client, gazetteer, lang):
    response = autocomplete(client, lang, q="nizza")
    assert response.status_code == 200
    body = response.content.decode()
    nice = Commune.objects.get(name="Nice")
    assert body.count('role="option"') == 2
    assert f'data-value="{nice.pk}"' in body and 'data-label="Nice (06)"' in body
    assert body.index("Nice") < body.index("Nizza Monferrato")
    department = {"fr": "Alpes-Maritimes", "it": "Alpi Marittime"}[lang]
    with translation.override(lang):
        country = translation.gettext("France")
    assert f"{department} (06) · {country}" in body


def test_autocomplete_json(client, gazetteer):
    data = autocomplete(client, "it", q="SAINT-étienne", format="json").json()
    assert [r["name"] for r in data["results"]] == ["Saint-Étienne-de-Tinée", "Saint-Étienne"]  # ALCOTRA first
    loire = data["results"][1]
    assert loire["department"] == "42" and loire["country"] == "FR" and loire["label"] == "Saint-Étienne (42)"


def test_autocomplete_country_filter_limit_and_short_queries(client, gazetteer):
    data = autocomplete(client, "fr", q="nizza", country="IT", format="json").json()
    assert [r["name"] for r in data["results"]] == ["Nizza Monferrato"]
    assert autocomplete(client, "fr", q="n", format="json").json()["results"] == []
    body = autocomplete(client, "fr", q="n").content.decode()
    assert 'aria-disabled="true"' in body and "data-value" not in body
    assert 'aria-disabled="true"' in autocomplete(client, "fr", q="zzzz").content.decode()


def test_autocomplete_returns_at_most_15(client, db):
    from tests.factories import CommuneFactory

    for i in range(20):
        CommuneFactory(name=f"Villa {i}")
    data = autocomplete(client, "fr", q="villa", format="json").json()
    assert len(data["results"]) == 15


class PlaceForm(forms.Form):
    commune = CommuneField(label="Commune")
    other = CommuneField(label="Other", required=False, forward={"country": "country"})


def test_commune_field_renders_an_accessible_combobox(gazetteer):
    nice = Commune.objects.get(name="Nice")
    with translation.override("it"):
        html = str(PlaceForm(initial={"commune": nice.pk}))
    assert 'for="id_commune"' in html  # the label names the visible input
    assert 'id="id_commune"' in html and 'role="combobox"' in html and 'aria-controls="id_commune_listbox"' in html
    assert 'name="commune_text" value="Nice (06)"' in html
    assert f'type="hidden" name="commune" id="id_commune_value" value="{nice.pk}"' in html
    assert 'role="listbox"' in html and 'data-autocomplete-url="/it/communes/autocomplete/"' in html
    assert "data-forward=" in html and "<script" not in html.replace("<script src", "")
    assert "js/autocomplete.js" in str(PlaceForm().media)


def test_commune_field_accepts_a_picked_pk(gazetteer):
    torino = Commune.objects.get(name="Torino")
    form = PlaceForm({"commune": str(torino.pk), "commune_text": "Torino (TO)"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["commune"] == torino and form.cleaned_data["other"] is None


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_commune_field_errors_say_how_to_fix_in_the_users_language(gazetteer, lang):
    with translation.override(lang):
        expected = translation.gettext("Pick a commune from the list (type at least two letters of its name).")
        form = PlaceForm({"commune": "999999", "other_text": "Nizz"})
        assert not form.is_valid()
        errors = form.errors.as_data()
        assert {e.code for e in errors["commune"]} == {"invalid_choice"}
        assert {e.code for e in errors["other"]} == {"invalid_choice"}  # typed but not picked
        assert form.errors["commune"] == [expected]
        html = str(form)
    assert 'name="other_text" value="Nizz"' in html  # what was typed is kept


def test_commune_field_required_message(gazetteer):
    form = PlaceForm({})
    assert form.errors["commune"] == [str(CommuneField.default_error_messages["required"])]


def test_commune_field_resolves_an_exact_name_typed_without_picking(gazetteer):
    def picked(text: str) -> str | None:
        form = PlaceForm({"commune_text": text})
        return form.cleaned_data["commune"].name if form.is_valid() else None

    assert picked("chambery") == "Chambéry"
    assert picked("Nice (06)") == "Nice"
    assert picked("Turin") == "Torino"
    assert picked("Nice (73)") is None  # not in that department
    assert picked("Saint") is None
