"""`make run` loads the reference and demo data: the whole chain must keep working (and twice)."""

import pytest
from django.core.management import call_command

from bourseflux.management.commands import load_bourseflux_demo as flux_demo
from bourseflux.models import Flow, Synergy
from circuito.accounts.models import Organisation, User
from tierslieux.models import Event, Place

pytestmark = pytest.mark.django_db


def test_reference_and_demo_data_load_and_reload(settings):
    settings.DEBUG = True  # the demo refuses to run with DEBUG off
    for _ in range(2):
        call_command("load_territories", "--alcotra-only", verbosity=0)
        for name in settings.REFERENCE_DATA_COMMANDS:
            if name != "load_territories":
                call_command(name, verbosity=0)
        call_command("load_demo", verbosity=0)
    assert Organisation.objects.filter(kind="partner").count() == 8
    assert User.objects.filter(email="savoie@circuito.test").exists()
    assert Flow.objects.filter(status="published").count() == len(flux_demo.FLOWS)  # none twice
    assert Synergy.objects.filter(stage="implemented").count() == 1
    assert Place.objects.filter(name__icontains="CEEI").exists()
    assert Event.objects.filter(b2b_enabled=True).count() == 4  # the 4 Open Innovation sessions of the brief
