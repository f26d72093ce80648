"""GeoJSON of flows and synergies for the map, the API and exports.

Flows are placed at their commune unless their site chose to show its exact location. Beyond
MAX_FEATURES flows in the requested area, the server returns clusters per grid cell with their
counts instead of the flows, so the map stays fast with 100,000 flows.
"""

from types import SimpleNamespace
from typing import Any

from django.db.models import Avg, Count, F, FloatField, Max, Min, Q, QuerySet, Value
from django.db.models.functions import Floor
from django.urls import NoReverseMatch, reverse

from bourseflux.anonymity import company_name, hidden_from, label_for
from bourseflux.filters import parse_bbox, with_public_point
from bourseflux.models import Flow, Synergy
from bourseflux.permissions import can_see_quantities, can_see_synergy, visible_synergies
from bourseflux.quantities import unit_label
from circuito.translated import current_language, text_and_language

MAX_FEATURES = 5000
GRID_CELLS = 40  # cells along each side of the requested area when clustering
MAX_SYNERGIES = 2000
MAP_STAGES = (Synergy.Stage.DISCUSSION, Synergy.Stage.TRIAL, Synergy.Stage.IMPLEMENTED)


localized = text_and_language  # (text, original-language code or "")


def url_pattern(name: str) -> str | None:
    """The URL of object 0, to fill with an id: reversing thousands of times would be slow."""
    try:
        return reverse(name, args=[0])
    except NoReverseMatch:
        return None


def object_url(pattern: str | None, pk: int) -> str | None:
    if pattern is None:
        return None
    head, _sep, tail = pattern.rpartition("/0/")
    return f"{head}/{pk}/{tail}"


def _point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}


FLOW_VALUES = (
    "id",
    "title_fr",
    "title_it",
    "direction",
    "nature",
    "status",
    "hazardous",
    "category__name_fr",
    "category__name_it",
    "organisation_id",
    "organisation__legal_name",
    "hide_company",
    "department__name_fr",
    "department__name_it",
    "site__commune__name",
    "country",
    "quantity_visibility",
    "yearly_quantity",
    "base_unit",
    "pub_lat",
    "pub_lon",
)


def flow_features(queryset: QuerySet[Flow], user, lang: str | None = None) -> list[dict]:
    """One Point feature per flow, at its public point, quantities only when the user may see them."""
    lang = lang or current_language()
    directions, natures = dict(Flow.Direction.choices), dict(Flow.Nature.choices)
    detail = url_pattern("bourseflux:flow_detail")
    features = []
    rows = list(with_public_point(queryset).order_by().values(*FLOW_VALUES))
    hidden = hidden_from(user, [(r["id"], r["organisation_id"]) for r in rows if r["hide_company"]])
    for row in rows:
        title, original = localized(row, "title", lang)
        category, _cat_lang = localized(row, "category__name", lang)
        props: dict[str, Any] = {
            "id": row["id"],
            "title": title,
            "original_language": original,
            "direction": row["direction"],
            "direction_label": str(directions.get(row["direction"], "")),
            "nature": row["nature"],
            "nature_label": str(natures.get(row["nature"], "")),
            "category": category,
            "company": (
                label_for(localized(row, "department__name", lang)[0])
                if row["id"] in hidden
                else row["organisation__legal_name"]
            ),
            "commune": row["site__commune__name"],
            "country": row["country"],
            "hazardous": row["hazardous"],
            "draft": row["status"] != Flow.Status.PUBLISHED,
            "url": object_url(detail, row["id"]),
        }
        # The rule lives in bourseflux.permissions; it reads only these two attributes.
        probe = SimpleNamespace(quantity_visibility=row["quantity_visibility"], organisation_id=row["organisation_id"])
        if can_see_quantities(user, probe):
            props["quantity_per_year"] = row["yearly_quantity"]
            props["unit"] = row["base_unit"]
            props["unit_label"] = unit_label(row["base_unit"])
            props["confidential"] = False
        else:
            props["quantity_per_year"] = None
            props["unit"] = None
            props["unit_label"] = None
            props["confidential"] = True
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": _point(row["pub_lon"], row["pub_lat"]),
                "properties": props,
            }
        )
    return features


def cluster_features(queryset: QuerySet[Flow], bbox: tuple[float, float, float, float] | None) -> list[dict]:
    """Counts per grid cell (at the mean public point of the cell's flows)."""
    queryset = with_public_point(queryset).order_by()
    if bbox is None:
        extent = queryset.aggregate(
            min_lon=Min("pub_lon"), min_lat=Min("pub_lat"), max_lon=Max("pub_lon"), max_lat=Max("pub_lat")
        )
        if extent["min_lon"] is None:
            return []
        bbox = (extent["min_lon"], extent["min_lat"], extent["max_lon"], extent["max_lat"])
    min_lon, min_lat, max_lon, max_lat = bbox
    cell_lon = max((max_lon - min_lon) / GRID_CELLS, 1e-6)
    cell_lat = max((max_lat - min_lat) / GRID_CELLS, 1e-6)
    cells = (
        queryset.annotate(
            cx=Floor((F("pub_lon") - Value(min_lon)) / Value(cell_lon), output_field=FloatField()),
            cy=Floor((F("pub_lat") - Value(min_lat)) / Value(cell_lat), output_field=FloatField()),
        )
        .values("cx", "cy")
        .annotate(n=Count("id"), lat=Avg("pub_lat"), lon=Avg("pub_lon"))
        .order_by()
    )
    return [
        {"type": "Feature", "geometry": _point(c["lon"], c["lat"]), "properties": {"cluster": True, "count": c["n"]}}
        for c in cells
    ]


def flows_collection(queryset: QuerySet[Flow], user, bbox: str | None = None) -> dict:
    """A FeatureCollection of the flows, or of clusters when more than MAX_FEATURES. Nothing counts
    every match: a probe of at most MAX_FEATURES + 1 rows decides, and the total is the number of
    features or the sum of the clusters' counts."""
    clustered = queryset.order_by().values("pk")[MAX_FEATURES : MAX_FEATURES + 1].exists()
    if clustered:
        features = cluster_features(queryset, parse_bbox(bbox) if bbox else None)
        total = sum(feature["properties"]["count"] for feature in features)
    else:
        features = flow_features(queryset, user)
        total = len(features)
    return {"type": "FeatureCollection", "total": total, "clustered": clustered, "features": features}


def synergies_collection(user) -> dict:
    """Lines between the two companies' communes of each synergy in discussion, trial or
    implemented. Implemented ones are public (without company names); the others only for those
    who may see the synergy."""
    lang = current_language()
    stages = dict(Synergy.Stage.choices)
    detail = url_pattern("bourseflux:synergy_detail")
    qs = Synergy.objects.filter(stage__in=MAP_STAGES)
    if user.is_authenticated:
        qs = qs.filter(Q(stage=Synergy.Stage.IMPLEMENTED) | Q(pk__in=visible_synergies(user).values("pk")))
    else:
        qs = qs.filter(stage=Synergy.Stage.IMPLEMENTED)
    qs = qs.select_related(
        "offer__organisation",
        "need__organisation",
        "offer__department",
        "need__department",
        "offer__site__commune",
        "need__site__commune",
        "offer__category",
    ).order_by("-stage_changed_at")[:MAX_SYNERGIES]
    features = []
    for s in qs:
        a, b = s.offer.site.commune, s.need.site.commune
        category, _lang = localized(s.offer.category, "name", lang)
        props: dict[str, Any] = {
            "id": s.pk,
            "stage": s.stage,
            "stage_label": str(stages[s.stage]),
            "category": category,
            "cross_border": s.cross_border,
            "distance_km": s.distance_km,
            "tonnes_per_year": s.tonnes_per_year,
            "co2e_avoided_t": s.co2e_avoided_t,
            "money_saved_eur": float(s.money_saved_eur) if s.money_saved_public and s.money_saved_eur else None,
            "from_commune": a.name,
            "to_commune": b.name,
        }
        if can_see_synergy(user, s):
            props["from_company"] = company_name(user, s.offer)
            props["to_company"] = company_name(user, s.need)
            props["url"] = object_url(detail, s.pk)
        features.append(
            {
                "type": "Feature",
                "id": s.pk,
                "geometry": {
                    "type": "LineString",
                    "coordinates": [
                        [round(a.longitude, 5), round(a.latitude, 5)],
                        [round(b.longitude, 5), round(b.latitude, 5)],
                    ],
                },
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}
