"""The 5.2 demo questionnaire loads, with submitted responses in both languages, and twice."""

import io

import pytest
from django.core.management import call_command

from focusgroups.demo import questionnaires as demo
from focusgroups.models import Questionnaire, Response
from focusgroups.reference import load_reference
from tests.factories import RegionFactory


@pytest.mark.django_db
def test_demo_questionnaire_loads_twice():
    call_command("load_charter", stdout=io.StringIO())
    load_reference()
    RegionFactory(country="IT", code="07", name="Liguria", name_fr="Ligurie", name_it="Liguria")
    for _ in range(2):
        demo.load(io.StringIO())
    questionnaire = Questionnaire.objects.get(study__code="5.2")
    responses = Response.objects.filter(questionnaire=questionnaire, submitted_at__isnull=False)
    assert responses.count() == len(demo.RESPONSES)
    assert set(responses.values_list("language", flat=True)) == {"fr", "it"}
    assert responses.filter(territory__code="07").count() == 1
    assert questionnaire.invitations.filter(used_at__isnull=False).count() == len(demo.RESPONSES)
