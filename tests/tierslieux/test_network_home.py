"""The platform's front page, in both languages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.tierslieux.factories import EventFactory, PlaceFactory
from tests.tierslieux.factories_network import NewsFactory, italian_place
from tierslieux.models import Place

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fr", "it"])
def test_home_shows_counts_news_events_and_ways_in(client, language):
    nice, _other = PlaceFactory.create_batch(2)
    PlaceFactory(status=Place.Status.DRAFT)
    italian_place()
    NewsFactory(place=nice, title_fr="Journée portes ouvertes", title_it="Porte aperte")
    NewsFactory(place=nice, title_fr="Brouillon", published_at=None)
    EventFactory(place=nice, title_fr="Séance B2B", title_it="Sessione B2B")
    EventFactory(place=nice, title_fr="Passé", starts_at=timezone.now() - dt.timedelta(days=3))
    with translation.override(language):
        url = reverse("tierslieux:home")
        alerts = reverse("tierslieux:alerts_subscribe")
    response = client.get(url)
    body = response.content.decode()
    assert url.startswith(f"/{language}/")
    assert (response.context["count_fr"], response.context["count_it"]) == (2, 1)
    assert ("Porte aperte" if language == "it" else "Journée portes ouvertes") in body
    assert ("Sessione B2B" if language == "it" else "Séance B2B") in body
    assert "Brouillon" not in body and "Passé" not in body
    assert alerts in body


def test_home_query_count_does_not_grow(client, django_assert_max_num_queries):
    url = reverse("tierslieux:home")
    NewsFactory()
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    NewsFactory.create_batch(10)
    EventFactory.create_batch(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
