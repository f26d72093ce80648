"""Great-circle distances on plain latitude/longitude fields (WGS84 degrees), in Python and in SQL.

Radius search: a bounding-box filter on the (indexed) latitude/longitude columns first, then the
exact great-circle distance on what is left. The database functions used (Radians, Sin, Cos, ASin,
Sqrt, Power) exist on SQLite and PostgreSQL alike.
"""

import math

from django.db.models import F, FloatField, QuerySet, Value
from django.db.models.expressions import Expression
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a box holding every point within `km` of (lat, lon).

    The longitude span is the exact one of the circle (not the span at the centre's latitude);
    near a pole, or when the circle holds one, the box spans every longitude.
    """
    angular = max(km, 0.0) / EARTH_RADIUS_KM
    min_lat = lat - math.degrees(angular)
    max_lat = lat + math.degrees(angular)
    if min_lat <= -90 or max_lat >= 90:
        return max(min_lat, -90.0), min(max_lat, 90.0), -180.0, 180.0
    # With no pole inside, angular < 90° - |lat|, so this ratio is below 1 (up to rounding).
    ratio = math.sin(angular) / math.cos(math.radians(lat))
    dlon = math.degrees(math.asin(min(ratio, 1.0)))
    return min_lat, max_lat, max(lon - dlon, -180.0), min(lon + dlon, 180.0)


def _float(value: float) -> Value:
    return Value(float(value), output_field=FloatField())


def distance_expression(
    lat: float, lon: float, lat_field: str = "latitude", lon_field: str = "longitude"
) -> Expression:
    """A database expression: great-circle km from (lat, lon) to the row's point (haversine).

    The fields may be lookups through relations, e.g. lat_field="commune__latitude".
    """
    row_lat = Radians(F(lat_field), output_field=FloatField())
    row_lon = Radians(F(lon_field), output_field=FloatField())
    half_dlat = Sin((row_lat - _float(math.radians(lat))) / _float(2), output_field=FloatField())
    half_dlon = Sin((row_lon - _float(math.radians(lon))) / _float(2), output_field=FloatField())
    a = Power(half_dlat, 2, output_field=FloatField()) + _float(math.cos(math.radians(lat))) * Cos(
        row_lat, output_field=FloatField()
    ) * Power(half_dlon, 2, output_field=FloatField())
    # Rounding may push sqrt(a) a hair above 1, outside ASin's domain.
    root = Least(Sqrt(a, output_field=FloatField()), _float(1.0), output_field=FloatField())
    return _float(2 * EARTH_RADIUS_KM) * ASin(root, output_field=FloatField())


def within_km(
    queryset: QuerySet,
    lat: float,
    lon: float,
    km: float,
    lat_field: str = "latitude",
    lon_field: str = "longitude",
) -> QuerySet:
    """Rows within `km` of (lat, lon), nearest first, annotated with `distance_km`."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, km)
    return (
        queryset.filter(
            **{
                f"{lat_field}__gte": min_lat,
                f"{lat_field}__lte": max_lat,
                f"{lon_field}__gte": min_lon,
                f"{lon_field}__lte": max_lon,
            }
        )
        .annotate(distance_km=distance_expression(lat, lon, lat_field, lon_field))
        .filter(distance_km__lte=km)
        .order_by("distance_km")
    )
