"""Pooling: small offers of the same material near each other, grouped to meet a bigger need.

When no single offer meets a need's yearly quantity, the need's candidate offers with the same
code (their EWC code, else their material category) are grouped: the offer nearest the need
seeds a pool and takes every other offer of its code within POOL_RADIUS_KM of it; what is left
seeds the next pool. Each pool has its total and a collection route: from the need's site, the
nearest not yet visited member each time (nearest neighbour, not an optimal tour), then back to
the need with the load. Distances are the matching's road estimate (great circle × detour).

Only offers whose quantity the reader may see take part: a pool's total never reveals a
confidential quantity."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bourseflux.logistics import Estimate, estimate
from bourseflux.matching import Candidate, road_km
from bourseflux.models import Flow
from circuito.geo.distance import haversine_km

POOL_RADIUS_KM = 25.0  # great-circle km between the seed offer and the other members
MAX_POOLS = 3


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def road_between(a: Point, b: Point) -> float:
    return road_km(haversine_km(a.latitude, a.longitude, b.latitude, b.longitude))


@dataclass(frozen=True)
class Route:
    order: tuple[int, ...]  # indexes of the stops, in visiting order
    legs_km: tuple[float, ...]  # start → first stop, …, last stop → start
    total_km: float


def collection_route(start: Point, stops: Sequence[Point]) -> Route:
    """Nearest-neighbour tour from `start` through every stop and back (ties: lower index)."""
    left = list(range(len(stops)))
    here, order, legs = start, [], []
    while left:
        nearest = min(left, key=lambda i: (road_between(here, stops[i]), i))
        legs.append(road_between(here, stops[nearest]))
        order.append(nearest)
        left.remove(nearest)
        here = stops[nearest]
    if order:
        legs.append(road_between(here, start))
    return Route(tuple(order), tuple(legs), sum(legs))


@dataclass(frozen=True)
class Member:
    """What grouping needs of an offer: its code, place, tonnes per year, road km to the need."""

    key: Any
    point: Point
    tonnes: float
    distance_km: float
    ref: Any = None  # the candidate it stands for


def group(members: Sequence[Member], radius_km: float = POOL_RADIUS_KM) -> list[list[Member]]:
    """Disjoint groups of 2 or more members with the same key, each within `radius_km`
    (great circle) of its first member, the one nearest the need."""
    ordered = sorted(members, key=lambda m: (m.distance_km, str(m.key)))
    groups = []
    used: set[int] = set()
    for i, seed in enumerate(ordered):
        if i in used:
            continue
        used.add(i)
        cluster = [seed]
        for j in range(i + 1, len(ordered)):
            other = ordered[j]
            if j in used or other.key != seed.key:
                continue
            p, q = seed.point, other.point
            if haversine_km(p.latitude, p.longitude, q.latitude, q.longitude) <= radius_km:
                used.add(j)
                cluster.append(other)
        if len(cluster) >= 2:
            groups.append(cluster)
    return groups


@dataclass
class Pool:
    members: list[Candidate]
    total_t: float
    route: Route
    need_t: float
    stops: list[Candidate] = field(default_factory=list)  # members in route order

    @property
    def covers(self) -> bool:
        return self.total_t >= self.need_t

    @property
    def logistics(self) -> Estimate:
        """A vehicle runs the whole tour for each load, so half the tour stands for the distance
        of a round trip in the estimate (bourseflux.logistics)."""
        return estimate(self.route.total_km / 2, tonnes_per_year=min(self.total_t, self.need_t))

    @property
    def share(self) -> int:
        """Percent of the need the pool meets (capped at 100)."""
        return min(100, round(100 * self.total_t / self.need_t)) if self.need_t else 0


def _key(flow: Flow) -> Any:
    return ("ewc", flow.ewc_id) if flow.ewc_id else ("category", flow.category_id)


def pools(need: Flow, found: Sequence[Candidate], visible: dict[int, bool]) -> list[Pool]:
    """Pools of `need`'s candidate offers, best first, when none alone meets its quantity.

    `visible` maps candidate flow pks to whether the reader may see their quantities."""
    if need.direction != Flow.Direction.NEED or need.base_unit != "t" or not need.yearly_quantity:
        return []
    offers = [
        c
        for c in found
        if visible.get(c.flow.pk) and c.flow.base_unit == "t" and c.flow.yearly_quantity and c.flow.latitude is not None
    ]
    if not offers or any(c.flow.yearly_quantity >= need.yearly_quantity for c in offers):
        return []
    members = [
        Member(_key(c.flow), Point(c.flow.latitude, c.flow.longitude), c.flow.yearly_quantity, c.distance_km, c)
        for c in offers
    ]
    start = Point(need.latitude, need.longitude)
    result = []
    for cluster in group(members):
        route = collection_route(start, [m.point for m in cluster])
        candidates_ = [m.ref for m in cluster]
        result.append(
            Pool(
                members=candidates_,
                total_t=sum(m.tonnes for m in cluster),
                route=route,
                need_t=need.yearly_quantity,
                stops=[candidates_[i] for i in route.order],
            )
        )
    result.sort(key=lambda p: (not p.covers, -min(p.total_t, p.need_t), p.route.total_km))
    return result[:MAX_POOLS]
