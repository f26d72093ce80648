import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.tierslieux.factories import PlaceFactory, PlaceKindFactory, SectorFactory, ServiceFactory, ServiceKindFactory
from tests.tierslieux.factories_places import OpeningHoursFactory, cuneo, grenoble_far, nice, turin
from tierslieux.models import Place

pytestmark = pytest.mark.django_db


def names(client, **params) -> set[str]:
    response = client.get(reverse("tierslieux:directory"), params)
    assert response.status_code == 200
    return {p.name for p in response.context["page"]}


def test_search_in_both_languages_over_name_description_and_services(client):
    PlaceFactory(name="Atelier Nice", description_fr="Découpe laser et impression 3D", description_it="")
    PlaceFactory(name="Officina Torino", commune=turin(), description_fr="", description_it="Stampa 3D e fresatrice")
    ServiceFactory(place=PlaceFactory(name="Incubateur"), name_fr="Levée de fonds", name_it="Raccolta fondi")
    assert names(client, q="laser") == {"Atelier Nice"}
    assert names(client, q="fresatrice") == {"Officina Torino"}
    assert names(client, q="raccolta") == {"Incubateur"}
    assert names(client, q="officina") == {"Officina Torino"}


def test_filters_kind_service_sector_country_territory_language_other_country(client):
    lab = PlaceKindFactory(code="test-lab", name_fr="Laboratoire", name_it="Laboratorio")
    finance = ServiceKindFactory(code="access-to-finance", name_fr="Financement", name_it="Finanza")
    food = SectorFactory()
    a = PlaceFactory(name="A", kinds=[lab], languages=["fr", "it"], open_to_other_country=False)
    a.sectors.add(food)
    b = PlaceFactory(name="B", commune=cuneo(), languages=["it"])
    ServiceFactory(place=b, kind=finance)
    assert names(client, kind="test-lab") == {"A"}
    assert names(client, service="access-to-finance") == {"B"}
    assert names(client, sector="agri-food") == {"A"}
    assert names(client, country="IT") == {"B"}
    assert names(client, country="FR") == {"A"}
    assert names(client, region=b.region_id) == {"B"}
    assert names(client, department=a.department_id) == {"A"}
    assert names(client, language="fr") == {"A"}
    assert names(client, language="it") == {"A", "B"}
    assert names(client, other_country="on") == {"B"}


def test_open_now_filter(client):
    always = PlaceFactory(name="Always")
    for day in range(7):
        OpeningHoursFactory(place=always, weekday=day, opens=dt.time(0, 0), closes=dt.time(23, 59, 59))
    PlaceFactory(name="Never")
    now = timezone.localtime()
    if now.time() < dt.time(23, 59, 59):
        assert names(client, open_now="on") == {"Always"}


def test_within_km_of_a_commune_nearest_first(client):
    home = cuneo()
    PlaceFactory(name="Nice lab", commune=nice())
    PlaceFactory(name="Turin lab", commune=turin())
    PlaceFactory(name="Far lab", commune=grenoble_far())
    response = client.get(reverse("tierslieux:directory"), {"near": home.pk, "km": 150})
    found = list(response.context["page"])
    assert [p.name for p in found] == ["Turin lab", "Nice lab"]
    assert found[0].distance_km < found[1].distance_km < 150
    assert "Far lab" in names(client, near=home.pk, km=300)


def test_drafts_and_archived_are_not_listed(client):
    PlaceFactory(name="Draft", status=Place.Status.DRAFT)
    PlaceFactory(name="Closed", status=Place.Status.ARCHIVED)
    PlaceFactory(name="Open")
    assert names(client) == {"Open"}


def _populate(n: int) -> None:
    for _ in range(n):
        place = PlaceFactory()
        ServiceFactory(place=place)
        OpeningHoursFactory(place=place)


@pytest.mark.parametrize(
    "url_name",
    ["tierslieux:directory", "tierslieux:places_geojson", "tierslieux:directory_csv", "tierslieux:directory_geojson"],
)
def test_list_query_count_is_constant(client, django_assert_max_num_queries, url_name):
    _populate(2)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse(url_name))
    _populate(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(url_name))


def test_map_page_and_geojson(client):
    place = PlaceFactory(name="Lab", commune=nice())
    response = client.get(reverse("tierslieux:directory_map"))
    assert response.status_code == 200 and b"tierslieux-map.js" in response.content
    data = client.get(reverse("tierslieux:places_geojson"), {"country": "FR"}).json()
    [feature] = data["features"]
    assert feature["properties"]["name"] == "Lab" and feature["properties"]["url"] == place.get_absolute_url()
    assert feature["geometry"]["coordinates"] == [pytest.approx(7.2436), pytest.approx(43.7049)]


def test_open_data_exports(client):
    place = PlaceFactory(
        name="Lab", commune=nice(), website="https://lab.example.org", address="1 rue X", postcode="06000"
    )
    ServiceFactory(place=place, kind=ServiceKindFactory(code="prototyping"))
    for day in range(5):
        OpeningHoursFactory(place=place, weekday=day, opens=dt.time(9), closes=dt.time(18))
    PlaceFactory(name="Hidden", status=Place.Status.DRAFT)
    response = client.get(reverse("tierslieux:directory_csv"))
    assert response["Content-Type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["nom"] == "Lab" and row["commune"] == "Nice" and row["code_insee"] == "06088"
    # The national schema's vocabulary, not the portal's slugs (tierslieux.opendata; schema test there).
    assert row["horaires"] == "Mo-Fr 09:00-18:00" and row["services"] == "Loisirs et créations numériques"
    assert row["site_web"] == "https://lab.example.org" and row["date_maj"] == place.last_verified_at.date().isoformat()
    assert "code_postal" in row and row["code_istat"] == ""
    data = json.loads(client.get(reverse("tierslieux:directory_geojson")).content)
    [feature] = data["features"]
    assert feature["properties"]["horaires"] == "Mo-Fr 09:00-18:00" and feature["geometry"]["type"] == "Point"


def test_directory_in_italian_shows_italian_labels(client):
    ServiceFactory(place=PlaceFactory(name="Lab"), kind=ServiceKindFactory())
    with translation.override("it"):
        url = reverse("tierslieux:directory")
    response = client.get(url)
    assert "Prototipazione" in response.content.decode()
