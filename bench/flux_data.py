"""A realistic volume for the flux exchange, generated fast with bulk_create: reference codes,
companies spread over the ALCOTRA communes of both countries, and published flows with a mix of
natures, categories, EWC codes, units, rhythms and seasons close to what such platforms hold
(many organic, wood and metal flows; energy, water and capacity rarer; most all year round).
"""

import random
from datetime import timedelta

from django.core.management import CommandError, call_command
from django.utils import timezone

NATURES = [("by_product", 30), ("waste", 25), ("material", 20), ("energy", 9), ("water", 7), ("capacity", 9)]
STATES = {"energy": ["none"], "capacity": ["none"], "water": ["liquid"]}
MATERIAL_STATES = [("solid", 45), ("granular", 20), ("paste", 15), ("liquid", 15), ("gas", 5)]
UNITS = {
    "energy": ["MWh", "kWh"],
    "water": ["m3", "l"],
    "capacity": ["h", "m2", "pallet"],
    "material": ["t", "t", "t", "kg", "m3"],
}
FREQUENCIES = ["year", "year", "month", "week", "day", "quarter", "once"]
# Relative weights of the top categories (by their code) among material flows.
ROOT_WEIGHTS = {
    "organic": 25,
    "wood": 15,
    "metals": 12,
    "plastics": 10,
    "minerals": 9,
    "paper-cardboard": 7,
    "glass": 3,
    "textiles-leather": 3,
    "rubber": 2,
    "chemicals": 5,
    "sludge": 3,
    "electrical-electronic": 2,
    "other": 4,
}
NON_MATERIAL_ROOTS = {"energy": "energy", "water": "water", "capacity": "capacity"}


def load_reference() -> None:
    call_command("load_territories", "--alcotra-only", verbosity=0)
    call_command("load_nace", verbosity=0)
    try:
        call_command("load_bourseflux_reference", verbosity=0)
    except CommandError:
        _fallback_reference()


def _fallback_reference() -> None:
    """A small plausible set when the reference loader is not available."""
    from bourseflux.models import EwcCode, MaterialCategory

    roots = {}
    for i, code in enumerate(list(ROOT_WEIGHTS) + list(NON_MATERIAL_ROOTS)):
        roots[code] = MaterialCategory.objects.create(code=code, name_fr=code, name_it=code, sort_order=i)
    for i, (code, parent, prefix) in enumerate(
        [("fruit", "organic", "02 03"), ("sawdust", "wood", "03 01"), ("swarf", "metals", "12 01")]
    ):
        MaterialCategory.objects.create(
            code=code, parent=roots[parent], name_fr=code, name_it=code, ewc_prefixes=[prefix], sort_order=20 + i
        )
        EwcCode.objects.get_or_create(code=prefix[:2], defaults={"level": 1, "chapter": prefix[:2], "label_fr": prefix})
        EwcCode.objects.create(code=f"{prefix} 04", level=3, chapter=prefix[:2], label_fr=code, label_it=code)


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


class Generator:
    def __init__(self, seed: int = 42) -> None:
        from bourseflux.models import EwcCode, MaterialCategory
        from bourseflux.reference_lookup import _prefix_table, category_pk_for_code
        from circuito.geo.models import Commune, Territory

        self.rng = random.Random(seed)
        parents = dict(Territory.objects.values_list("pk", "parent_id"))
        self.communes = [
            (pk, country, lat, lon, dept, parents[dept])
            for pk, country, lat, lon, dept in Commune.objects.values_list(
                "pk", "country", "latitude", "longitude", "department_id"
            )
        ]
        cats = list(MaterialCategory.objects.values("pk", "code", "parent_id", "name_fr", "name_it"))
        by_pk = {c["pk"]: c for c in cats}
        self.leaves: dict[str, list[dict]] = {}
        for c in cats:
            root = by_pk[c["parent_id"]] if c["parent_id"] else c
            self.leaves.setdefault(root["code"], []).append(c)
        # Waste codes per category (non-hazardous mostly: what companies exchange).
        table = _prefix_table()
        self.codes: dict[int, list[tuple[int, str, bool]]] = {}
        for pk, code, hazardous in EwcCode.objects.filter(level=3).values_list("pk", "code", "hazardous"):
            cat = category_pk_for_code(code, table)
            if cat and (not hazardous or self.rng.random() < 0.15):
                self.codes.setdefault(cat, []).append((pk, code, hazardous))
        self.roots = {c["code"]: c for c in cats if not c["parent_id"]}
        self.root_choices = [(code, w) for code, w in ROOT_WEIGHTS.items() if code in self.leaves]

    def organisations(self, n: int) -> None:
        from bourseflux.models import ActivityFlowProfile, Site
        from circuito.accounts.models import Organisation
        from circuito.nace.models import NaceActivity

        classes = list(NaceActivity.objects.filter(level="class").values_list("pk", "code"))
        profiled = set(ActivityFlowProfile.objects.values_list("nace_code", flat=True))
        typical = [pk for pk, code in classes if any(code.startswith(p) for p in profiled)] or [classes[0][0]]
        rng, orgs = self.rng, []
        for i in range(n):
            pk, country, lat, lon, _, _ = rng.choice(self.communes)
            nace = rng.choice(typical) if rng.random() < 0.6 else rng.choice(classes)[0]
            name = rng.choice(["Société", "Atelier", "Ets"] if country == "FR" else ["Società", "Officina", "Ditta"])
            orgs.append(
                Organisation(
                    kind="company",
                    legal_name=f"{name} {i:05d}",
                    slug=f"flux-org-{i:05d}",
                    country=country,
                    commune_id=pk,
                    latitude=lat,
                    longitude=lon,
                    nace_id=nace,
                )
            )
        Organisation.objects.bulk_create(orgs, batch_size=2000)
        # bulk_create skips save(): the search documents are computed here, as a loader would.
        from circuito.accounts.search import organisation_search_document

        created = list(Organisation.objects.filter(slug__startswith="flux-org-").select_related("commune"))
        for org in created:
            org.search_document = organisation_search_document(org)
        Organisation.objects.bulk_update(created, ["search_document"], batch_size=2000)
        commune_of = {c[0]: c for c in self.communes}
        sites = []
        for org in Organisation.objects.filter(slug__startswith="flux-org-").values("pk", "commune_id"):
            c = commune_of[org["commune_id"]]
            sites.append(Site(organisation_id=org["pk"], name="Site", commune_id=c[0], latitude=c[2], longitude=c[3]))
        Site.objects.bulk_create(sites, batch_size=2000)
        # Objects with their commune and department in memory: Flow.derive() then fills the copied
        # fields (location, territory, root category…) without a query, as Flow.save() would.
        self.sites = list(
            Site.objects.filter(organisation__slug__startswith="flux-org-").select_related("commune__department")
        )

    def flows(self, n: int) -> None:
        from bourseflux.models import EwcCode, Flow, MaterialCategory

        rng, now, batch = self.rng, timezone.now(), []
        categories = MaterialCategory.objects.in_bulk()
        codes = EwcCode.objects.filter(level=3).in_bulk()
        for _ in range(n):
            site = rng.choice(self.sites)
            country = site.commune.country
            nature = _weighted(rng, NATURES)
            root_code = NON_MATERIAL_ROOTS.get(nature) or _weighted(rng, self.root_choices)
            leaves = self.leaves.get(root_code) or [self.roots[root_code]]
            category = rng.choice(leaves)
            ewc_pk = None
            candidates = self.codes.get(category["pk"])
            if nature == "waste" and not candidates:
                nature = "material"
            if nature == "waste" or (nature == "material" and candidates and rng.random() < 0.3):
                ewc_pk = rng.choice(candidates)[0]
            state = rng.choice(STATES[nature]) if nature in STATES else _weighted(rng, MATERIAL_STATES)
            season = 4095
            if rng.random() < 0.3:
                start, length = rng.randrange(12), rng.randint(2, 6)
                season = sum(1 << ((start + k) % 12) for k in range(length))
            name = category["name_fr"] if country == "FR" else category["name_it"]
            flow = Flow(
                organisation_id=site.organisation_id,
                site=site,
                direction=rng.choice(["offer", "offer", "need"]),
                nature=nature,
                category=categories[category["pk"]],
                ewc=codes[ewc_pk] if ewc_pk else None,
                title_fr=name if country == "FR" else "",
                title_it=name if country == "IT" else "",
                physical_state=state,
                quantity=round(rng.lognormvariate(2.5, 1.5), 3) or 1,
                unit=rng.choice(UNITS.get(nature, UNITS["material"])),
                frequency=rng.choice(FREQUENCIES),
                season_mask=season,
                status="published",
                published_at=now - timedelta(days=rng.randrange(700)),
                quantity_visibility=rng.choice(["public", "members", "members", "facilitators"]),
            )
            flow.derive()
            batch.append(flow)
            if len(batch) >= 5000:
                Flow.objects.bulk_create(batch)
                batch = []
        if batch:
            Flow.objects.bulk_create(batch)


def analyze() -> None:
    """Fresh planner statistics after a bulk load (both databases use them to pick indexes)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
