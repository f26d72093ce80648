"""Foundation: gazetteer autocomplete, organisation directory and API at a realistic volume.

Volume: every commune of the ALCOTRA area (or of France and Italy with BENCH_ALL_COMMUNES=1)
and 20,000 organisations spread over them.
"""

import os
import random

from django.core.management import call_command
from django.test import Client


def seed(n_organisations: int = 20_000) -> None:
    from circuito.accounts.models import Organisation
    from circuito.geo.models import Commune

    args = [] if os.environ.get("BENCH_ALL_COMMUNES") else ["--alcotra-only"]
    call_command("load_territories", *args, verbosity=0)
    call_command("load_nace", verbosity=0)
    communes = list(Commune.objects.values_list("pk", "country", "latitude", "longitude"))
    rng = random.Random(42)
    kinds = [k for k, _ in Organisation.Kind.choices if k not in ("partner", "implementing_body")]
    batch = []
    for i in range(n_organisations):
        pk, country, lat, lon = rng.choice(communes)
        batch.append(
            Organisation(
                kind=rng.choice(kinds),
                legal_name=f"{rng.choice(['Atelier', 'Officina', 'Société', 'Società', 'Lab'])} {i:05d}",
                slug=f"org-{i:05d}",
                country=country,
                commune_id=pk,
                latitude=lat,
                longitude=lon,
            )
        )
    Organisation.objects.bulk_create(batch, batch_size=2000)
    print(f"  seeded {len(communes)} communes, {n_organisations} organisations")


def run() -> None:
    from bench.harness import get_ok, timed

    seed()
    client = Client()
    timed("commune autocomplete ?q=sain (HTML)", get_ok(client, "/fr/communes/autocomplete/", data={"q": "sain"}))
    timed(
        "commune autocomplete ?q=nizza (JSON)",
        get_ok(client, "/fr/communes/autocomplete/", data={"q": "nizza", "format": "json"}),
    )
    timed("API /api/v1/communes/?q=tor", get_ok(client, "/api/v1/communes/", data={"q": "tor"}))
    timed("organisation directory, page 1", get_ok(client, "/fr/organisations/"))
    timed("organisation directory, page 200", get_ok(client, "/fr/organisations/", data={"page": 200}))
    timed(
        "organisation directory ?q=officina&country=IT",
        get_ok(client, "/it/organisations/", data={"q": "officina", "country": "IT"}),
    )
    timed("API /api/v1/organisations/ page 1", get_ok(client, "/api/v1/organisations/"))
    timed(
        "API /api/v1/organisations/?country=FR&page=100",
        get_ok(client, "/api/v1/organisations/", data={"country": "FR", "page": 100}),
    )
