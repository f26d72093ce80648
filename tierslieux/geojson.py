"""GeoJSON and CSV of the directory (map and open data exports).

The exports follow the spirit of the French "lieux de médiation numérique" schema: id, nom,
adresse, commune, code_insee, latitude, longitude, services, horaires (OSM opening_hours),
site_web, date_maj. There is no postal code in the gazetteer, so code_postal is left out.
"""

import csv
import io
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import get_language

from tierslieux.hours import osm_opening_hours
from tierslieux.models import Place

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


def current_language() -> str:
    lang = (get_language() or "fr")[:2]
    return lang if lang in ("fr", "it") else "fr"


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


def directory_csv(places: QuerySet[Place]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    for place in places:
        writer.writerow(export_row(place))
    return out.getvalue()


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
    """Light features for the map's popups, in the current language."""
    lang = current_language()
    features = []
    for place in places:
        features.append(
            _feature(
                place,
                {
                    "name": place.name,
                    "url": place.get_absolute_url(),
                    "commune": place.commune.name,
                    "country": place.country,
                    "kinds": [getattr(k, f"name_{lang}") or k.name for k in place.kinds.all()],
                },
            )
        )
    return {"type": "FeatureCollection", "features": features}
