"""News of places: who may write them, what the list shows, and the language marker."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from circuito.audit.models import AuditEntry
from tests.factories import UserFactory
from tests.tierslieux.factories import PlaceFactory, PlaceKindFactory
from tests.tierslieux.factories_network import NewsFactory, ReferentFactory, italian_place
from tierslieux.models import News

pytestmark = pytest.mark.django_db

FORM = {"title_fr": "Portes ouvertes", "body_fr": "Venez découvrir l'atelier.", "publish": "on"}


@pytest.fixture
def referent():
    return ReferentFactory()


def test_referent_publishes_news_for_their_place(client, referent):
    client.force_login(referent.user)
    response = client.post(reverse("tierslieux:news_create", args=[referent.place.slug]), FORM)
    news = News.objects.get()
    assert response.status_code == 302
    assert news.place == referent.place and news.published_at is not None and news.author == referent.user
    assert AuditEntry.objects.filter(action="tierslieux.news_create", object_id=str(news.pk)).exists()
    assert "Portes ouvertes" in client.get(reverse("tierslieux:news_list")).content.decode()


def test_partner_staff_may_publish_news(client, partner_staff):
    place = PlaceFactory()
    client.force_login(partner_staff)
    assert client.post(reverse("tierslieux:news_create", args=[place.slug]), FORM).status_code == 302


@pytest.mark.parametrize("who", ["outsider", "other_referent"])
def test_others_cannot_write_news(client, org_people, who):
    place = PlaceFactory()
    news = NewsFactory(place=place)
    user = org_people.outsider if who == "outsider" else ReferentFactory().user  # referent of another place
    client.force_login(user)
    assert client.get(reverse("tierslieux:news_create", args=[place.slug])).status_code == 403
    assert client.post(reverse("tierslieux:news_create", args=[place.slug]), FORM).status_code == 403
    assert client.post(reverse("tierslieux:news_edit", args=[news.pk]), FORM).status_code == 403
    assert News.objects.count() == 1


def test_anonymous_is_sent_to_login(client):
    place = PlaceFactory()
    news = NewsFactory(place=place)
    for url in (reverse("tierslieux:news_create", args=[place.slug]), reverse("tierslieux:news_edit", args=[news.pk])):
        response = client.post(url, FORM)
        assert response.status_code == 302 and "login" in response["Location"]


def test_news_needs_a_title_and_text_in_one_language(client, referent):
    client.force_login(referent.user)
    response = client.post(reverse("tierslieux:news_create", args=[referent.place.slug]), {"publish": "on"})
    assert response.status_code == 200
    expected = gettext("Write the %(label)s in French or in Italian (or both).") % {"label": gettext("title")}
    assert escape(expected) in response.content.decode()
    assert not News.objects.exists()


def test_drafts_are_seen_only_by_editors(client, referent, org_people):
    draft = NewsFactory(place=referent.place, title_fr="Brouillon secret", published_at=None)
    url = reverse("tierslieux:news_detail", args=[draft.pk])
    assert client.get(url).status_code == 404
    client.force_login(org_people.outsider)
    assert client.get(url).status_code == 404
    assert "Brouillon secret" not in client.get(reverse("tierslieux:news_list")).content.decode()
    client.force_login(referent.user)
    assert client.get(url).status_code == 200


def test_list_filters_by_country_and_kind(client):
    coworking = PlaceKindFactory(code="coworking", name_fr="Coworking", name_it="Coworking")
    NewsFactory(place=PlaceFactory(), title_fr="Nouvelle de Nice")
    NewsFactory(place=italian_place(kinds=[coworking]), title_fr="Notizia di Imperia")
    body = client.get(reverse("tierslieux:news_list"), {"country": "IT"}).content.decode()
    assert "Notizia di Imperia" in body and "Nouvelle de Nice" not in body
    body = client.get(reverse("tierslieux:news_list"), {"kind": "fablab"}).content.decode()
    assert "Nouvelle de Nice" in body and "Notizia di Imperia" not in body


def test_original_language_marker_when_not_translated(client):
    news = NewsFactory(title_fr="Seulement en français", title_it="", body_it="")
    with translation.override("it"):
        url = reverse("tierslieux:news_detail", args=[news.pk])
    body = client.get(url).content.decode()
    assert "Seulement en français" in body and 'data-original-lang="fr"' in body
    with translation.override("fr"):
        body = client.get(reverse("tierslieux:news_detail", args=[news.pk])).content.decode()
    assert "data-original-lang" not in body


def test_news_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    url = reverse("tierslieux:news_list")
    NewsFactory.create_batch(2)
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    NewsFactory.create_batch(15, place=PlaceFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_referent_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    referent = ReferentFactory(user=UserFactory())
    client.force_login(referent.user)
    url = reverse("tierslieux:news_list")
    NewsFactory(place=referent.place, published_at=None)
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    NewsFactory.create_batch(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
