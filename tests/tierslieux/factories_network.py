"""Factories of the network area: Italian places, referents, news, projects, seminars, alerts."""

import datetime as dt
import secrets

import factory
from django.utils import timezone

from circuito.accounts.models import Organisation
from tests.factories import CommuneFactory, OrganisationFactory, RegionFactory, TerritoryFactory, UserFactory
from tests.tierslieux.factories import PlaceFactory
from tierslieux.models import AlertSubscription, News, PlaceReferent, Project, Seminar


def italian_commune(**kwargs):
    region = RegionFactory(country="IT", code="07", name="Liguria", name_fr="Ligurie", name_it="Liguria")
    province = TerritoryFactory(
        parent=region, country="IT", code="IM", name="Imperia", name_fr="Imperia", name_it="Imperia"
    )
    return CommuneFactory(country="IT", department=province, latitude=43.89, longitude=8.03, **kwargs)


def italian_place(**kwargs):
    return PlaceFactory(commune=italian_commune(), **kwargs)


class ReferentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceReferent

    place = factory.SubFactory(PlaceFactory)
    user = factory.SubFactory(UserFactory)


class NewsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = News

    place = factory.SubFactory(PlaceFactory)
    title_fr = factory.Sequence(lambda n: f"Actualité {n}")
    body_fr = "Nouvelle imprimante 3D titane disponible."
    published_at = factory.LazyFunction(timezone.now)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title_fr = factory.Sequence(lambda n: f"Projet {n}")
    slug = factory.Sequence(lambda n: f"projet-{n}")
    published = True

    @factory.post_generation
    def places(self, create, extracted, **kwargs):
        if create:
            self.places.set(extracted or [PlaceFactory()])


class PartnerFactory(OrganisationFactory):
    kind = Organisation.Kind.PARTNER


class SeminarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seminar

    title = factory.Sequence(lambda n: f"Séminaire {n}")
    date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    location = "Nice"
    trainer = "Marie Curie"
    organiser = factory.SubFactory(PartnerFactory)


class AlertSubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AlertSubscription

    email = factory.Sequence(lambda n: f"alert{n}@example.org")
    language = "fr"
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    active = True
