"""Factories of the flux exchange, on top of the shared ones."""

import factory

from bourseflux.models import EwcCode, Flow, MaterialCategory, Site, Synergy
from bourseflux.reference_lookup import ewc_search_document
from tests.factories import CommuneFactory, OrganisationFactory


class EwcCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EwcCode
        django_get_or_create = ("code",)

    code = "02 03 04"
    level = 3
    chapter = factory.LazyAttribute(lambda o: o.code[:2])
    hazardous = False
    label_fr = "matières impropres à la consommation ou à la transformation"
    label_it = "scarti inutilizzabili per il consumo o la trasformazione"
    search_document = factory.LazyAttribute(lambda o: ewc_search_document(o.code, o.label_fr, o.label_it))


class MaterialCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaterialCategory
        django_get_or_create = ("code",)

    code = "organic"
    name_fr = "Organique et agroalimentaire"
    name_it = "Organico e agroalimentare"
    ewc_prefixes = ["02", "20 02"]


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Site principal"
    commune = factory.SubFactory(CommuneFactory)
    latitude = factory.LazyAttribute(lambda o: o.commune.latitude)
    longitude = factory.LazyAttribute(lambda o: o.commune.longitude)


class FlowFactory(factory.django.DjangoModelFactory):
    """A published offer of apple pomace by default."""

    class Meta:
        model = Flow

    site = factory.SubFactory(SiteFactory)
    organisation = factory.LazyAttribute(lambda o: o.site.organisation)
    direction = Flow.Direction.OFFER
    nature = Flow.Nature.BY_PRODUCT
    category = factory.SubFactory(MaterialCategoryFactory)
    title_fr = "Marc de pommes"
    title_it = "Vinacce di mele"
    physical_state = Flow.State.PASTE
    quantity = 10
    unit = Flow.Unit.TONNE
    frequency = Flow.Frequency.MONTH
    status = Flow.Status.PUBLISHED


class SynergyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Synergy

    offer = factory.SubFactory(FlowFactory)
    need = factory.SubFactory(FlowFactory, direction=Flow.Direction.NEED, title_fr="Besoin de marc")
