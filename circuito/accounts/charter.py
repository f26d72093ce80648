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


def _upsert(code: str, defaults: dict[str, Any]) -> tuple[Organisation, bool]:
    org = Organisation.objects.filter(partner_code=code).first()
    if org is None:
        org = Organisation(partner_code=code, slug=Organisation.unique_slug(defaults["legal_name"]))
        created = True
    else:
        created = False
    for field, value in defaults.items():
        setattr(org, field, value)
    org.save()
    return org, created


@transaction.atomic
def load_partners() -> dict[str, int]:
    """Create or refresh the charter's partners and implementing bodies (idempotent)."""
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
