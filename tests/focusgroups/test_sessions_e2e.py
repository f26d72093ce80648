"""In a browser, in French and in Italian: a partner captures a focus group, the page is closed
mid-capture (saves not reaching the server) and a new page loses nothing; the partner submits and
the coordinator validates."""

import pytest
from django.test import Client
from django.utils import translation

from focusgroups.models import Answer, Participant, Session
from tests.focusgroups.factories_sessions import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(context, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    context.clear_cookies()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_capture_survives_a_closed_page_then_submit_and_validate(page, live_server, lang):
    world = build_world()
    session, questions = world.session, world.questions
    context = page.context
    _log_in(context, world.owner, live_server)
    base = f"/{lang}/focus-groups"

    page.goto(f"{base}/sessions/{session.pk}/")
    page.locator("#mark-held").click()
    page.wait_for_load_state()
    page.locator("#add-participant").click()
    page.locator("input[name=organisation_name]").fill("Azienda Fiori")
    page.locator("select[name=category]").select_option("company")
    page.locator("select[name=country]").select_option("IT")
    page.locator("input[name=name]").fill("Giulia Bianchi")
    page.locator("select[name=language]").select_option("it")
    page.locator("#save-participant").click()
    page.wait_for_url(f"**{base}/sessions/{session.pk}/**")
    participant = Participant.objects.get(session=session)
    page.goto(f"{base}/participants/{participant.pk}/consent/")
    assert "Acconsento a partecipare." in page.locator("#consent-text").inner_text()
    page.locator("#record-consent").click()
    page.wait_for_url(f"**{base}/sessions/{session.pk}/**")

    # Capture with the network gone (also for the last saves sent while the page closes): only the
    # device keeps what is typed.
    page.goto(f"{base}/capture/{session.pk}/")
    context.set_offline(True)
    text = "Troppa burocrazia tra Francia e Italia"
    page.locator(f"#answer-{questions['text'].pk}").fill(text)
    page.locator(f"#notes-{questions['text'].pk}").fill("tutti d'accordo")
    page.locator(f"label[for=answer-{questions['single'].pk}-2]").click()
    page.locator(f"label[for=answer-{questions['scale'].pk}-4]").click()
    page.locator(f"#answer-{questions['number'].pk}").fill("dodici")
    page.wait_for_timeout(300)
    page.close()
    assert not Answer.objects.filter(session=session).exists()
    context.set_offline(False)

    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{base}/capture/{session.pk}/")
    number_status = page.locator(f"[data-fg-question='{questions['number'].pk}'] [data-fg-status]")
    with translation.override(lang):
        refused = translation.gettext("Type a number, e.g. 12 or 3,5.")
        saved = translation.gettext("All changes saved")
    page.wait_for_function(
        "id => { const a = document.querySelector(`[data-fg-question='${id}'] [data-fg-status]`);"
        " return a && a.textContent.trim().length > 0 && !a.textContent.includes('…'); }",
        arg=str(questions["number"].pk),
    )
    assert number_status.inner_text() == refused
    assert page.locator(f"#answer-{questions['number'].pk}").input_value() == "dodici"  # what was typed is kept
    answers = {}
    for _ in range(50):
        answers = {a.question.key: a for a in Answer.objects.filter(session=session).select_related("question")}
        if len(answers) == 3:
            break
        page.wait_for_timeout(100)
    assert answers["obstacles"].value == text and answers["obstacles"].notes == "tutti d'accordo"
    assert answers["main-obstacle"].value == "tech"
    assert answers["cooperation"].value == 4
    page.locator(f"#answer-{questions['number'].pk}").fill("12")
    page.wait_for_function("t => document.getElementById('fg-global-status').textContent.trim() === t", arg=saved)
    assert Answer.objects.get(session=session, question=questions["number"]).value == 12

    # A new page shows what the server has, with nothing left on the device.
    page.reload()
    assert page.locator(f"#answer-{questions['text'].pk}").input_value() == text
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('fg-capture')).length") == 0

    page.goto(f"{base}/sessions/{session.pk}/")
    page.locator("#submit-session").click()
    page.wait_for_load_state()
    session.refresh_from_db()
    assert session.status == Session.Status.SUBMITTED

    _log_in(context, world.coordinator, live_server)
    page.goto(f"{base}/sessions/{session.pk}/")
    assert text in page.content()
    page.locator("#validate-session").click()
    page.wait_for_load_state()
    session.refresh_from_db()
    assert session.status == Session.Status.VALIDATED
    assert not [e for e in errors if "Content Security Policy" in e]
