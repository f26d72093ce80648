"""The demo data of `make run` (reference data for the ALCOTRA area, accounts, organisations,
places, flows, focus groups, reporting) as a fixture, for the tests that probe the whole portal."""

import pytest
from django.core.management import call_command

# Demo accounts (circuito/accounts/management/commands/load_demo.py).
COMPANY_MEMBER = "savoie@circuito.test"  # administrator of a company (Cidrerie des Bauges)
LEAD_PARTNER_STAFF = "lead@circuito.test"  # the lead partner's implementing body, facilitator


@pytest.fixture
def demo_data(db, settings) -> None:
    settings.DEBUG = True  # the demo refuses to load with DEBUG off (its passwords are public)
    call_command("load_territories", "--alcotra-only", verbosity=0)
    for name in settings.REFERENCE_DATA_COMMANDS:
        if name != "load_territories":
            call_command(name, verbosity=0)
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
