"""An event away from the places of the directory: its commune is picked in the form, shown on the
page, the list and the .ics, and it places the event for the country filter and the indicators;
each event records when it was created."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import CommuneFactory, MembershipFactory, OrganisationFactory, RegionFactory, TerritoryFactory
from tests.tierslieux.factories import EventFactory, PlaceFactory
from tierslieux.indicators_events import events_held
from tierslieux.models import Event

pytestmark = pytest.mark.django_db


def url(name: str, *args, lang: str = "fr") -> str:
    with translation.override(lang):
        return reverse(f"tierslieux:{name}", args=args)


@pytest.fixture
def savona():
    liguria = RegionFactory(country="IT", code="07", name="Liguria", name_fr="Ligurie", name_it="Liguria")
    province = TerritoryFactory(country="IT", code="SV", name="Savona", parent=liguria)
    return CommuneFactory(country="IT", code="009056", name="Savona", department=province)


def test_a_member_creates_an_event_in_a_commune_and_it_shows_where(client, savona):
    org = OrganisationFactory()
    member = MembershipFactory(organisation=org).user
    client.force_login(member)
    form_page = client.get(url("event_create")).content.decode()
    assert 'name="commune_text"' in form_page and "js/autocomplete.js" in form_page
    before = timezone.now()
    data = {
        "kind": "mission",
        "topic": "other",
        "title_fr": "Mission d'entrepreneurs à Savone",
        "organiser": org.pk,
        "starts_at": "2031-05-04T09:00",
        "ends_at": "2031-05-04T17:00",
        "location": "Port de Savone",
        "commune": savona.pk,
        "registration_open": "on",
        "published": "on",
    }
    assert client.post(url("event_create"), data).status_code == 302
    event = Event.objects.get()
    assert event.commune == savona and event.place is None
    assert before <= event.created_at <= timezone.now()
    for lang in ("fr", "it"):
        page = client.get(url("event_detail", event.slug, lang=lang)).content.decode()
        assert "Port de Savone · <span data-commune>Savona (SV)</span>" in page
    assert "Savona" in client.get(url("event_list")).content.decode()
    ics = client.get(url("event_ics", event.slug)).content.decode()
    assert "LOCATION:Port de Savone\\, Savona" in ics


def test_a_commune_typed_without_picking_is_resolved_or_refused_with_a_message(client, savona):
    org = OrganisationFactory()
    client.force_login(MembershipFactory(organisation=org).user)
    data = {
        "kind": "mission",
        "topic": "other",
        "title_fr": "Mission",
        "organiser": org.pk,
        "starts_at": "2031-05-04T09:00",
        "ends_at": "2031-05-04T17:00",
        "published": "on",
    }
    response = client.post(url("event_create"), {**data, "commune_text": "Nowhere-sur-Mer"})
    assert response.status_code == 400
    with translation.override("fr"):
        from django.utils.translation import gettext

        expected = gettext("Pick a commune from the list (type at least two letters of its name).")
    assert expected in response.content.decode()
    assert 'value="Nowhere-sur-Mer"' in response.content.decode()  # what was typed is kept
    assert not Event.objects.exists()
    assert client.post(url("event_create"), {**data, "commune_text": "Savona"}).status_code == 302
    assert Event.objects.get().commune == savona


def test_country_filter_and_indicators_use_the_commune_only_without_a_place(client, savona):
    now = timezone.now()
    french_place = PlaceFactory()  # in France
    EventFactory(title_fr="Mission à Savone", place=None, commune=savona)
    EventFactory(title_fr="Au fablab niçois", place=french_place, commune=savona)  # the place wins
    page_it = client.get(url("event_list") + "?country=IT").content.decode()
    assert "Mission à Savone" in page_it and "Au fablab niçois" not in page_it
    page_fr = client.get(url("event_list") + "?country=FR").content.decode()
    assert "Au fablab niçois" in page_fr and "Mission à Savone" not in page_fr

    held = {"starts_at": now - dt.timedelta(days=2), "ends_at": now - dt.timedelta(days=1)}
    EventFactory(place=None, commune=savona, **held)
    EventFactory(place=french_place, commune=savona, **held)
    liguria = savona.department.parent
    today = timezone.localdate()
    start = today - dt.timedelta(days=10)
    assert events_held(start, today, liguria) == 1
    assert events_held(start, today, savona.department) == 1
    assert events_held(start, today, french_place.region) == 1
    assert events_held(start, today) == 2


def test_the_api_gives_the_commune_and_the_creation_date(client, savona):
    event = EventFactory(place=None, commune=savona)
    row = client.get("/api/v1/events/").json()["results"][0]
    assert row["slug"] == event.slug and row["commune"] == "Savona" and row["created_at"]
