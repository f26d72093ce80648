"""Demo Tiers-Lieux for `make run`: the places named in the brief and others on both sides of the
border, with kinds, bilingual descriptions, opening hours, services, equipment and verification
dates (some older than 6 months, to show the freshness warnings). Idempotent (matched on slug)."""

import datetime as dt
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from circuito.accounts.models import User
from circuito.geo.models import Commune
from tierslieux.demo import booking as demo_booking
from tierslieux.demo import events as demo_events
from tierslieux.demo import network
from tierslieux.demo import places as demo_places
from tierslieux.models import EquipmentKind, Place, PlaceKind, Sector, ServiceKind
from tierslieux.services import places as services

DATA = Path(__file__).resolve().parents[2] / "data" / "demo_places.json"
HOURS = {
    "office": [(d, dt.time(9), dt.time(12, 30)) for d in range(5)] + [(d, dt.time(14), dt.time(18)) for d in range(5)],
    "long": [(d, dt.time(8, 30), dt.time(19)) for d in range(5)],
    "workshop": [(d, dt.time(10), dt.time(19)) for d in range(1, 6)],
}


class Command(BaseCommand):
    help = "Load demo Tiers-Lieux (needs load_tierslieux_reference and the communes gazetteer)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo data: refusing with DEBUG off (use --force).")
        actor = User.objects.filter(is_superuser=True).order_by("pk").first()
        if actor is None:
            raise CommandError("Run load_demo first: the demo places are entered by the demo administrator.")
        if not ServiceKind.objects.exists():
            raise CommandError("Run load_tierslieux_reference first.")
        created = 0
        for row in json.loads(DATA.read_text(encoding="utf-8")):
            if Place.objects.filter(slug=row["slug"]).exists():
                continue
            commune = Commune.objects.select_related("department").filter(code=row["commune"]).first()
            if commune is None:
                raise CommandError(f"Commune {row['commune']} is missing: run load_territories first.")
            self._create(row, commune, actor)
            created += 1
        contacts = demo_places.fill_contacts(actor, self.stdout)
        self.stdout.write(f"Demo Tiers-Lieux: contact details filled in for {contacts} places")
        events = demo_events.load(self.stdout)
        demo_booking.load(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo Tiers-Lieux: {created} places, {events} events created"))
        network.load(self.stdout)

    @transaction.atomic
    def _create(self, row: dict, commune: Commune, actor: User) -> None:
        data = {
            "name": row["name"],
            "slug": row["slug"],
            "description_fr": row["description_fr"],
            "description_it": row["description_it"],
            "commune": commune,
            "latitude": commune.latitude,
            "longitude": commune.longitude,
            "languages": row["languages"],
            "open_to_other_country": row["open_to_other_country"],
            "website": row["website"],
        }
        kinds = PlaceKind.objects.filter(code__in=row["kinds"])
        sectors = Sector.objects.filter(code__in=row["sectors"])
        place = services.create_place(data, kinds=kinds, sectors=sectors, actor=actor)
        services.save_opening_hours(place, HOURS[row["hours"]], actor=actor)
        for service in row["services"]:
            kind = ServiceKind.objects.get(code=service["kind"])
            services.save_service(place, None, {**service, "kind": kind}, actor=actor)
        for item in row["equipment"]:
            kind = EquipmentKind.objects.get(code=item["kind"])
            services.save_equipment(place, None, {**item, "kind": kind}, actor=actor)
        services.publish_place(place, actor=actor)
        verified = timezone.now() - dt.timedelta(days=row["verified_days_ago"])
        Place.objects.filter(pk=place.pk).update(last_verified_at=verified, last_verified_by=actor)
