"""Factories of the focus groups app, on top of the shared ones (used by every area's tests)."""

import datetime

import factory

from circuito.accounts.models import Organisation
from focusgroups.models import (
    ActorCategory,
    ConsentText,
    Participant,
    Question,
    QuestionTag,
    QuestionTemplate,
    Section,
    Session,
    Study,
    TemplateVersion,
)
from tests.factories import OrganisationFactory, RegionFactory, TerritoryFactory


class PartnerFactory(OrganisationFactory):
    """A project partner, found again by its charter code."""

    class Meta:
        django_get_or_create = ("partner_code",)

    kind = Organisation.Kind.PARTNER
    partner_code = "PACA"
    legal_name = "Région Sud"
    country = "FR"


class StudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Study
        django_get_or_create = ("code",)

    code = "3.2"
    name_fr = "Analyse de la collaboration transfrontalière en R&I"
    name_it = "Analisi della collaborazione transfrontaliera in R&I"
    coordinator = factory.SubFactory(PartnerFactory)
    target_sessions = 20


class QuestionTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionTag
        django_get_or_create = ("code",)

    code = "obstacle-technological"
    label_fr = "Obstacles technologiques"
    label_it = "Ostacoli tecnologici"


class QuestionTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionTemplate

    study = factory.SubFactory(StudyFactory)
    title_fr = "Obstacles à la coopération"
    title_it = "Ostacoli alla cooperazione"


class TemplateVersionFactory(factory.django.DjangoModelFactory):
    """A published version (draft with status="draft", published_at=None)."""

    class Meta:
        model = TemplateVersion

    template = factory.SubFactory(QuestionTemplateFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = TemplateVersion.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(TemplateVersionFactory)
    order = factory.Sequence(lambda n: n)
    title_fr = "Obstacles"
    title_it = "Ostacoli"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    order = factory.Sequence(lambda n: n)
    key = factory.Sequence(lambda n: f"q{n}")
    kind = Question.Kind.TEXT
    text_fr = "Quels obstacles rencontrez-vous ?"
    text_it = "Quali ostacoli incontrate?"
    help_fr = "Relancer sur la réglementation."
    help_it = "Rilanciare sulla normativa."


class ConsentTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentText
        django_get_or_create = ("version", "language")

    version = 1
    language = "fr"
    text = factory.LazyAttribute(
        lambda o: "Je consens à participer." if o.language == "fr" else "Acconsento a partecipare."
    )


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    study = factory.SubFactory(StudyFactory)
    template_version = factory.SubFactory(TemplateVersionFactory, template__study=factory.SelfAttribute("..study"))
    organiser = factory.SubFactory(PartnerFactory)
    region = factory.SubFactory(RegionFactory)
    department = factory.SubFactory(TerritoryFactory)
    date = datetime.date(2026, 3, 12)
    actor_category = ActorCategory.COMPANY
    language = "fr"
    facilitator = "Claire Martin"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    session = factory.SubFactory(SessionFactory)
    pseudonym = factory.Sequence(lambda n: f"P{n % 100:02d}")
    organisation_name = factory.Sequence(lambda n: f"Entreprise {n}")
    category = ActorCategory.COMPANY
    country = "FR"
    language = "fr"
