"""The demo's deal: the sawdust synergy from the Aosta Valley to the Maurienne carried through to
a transaction with the quantities delivered over two months, inside the project's calendar; the
funnel, the indicators and the report of the running semester show the same tonnes, CO2e and €."""

from decimal import Decimal

import pytest
from django.urls import reverse

from bourseflux import indicators
from bourseflux.models import Synergy, Transaction
from tests.demo_data import LEAD_PARTNER_STAFF, demo_data  # noqa: F401

pytestmark = pytest.mark.django_db


def test_funnel_indicators_and_report_agree_on_the_demo_deal(demo_data, client, django_capture_on_commit_callbacks):  # noqa: F811
    from circuito.accounts.models import User
    from reporting import periods
    from reporting.models import Report
    from reporting.services.reports import request_report

    deal = Transaction.objects.select_related("synergy").get()
    assert deal.synergy.stage == Synergy.Stage.IMPLEMENTED
    assert [a.tonnes for a in deal.actuals.all()] == [36.0, 39.5]
    edition, running = periods.current_edition(), periods.current_period()
    for actual in deal.actuals.all():
        assert actual.period_start in edition and actual.period_end in edition
        assert running.start <= actual.period_start <= running.end

    lead = User.objects.get(email=LEAD_PARTNER_STAFF)
    client.force_login(lead)
    page = client.get(reverse("bourseflux:funnel"), {"start": running.start, "end": running.end})
    assert page.status_code == 200
    implemented = page.context["total"].implemented
    assert implemented.tonnes == pytest.approx(75.5)  # the actual quantities, not the 450 t/yr estimate
    assert implemented.eur == Decimal("1661.00")
    assert implemented.co2e > 0

    start, end = running.start, running.end
    assert indicators.tonnes_diverted(start, end) == pytest.approx(implemented.tonnes)
    assert indicators.co2e_avoided(start, end) == pytest.approx(implemented.co2e, abs=0.001)
    assert indicators.value_exchanged(start, end) == pytest.approx(float(implemented.eur))

    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(Report.Kind.SEMESTRIAL, running.index, "it", actor=lead)
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    rows = {row["key"]: row for row in report.figures["registered"]}
    assert rows["bourseflux.tonnes_diverted"]["period"] == pytest.approx(implemented.tonnes)
    assert rows["bourseflux.co2e_avoided"]["period"] == pytest.approx(implemented.co2e, abs=0.001)
    assert rows["bourseflux.value_exchanged"]["period"] == pytest.approx(float(implemented.eur))


def test_reloading_the_demo_adds_no_second_deal_or_period(demo_data, settings):  # noqa: F811
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_bourseflux_demo", verbosity=0)
    assert Transaction.objects.count() == 1
    assert Transaction.objects.get().actuals.count() == 2
