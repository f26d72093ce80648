"""Reference data from the charter and demo data: idempotent, and what the analysis pages need."""

import io

import pytest
from django.core.management import call_command

from circuito.accounts.models import Organisation
from focusgroups import reference
from focusgroups.demo import sessions as demo_sessions
from focusgroups.demo import templates as demo_templates
from focusgroups.models import Answer, ConsentText, QuestionTag, Quote, Session, Study, TemplateVersion
from tests.factories import MembershipFactory, RegionFactory, TerritoryFactory, UserFactory


@pytest.fixture
def charter(db):
    call_command("load_charter", stdout=io.StringIO())


def test_reference_loads_the_three_studies_idempotently(charter):
    reference.load_reference()
    study = Study.objects.get(code="5.2")
    study.target_sessions = 9
    study.save()
    reference.load_reference()
    assert list(Study.objects.values_list("code", "coordinator__partner_code", "target_sessions")) == [
        ("3.2", "PACA", 20),
        ("3.3", "LIG", 10),
        ("5.2", "PIE", 9),  # no count in the charter: the edited target stays
    ]
    assert Study.objects.get(code="5.2").target_from_charter is False
    assert QuestionTag.objects.filter(code__startswith="obstacle-").count() == 3
    assert ConsentText.objects.count() == 2


def test_demo_is_idempotent_and_covers_every_status(charter):
    reference.load_reference()
    for email, partner in (("paca@circuito.test", "CCIR-PACA"), ("lead@circuito.test", "CCI-RIVLIG")):
        MembershipFactory(user=UserFactory(email=email), organisation=Organisation.objects.get(partner_code=partner))
    paca = RegionFactory()
    liguria = RegionFactory(country="IT", code="07", name="Liguria", name_fr="Ligurie", name_it="Liguria")
    for code in ("06", "04", "05"):
        TerritoryFactory(code=code, name=f"Dep {code}", parent=paca)
    for code in ("IM", "GE", "SV"):
        TerritoryFactory(country="IT", code=code, name=code, parent=liguria)
    out = io.StringIO()
    for _ in range(2):
        demo_templates.load(out)
        demo_sessions.load(out)
    assert TemplateVersion.objects.filter(status="published").count() == 2
    assert Session.objects.count() == 6
    assert set(Session.objects.values_list("status", flat=True)) == set(Session.Status.values)
    assert set(Session.objects.values_list("region__country", flat=True)) == {"FR", "IT"}
    assert Answer.objects.exists() and Quote.objects.exists()
    kinds = set(TemplateVersion.objects.get(template__study__code="3.2").questions.values_list("kind", flat=True))
    assert kinds == {"text", "single", "multiple", "scale", "yes_no", "number"}
