"""In a browser: a visitor of the Italian site subscribes to alerts, confirms from the e-mail,
receives a digest in Italian and unsubscribes from its link without logging in."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import RegionFactory
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_network import NewsFactory
from tierslieux.models import AlertSubscription
from tierslieux.services.alerts import send_alert_digests

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _path_of(body: str, marker: str) -> str:
    link = next(link for link in re.findall(r"https?://\S+", body) if marker in link)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_visitor_subscribes_confirms_and_unsubscribes(page):
    region = RegionFactory()
    place = PlaceFactory()
    with translation.override("it"):
        home = reverse("tierslieux:home")

    page.goto(home)
    page.locator("[data-action=alerts]").click()
    page.wait_for_url(re.compile(r"/it/tiers-lieux/alerts/$"))
    page.locator("input[name=email]").fill("giulia@example.org")
    page.locator(f"input[name=regions][value='{region.pk}']").check()
    page.locator("[data-action=subscribe]").click()
    page.locator("[data-status=pending]").wait_for()
    sub = AlertSubscription.objects.get()
    assert (sub.email, sub.language, sub.active) == ("giulia@example.org", "it", False)

    page.goto(_path_of(mail.outbox[-1].body, "/confirm/"))
    page.locator("[data-action=confirm-alerts]").click()
    page.wait_for_url(re.compile(r"/it/tiers-lieux/"))
    sub.refresh_from_db()
    assert sub.active

    NewsFactory(place=place, title_fr="Portes ouvertes", title_it="Porte aperte")
    assert send_alert_digests(now=timezone.now() + dt.timedelta(minutes=1)) == 1
    digest = mail.outbox[-1]
    assert digest.to == ["giulia@example.org"] and "Porte aperte" in digest.body

    page.context.clear_cookies()
    page.goto(_path_of(digest.body, "/unsubscribe/"))
    page.locator("[data-action=unsubscribe]").click()
    page.locator("[data-status=unsubscribed]").wait_for()
    assert not AlertSubscription.objects.exists()
    assert page.console_errors == []
