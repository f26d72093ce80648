"""Data for the tests of imports, pilot zones, workshops and meetings."""

import datetime

import factory

from bourseflux.models import ActivityFlowProfile, AwarenessMeeting, PilotZone, Workshop
from circuito.accounts.models import Membership, Organisation
from circuito.nace.models import NaceActivity, NationalSubclass
from tests.bourseflux.factories import EwcCodeFactory, MaterialCategoryFactory
from tests.factories import CommuneFactory, MembershipFactory, OrganisationFactory, RegionFactory, TerritoryFactory


def make_facilitator(user):
    Membership.objects.filter(user=user).update(is_facilitator=True)
    for attr in ("_circuito_roles", "_bourseflux_orgs"):
        if hasattr(user, attr):
            delattr(user, attr)
    return user


def facilitator():
    partner = OrganisationFactory(kind=Organisation.Kind.PARTNER, legal_name="Chambre Savoie", partner_code="CCI73")
    return MembershipFactory(organisation=partner, is_facilitator=True).user


def partner_member(code: str = "PART"):
    partner = OrganisationFactory(kind=Organisation.Kind.PARTNER, partner_code=code)
    return MembershipFactory(organisation=partner).user


def italian_department(code: str, name: str):
    region = RegionFactory(country="IT", code="VDA" if code == "AO" else "PIE", name="Italia", name_fr="", name_it="")
    return TerritoryFactory(country="IT", code=code, name=name, name_fr=name, name_it=name, parent=region)


def reference_world() -> dict:
    """Communes (two Saint-Martin), NACE 10.32 with its NAF and ATECO codes, EWC codes and
    categories with an activity profile (juice makers give off pomace)."""
    savoie = TerritoryFactory(code="73", name="Savoie", name_fr="Savoie", name_it="Savoia")
    haute_savoie = TerritoryFactory(code="74", name="Haute-Savoie", name_fr="Haute-Savoie", name_it="Alta Savoia")
    hautes_alpes = TerritoryFactory(code="05", name="Hautes-Alpes", name_fr="Hautes-Alpes", name_it="Alte Alpi")
    aosta_dep = italian_department("AO", "Aosta")
    cuneo_dep = italian_department("CN", "Cuneo")
    communes = {
        "annecy": CommuneFactory(code="74010", name="Annecy", department=haute_savoie, latitude=45.9, longitude=6.12),
        "chambery": CommuneFactory(code="73065", name="Chambéry", department=savoie, latitude=45.57, longitude=5.92),
        "sm73": CommuneFactory(code="73270", name="Saint-Martin", department=savoie, latitude=45.4, longitude=6.4),
        "sm05": CommuneFactory(code="05150", name="Saint-Martin", department=hautes_alpes, latitude=44.6, longitude=6.2),  # noqa: E501
        "aosta": CommuneFactory(
            country="IT", code="007003", name="Aosta", alt_name="Aoste", department=aosta_dep, latitude=45.74,
            longitude=7.32,
        ),
        "cuneo": CommuneFactory(
            country="IT", code="004078", name="Cuneo", alt_name="Coni", department=cuneo_dep, latitude=44.39,
            longitude=7.55,
        ),
    }  # fmt: skip
    division = NaceActivity.objects.create(code="10", level="division", label_fr="Industries alimentaires")
    nace = NaceActivity.objects.create(
        code="10.32", level="class", parent=division, label_fr="Préparation de jus", label_it="Produzione di succhi"
    )
    NationalSubclass.objects.create(scheme="naf", code="10.32Z", label="Jus", nace_class=nace)
    NationalSubclass.objects.create(scheme="ateco", code="10.32.00", label="Succhi", nace_class=nace)
    organic = MaterialCategoryFactory()
    wood = MaterialCategoryFactory(code="wood", name_fr="Bois", name_it="Legno", ewc_prefixes=["03", "15 01 03"])
    ActivityFlowProfile.objects.create(
        nace_code="10.32", direction="offer", category=organic, nature="by_product", name_fr="Marc de fruits"
    )
    ewc = {
        "pomace": EwcCodeFactory(code="02 03 04"),
        "pallets": EwcCodeFactory(code="15 01 03", label_fr="emballages en bois", label_it="imballaggi in legno"),
        "hazardous": EwcCodeFactory(code="16 05 06", hazardous=True, label_fr="produits chimiques de laboratoire"),
    }
    return {"communes": communes, "nace": nace, "organic": organic, "wood": wood, "ewc": ewc}


class PilotZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotZone

    name_fr = factory.Sequence(lambda n: f"Zone {n}")
    name = factory.LazyAttribute(lambda o: o.name_fr)
    latitude = 45.57
    longitude = 5.92
    radius_km = 10
    partner = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.PARTNER)


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    pilot_zone = factory.SubFactory(PilotZoneFactory)
    title = factory.Sequence(lambda n: f"Atelier {n}")
    date = factory.LazyFunction(lambda: datetime.date.today())


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwarenessMeeting

    title = factory.Sequence(lambda n: f"Réunion {n}")
    date = datetime.date(2025, 3, 1)
    commune = factory.SubFactory(CommuneFactory)
    organiser = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.PARTNER)
    attendance = 25
    companies_attending = 12
