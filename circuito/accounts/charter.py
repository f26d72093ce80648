"""The project's charter (`data/charter.yaml`): partners and implementing bodies as organisations."""

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from circuito.accounts.models import Organisation

CHARTER_PATH = Path(__file__).resolve().parent / "data" / "charter.yaml"


@cache
def load_charter_data() -> dict[str, Any]:
    """The charter as a dict (also read by the reporting app for the project structure)."""
    with CHARTER_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# What the charter decides about an organisation it lists; the rest (names, descriptions, kind,
# country, contact details) staff edit on the profile and a reload never overwrites.
STRUCTURE_FIELDS = ("is_lead_partner", "delegating_partner")


def _upsert(code: str, defaults: dict[str, Any]) -> tuple[Organisation, bool]:
    """Create the organisation with every value, or refresh only its `STRUCTURE_FIELDS`."""
    org = Organisation.objects.filter(partner_code=code).first()
    if org is None:
        org = Organisation(partner_code=code, slug=Organisation.unique_slug(defaults["legal_name"]), **defaults)
        org.save()
        return org, True
    changed = [f for f in STRUCTURE_FIELDS if f in defaults and getattr(org, f) != defaults[f]]
    for field in changed:
        setattr(org, field, defaults[field])
    if changed:
        org.save(update_fields=changed)
    return org, False


@transaction.atomic
def load_partners() -> dict[str, int]:
    """Create the charter's partners and implementing bodies that are missing, and refresh their
    place in the project's structure (idempotent; what staff edited is kept)."""
    counts = {"created": 0, "updated": 0}
    for partner in load_charter_data()["partners"]:
        org, created = _upsert(
            partner["code"],
            {
                "kind": Organisation.Kind.PARTNER,
                "legal_name": partner["name"]["it"] if partner["country"] == "IT" else partner["name"]["fr"],
                "country": partner["country"],
                "is_lead_partner": bool(partner.get("lead_partner")),
                "description_fr": partner["name"]["fr"],
                "description_it": partner["name"]["it"],
            },
        )
        counts["created" if created else "updated"] += 1
        for body in partner.get("implementing_bodies", []):
            _, created = _upsert(
                body["code"],
                {
                    "kind": Organisation.Kind.IMPLEMENTING_BODY,
                    "legal_name": body["name"]["it"] if partner["country"] == "IT" else body["name"]["fr"],
                    "country": partner["country"],
                    "delegating_partner": org,
                    "description_fr": body["name"]["fr"],
                    "description_it": body["name"]["it"],
                },
            )
            counts["created" if created else "updated"] += 1
    return counts
