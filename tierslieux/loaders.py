"""Load the reference vocabularies of the Tiers-Lieux platform from tierslieux/data/ (idempotent)."""

import csv
from pathlib import Path

from django.db import transaction

from tierslieux.models import EquipmentKind, PlaceKind, Sector, ServiceKind

DATA = Path(__file__).resolve().parent / "data"
FILES = (
    ("place_kinds.csv", PlaceKind),
    ("sectors.csv", Sector),
    ("service_kinds.csv", ServiceKind),
    ("equipment_kinds.csv", EquipmentKind),
)


@transaction.atomic
def load_reference() -> dict[str, int]:
    """Create the missing rows (matched on `code`) and keep the files' order; returns the number
    of rows per file."""
    counts: dict[str, int] = {}
    for filename, model in FILES:
        with (DATA / filename).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for order, row in enumerate(rows, start=1):
            # Labels are written when the row is created only: staff may have reworded them.
            item, created = model.objects.get_or_create(
                code=row["code"],
                defaults={
                    "name": row["name_fr"],
                    "name_fr": row["name_fr"],
                    "name_it": row["name_it"],
                    "sort_order": order * 10,
                    # Extra columns of a file (e.g. `is_room` of equipment kinds) are flags.
                    **{name: value == "1" for name, value in row.items() if name.startswith("is_")},
                },
            )
            if not created and item.sort_order != order * 10:
                item.sort_order = order * 10
                item.save(update_fields=["sort_order"])
        counts[filename] = len(rows)
    return counts
