"""Test data for synergies: a French company in Savoie that needs apple pomace and an Italian
company in the Aosta Valley that gives it off, each with an owner and a colleague."""

from dataclasses import dataclass

import pytest

from bourseflux.models import Flow
from circuito.accounts.models import Membership, Organisation, User
from tests.bourseflux.factories import FlowFactory, SiteFactory
from tests.factories import CommuneFactory, MembershipFactory, OrganisationFactory, RegionFactory, TerritoryFactory


def savoie_commune(**kwargs):
    region = RegionFactory(
        code="84", name="Auvergne-Rhône-Alpes", name_fr="Auvergne-Rhône-Alpes", name_it="Alvernia-Rodano-Alpi"
    )
    dept = TerritoryFactory(code="73", name="Savoie", name_fr="Savoie", name_it="Savoia", parent=region)
    defaults = {"code": "73065", "name": "Chambéry", "department": dept, "latitude": 45.5646, "longitude": 5.9178}
    return CommuneFactory(**{**defaults, **kwargs})


def aosta_commune(**kwargs):
    region = RegionFactory(
        country="IT", code="02", name="Valle d'Aosta", name_fr="Vallée d'Aoste", name_it="Valle d'Aosta"
    )
    dept = TerritoryFactory(country="IT", code="AO", name="Aosta", name_fr="Aoste", name_it="Aosta", parent=region)
    defaults = {
        "country": "IT",
        "code": "007003",
        "name": "Aosta",
        "department": dept,
        "latitude": 45.7370,
        "longitude": 7.3201,
    }
    return CommuneFactory(**{**defaults, **kwargs})


@dataclass
class Side:
    organisation: Organisation
    owner: User
    colleague: User
    flow: Flow


def company(country: str, *, language: str, commune=None) -> tuple[Organisation, User, User]:
    org = OrganisationFactory(country=country)
    owner = MembershipFactory(organisation=org, role=Membership.Role.ADMIN, user__preferred_language=language).user
    colleague = MembershipFactory(organisation=org, user__preferred_language=language).user
    return org, owner, colleague


def italian_offer(**flow_kwargs) -> Side:
    org, owner, colleague = company("IT", language="it")
    site = SiteFactory(organisation=org, commune=aosta_commune())
    flow = FlowFactory(site=site, title_fr="", title_it="Vinacce di mele", **flow_kwargs)
    return Side(org, owner, colleague, flow)


def french_need(**flow_kwargs) -> Side:
    org, owner, colleague = company("FR", language="fr")
    site = SiteFactory(organisation=org, commune=savoie_commune())
    flow = FlowFactory(
        site=site, direction=Flow.Direction.NEED, title_fr="Besoin de marc de pommes", title_it="", **flow_kwargs
    )
    return Side(org, owner, colleague, flow)


def facilitator_user() -> User:
    partner = OrganisationFactory(kind=Organisation.Kind.PARTNER)
    return MembershipFactory(organisation=partner, is_facilitator=True).user


@pytest.fixture
def offer_side(db) -> Side:
    return italian_offer()


@pytest.fixture
def need_side(db) -> Side:
    return french_need()


@pytest.fixture
def facilitator(db) -> User:
    return facilitator_user()
