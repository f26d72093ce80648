"""Form fields of the reference codes, their admin and read-only API."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.test import APIRequestFactory

from bourseflux.api.reference import EwcCodeViewSet, MaterialCategoryViewSet
from bourseflux.fields import CategoryField, EwcField
from bourseflux.loaders import load_reference
from bourseflux.models import EwcCode, MaterialCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    return load_reference()


class PickForm(forms.Form):
    ewc = EwcField()
    category = CategoryField()


def test_ewc_field_takes_a_picked_code_or_six_typed_digits(reference):
    entry = EwcCode.objects.get(code="02 03 04")
    category = MaterialCategory.objects.get(code="fruit-vegetable-residues")
    form = PickForm({"ewc": entry.pk, "category": category.pk})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["ewc"] == entry
    typed = PickForm({"ewc_text": "020304", "category": category.pk})
    assert typed.is_valid() and typed.cleaned_data["ewc"] == entry
    chapter = EwcCode.objects.get(code="02 03")
    assert not PickForm({"ewc": chapter.pk, "category": category.pk}).is_valid()  # only waste codes
    wrong = PickForm({"ewc_text": "pommes", "category": category.pk})
    with translation.override("fr"):
        expected = gettext(
            "Pick a waste code from the list (type its six digits, e.g. 02 03 04, or words of its label)."
        )
    assert not wrong.is_valid() and wrong.errors["ewc"] == [expected]


def test_ewc_field_renders_the_autocomplete_with_star_for_hazardous(reference):
    hazardous = EwcCode.objects.get(code="16 06 01")
    with translation.override("it"):
        html = str(PickForm(initial={"ewc": hazardous.pk})["ewc"])
        assert reverse("bourseflux:ewc_autocomplete") in html
    assert "16 06 01*" in html and "batterie" in html.lower()


def test_category_field_groups_by_top_category_in_the_current_language(reference):
    with translation.override("it"):
        choices = list(PickForm().fields["category"].choices)
    groups = dict(choices[1:])
    assert "Legno" in groups
    labels = [label for _value, label in groups["Legno"]]
    assert labels[0].startswith("Legno") and "Segatura e trucioli" in labels


def test_api_lists_codes_with_filters(reference, django_assert_max_num_queries):
    view = EwcCodeViewSet.as_view({"get": "list"})
    factory = APIRequestFactory()
    with django_assert_max_num_queries(3):
        response = view(factory.get("/", {"level": 3, "chapter": "16", "hazardous": "true"}))
    rows = response.data["results"] if isinstance(response.data, dict) else response.data
    assert rows and all(r["hazardous"] and r["code"].startswith("16") and r["level"] == 3 for r in rows)
    found = view(factory.get("/", {"q": "vinacce"})).data
    found = found["results"] if isinstance(found, dict) else found
    assert "02 07 04" in [r["code"] for r in found]
    assert {"label_fr", "label_it", "label_it_origin", "parent_code"} <= set(found[0])


def test_api_lists_categories(reference):
    view = MaterialCategoryViewSet.as_view({"get": "list"})
    data = view(APIRequestFactory().get("/", {"top": "true"})).data
    rows = data["results"] if isinstance(data, dict) else data
    assert "wood" in [r["code"] for r in rows] and all(r["parent"] is None for r in rows)


def test_admin_search_and_filters_of_reference_codes(rf, reference, django_user_model):
    """Through the ModelAdmins themselves: bourseflux/admin.py registers them on the admin site."""
    from django.contrib.admin import AdminSite

    from bourseflux.admin_reference import ActivityFlowProfileAdmin, EwcCodeAdmin, MaterialCategoryAdmin
    from bourseflux.models import ActivityFlowProfile

    site = AdminSite(name="reference_admin_test")
    admin_user = django_user_model.objects.create_superuser(email="admin@example.org", password="x-Passw0rd!")
    cases = [
        (EwcCodeAdmin, EwcCode, {"q": "020304"}, "02 03 04"),
        (EwcCodeAdmin, EwcCode, {"q": "vinacce", "level": "3"}, "02 07 04"),
        (MaterialCategoryAdmin, MaterialCategory, {"q": "segatura"}, "sawdust-shavings"),
        (ActivityFlowProfileAdmin, ActivityFlowProfile, {"q": "11.03", "direction": "offer"}, "11.03"),
    ]
    for admin_class, model, params, expected in cases:
        request = rf.get("/", params)
        request.user = admin_user
        changelist = admin_class(model, site).get_changelist_instance(request)
        found = [getattr(obj, "code", None) or obj.nace_code for obj in changelist.get_queryset(request)]
        assert expected in found, (admin_class, params)
