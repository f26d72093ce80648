"""Factories of the Tiers-Lieux platform, on top of the shared ones."""

import datetime as dt

import factory
from django.utils import timezone

from tests.factories import CommuneFactory, OrganisationFactory
from tierslieux.models import Event, Place, PlaceKind, Sector, Service, ServiceKind


class PlaceKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceKind
        django_get_or_create = ("code",)

    code = "fablab"
    name_fr = "Fablab"
    name_it = "Fablab"


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = "agri-food"
    name_fr = "Agroalimentaire"
    name_it = "Agroalimentare"


class ServiceKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceKind
        django_get_or_create = ("code",)

    code = "prototyping"
    name_fr = "Prototypage"
    name_it = "Prototipazione"


class PlaceFactory(factory.django.DjangoModelFactory):
    """A published fablab in Nice by default."""

    class Meta:
        model = Place
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Fablab {n}")
    slug = factory.Sequence(lambda n: f"fablab-{n}")
    operator = factory.SubFactory(OrganisationFactory, kind="tiers_lieu_operator")
    commune = factory.SubFactory(CommuneFactory)
    latitude = factory.LazyAttribute(lambda o: o.commune.latitude)
    longitude = factory.LazyAttribute(lambda o: o.commune.longitude)
    description_fr = "Un atelier de fabrication numérique ouvert aux entreprises."
    status = Place.Status.PUBLISHED
    last_verified_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def kinds(self, create, extracted, **kwargs):
        if create:
            self.kinds.set(extracted or [PlaceKindFactory()])


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    place = factory.SubFactory(PlaceFactory)
    kind = factory.SubFactory(ServiceKindFactory)
    name_fr = "Prototypage rapide"
    name_it = "Prototipazione rapida"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = Event.Kind.OPEN_INNOVATION
    title_fr = "Session Open Innovation"
    title_it = "Sessione Open Innovation"
    slug = factory.Sequence(lambda n: f"event-{n}")
    place = factory.SubFactory(PlaceFactory)
    organiser = factory.SubFactory(OrganisationFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=4))
    capacity = 30
    published = True
