"""Exports of flows as CSV, XLSX and GeoJSON, with the columns users of ACTIF or of the Italian
Elenco Sottoprodotti recognise (role producer/user, NACE/ATECO code, commercial name, …).

Quantities and prices are blank where the requesting user may not see them. CSV uses ";" and a
UTF-8 byte-order mark, so that French and Italian spreadsheet programs open it in columns.
"""

import json
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from bourseflux.anonymity import hidden_from, label_for
from bourseflux.geojson import localized, object_url, url_pattern
from bourseflux.models import Flow
from bourseflux.permissions import can_see_quantities
from circuito.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Sheet, csv_bytes, xlsx_bytes

FORMATS = {
    "csv": (CSV_CONTENT_TYPE, "csv"),
    "xlsx": (XLSX_CONTENT_TYPE, "xlsx"),
    "geojson": ("application/geo+json", "geojson"),
}
# Exports below this many rows are streamed at once; bigger ones run as a background job.
DIRECT_LIMIT = 500
QUANTITY_COLUMNS = ("quantity", "unit", "frequency", "yearly_quantity", "base_unit", "price", "price_eur")


def columns() -> list[tuple[str, str]]:
    """(key, header in the active language)."""
    return [
        ("id", _("Id")),
        ("role", _("Role (producer/user)")),
        ("nature", _("Nature")),
        ("title", _("Title")),
        ("original_language", _("Original language")),
        ("commercial_name", _("Commercial name")),
        ("description", _("Description")),
        ("category", _("Category")),
        ("ewc", _("EWC code")),
        ("hazardous", _("Hazardous")),
        ("nace", _("NACE/ATECO/NAF code")),
        ("nace_label", _("Activity")),
        ("physical_state", _("Physical state")),
        ("quantity", _("Quantity")),
        ("unit", _("Unit")),
        ("frequency", _("Frequency")),
        ("yearly_quantity", _("Quantity per year")),
        ("base_unit", _("Unit per year")),
        ("price", _("Price")),
        ("price_eur", _("Price (€)")),
        ("company", _("Company")),
        ("commune", _("Commune")),
        ("department", _("Department / province")),
        ("country", _("Country")),
        ("published_at", _("Published")),
        ("url", _("Address")),
    ]


def export_queryset(queryset: QuerySet[Flow]) -> QuerySet[Flow]:
    return queryset.select_related(
        "organisation__nace", "nace", "category", "ewc", "site__commune__department"
    ).order_by("-published_at", "pk")


def flow_rows(queryset: QuerySet[Flow], user, base_url: str = "") -> Iterator[dict[str, Any]]:
    """One dict per flow; quantity and price columns blank where `user` may not see them."""
    detail = url_pattern("bourseflux:flow_detail")
    # Flows listed anonymously whose company the user may not read: decided once for the file.
    hidden = hidden_from(user, queryset.filter(hide_company=True).order_by().values_list("pk", "organisation_id"))
    for flow in export_queryset(queryset).iterator(chunk_size=1000):
        title, original = localized(flow, "title")
        description, _d = localized(flow, "description")
        category, _c = localized(flow.category, "name")
        nace = flow.nace or flow.organisation.nace
        nace_label = localized(nace, "label")[0] if nace else ""
        url = object_url(detail, flow.pk)
        row: dict[str, Any] = {
            "id": flow.pk,
            "role": _("Producer") if flow.direction == Flow.Direction.OFFER else _("User"),
            "nature": flow.get_nature_display(),
            "title": title,
            "original_language": original,
            "commercial_name": flow.commercial_name,
            "description": description,
            "category": category,
            "ewc": (flow.ewc.code + ("*" if flow.ewc.hazardous else "")) if flow.ewc_id else "",
            "hazardous": _("Yes") if flow.hazardous else _("No"),
            "nace": nace.code if nace else "",
            "nace_label": nace_label,
            "physical_state": flow.get_physical_state_display(),
            "quantity": float(flow.quantity) if flow.quantity is not None else None,
            "unit": flow.get_unit_display() if flow.unit else "",
            "frequency": flow.get_frequency_display() if flow.frequency else "",
            "yearly_quantity": round(flow.yearly_quantity, 3) if flow.yearly_quantity is not None else None,
            "base_unit": flow.base_unit_label,
            "price": flow.get_price_kind_display(),
            "price_eur": float(flow.price_eur) if flow.price_eur is not None else None,
            "company": (
                label_for(flow.site.commune.department.name) if flow.pk in hidden else flow.organisation.legal_name
            ),
            "commune": flow.site.commune.name,
            "department": flow.site.commune.department.name,
            "country": flow.country,
            "published_at": timezone.localdate(flow.published_at) if flow.published_at else None,
            "url": f"{base_url}{url}" if url else "",
        }
        if not can_see_quantities(user, flow):
            for key in QUANTITY_COLUMNS:
                row[key] = None
            row["price"] = _("Confidential")
        row["_point"] = _public_point(flow)
        yield row


def _public_point(flow: Flow) -> tuple[float, float]:
    """(lon, lat): the commune unless the site chose to show its exact location."""
    if flow.site.exact_location_public:
        return flow.longitude, flow.latitude
    return flow.site.commune.longitude, flow.site.commune.latitude


def _table(rows: Iterator[dict]) -> Iterator[list[Any]]:
    keys = [key for key, _label in columns()]
    for row in rows:
        yield [row[key] for key in keys]


def to_csv(rows: Iterator[dict]) -> bytes:
    return csv_bytes([label for _key, label in columns()], _table(rows))


def to_xlsx(rows: Iterator[dict]) -> bytes:
    header = [label for _key, label in columns()]
    return xlsx_bytes([Sheet(_("Flows"), _table(rows), header=header)])


def to_geojson(rows: Iterator[dict]) -> bytes:
    features = []
    for row in rows:
        lon, lat = row.pop("_point")
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                "properties": {k: v for k, v in row.items() if not k.startswith("_")},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, default=str).encode()


def render(fmt: str, queryset: QuerySet[Flow], user, base_url: str = "") -> tuple[bytes, str, str]:
    """(content, content type, file name) of the export of `queryset` in `fmt`."""
    content_type, extension = FORMATS[fmt]
    rows = flow_rows(queryset, user, base_url)
    content = {"csv": to_csv, "xlsx": to_xlsx, "geojson": to_geojson}[fmt](rows)
    return content, content_type, f"flows.{extension}"
