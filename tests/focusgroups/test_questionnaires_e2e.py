"""In a browser: a company answers a personal link in Italian in two sittings, and the
coordinator sees its response."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from focusgroups.models import Response
from tests.focusgroups.factories_questionnaires import InvitationFactory, questionnaire_for
from tests.focusgroups.factories_sessions import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_respondent_answers_in_two_sittings_and_the_coordinator_sees_it(page, live_server):
    world = build_world()
    questionnaire = questionnaire_for(world)
    invitation = InvitationFactory(questionnaire=questionnaire, language="it", organisation_name="Fiori Srl")
    with translation.override("it"):
        link = reverse("focusgroups:respond", args=[invitation.token])
    q = world.questions

    page.goto(link)
    assert page.locator("html").get_attribute("lang") == "it"
    assert page.locator("h1").inner_text().strip() == "Questionario imprese"
    assert page.locator("#id_organisation").input_value() == "Fiori Srl"
    page.select_option("#id_category", "company")
    page.select_option("#id_country", "IT")
    page.click("#fg-next")

    page.wait_for_url("**/1/")
    assert page.locator("#fg-progress").get_attribute("value") == "2"
    page.fill(f"#q{q['text'].pk}", "La normativa ambientale")
    # The site's language switcher keeps what was typed (the page saves it first), and back.
    page.click(".language-switcher a[data-switch-language=fr]")
    page.wait_for_url("**/fr/focus-groups/q/*/1/")
    assert page.locator(f"#q{q['text'].pk}").input_value() == "La normativa ambientale"
    page.click("[data-fg-switch]")
    page.wait_for_url("**/it/focus-groups/q/*/1/")
    page.check(f"#q{q['single'].pk}-1")
    page.click("#fg-next")
    page.wait_for_url("**/2/")
    page.check(f"#q{q['scale'].pk}-4")
    page.click("#fg-later")
    page.wait_for_url("**/saved/**")
    resume = page.locator("#fg-resume-link").get_attribute("href")
    assert invitation.email in page.locator("#fg-mailed").inner_text()
    assert not page.console_errors
    page.close()

    second = page.context.new_page()
    second.goto(resume)
    second.wait_for_url("**/it/focus-groups/q/*/2/")
    assert second.locator(f"#q{q['scale'].pk}-4").is_checked()  # kept from the first sitting
    second.fill(f"#q{q['number'].pk}", "3")
    second.check(f"#q{q['yes_no'].pk}-yes")
    second.click("#fg-next")
    second.wait_for_url("**/thanks/")
    assert second.locator("#fg-thanks").is_visible()
    response = Response.objects.get(invitation=invitation)
    assert response.submitted_at is not None and response.answers.count() == 5

    _log_in(second, world.coordinator, live_server)
    second.goto(reverse("focusgroups:questionnaire_responses", args=[questionnaire.pk]))
    row = second.locator("#response-table tbody tr")
    assert row.count() == 1 and "Fiori Srl" in row.inner_text()
    row.locator("a").first.click()
    assert "La normativa ambientale" in second.locator("main").inner_text()
