"""Import of a CSV in the national schema of digital mediation places (the directory export's
format, tierslieux.opendata): adds the places it does not know and refreshes those it does.

A row matches an existing place on its `id` (circuito-<pk>, from our own export), then its `pivot`
(SIRET), then its name in the same commune: importing the same file twice changes nothing. The
whole file is one transaction: with any error, nothing is saved and the report lists every error
with its line number.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from circuito.geo.models import Commune
from circuito.input_hygiene import has_control_character
from tierslieux import hours
from tierslieux.models import Place
from tierslieux.opendata import NO_PIVOT
from tierslieux.permissions import is_staff_of_project
from tierslieux.services import places as services

REQUIRED = ["id", "nom", "commune", "code_postal", "adresse"]
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
_RULE = re.compile(
    r"^(?P<days>[A-Z][a-z](?:[-,][A-Z][a-z])*)\s+(?P<spans>\d\d:\d\d-\d\d:\d\d(?:,\d\d:\d\d-\d\d:\d\d)*)$"
)
_OWN_ID = re.compile(r"^circuito-(\d{1,12})$")


class RollBack(Exception):
    """Raised inside the transaction to undo a file with errors."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, message)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_opening_hours(value: str) -> list[hours.Period]:
    """The subset of OSM opening_hours the export writes: "Mo-Fr 09:00-12:00,14:00-18:30; Sa 10:00-12:00".
    Anything else (public holidays, months, "off"…) is refused with a message."""
    periods: list[hours.Period] = []
    for rule in filter(None, (part.strip() for part in (value or "").split(";"))):
        match = _RULE.match(rule)
        if not match:
            raise ValidationError(
                _("Opening hours “%(rule)s” are not understood: write days and hours as in “Mo-Fr 09:00-18:00”."),
                params={"rule": rule[:60]},
            )
        days: list[int] = []
        for part in match["days"].split(","):
            ends = part.split("-")
            if any(end not in hours.OSM_DAYS for end in ends) or len(ends) > 2:
                raise ValidationError(
                    _("Unknown day in “%(rule)s”: use Mo, Tu, We, Th, Fr, Sa, Su."), params={"rule": rule[:60]}
                )
            first, last = hours.OSM_DAYS.index(ends[0]), hours.OSM_DAYS.index(ends[-1])
            if last < first:
                raise ValidationError(_("Days go from Monday to Sunday in “%(rule)s”."), params={"rule": rule[:60]})
            days.extend(range(first, last + 1))
        for span in match["spans"].split(","):
            start, end = span.split("-")
            try:
                opens, closes = time.fromisoformat(start), time.fromisoformat(end)
            except ValueError:
                raise ValidationError(_("“%(span)s” is not a time range."), params={"span": span}) from None
            periods.extend((day, opens, closes) for day in days)
    hours.validate_periods(periods)
    return periods


def _commune(row: dict[str, str]) -> Commune:
    if code := row.get("code_istat", "").strip():
        commune = Commune.objects.filter(country="IT", code=code).first()
    elif code := row.get("code_insee", "").strip():
        commune = Commune.objects.filter(country="FR", code=code).first()
    else:
        found = list(Commune.objects.filter(name__iexact=row.get("commune", "").strip())[:2])
        commune = found[0] if len(found) == 1 else None
    if commune is None:
        raise ValidationError(
            _("Commune “%(name)s” not found: give its INSEE code (code_insee) or ISTAT code (code_istat)."),
            params={"name": (row.get("commune") or code or "")[:80]},
        )
    return commune


def _match(row: dict[str, str], commune: Commune, seen: set[int]) -> Place | None:
    place = None
    if own := _OWN_ID.match(row.get("id", "").strip()):
        place = Place.objects.filter(pk=int(own.group(1))).first()
    pivot = row.get("pivot", "").strip()
    if place is None and pivot and pivot != NO_PIVOT:
        place = Place.objects.filter(siret=pivot).first()
    if place is None:
        place = Place.objects.filter(name__iexact=row["nom"].strip(), commune=commune).first()
    if place is not None and place.pk in seen:
        raise ValidationError(_("This place already appears on an earlier line of the file."))
    return place


def _float(value: str, fallback: float) -> float:
    try:
        return float(value) if value.strip() else fallback
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a coordinate (use a dot: 43.70)."), params={"value": value[:30]}
        ) from None


def _data(row: dict[str, str], commune: Commune) -> dict:
    links = [link for link in (row.get("site_web") or "").split("|") if link.strip()]
    emails = [e for e in (row.get("courriels") or "").split("|") if e.strip()]
    pivot = row.get("pivot", "").strip()
    data = {
        "name": row["nom"].strip(),
        "address": row["adresse"].strip(),
        "postcode": row["code_postal"].strip(),
        "commune": commune,
        "latitude": _float(row.get("latitude", ""), commune.latitude),
        "longitude": _float(row.get("longitude", ""), commune.longitude),
        "phone": (row.get("telephone_international") or row.get("telephone") or "").strip(),
        "email": emails[0].strip() if emails else "",
        "website": links[0].strip() if links else "",
        "social_links": [link.strip() for link in links[1:]],
        "siret": pivot if commune.country == "FR" and pivot != NO_PIVOT and len(pivot) == 14 else "",
    }
    description = (row.get("presentation_detail") or row.get("presentation_resume") or "").strip()
    if description:
        data["description_fr" if commune.country == "FR" else "description_it"] = description
    return data


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "tiers-lieu"
    slug, n = base, 2
    while Place.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _import_row(row: dict[str, str], seen: set[int], report: ImportReport, actor) -> None:
    missing = [name for name in REQUIRED if not (row.get(name) or "").strip()]
    if missing:
        raise ValidationError(_("Missing required values: %(fields)s."), params={"fields": ", ".join(missing)})
    commune = _commune(row)
    periods = parse_opening_hours(row.get("horaires", ""))
    place = _match(row, commune, seen)
    data = _data(row, commune)
    if place is not None and not place.siret and place.operator_id and place.operator.siret == data["siret"]:
        data.pop("siret")  # our export's pivot was the operator's SIRET: not the place's own
    if place is None:
        place = services.create_place({**data, "slug": _unique_slug(data["name"])}, kinds=[], actor=actor)
        report.created += 1
    else:
        changes = services.update_place(place, data, actor=actor)
        report.updated += bool(changes)
        report.unchanged += not changes
    if row.get("horaires", "").strip():
        services.save_opening_hours(place, periods, actor=actor)
    seen.add(place.pk)


def _messages(error: ValidationError) -> list[str]:
    """Each message, prefixed with the column it is about when the model said which."""
    if not hasattr(error, "error_dict"):
        return error.messages
    columns = {
        "name": "nom",
        "address": "adresse",
        "postcode": "code_postal",
        "phone": "telephone",
        "email": "courriels",
        "website": "site_web",
        "siret": "pivot",
        "social_links": "site_web",
    }
    return [
        f"{columns.get(name, name)}: {message}" if name != "__all__" else message
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def import_places(content: bytes, *, actor, dry_run: bool = False) -> ImportReport:
    """Import the CSV `content` (UTF-8, "," separated); all or nothing (see the module's note)."""
    if not is_staff_of_project(actor):
        raise PermissionDenied(_("Only the project partners' staff may import places."))
    report = ImportReport()
    if len(content) > MAX_BYTES:
        report.errors.append((0, _("The file is larger than 5 MB: split it.")))
        return report
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append((0, _("The file is not UTF-8 text: save it as “CSV UTF-8”.")))
        return report
    if has_control_character(text):
        report.errors.append((0, _("The file contains control characters: it is not a CSV file.")))
        return report
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
    if missing:
        report.errors.append((1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}))
        return report
    try:
        with transaction.atomic():
            seen: set[int] = set()
            for number, row in enumerate(reader, start=2):
                if number - 1 > MAX_ROWS:
                    report.errors.append((number, _("More than %(n)s places: split the file.") % {"n": MAX_ROWS}))
                    break
                try:
                    with transaction.atomic():
                        _import_row(row, seen, report, actor)
                except ValidationError as error:
                    report.errors.extend((number, message) for message in _messages(error))
            if report.errors or dry_run:
                raise RollBack
    except RollBack:
        pass
    return report
