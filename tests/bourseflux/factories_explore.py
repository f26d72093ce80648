"""Helpers of the explore tests: flows on both sides of the border, facilitators."""

from bourseflux.models import EwcCode, Flow, MaterialCategory
from circuito.accounts.models import Organisation
from tests.bourseflux.factories import FlowFactory, MaterialCategoryFactory, SiteFactory
from tests.factories import (
    CommuneFactory,
    MembershipFactory,
    OrganisationFactory,
    RegionFactory,
    TerritoryFactory,
)


def facilitator():
    partner = OrganisationFactory(kind=Organisation.Kind.PARTNER, legal_name="Envipark", partner_code="ENV")
    return MembershipFactory(organisation=partner, is_facilitator=True).user


def aosta_commune(**kwargs):
    region = RegionFactory(
        country="IT", code="02", name="Valle d'Aosta", name_fr="Vallée d'Aoste", name_it="Valle d'Aosta"
    )
    province = TerritoryFactory(country="IT", code="AO", name="Aosta", name_fr="Aoste", name_it="Aosta", parent=region)
    defaults = {
        "country": "IT",
        "code": "007003",
        "name": "Aosta",
        "department": province,
        "latitude": 45.737,
        "longitude": 7.315,
    }
    defaults.update(kwargs)
    return CommuneFactory(**defaults)


def savoie_commune(**kwargs):
    region = RegionFactory(country="FR", code="84", name="Auvergne-Rhône-Alpes")
    dept = TerritoryFactory(country="FR", code="73", name="Savoie", name_fr="Savoie", name_it="Savoia", parent=region)
    defaults = {
        "country": "FR",
        "code": "73065",
        "name": "Chambéry",
        "department": dept,
        "latitude": 45.566,
        "longitude": 5.921,
    }
    defaults.update(kwargs)
    return CommuneFactory(**defaults)


def italian_flow(**kwargs) -> Flow:
    """An Italian company's offer written in Italian only."""
    commune = kwargs.pop("commune", None) or aosta_commune()
    site = kwargs.pop("site", None) or SiteFactory(
        commune=commune, organisation=OrganisationFactory(country="IT", legal_name="Sidro Valdostano srl")
    )
    defaults = {"title_fr": "", "title_it": "Vinacce di mele", "description_it": "Residui della spremitura"}
    defaults.update(kwargs)
    return FlowFactory(site=site, **defaults)


def french_flow(**kwargs) -> Flow:
    commune = kwargs.pop("commune", None) or savoie_commune()
    site = kwargs.pop("site", None) or SiteFactory(
        commune=commune, organisation=OrganisationFactory(legal_name="Cidrerie de Savoie")
    )
    defaults = {
        "title_fr": "Besoin de marc de pommes",
        "title_it": "",
        "direction": Flow.Direction.NEED,
    }
    defaults.update(kwargs)
    return FlowFactory(site=site, **defaults)


def wood_category() -> MaterialCategory:
    return MaterialCategoryFactory(code="wood", name_fr="Bois", name_it="Legno", ewc_prefixes=["03"])


def sawdust_category() -> MaterialCategory:
    return MaterialCategoryFactory(
        code="wood-sawdust", name_fr="Sciures", name_it="Segatura", parent=wood_category(), ewc_prefixes=["03 01 05"]
    )


def ewc(code: str, hazardous: bool = False) -> EwcCode:
    chapter, _ = EwcCode.objects.get_or_create(
        code=code[:2],
        defaults={
            "level": 1,
            "chapter": code[:2],
            "label_fr": f"Chapitre {code[:2]}",
            "label_it": f"Capitolo {code[:2]}",
        },
    )
    sub, _ = EwcCode.objects.get_or_create(
        code=code[:5],
        defaults={
            "level": 2,
            "chapter": code[:2],
            "parent": chapter,
            "label_fr": "Sous-chapitre",
            "label_it": "Sottocapitolo",
        },
    )
    entry, _ = EwcCode.objects.get_or_create(
        code=code,
        defaults={
            "level": 3,
            "chapter": code[:2],
            "parent": sub,
            "hazardous": hazardous,
            "label_fr": f"Déchet {code}",
            "label_it": f"Rifiuto {code}",
        },
    )
    return entry
