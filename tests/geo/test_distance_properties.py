"""Great-circle distance and the bounding box of a radius search (circuito.geo.distance): exact
values, and properties over the whole globe (hypothesis). The box must hold every point of the
circle (containment), touch it on every side (tightness: no needless rows for the exact filter),
and span every longitude when it holds a pole."""

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from circuito.geo.distance import EARTH_RADIUS_KM, bounding_box, haversine_km

R = EARTH_RADIUS_KM
ONE_DEGREE_KM = math.pi * R / 180  # an arc of one degree of a great circle, ≈ 111.195 km

latitudes = st.floats(min_value=-90, max_value=90, allow_nan=False)
longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)
# Away from the poles and the antimeridian (where the box is clamped: see the tests below).
mid_latitudes = st.floats(min_value=-75, max_value=75, allow_nan=False)
mid_longitudes = st.floats(min_value=-150, max_value=150, allow_nan=False)
radii = st.floats(min_value=0.5, max_value=1500, allow_nan=False)
bearings = st.floats(min_value=0, max_value=360, allow_nan=False)


def destination(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point `km` away from (lat, lon) heading `bearing` degrees (spherical direct problem)."""
    d, b = km / R, math.radians(bearing)
    phi, lam = math.radians(lat), math.radians(lon)
    phi2 = math.asin(math.sin(phi) * math.cos(d) + math.cos(phi) * math.sin(d) * math.cos(b))
    lam2 = lam + math.atan2(math.sin(b) * math.sin(d) * math.cos(phi), math.cos(d) - math.sin(phi) * math.sin(phi2))
    return math.degrees(phi2), math.degrees(lam2)


# --- haversine -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((0, 0), (0, 0), 0.0),
        ((0, 0), (1, 0), ONE_DEGREE_KM),  # one degree of a meridian
        ((0, 0), (0, 1), ONE_DEGREE_KM),  # one degree of the equator
        ((45, 7), (46, 7), ONE_DEGREE_KM),
        ((0, 0), (0, 90), math.pi * R / 2),  # a quarter of the equator
        ((0, 0), (90, 0), math.pi * R / 2),  # equator to pole
        ((-90, 0), (90, 0), math.pi * R),  # pole to pole
        ((0, 0), (0, 180), math.pi * R),  # antipodes
        ((10, 20), (-10, -160), math.pi * R),
        ((60, 0), (60, 1), 55.597),  # a degree of longitude at 60° N: the great circle, ≈ half
        ((43.7031, 7.2661), (45.0703, 7.6869), 155.66),  # Nice - Torino, ≈ 155.7 km
    ],
)
def test_haversine_exact_values(a, b, km):
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.01)
    assert haversine_km(*b, *a) == pytest.approx(km, abs=0.01)


@settings(max_examples=300, deadline=None)
@given(latitudes, longitudes, latitudes, longitudes, latitudes, longitudes)
def test_haversine_is_a_distance_on_the_sphere(lat1, lon1, lat2, lon2, lat3, lon3):
    d12 = haversine_km(lat1, lon1, lat2, lon2)
    assert 0 <= d12 <= math.pi * R + 1e-6
    assert d12 == pytest.approx(haversine_km(lat2, lon2, lat1, lon1), abs=1e-6)
    assert haversine_km(lat1, lon1, lat1, lon1) == 0
    # The triangle inequality.
    assert d12 <= haversine_km(lat1, lon1, lat3, lon3) + haversine_km(lat3, lon3, lat2, lon2) + 1e-6
    # Turning the globe about its axis changes nothing.
    assert haversine_km(lat1, lon1 + 30, lat2, lon2 + 30) == pytest.approx(d12, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(latitudes, longitudes, st.floats(min_value=0, max_value=19000), bearings)
def test_haversine_measures_the_arc_travelled(lat, lon, km, bearing):
    assert haversine_km(lat, lon, *destination(lat, lon, km, bearing)) == pytest.approx(
        min(km, 2 * math.pi * R - km), abs=1e-3
    )


# --- bounding box ----------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(mid_latitudes, mid_longitudes, radii, bearings)
def test_the_box_holds_every_point_of_the_circle(lat, lon, km, bearing):
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, km)
    for distance in (km, km * 0.999, km / 2):
        p_lat, p_lon = destination(lat, lon, distance, bearing)
        assert min_lat - 1e-9 <= p_lat <= max_lat + 1e-9
        assert min_lon - 1e-9 <= p_lon <= max_lon + 1e-9


@settings(max_examples=300, deadline=None)
@given(mid_latitudes, mid_longitudes, radii)
@example(75.0, 150.0, 1065.0)  # east side past the antimeridian: it stops at 180°
def test_the_box_touches_the_circle_on_every_side(lat, lon, km):
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, km)
    # North and south: the meridian through the centre.
    assert haversine_km(max_lat, lon, lat, lon) == pytest.approx(km, rel=1e-9)
    assert haversine_km(min_lat, lon, lat, lon) == pytest.approx(km, rel=1e-9)
    assert max_lat - lat == pytest.approx(lat - min_lat) == pytest.approx(km / ONE_DEGREE_KM)
    # East and west: the circle touches each side at one point, poleward of the centre.
    a = km / R
    tangent_lat = math.degrees(math.asin(math.sin(math.radians(lat)) / math.cos(a)))
    # The box does not wrap at the antimeridian: a side past it stops at ±180°, short of the circle.
    dlon = math.degrees(math.asin(min(math.sin(a) / math.cos(math.radians(lat)), 1.0)))
    assert (min_lon, max_lon) == (max(lon - dlon, -180.0), min(lon + dlon, 180.0))
    if lon + dlon < 180:
        assert haversine_km(tangent_lat, max_lon, lat, lon) == pytest.approx(km, rel=1e-6)
    if lon - dlon > -180:
        assert haversine_km(tangent_lat, min_lon, lat, lon) == pytest.approx(km, rel=1e-6)
    # The sides lie further from the centre's meridian than the span at the centre's latitude.
    assert dlon >= km / (ONE_DEGREE_KM * math.cos(math.radians(lat))) - 1e-9


@pytest.mark.parametrize(
    ("centre", "km", "box"),
    [
        ((0, 0), ONE_DEGREE_KM, (-1, 1, -1, 1)),
        ((10, 20), 0, (10, 10, 20, 20)),
        ((10, 20), -5, (10, 10, 20, 20)),  # a negative radius is the point itself
        ((60, 0), ONE_DEGREE_KM, (59, 61, -2.000305, 2.000305)),  # asin(2 sin 1°): a bit over twice the equator's
        ((-60, 10), ONE_DEGREE_KM, (-61, -59, 7.999695, 12.000305)),
    ],
)
def test_box_exact_values(centre, km, box):
    assert bounding_box(*centre, km) == pytest.approx(box, abs=1e-6)


@pytest.mark.parametrize(
    ("centre", "km", "box"),
    [
        # A circle holding a pole: every longitude, latitudes clamped to the pole.
        ((89.5, 0), 100, (89.5 - 100 / ONE_DEGREE_KM, 90.0, -180.0, 180.0)),
        ((-89.5, 45), 100, (-90.0, -89.5 + 100 / ONE_DEGREE_KM, -180.0, 180.0)),
        ((89, 10), ONE_DEGREE_KM * 3, (86.0, 90.0, -180.0, 180.0)),
        # The pole itself lies at every longitude, even with no radius.
        ((90, 0), 0, (90.0, 90.0, -180.0, 180.0)),
        ((-90, 12), 0, (-90.0, -90.0, -180.0, 180.0)),
        # A circle wider than a hemisphere holds a pole wherever it is.
        ((0, 0), 10100, (-90.0, 90.0, -180.0, 180.0)),
        # Next to the antimeridian the box stops at ±180°.
        ((0, 179.5), ONE_DEGREE_KM, (-1, 1, 178.5, 180.0)),
        ((0, -179.5), ONE_DEGREE_KM, (-1, 1, -180.0, -178.5)),
    ],
)
def test_box_clamped_at_the_poles_and_the_antimeridian(centre, km, box):
    assert bounding_box(*centre, km) == pytest.approx(box, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(latitudes, longitudes, st.floats(min_value=0, max_value=25000, allow_nan=False))
def test_the_box_stays_on_the_globe(lat, lon, km):
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, km)
    assert -90 <= min_lat <= lat <= max_lat <= 90
    assert -180 <= min_lon <= max_lon <= 180
    assert min_lon <= lon <= max_lon
    if max_lat == 90 or min_lat == -90:
        assert (min_lon, max_lon) == (-180.0, 180.0)
