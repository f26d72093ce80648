import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from circuito.nace.forms import NaceField
from circuito.nace.lookup import resolve_code, search_activities
from circuito.nace.models import NaceActivity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code", ["10.32", "1032", " 10.32 ", "10.32Z", "1032Z", "10.32z", "10.32.00", "103200", "10.32.0"]
)
def test_resolve_code_accepts_every_form(nace, code):
    assert resolve_code(code) == NaceActivity.objects.get(code="10.32")


@pytest.mark.parametrize("code", ["", "10", "10.3", "10.33", "10.32A", "10.32.99", "abc", "10.32.000", "C", None])
def test_resolve_code_refuses_unknown_or_partial_codes(nace, code):
    assert resolve_code(code) is None


def test_search_by_code_prefix_or_words_in_either_language(nace):
    def codes(query):
        return [a.code for a in search_activities(query, NaceActivity.objects.filter(level="class"))]

    assert codes("10") == ["10.31", "10.32"]
    assert codes("103") == ["10.31", "10.32"]
    assert codes("10.32") == ["10.32"]
    assert codes("1032Z") == ["10.32"] and codes("10.32.00") == ["10.32"]
    assert codes("jus") == ["10.32"]
    assert codes("SUCCHI frutta") == ["10.32"]
    assert codes("cereales") == ["01.11"]  # accents ignored
    assert codes("conservazione") == ["10.31"]
    assert codes("zzz") == [] and codes("") == []


@pytest.fixture
def nace_urls(settings):
    settings.ROOT_URLCONF = "tests.nace.urls"
    from django.urls import clear_url_caches

    clear_url_caches()
    yield
    clear_url_caches()


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_autocomplete_in_both_languages(client, nace, nace_urls, lang):
    with translation.override(lang):
        url = reverse("nace:autocomplete")
    assert url == f"/{lang}/nace/autocomplete/"
    body = client.get(url, {"q": "jus"}).content.decode()
    juice = NaceActivity.objects.get(code="10.32")
    assert f'data-value="{juice.pk}"' in body and body.count('role="option"') == 1
    label, other = (juice.label_fr, juice.label_it) if lang == "fr" else (juice.label_it, juice.label_fr)
    assert f'data-label="10.32 {label}"' in body and other in body
    data = client.get(url, {"q": "10", "format": "json"}).json()
    assert [r["code"] for r in data["results"]] == ["10.31", "10.32"]  # classes only
    assert client.get(url, {"q": "1", "format": "json"}).json()["results"] == []


class ActivityForm(forms.Form):
    nace = NaceField(label="Activity")


def test_nace_field(nace, nace_urls):
    juice = NaceActivity.objects.get(code="10.32")
    form = ActivityForm({"nace": str(juice.pk)})
    assert form.is_valid() and form.cleaned_data["nace"] == juice
    form = ActivityForm({"nace_text": "10.32.00"})  # a code typed without picking
    assert form.is_valid() and form.cleaned_data["nace"] == juice
    group = NaceActivity.objects.get(code="10.3")
    form = ActivityForm({"nace": str(group.pk)})  # not a class
    assert not form.is_valid()
    assert form.errors["nace"] == [str(NaceField.default_error_messages["invalid_choice"])]
    assert not ActivityForm({"nace_text": "fruits"}).is_valid()
    with translation.override("it"):
        html = str(ActivityForm(initial={"nace": juice.pk}))
    assert 'data-autocomplete-url="/it/nace/autocomplete/"' in html
    assert f'value="10.32 {juice.label_it}"' in html and 'role="combobox"' in html


def test_api_filters_and_pagination(nace, django_assert_num_queries):
    api = APIClient()
    with django_assert_num_queries(2):
        data = api.get("/api/v1/nace/").json()
    assert data["count"] == 32 and data["results"][0]["code"] == "01"
    first = data["results"][0]
    assert set(first) == {
        "id",
        "code",
        "level",
        "label",
        "label_fr",
        "label_it",
        "parent",
        "parent_code",
        "search_reasons",
    }
    assert first["parent_code"] == "A"
    assert api.get("/api/v1/nace/", {"level": "section"}).json()["count"] == 21
    group = NaceActivity.objects.get(code="10.3")
    children = api.get("/api/v1/nace/", {"parent": group.pk}).json()["results"]
    assert [a["code"] for a in children] == ["10.31", "10.32"]
    assert [a["code"] for a in api.get("/api/v1/nace/", {"q": "succhi"}).json()["results"]] == ["10.32"]
    assert [a["code"] for a in api.get("/api/v1/nace/", {"level": "class", "q": "46"}).json()["results"]] == ["46.51"]
    assert [a["code"] for a in api.get("/api/v1/nace/", {"code": "46.51Z"}).json()["results"]] == ["46.51"]
    data = api.get("/api/v1/nace/", {"page": 1}).json()
    assert len(data["results"]) == 32 and data["next"] is None


def test_api_query_count_is_constant(nace, django_assert_num_queries):
    api = APIClient()
    with django_assert_num_queries(2):
        api.get("/api/v1/nace/", {"level": "class"})
    parent = NaceActivity.objects.get(code="10")
    extra = [
        NaceActivity(code=f"X{n:02d}", level="group", parent=parent, label=f"G{n}", label_fr=f"G{n}", label_it=f"G{n}")
        for n in range(30)
    ]
    NaceActivity.objects.bulk_create(extra)
    with django_assert_num_queries(2):
        data = api.get("/api/v1/nace/").json()
    assert data["count"] == 62 and len(data["results"]) == 50 and data["next"]
    with django_assert_num_queries(2):
        assert len(api.get("/api/v1/nace/", {"page": 2}).json()["results"]) == 12


def test_schema_has_no_warnings_for_nace():
    GENERATOR_STATS.reset()
    SchemaGenerator().get_schema(request=None, public=True)
    messages = list(GENERATOR_STATS._warn_cache) + list(GENERATOR_STATS._error_cache)
    assert not [m for m in messages if "nace" in m.lower()]
