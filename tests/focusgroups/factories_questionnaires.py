"""Questionnaires for the tests: on the world of the sessions tests (study 3.2 coordinated by
PACA, a published template of two sections with one question of every kind)."""

import factory

from focusgroups.models import Invitation, Questionnaire, Response
from focusgroups.services.questionnaires import new_token
from tests.focusgroups.factories_sessions import World


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionnaire

    title_fr = "Questionnaire entreprises"
    title_it = "Questionario imprese"
    public_token = factory.LazyFunction(new_token)
    allow_public = True


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    email = factory.Sequence(lambda n: f"company{n}@example.org")
    organisation_name = factory.Sequence(lambda n: f"Impresa {n}")
    language = "it"
    token = factory.LazyFunction(new_token)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    language = "fr"
    resume_token = factory.LazyFunction(new_token)
    last_section = 1
    category = "company"
    country = "FR"


def questionnaire_for(world: World, **kwargs) -> Questionnaire:
    return QuestionnaireFactory(
        study=world.study, template_version=world.version, organiser=world.paca, created_by=world.coordinator, **kwargs
    )
