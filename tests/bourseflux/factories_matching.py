"""Places and categories of the matching tests: Savoie (France) and the Aosta Valley (Italy)."""

from bourseflux.models import EwcCode, Flow, MaterialCategory
from tests.bourseflux.factories import FlowFactory, SiteFactory
from tests.factories import CommuneFactory, OrganisationFactory, RegionFactory, TerritoryFactory


def savoie(name: str = "Chambéry", lat: float = 45.5646, lon: float = 5.9178, code: str = "73065"):
    region = RegionFactory(
        code="84", name="Auvergne-Rhône-Alpes", name_fr="Auvergne-Rhône-Alpes", name_it="Alvernia-Rodano-Alpi"
    )
    dept = TerritoryFactory(parent=region, code="73", name="Savoie", name_fr="Savoie", name_it="Savoia")
    return CommuneFactory(country="FR", code=code, name=name, department=dept, latitude=lat, longitude=lon)


def aosta(name: str = "Aosta", lat: float = 45.7373, lon: float = 7.3154, code: str = "007003"):
    region = RegionFactory(
        country="IT", code="02", name="Valle d'Aosta", name_fr="Vallée d'Aoste", name_it="Valle d'Aosta"
    )
    dept = TerritoryFactory(parent=region, country="IT", code="AO", name="Aosta", name_fr="Aoste", name_it="Aosta")
    return CommuneFactory(country="IT", code=code, name=name, department=dept, latitude=lat, longitude=lon)


def categories() -> dict[str, MaterialCategory]:
    organic, _ = MaterialCategory.objects.get_or_create(
        code="organic",
        defaults={
            "name_fr": "Organique et agroalimentaire",
            "name_it": "Organico e agroalimentare",
            "ewc_prefixes": ["02"],
        },
    )
    fruit, _ = MaterialCategory.objects.get_or_create(
        code="fruit-residues",
        defaults={
            "parent": organic,
            "name_fr": "Résidus de fruits et légumes",
            "name_it": "Residui di frutta e verdura",
            "ewc_prefixes": ["02 03"],
        },
    )
    green, _ = MaterialCategory.objects.get_or_create(
        code="green-waste",
        defaults={"parent": organic, "name_fr": "Déchets verts", "name_it": "Rifiuti verdi", "ewc_prefixes": ["20 02"]},
    )
    wood, _ = MaterialCategory.objects.get_or_create(
        code="wood", defaults={"name_fr": "Bois", "name_it": "Legno", "ewc_prefixes": ["03"]}
    )
    return {"organic": organic, "fruit": fruit, "green": green, "wood": wood}


def ewc(code: str = "02 03 04") -> EwcCode:
    return EwcCode.objects.get_or_create(
        code=code,
        defaults={"level": 3, "chapter": code[:2], "label_fr": f"déchet {code}", "label_it": f"rifiuto {code}"},
    )[0]


def flow_at(commune, *, organisation=None, **kwargs) -> Flow:
    organisation = organisation or OrganisationFactory(country=commune.country, commune=commune)
    site = SiteFactory(organisation=organisation, commune=commune)
    kwargs.setdefault("category", categories()["fruit"])
    return FlowFactory(site=site, organisation=organisation, **kwargs)
