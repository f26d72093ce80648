"""GeoJSON and CSV of the directory (map and open data exports).

The exports follow the spirit of the French "lieux de médiation numérique" schema: id, nom,
adresse, commune, code_insee, latitude, longitude, services, horaires (OSM opening_hours),
site_web, date_maj. There is no postal code in the gazetteer, so code_postal is left out.
"""

import math
from typing import Any

from django.db.models import Avg, Count, F, FloatField, Max, Min, QuerySet, Value
from django.db.models.functions import Floor
from django.urls import reverse

from circuito.exports import csv_bytes
from circuito.translated import current_language
from tierslieux.hours import osm_opening_hours
from tierslieux.models import Place, PlaceKind

EXPORT_FIELDS = [
    "id",
    "nom",
    "adresse",
    "commune",
    "code_insee",
    "pays",
    "latitude",
    "longitude",
    "services",
    "horaires",
    "site_web",
    "date_maj",
]


def export_row(place: Place) -> dict[str, Any]:
    kinds = sorted({s.kind.code for s in place.services.all()})
    return {
        "id": f"circuito-{place.pk}",
        "nom": place.name,
        "adresse": place.address,
        "commune": place.commune.name,
        "code_insee": place.commune.code,
        "pays": place.country,
        "latitude": round(place.latitude, 6),
        "longitude": round(place.longitude, 6),
        "services": "|".join(kinds),
        "horaires": osm_opening_hours(place.opening_hours.all()),
        "site_web": place.website,
        "date_maj": place.last_verified_at.date().isoformat() if place.last_verified_at else "",
    }


def directory_csv(places: QuerySet[Place]) -> bytes:
    """The open-data CSV: "," and no byte-order mark, as the data schema expects."""
    rows = ([export_row(place)[name] for name in EXPORT_FIELDS] for place in places)
    return csv_bytes(EXPORT_FIELDS, rows, delimiter=",", bom=False)


def _feature(place: Place, properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": place.pk,
        "geometry": {"type": "Point", "coordinates": [round(place.longitude, 6), round(place.latitude, 6)]},
        "properties": properties,
    }


def directory_geojson(places: QuerySet[Place]) -> dict[str, Any]:
    features = []
    for place in places:
        row = export_row(place)
        features.append(_feature(place, {k: v for k, v in row.items() if k not in ("latitude", "longitude")}))
    return {"type": "FeatureCollection", "features": features}


MAX_FEATURES = 1000  # places sent one by one in a view; beyond, counts per grid cell
GRID_CELLS = 32  # about this many cells along the wider side of the view when clustering
Bbox = tuple[float, float, float, float]


def parse_bbox(text: str) -> Bbox:
    """ "west,south,east,north" in degrees (as Leaflet's getBounds() gives them), clipped to the
    globe; ValueError when it is not four numbers with west <= east and south <= north."""
    parts = [float(p) for p in text.split(",")]
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
        raise ValueError(text)
    west, south, east, north = max(parts[0], -180.0), max(parts[1], -90.0), min(parts[2], 180.0), min(parts[3], 90.0)
    if west > east or south > north:
        raise ValueError(text)
    return west, south, east, north


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}


def _place_features(places: QuerySet[Place]) -> list[dict[str, Any]]:
    """Light features for the popups, in the current language: plain rows, three queries."""
    lang = current_language()
    rows = list(places.values("pk", "name", "slug", "latitude", "longitude", "country", "commune__name"))
    kind_names = {k.pk: getattr(k, f"name_{lang}") or k.name for k in PlaceKind.objects.all()}
    kinds: dict[int, list[str]] = {}
    # A subquery, not a list of ids: the database joins, whatever the number of places.
    through = Place.kinds.through.objects.filter(place_id__in=places.values("pk"))
    for place_id, kind_id in through.values_list("place_id", "placekind_id"):
        kinds.setdefault(place_id, []).append(kind_names[kind_id])
    # One reverse() for all: the slug is the only part that changes.
    url_pattern = reverse("tierslieux:place_detail", args=["__slug__"])
    return [
        {
            "type": "Feature",
            "id": r["pk"],
            "geometry": _point(r["longitude"], r["latitude"]),
            "properties": {
                "name": r["name"],
                "url": url_pattern.replace("__slug__", r["slug"]),
                "commune": r["commune__name"],
                "country": r["country"],
                "kinds": kinds.get(r["pk"], []),
            },
        }
        for r in rows
    ]


def _cluster_features(places: QuerySet[Place], bbox: Bbox | None) -> list[dict[str, Any]]:
    """Counts per cell of a grid of power-of-two degrees anchored at 0,0, at the mean point of the
    cell's places: panning keeps the cells where they were, and a cell's count is exact."""
    if bbox is None:
        extent = places.aggregate(w=Min("longitude"), s=Min("latitude"), e=Max("longitude"), n=Max("latitude"))
        if extent["w"] is None:
            return []
        bbox = (extent["w"], extent["s"], extent["e"], extent["n"])
    west, south, east, north = bbox
    cell = 2.0 ** math.ceil(math.log2(max(east - west, north - south, 1e-4) / GRID_CELLS))
    cells = (
        places.annotate(
            cx=Floor(F("longitude") / Value(cell), output_field=FloatField()),
            cy=Floor(F("latitude") / Value(cell), output_field=FloatField()),
        )
        .values("cx", "cy")
        .annotate(n=Count("pk"), lat=Avg("latitude"), lon=Avg("longitude"))
        .order_by()
    )
    return [
        {"type": "Feature", "geometry": _point(c["lon"], c["lat"]), "properties": {"cluster": True, "count": c["n"]}}
        for c in cells
    ]


def map_geojson(places: QuerySet[Place], bbox: Bbox | None = None) -> dict[str, Any]:
    """The places in `bbox` (all without one): each place up to MAX_FEATURES, clusters beyond, so
    that any view costs a few queries and stays small whatever the number of places."""
    places = places.order_by()
    if bbox is not None:
        west, south, east, north = bbox
        places = places.filter(latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east)
    total = places.count()
    clustered = total > MAX_FEATURES
    features = _cluster_features(places, bbox) if clustered else _place_features(places)
    return {"type": "FeatureCollection", "total": total, "clustered": clustered, "features": features}
