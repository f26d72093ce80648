"""API of news and projects: read for everyone, write with the pages' permissions."""

import pytest
from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

from circuito import urls as project_urls
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_network import NewsFactory, ProjectFactory, ReferentFactory, italian_place
from tierslieux.api.network import register
from tierslieux.models import News, Project

router = DefaultRouter()
register(router)
urlpatterns = [path("test-api/", include(router.urls)), *project_urls.urlpatterns]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
NEWS = "/test-api/news/"
PROJECTS = "/test-api/projects/"


def api(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


def test_everyone_reads_published_news_only():
    NewsFactory(title_fr="Publiée")
    NewsFactory(title_fr="Brouillon", published_at=None)
    response = api().get(NEWS)
    assert response.status_code == 200
    assert [row["title_fr"] for row in response.json()["results"]] == ["Publiée"]


def test_referent_writes_news_of_their_place_only():
    referent = ReferentFactory()
    other = PlaceFactory()
    data = {"place": referent.place.slug, "title_it": "Porte aperte", "body_it": "Venite!"}
    response = api(referent.user).post(NEWS, data)
    assert response.status_code == 201, response.content
    assert News.objects.get().place == referent.place
    assert api(referent.user).post(NEWS, {**data, "place": other.slug}).status_code == 403
    assert api(referent.user).post(NEWS, {**data, "title_it": "", "body_it": ""}).status_code == 400


def test_outsider_and_anonymous_cannot_write_news(org_people):
    news = NewsFactory()
    data = {"place": news.place.slug, "title_fr": "Piratée", "body_fr": "x"}
    assert api(org_people.outsider).post(NEWS, data).status_code == 403
    assert api(org_people.outsider).patch(f"{NEWS}{news.pk}/", {"title_fr": "Piratée"}).status_code == 403
    assert api(org_people.outsider).delete(f"{NEWS}{news.pk}/").status_code == 403
    assert api().post(NEWS, data).status_code in (401, 403)
    news.refresh_from_db()
    assert news.title_fr != "Piratée"


def test_projects_api_computes_cross_border_and_checks_rights(org_people):
    referent = ReferentFactory()
    data = {"title_fr": "Ponts", "places": [referent.place.slug, italian_place().slug], "published": True}
    response = api(referent.user).post(PROJECTS, data)
    assert response.status_code == 201, response.content
    assert response.json()["cross_border"] is True
    slug = Project.objects.get().slug
    assert api(org_people.outsider).post(PROJECTS, data).status_code == 403
    assert api(org_people.outsider).patch(f"{PROJECTS}{slug}/", {"title_fr": "X"}).status_code == 403
    assert api().patch(f"{PROJECTS}{slug}/", {"title_fr": "X"}).status_code in (401, 403)
    assert Project.objects.get().title_fr == "Ponts"
    draft = ProjectFactory(published=False)
    assert api().get(f"{PROJECTS}{draft.slug}/").status_code == 404
    assert api(org_people.outsider).get(f"{PROJECTS}{draft.slug}/").status_code == 404


def test_list_endpoints_query_count_does_not_grow(django_assert_max_num_queries):
    NewsFactory()
    ProjectFactory()
    client = api()
    with django_assert_max_num_queries(10) as news_few:
        client.get(NEWS)
    with django_assert_max_num_queries(10) as projects_few:
        client.get(PROJECTS)
    NewsFactory.create_batch(10)
    ProjectFactory.create_batch(10)
    with django_assert_max_num_queries(len(news_few.captured_queries)):
        assert client.get(NEWS).status_code == 200
    with django_assert_max_num_queries(len(projects_few.captured_queries)):
        assert client.get(PROJECTS).status_code == 200
