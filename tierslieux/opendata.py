"""The directory as open data, in the French national schema of digital mediation places
("lieux de médiation numérique", table schema shipped in data/opendata/ with its source, version
and licence), plus three columns for a cross-border directory: `pays`, `code_istat` (Italian
places: the ISTAT code, never in `code_insee`) and `telephone_international` (the schema's
`telephone` only takes French numbers).

The schema's vocabularies are about digital inclusion: the portal's service kinds map to the
nearest value, or to none (access to finance, networking… have no counterpart).
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from circuito.exports import Verbatim, csv_bytes
from tierslieux.hours import osm_opening_hours
from tierslieux.models import Place, Service
from tierslieux.validators import phone_e164

SCHEMA_PATH = Path(__file__).resolve().parent / "data" / "opendata" / "schema-lieux-mediation-numerique.json"
EXTRA_FIELDS = ["pays", "code_istat", "telephone_international"]
# "Unknown SIRET" as the national cartography writes it: the schema requires a pivot.
NO_PIVOT = "00000000000000"
SOURCE = "CIRCUITO (Interreg ALCOTRA)"
SUMMARY_LENGTH = 280

# Portal service kind (tierslieux/data/service_kinds.csv) → the schema's `services` value.
SERVICES = {
    "skills-training": "Maîtrise des outils numériques du quotidien",
    "prototyping": "Loisirs et créations numériques",
    "equipment-access": "Accès internet et matériel informatique",
    "hosting": "Accès internet et matériel informatique",
    "test-before-invest": "Compréhension du monde numérique",
    "mentoring": "Insertion professionnelle via le numérique",
    "business-support": "Insertion professionnelle via le numérique",
}
# Every kind of place of the portal is a Tiers-Lieu: data.inclusion's "TIERS_LIEUX" typology
# ("Tiers lieu & coworking").
TYPOLOGY = "TIERS_LIEUX"
COUNTRY_LANGUAGE = {"FR": "fr", "IT": "it"}


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def schema_fields() -> list[str]:
    return [f["name"] for f in schema()["fields"]]


def export_fields() -> list[str]:
    return [*schema_fields(), *EXTRA_FIELDS]


def opendata_queryset(places: QuerySet[Place]) -> QuerySet[Place]:
    """What the export reads, in a constant number of queries.

    The schema requires a street address and a five-digit postcode: one place without them would
    make the whole file fail the national validator, so such a place stays out of the open-data
    files (it is still in the directory, which asks its referent to complete it)."""
    places = places.exclude(address="").filter(postcode__regex=r"^[0-9]{5}$")
    return places.select_related("commune", "operator").prefetch_related(
        Prefetch("services", queryset=Service.objects.select_related("kind")), "opening_hours"
    )


def _joined(values) -> str:
    return "|".join(dict.fromkeys(v for v in values if v))


def _description(place: Place) -> str:
    first = COUNTRY_LANGUAGE.get(place.country, "fr")
    other = "it" if first == "fr" else "fr"
    return (getattr(place, f"description_{first}", "") or getattr(place, f"description_{other}", "") or "").strip()


def _summary(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SUMMARY_LENGTH:
        return text
    return text[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _pivot(place: Place) -> str:
    if place.siret:
        return place.siret
    operator = place.operator
    if place.country == "FR" and operator is not None and getattr(operator, "siret", ""):
        return operator.siret
    return NO_PIVOT


def _specific_support(place: Place) -> str:
    values = ["Handicaps moteurs"] if place.wheelchair_accessible else []
    own = COUNTRY_LANGUAGE.get(place.country, "fr")
    spoken = set(place.languages or [])
    if "en" in spoken:
        values.append("Langues étrangères (anglais)")
    if spoken - {own, "en"}:
        values.append("Langues étrangères (autres)")
    return _joined(values)


def _access(place: Place, has_hours: bool) -> str:
    return _joined(
        [
            "Se présenter" if has_hours else "",
            "Téléphoner" if place.phone else "",
            "Contacter par mail" if place.email else "",
        ]
    )


def export_row(place: Place) -> dict[str, Any]:
    """One place as a row of the schema (and the extra columns)."""
    hours = list(place.opening_hours.all())
    phone = phone_e164(place.phone, place.country)
    description = _description(place)
    updated = place.last_verified_at or place.updated_at or timezone.now()
    return {
        "id": f"circuito-{place.pk}",
        "pivot": _pivot(place),
        "nom": place.name,
        "commune": place.commune.name,
        "code_postal": place.postcode,
        "code_insee": place.commune.code if place.country == "FR" else "",
        "adresse": place.address,
        "complement_adresse": "",
        "latitude": round(place.latitude, 6),
        "longitude": round(place.longitude, 6),
        "typologie": TYPOLOGY,
        "telephone": Verbatim(phone) if phone.startswith("+33") else "",
        "courriels": place.email,
        "site_web": _joined([place.website, *(place.social_links or [])]),
        "horaires": osm_opening_hours(hours),
        "presentation_resume": _summary(description),
        "presentation_detail": description,
        "source": SOURCE,
        "itinerance": "Fixe",
        "structure_parente": place.operator.legal_name if place.operator_id else "",
        "date_maj": timezone.localtime(updated).date().isoformat(),
        "services": _joined(SERVICES.get(s.kind.code, "") for s in place.services.all()),
        "publics_specifiquement_adresses": "",
        "prise_en_charge_specifique": _specific_support(place),
        "frais_a_charge": "",
        "dispositif_programmes_nationaux": "",
        "formations_labels": "",
        "autres_formations_labels": "",
        "modalites_acces": _access(place, bool(hours)),
        "modalites_accompagnement": "",
        "fiche_acces_libre": "",
        "prise_rdv": "",
        "pays": place.country,
        "code_istat": place.commune.code if place.country == "IT" else "",
        "telephone_international": Verbatim(phone) if phone else "",
    }


def directory_csv(places: QuerySet[Place]) -> bytes:
    """The open-data CSV: "," and no byte-order mark, as the schema's validator expects."""
    fields = export_fields()
    rows = ([export_row(place)[name] for name in fields] for place in opendata_queryset(places))
    return csv_bytes(fields, rows, delimiter=",", bom=False)


LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
LICENCE_TITLE = "Licence Ouverte / Open Licence 2.0 (Etalab)"


def dataset_description(*, csv_url: str, geojson_url: str, page_url: str, modified: str) -> dict[str, Any]:
    """The directory's DCAT-AP description (JSON-LD): what it is, its licence, the schema its CSV
    conforms to and where to download it. URLs are absolute."""
    meta = schema()
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@type": "dcat:Dataset",
        "@id": page_url + "#dataset",
        "dct:title": [
            {"@language": "fr", "@value": "Tiers-Lieux de l'espace ALCOTRA (France – Italie)"},
            {"@language": "it", "@value": "Tiers-Lieux dell'area ALCOTRA (Francia – Italia)"},
        ],
        "dct:description": [
            {
                "@language": "fr",
                "@value": "Annuaire des Tiers-Lieux (fablabs, incubateurs, coworkings, laboratoires) du "
                "portail CIRCUITO, au format du schéma national des lieux de médiation numérique, avec le "
                "code ISTAT des communes italiennes dans la colonne code_istat.",
            },
            {
                "@language": "it",
                "@value": "Elenco dei Tiers-Lieux (fablab, incubatori, coworking, laboratori) del portale "
                "CIRCUITO, nel formato dello schema nazionale francese dei luoghi di mediazione digitale, con "
                "il codice ISTAT dei comuni italiani nella colonna code_istat.",
            },
        ],
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": SOURCE},
        "dct:license": {"@id": LICENCE_URL, "dct:title": LICENCE_TITLE},
        "dct:conformsTo": {"@id": meta["uri"], "dct:title": f"{meta['title']} {meta['version']}"},
        "dct:spatial": ["FR", "IT"],
        "dct:modified": modified,
        "dcat:keyword": ["tiers-lieux", "fablab", "incubateur", "coworking", "ALCOTRA", "Interreg"],
        "dcat:landingPage": {"@id": page_url},
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": "CSV",
                "dcat:downloadURL": {"@id": csv_url},
                "dcat:mediaType": "text/csv",
                "dct:license": {"@id": LICENCE_URL},
                "dct:conformsTo": {"@id": meta["uri"]},
            },
            {
                "@type": "dcat:Distribution",
                "dct:title": "GeoJSON",
                "dcat:downloadURL": {"@id": geojson_url},
                "dcat:mediaType": "application/geo+json",
                "dct:license": {"@id": LICENCE_URL},
            },
        ],
    }


def directory_geojson(places: QuerySet[Place]) -> dict[str, Any]:
    """The same rows as the CSV, as GeoJSON points (coordinates out of the properties)."""
    features = []
    for place in opendata_queryset(places):
        row = export_row(place)
        lon, lat = row.pop("longitude"), row.pop("latitude")
        properties = {name: str(value) if isinstance(value, str) else value for name, value in row.items()}
        features.append(
            {
                "type": "Feature",
                "id": place.pk,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}
