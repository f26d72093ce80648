import math

import pytest

from circuito.accounts.models import Organisation
from circuito.geo.distance import bounding_box, distance_expression, haversine_km, within_km
from circuito.geo.models import Commune
from circuito.geo.search import normalise, search_communes
from tests.factories import CommuneFactory, OrganisationFactory

NICE = (43.7031, 7.2661)
TORINO = (45.0703, 7.6869)
PARIS = (48.8566, 2.3522)
MARSEILLE = (43.2965, 5.3698)


def names(query: str, **filters) -> list[str]:
    return [c.name for c in search_communes(query, Commune.objects.filter(**filters))]


def test_normalise_folds_accents_case_and_punctuation():
    assert normalise("Saint-Étienne-de-Tinée") == "saint etienne de tinee"
    assert normalise("  L'Aquila ") == "l aquila"
    assert normalise("GÊNES") == "genes"


@pytest.mark.django_db
def test_search_tolerates_accents_case_hyphens_and_both_languages(gazetteer):
    # The ALCOTRA area's commune first (the portal's own), then the larger one.
    assert names("saint etienne")[:2] == ["Saint-Étienne-de-Tinée", "Saint-Étienne"]
    assert "Saint-Étienne-de-Tinée" in names("SAINT-ETIENNE-DE-TINEE")
    assert names("etienne tinee") == ["Saint-Étienne-de-Tinée"]  # every word, any order
    assert names("chambery") == ["Chambéry"]
    assert names("nizza") == ["Nice", "Nizza Monferrato"]  # the exonym ranks first
    assert names("turin") == ["Torino"]
    assert names("genes") == ["Genova"]
    assert names("aoste") == ["Aosta"]
    assert names("vintimille") == ["Ventimiglia"]
    assert names("ment") == ["Menton"]
    assert names("") == [] and names("   ") == []


@pytest.mark.django_db
def test_search_ranks_startswith_before_contains_then_population(db):
    CommuneFactory(name="Villeneuve", population=100)
    CommuneFactory(name="Neuville", population=50)
    CommuneFactory(name="Neuvic", population=5000)
    CommuneFactory(name="Saint-Neuf", population=100_000)
    # Words are matched from their start: "neu" is not looked for inside "Villeneuve".
    assert names("neu") == ["Neuvic", "Neuville", "Saint-Neuf"]


def test_haversine_known_distances():
    assert haversine_km(*NICE, *NICE) == 0
    assert 150 <= haversine_km(*NICE, *TORINO) <= 160  # about 155 km as the crow flies
    assert haversine_km(*PARIS, *MARSEILLE) == pytest.approx(661, rel=0.01)
    assert haversine_km(*NICE, *TORINO) == pytest.approx(haversine_km(*TORINO, *NICE))
    # a quarter of a meridian
    assert haversine_km(0, 0, 90, 0) == pytest.approx(math.pi * 6371.0088 / 2)


def test_bounding_box_holds_the_circle():
    min_lat, max_lat, min_lon, max_lon = bounding_box(*NICE, 100)
    assert min_lat < NICE[0] < max_lat and min_lon < NICE[1] < max_lon
    assert haversine_km(min_lat, NICE[1], *NICE) == pytest.approx(100, rel=1e-6)
    # points on the circle in every direction are inside the box
    for bearing in range(0, 360, 15):
        b = math.radians(bearing)
        d = 100 / 6371.0088
        lat1, lon1 = map(math.radians, NICE)
        lat2 = math.asin(math.sin(lat1) * math.cos(d) + math.cos(lat1) * math.sin(d) * math.cos(b))
        lon2 = lon1 + math.atan2(
            math.sin(b) * math.sin(d) * math.cos(lat1), math.cos(d) - math.sin(lat1) * math.sin(lat2)
        )
        assert min_lat - 1e-9 <= math.degrees(lat2) <= max_lat + 1e-9
        assert min_lon - 1e-9 <= math.degrees(lon2) <= max_lon + 1e-9
    assert bounding_box(89.5, 0, 100)[2:] == (-180.0, 180.0)


@pytest.mark.django_db
def test_distance_expression_matches_python(gazetteer):
    rows = Commune.objects.annotate(d=distance_expression(*NICE)).values_list("latitude", "longitude", "d")
    for lat, lon, d in rows:
        assert d == pytest.approx(haversine_km(*NICE, lat, lon), abs=1e-6)


@pytest.mark.django_db
def test_within_km_filters_and_orders_by_distance(gazetteer):
    near = within_km(Commune.objects.all(), *NICE, 200)
    expected = sorted((haversine_km(*NICE, c.latitude, c.longitude), c.name) for c in Commune.objects.all())
    assert [c.name for c in near] == [name for d, name in expected if d <= 200]
    assert [c.name for c in near][:4] == ["Nice", "Menton", "Ventimiglia", "Saint-Étienne-de-Tinée"]
    assert "Torino" in [c.name for c in near] and "Milano" not in [c.name for c in near]
    distances = [c.distance_km for c in near]
    assert distances == sorted(distances) and distances[0] == pytest.approx(0, abs=1e-6) and distances[-1] <= 200
    assert [c.name for c in within_km(Commune.objects.all(), *NICE, 10)] == ["Nice"]
    assert not within_km(Commune.objects.all(), 0, 0, 50).exists()


@pytest.mark.django_db
def test_within_km_through_a_relation(gazetteer):
    nice, torino, paris = (Commune.objects.get(name=n) for n in ("Nice", "Torino", "Paris"))
    for commune in (paris, torino, nice):
        OrganisationFactory(commune=commune, legal_name=f"Atelier {commune.name}")
    found = within_km(
        Organisation.objects.all(), *NICE, 300, lat_field="commune__latitude", lon_field="commune__longitude"
    )
    assert [o.legal_name for o in found] == ["Atelier Nice", "Atelier Torino"]
    assert found[1].distance_km == pytest.approx(haversine_km(*NICE, torino.latitude, torino.longitude), abs=1e-6)
