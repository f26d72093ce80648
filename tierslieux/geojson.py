"""GeoJSON and CSV of the directory (map and open data exports).

The exports follow the spirit of the French "lieux de médiation numérique" schema: id, nom,
adresse, commune, code_insee, latitude, longitude, services, horaires (OSM opening_hours),
site_web, date_maj. There is no postal code in the gazetteer, so code_postal is left out.
"""

from typing import Any

from django.db.models import QuerySet
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


def map_geojson(places: QuerySet[Place]) -> dict[str, Any]:
    """Light features for the map's popups, in the current language: plain rows, no model
    instances, three queries whatever the number of places (5,000 places stay well under a second)."""
    lang = current_language()
    rows = list(places.order_by().values("pk", "name", "slug", "latitude", "longitude", "country", "commune__name"))
    kind_names = {k.pk: getattr(k, f"name_{lang}") or k.name for k in PlaceKind.objects.all()}
    kinds: dict[int, list[str]] = {}
    through = Place.kinds.through.objects.filter(place_id__in=[r["pk"] for r in rows])
    for place_id, kind_id in through.values_list("place_id", "placekind_id"):
        kinds.setdefault(place_id, []).append(kind_names[kind_id])
    # One reverse() for all: the slug is the only part that changes.
    url_pattern = reverse("tierslieux:place_detail", args=["__slug__"])
    features = [
        {
            "type": "Feature",
            "id": r["pk"],
            "geometry": {"type": "Point", "coordinates": [round(r["longitude"], 6), round(r["latitude"], 6)]},
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
    return {"type": "FeatureCollection", "features": features}
