"""The other searchable lists of the Tiers-Lieux platform (news, events, collaborative projects,
innovation needs and calls, B2B profiles) use the same bilingual engine as the directory, on their
pages and in the API, and keep their search documents up to date on save."""

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIRequestFactory, force_authenticate

from circuito.search.loaders import Row, load_thesaurus
from tests.tierslieux.factories import EventFactory, PlaceFactory, ServiceKindFactory
from tests.tierslieux.factories_events import b2b_event, participant
from tests.tierslieux.factories_network import NewsFactory, ProjectFactory
from tests.tierslieux.factories_requests import scene
from tierslieux.api.events import EventViewSet
from tierslieux.api.network import NewsViewSet, ProjectViewSet
from tierslieux.api.requests import InnovationNeedViewSet
from tierslieux.models import Event, InnovationNeed
from tierslieux.services import b2b
from tierslieux.services.innovation import create_need

pytestmark = pytest.mark.django_db
api = APIRequestFactory()

THESAURUS = [
    Row(
        key="t-finance",
        terms={"fr": ["financement", "levée de fonds"], "it": ["finanziamento", "raccolta fondi"], "en": ["funding"]},
        links=[("service", "access-to-finance")],
        serves=[],
        source="",
    ),
    Row(
        key="t-3d-printing",
        terms={"fr": ["impression 3D"], "it": ["stampa 3D"], "en": ["3D printing"]},
        links=[("equipment", "3d-printer")],
        serves=[],
        source="",
    ),
]


@pytest.fixture
def thesaurus(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_thesaurus(THESAURUS)


def url(name: str, *args, lang: str = "fr") -> str:
    with translation.override(lang):
        return reverse(f"tierslieux:{name}", args=args)


def listed(client, name: str, *args, lang: str = "fr", **params) -> list:
    response = client.get(url(name, *args, lang=lang), params)
    assert response.status_code == 200
    context = response.context
    return list(context["page"] if "page" in context else context["profiles"])


def test_news_found_in_the_other_language_and_updated_on_save(client, thesaurus):
    italian = NewsFactory(title_fr="", title_it="Nuova stampante", body_fr="", body_it="Stampa 3D in titanio.")
    NewsFactory(title_fr="Fête de l'atelier", body_fr="Venez nombreux.")
    assert [n.pk for n in listed(client, "news_list", q="impression 3D")] == [italian.pk]
    html = client.get(url("news_list"), {"q": "impression 3D"}).content.decode()
    assert "impression 3d ↔ stampa 3D" in html and "data-search-reasons" in html
    italian.body_it = "Corso di saldatura."
    italian.save()
    assert listed(client, "news_list", q="impression 3D") == []
    # A renamed place: its news is found by the new name.
    italian.place.name = "Officina Sanremo"
    italian.place.save()
    assert [n.pk for n in listed(client, "news_list", q="sanremo")] == [italian.pk]


def test_events_best_first_and_by_their_kind_in_both_languages(client, thesaurus):
    webinar = EventFactory(kind=Event.Kind.WEBINAR, title_fr="Lever des fonds", title_it="", description_fr="")
    session = EventFactory(title_fr="", title_it="Finanziamento delle startup", description_it="Finanziamento.")
    assert {e.pk for e in listed(client, "event_list", q="financement")} == {webinar.pk, session.pk}
    # "webinaire" is the French label of the kind: the event is found by it in either language.
    assert [e.pk for e in listed(client, "event_list", lang="it", q="webinaire")] == [webinar.pk]
    assert [e.pk for e in listed(client, "event_list", q="webinar")] == [webinar.pk]


def test_projects_and_their_places(client, thesaurus):
    place = PlaceFactory(name="Fablab Menton")
    project = ProjectFactory(title_fr="", title_it="Raccolta fondi comune", places=[place])
    ProjectFactory(title_fr="Jardin partagé")
    assert [p.pk for p in listed(client, "project_list", q="levée de fonds")] == [project.pk]
    assert [p.pk for p in listed(client, "project_list", q="menton")] == [project.pk]
    assert listed(client, "project_list", q="menton", cross_border="1") == []


def test_innovation_needs_found_by_the_kind_of_service_they_seek(client, thesaurus):
    s = scene()
    finance = ServiceKindFactory(
        code="access-to-finance", name_fr="Accès au financement", name_it="Accesso ai finanziamenti"
    )
    need = create_need(
        actor=s.member, organisation=s.company, data={"title_it": "Cerchiamo soci"}, service_kinds=[finance]
    )
    create_need(actor=s.member, organisation=s.company, data={"title_it": "Stampa di pezzi"})
    client.force_login(s.outsider)
    assert [n.pk for n in listed(client, "innovation_list", q="levée de fonds")] == [need.pk]
    assert " tlserviceaccesstofinance " in InnovationNeed.objects.get(pk=need.pk).search_document
    response = InnovationNeedViewSet.as_view({"get": "list"})(_authenticated(s.outsider, q="finanziamento"))
    assert [r["id"] for r in response.data["results"]] == [need.pk]
    assert response.data["results"][0]["search_reasons"] == ["finanziamento ↔ financement"]


def test_b2b_profiles_by_what_they_offer_or_look_for(client, thesaurus):
    event, _manager = b2b_event()
    printer = participant(event, profile=False)
    b2b.save_profile(event, actor=printer.user, summary="Officina", offers="Stampa 3D di prototipi", seeks="")
    other = participant(event)
    client.force_login(other.user)
    assert [p.registration_id for p in listed(client, "b2b_directory", event.slug, q="impression 3D")] == [printer.pk]
    view = EventViewSet.as_view({"get": "b2b_profiles"})
    response = view(_authenticated(other.user, q="impression 3D"), slug=event.slug)
    assert [r["registration"] for r in response.data["results"]] == [printer.pk]
    assert response.data["results"][0]["search_reasons"] == ["impression 3d ↔ stampa 3D"]


def _authenticated(user, **params):
    request = api.get("/api/", params)
    force_authenticate(request, user=user)
    return request


def test_api_q_and_search_on_news_projects_and_events(thesaurus):
    news = NewsFactory(title_fr="", title_it="Raccolta fondi", body_fr="", body_it="Aperta.")
    project = ProjectFactory(title_fr="", title_it="Finanziamento europeo")
    event = EventFactory(title_fr="", title_it="Finanziamento", description_it="")
    for viewset, pk in ((NewsViewSet, news.pk), (ProjectViewSet, project.pk)):
        for param in ("q", "search"):
            response = viewset.as_view({"get": "list"})(api.get("/api/", {param: "financement"}))
            assert [r["id"] for r in response.data["results"]] == [pk]
            assert response.data["results"][0]["search_reasons"]
    response = EventViewSet.as_view({"get": "list"})(api.get("/api/", {"search": "financement"}))
    assert [r["slug"] for r in response.data["results"]] == [event.slug]
    plain = NewsViewSet.as_view({"get": "list"})(api.get("/api/"))
    assert plain.data["results"][0]["search_reasons"] == []


LISTS = ["news_list", "event_list", "event_past", "project_list", "innovation_list"]
ODD = ["", "a", "x" * 500, "de la les", "% _ \\ * ( ) ' \"", "лазер 激光 laser", "\x00laser"]


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("typed", ODD)
def test_odd_input_on_every_list_finds_nothing_or_says_why(client, user, name, typed):
    NewsFactory()
    EventFactory()
    client.force_login(user)
    response = client.get(url(name), {"q": typed})
    assert response.status_code in ((200, 400) if "\x00" in typed else (200,))


@pytest.mark.parametrize("viewset", [NewsViewSet, ProjectViewSet, EventViewSet, InnovationNeedViewSet])
@pytest.mark.parametrize("typed", ODD)
def test_odd_input_in_the_api_is_an_empty_list_or_a_400_saying_why(user, viewset, typed):
    NewsFactory()
    response = viewset.as_view({"get": "list"})(_authenticated(user, q=typed))
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.data["q"]


def test_what_cannot_be_searched_is_said(client):
    NewsFactory()
    response = client.get(url("news_list", lang="it"), {"q": "di la"})
    assert list(response.context["page"]) == []
    assert "troppo comuni" in response.content.decode()
