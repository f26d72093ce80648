"""In a browser: three participants of an Open Innovation session publish their profiles,
ask for and accept meetings; the manager adds slots and builds the schedule; a participant
reads their clash-free schedule on the Italian site."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.factories import UserFactory
from tests.tierslieux.factories_events import b2b_event
from tierslieux.models import B2BMeeting, B2BRequest
from tierslieux.services.events import register

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_participants_match_and_read_a_schedule_without_clashes(page, live_server):
    event, manager = b2b_event(title_fr="Session Open Innovation", title_it="Sessione Open Innovation")
    names = [("Alessia", "Rossi"), ("Bruno", "Martin"), ("Carla", "Bianchi")]
    people = [UserFactory(first_name=f, last_name=last, preferred_language="it") for f, last in names]
    regs = [register(event, user=person).registration for person in people]
    directory = f"/it/tiers-lieux/events/{event.slug}/b2b/"

    for person in people:  # each publishes a profile
        log_in(page, live_server, person)
        page.goto(directory)
        page.locator("[data-edit-profile]").click()
        page.locator("textarea[name=summary]").fill(f"{person.first_name}: sensori e prototipi")
        page.locator("[data-action=publish]").click()
        page.wait_for_url(re.compile(r"/b2b/$"))

    def ask(requester, invitee_reg) -> None:
        log_in(page, live_server, requester)
        page.goto(directory)
        card = page.locator(f"[data-profile='{invitee_reg.pk}']")
        card.locator("textarea[name=message]").fill("Incontriamoci")
        card.locator("[data-action=ask]").click()
        page.wait_for_url(re.compile(r"/b2b/$"))

    ask(people[0], regs[1])
    ask(people[0], regs[2])
    ask(people[1], regs[2])
    assert page.locator("[data-profile]").count() == 3
    assert people[0].email not in page.content()  # the directory never shows e-mails

    for invitee in (people[1], people[2]):  # the invitees accept every request
        log_in(page, live_server, invitee)
        page.goto(directory)
        while page.locator("[data-action=accept]").count():
            page.locator("[data-action=accept]").first.click()
            page.wait_for_load_state()
    assert B2BRequest.objects.filter(status=B2BRequest.Status.ACCEPTED).count() == 3

    log_in(page, live_server, manager)
    page.goto(f"/fr/tiers-lieux/events/{event.slug}/b2b/slots/")
    page.locator("input[name=day]").fill(timezone.localtime(event.starts_at).date().isoformat())
    page.locator("input[name=start]").fill("14:00")
    page.locator("input[name=end]").fill("15:00")
    page.locator("input[name=minutes]").fill("20")
    page.locator("[data-action=add-slots]").click()
    page.locator("[data-slots] li", has_text="14:40–15:00").wait_for()
    page.locator("[data-build]").click()
    page.wait_for_load_state()
    assert page.locator("[data-schedule] tbody tr").count() == 3

    log_in(page, live_server, people[0])
    page.goto(f"/it/tiers-lieux/events/{event.slug}/b2b/schedule/")
    assert page.locator("html").get_attribute("lang") == "it"
    rows = page.locator("[data-my-schedule] [data-meeting]")
    assert rows.count() == 2
    times = [rows.nth(i).locator("td").first.inner_text() for i in range(2)]
    assert times == sorted(times) and times[0] != times[1]
    text = page.locator("[data-my-schedule]").inner_text()
    assert "Bruno Martin" in text and "Carla Bianchi" in text
    seats = list(B2BMeeting.objects.values_list("slot_id", "participant_id"))
    assert len(seats) == 6 and len(set(seats)) == 6  # nobody twice in one slot
    assert page.console_errors == []
