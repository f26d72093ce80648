"""Tiers-Lieux: the directory, its map data and the radius search with 5,000 places.

Volume: the ALCOTRA gazetteer, 5,000 published places spread over its communes with kinds,
services and opening hours (a week of two periods a day)."""

import datetime as dt
import random

from django.core.management import call_command
from django.test import Client


def seed(n_places: int = 5_000) -> None:
    from circuito.geo.models import Commune
    from tierslieux.models import OpeningHours, Place, PlaceKind, Service, ServiceKind

    call_command("load_territories", "--alcotra-only", verbosity=0)
    call_command("load_tierslieux_reference", verbosity=0)
    communes = list(Commune.objects.select_related("department"))
    kinds = list(PlaceKind.objects.all())
    service_kinds = list(ServiceKind.objects.all())
    rng = random.Random(7)
    places = []
    for i in range(n_places):
        commune = rng.choice(communes)
        place = Place(
            name=f"{rng.choice(['Fablab', 'Coworking', 'Pépinière', 'Incubatore', 'Living lab'])} {i:04d}",
            slug=f"place-{i:04d}",
            commune=commune,
            latitude=commune.latitude,
            longitude=commune.longitude,
            description_fr="Atelier partagé ouvert aux entreprises." if i % 2 else "",
            description_it="Laboratorio condiviso aperto alle imprese." if i % 3 else "",
            status=Place.Status.PUBLISHED,
            country=commune.country,
            department_id=commune.department_id,
            region_id=commune.department.parent_id,
        )
        places.append(place)
    Place.objects.bulk_create(places, batch_size=1000)
    through = Place.kinds.through
    through.objects.bulk_create(
        [through(place_id=p.pk, placekind_id=rng.choice(kinds).pk) for p in places], batch_size=2000
    )
    Service.objects.bulk_create(
        [
            Service(place=p, kind=rng.choice(service_kinds), name_fr="Service", name_it="Servizio")
            for p in places
            for _ in range(2)
        ],
        batch_size=2000,
    )
    OpeningHours.objects.bulk_create(
        [
            OpeningHours(place=p, weekday=d, opens=dt.time(h1), closes=dt.time(h2))
            for p in places
            for d in range(5)
            for h1, h2 in ((9, 12), (14, 18))
        ],
        batch_size=5000,
    )
    print(f"  seeded {len(communes)} communes, {n_places} places")


def run() -> None:
    from bench.harness import get_ok, timed
    from circuito.geo.models import Commune

    seed()
    client = Client()
    cuneo = Commune.objects.get(country="IT", code="004078")
    timed("directory, page 1", get_ok(client, "/fr/tiers-lieux/directory/"))
    timed(
        "directory ?q=laboratorio (Italian word from /fr/)",
        get_ok(client, "/fr/tiers-lieux/directory/", data={"q": "laboratorio"}),
    )
    timed(
        "directory ?country=FR&open_now=on",
        get_ok(client, "/fr/tiers-lieux/directory/", data={"country": "FR", "open_now": "on"}),
    )
    timed(
        "directory within 150 km of Cuneo",
        get_ok(client, "/it/tiers-lieux/directory/", data={"near": cuneo.pk, "km": 150}),
    )
    timed("map GeoJSON, all places", get_ok(client, "/fr/tiers-lieux/places.geojson"))
    timed("API /api/v1/places/", get_ok(client, "/api/v1/places/"))
