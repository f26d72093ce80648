"""Social network links and NACE divisions served: edited by the place's referent on the edit
page (audited), shown on the place page; a bad address is refused with a clear message."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from circuito.audit.models import AuditEntry
from circuito.nace.models import NaceActivity
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_places import ReferentFactory, nice

pytestmark = pytest.mark.django_db


def _data(place, **extra) -> dict:
    return {
        "name": place.name,
        "kinds": [k.pk for k in place.kinds.all()],
        "description_fr": "Atelier",
        "commune": place.commune.pk,
        "open_to_other_country": "on",
        **extra,
    }


def test_referent_adds_social_links_and_nace_divisions_shown_on_the_page(client):
    food = NaceActivity.objects.create(
        code="10", level="division", label_fr="Industries alimentaires", label_it="Industrie alimentari"
    )
    metal = NaceActivity.objects.create(
        code="25", level="division", label_fr="Fabrication de produits métalliques", label_it="Prodotti in metallo"
    )
    NaceActivity.objects.create(code="10.1", level="group", label_fr="Viande", parent=food)  # not offered
    place = PlaceFactory(name="Lab", commune=nice(), status="published")
    client.force_login(ReferentFactory(place=place).user)
    edit = reverse("tierslieux:place_edit", args=[place.slug])
    form_page = client.get(edit).content.decode()
    assert "Industries alimentaires" in form_page and "Viande" not in form_page
    links = "https://www.linkedin.com/company/lab\n\ninstagram.com/lab"
    response = client.post(edit, _data(place, social_links=links, nace_divisions=[food.pk, metal.pk]))
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.social_links == ["https://www.linkedin.com/company/lab", "https://instagram.com/lab"]
    assert set(place.nace_divisions.all()) == {food, metal}
    entry = AuditEntry.objects.filter(action="tierslieux.place.update").latest("pk")
    assert "social_links" in entry.changes and "nace_divisions" in entry.changes
    with translation.override("it"):
        page = client.get(place.get_absolute_url()).content.decode()
    assert 'href="https://instagram.com/lab"' in page
    assert "10 Industrie alimentari" in page and "25 Prodotti in metallo" in page


def test_a_line_that_is_not_an_address_is_refused_and_what_was_typed_is_kept(client):
    place = PlaceFactory(name="Lab", commune=nice())
    client.force_login(ReferentFactory(place=place).user)
    edit = reverse("tierslieux:place_edit", args=[place.slug])
    typed = "https://example.org/lab\nnot an address"
    with translation.override("fr"):
        response = client.post(edit, _data(place, social_links=typed))
        expected = gettext("“%(line)s” is not a web address: write one full address per line, e.g. https://…") % {
            "line": "not an address"
        }
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(expected) in page and "not an address</textarea>" in page
    place.refresh_from_db()
    assert place.social_links == []
