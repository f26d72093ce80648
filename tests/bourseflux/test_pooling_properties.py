"""Properties of the pooling: the collection route and the grouping of offers (hypothesis)."""

from hypothesis import given
from hypothesis import strategies as st

from bourseflux.pooling import Member, Point, collection_route, group, road_between
from circuito.geo.distance import haversine_km

# Points around the Alps (where the portal works), a few km to a few hundred km apart.
points = st.builds(Point, st.floats(43.5, 46.5), st.floats(5.0, 9.5))


@given(start=points, stops=st.lists(points, max_size=12))
def test_the_route_visits_every_stop_once_and_comes_back(start, stops):
    route = collection_route(start, stops)
    assert sorted(route.order) == list(range(len(stops)))
    assert len(route.legs_km) == (len(stops) + 1 if stops else 0)
    assert abs(route.total_km - sum(route.legs_km)) < 1e-6


@given(start=points, stops=st.lists(points, min_size=1, max_size=12))
def test_each_leg_goes_to_the_nearest_stop_not_yet_visited(start, stops):
    route = collection_route(start, stops)
    here, left = start, set(range(len(stops)))
    for index, leg in zip(route.order, route.legs_km, strict=False):
        assert leg <= min(road_between(here, stops[i]) for i in left) + 1e-9
        left.remove(index)
        here = stops[index]
    assert abs(route.legs_km[-1] - road_between(here, start)) < 1e-9


@given(start=points, stops=st.lists(points, min_size=1, max_size=12))
def test_the_route_is_at_least_the_way_to_the_farthest_stop_and_back(start, stops):
    route = collection_route(start, stops)
    farthest = max(road_between(start, s) for s in stops)
    assert route.total_km >= 2 * farthest - 1e-6


members = st.lists(
    st.builds(
        Member,
        key=st.sampled_from(["02 03 04", "02 01 03", "wood"]),
        point=points,
        tonnes=st.floats(0.1, 100),
        distance_km=st.floats(0, 500),
    ),
    max_size=25,
)


@given(found=members, radius=st.floats(1, 80))
def test_groups_are_disjoint_same_code_and_within_the_radius_of_their_seed(found, radius):
    groups = group(found, radius)
    seen = [id(m) for g in groups for m in g]
    assert len(seen) == len(set(seen))
    for g in groups:
        assert len(g) >= 2
        seed = g[0]
        assert all(m.key == seed.key for m in g)
        assert all(m.distance_km >= seed.distance_km for m in g)
        for m in g[1:]:
            km = haversine_km(seed.point.latitude, seed.point.longitude, m.point.latitude, m.point.longitude)
            assert km <= radius + 1e-9


@given(found=members, radius=st.floats(1, 80))
def test_an_offer_left_alone_has_no_partner_near_a_seed_that_could_take_it(found, radius):
    groups = group(found, radius)
    grouped = {id(m) for g in groups for m in g}
    for alone in (m for m in found if id(m) not in grouped):
        for g in groups:
            seed = g[0]
            if seed.key == alone.key and seed.distance_km <= alone.distance_km:
                p, q = seed.point, alone.point
                assert haversine_km(p.latitude, p.longitude, q.latitude, q.longitude) > radius - 1e-9
