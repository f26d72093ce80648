"""Contact details of the demo places (tierslieux/data/demo_place_contacts.json): addresses and
postcodes, phones in each country's national format, e-mails, websites and social links on the
reserved `.example` domain (fictitious, they reach nobody), accessibility, access and prices.
Idempotent: only empty fields are filled, so a referent's own edits stay."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError

from tierslieux.models import Place
from tierslieux.services.places import update_place

DATA = Path(__file__).resolve().parents[1] / "data" / "demo_place_contacts.json"


def fill_contacts(actor, stdout=None) -> int:
    """Fill the demo places' empty contact fields; returns how many places changed."""
    changed = 0
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        place = Place.objects.select_related("commune__department").filter(slug=row.pop("slug")).first()
        if place is None:
            continue
        data = {name: value for name, value in row.items() if not getattr(place, name)}
        if not data:
            continue
        verified = (place.last_verified_at, place.last_verified_by_id)
        try:
            if update_place(place, data, actor=actor):
                changed += 1
        except ValidationError as error:
            # A gazetteer without the real departments (some tests build one): the place keeps
            # its other demo data, and says why its contacts are missing.
            if stdout is not None:
                stdout.write(f"Demo contacts of {place.slug} not loaded: {'; '.join(error.messages)}")
            continue
        # Demo freshness dates stay as the demo set them (some pages are meant to look stale).
        Place.objects.filter(pk=place.pk).update(last_verified_at=verified[0], last_verified_by=verified[1])
    return changed
