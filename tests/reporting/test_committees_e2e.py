"""In a browser, in French and in Italian: lead partner staff record a steering committee with
attendance and bilingual minutes, approve them, download the PDF, and the action item shows up
on its owner's dashboard."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from reporting.models import ActionItem, Meeting
from tests.reporting.factories_structure import org, outsider, people, structure  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_lead_records_a_committee_and_the_owner_sees_the_action(page, live_server, people, lang):  # noqa: F811
    lead, owner = people["lead"], people["partner"]
    _log_in(page, lead, live_server)

    page.goto(f"/{lang}/reporting/committee/new/")
    page.locator("select[name=kind]").select_option("in_person")
    page.locator("input[name=date]").fill("2019-07-11")
    page.locator("input[name=city]").fill("Nice")
    page.locator("textarea[name=agenda_fr]").fill("Avancement")
    page.locator("textarea[name=agenda_it]").fill("Avanzamento")
    page.locator("#meeting-form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/reporting/committee/*/")
    meeting = Meeting.objects.get()
    assert meeting.project_month == 7

    page.goto(f"/{lang}/reporting/committee/{meeting.pk}/attendance/")
    lig = org("LIG")
    page.locator(f"input[name=name_{lig.pk}_0]").fill("Lucia Ferrari")
    page.locator(f"input[name=name_{lig.pk}_1]").fill("Paolo Verdi")
    page.locator("#attendance-form button[type=submit]").click()
    page.wait_for_url(f"**/committee/{meeting.pk}/")
    assert "Lucia Ferrari" in page.locator('#attendance-table tr[data-organisation="LIG"]').inner_text()
    assert page.locator('#attendance-table tr[data-organisation="PIE"] [data-missing="2"]').count() == 1

    # Action item for the PACA staff member.
    page.locator("#action-form").locator("xpath=..").locator("summary").click()
    page.locator("#action-form textarea[name=text_fr]").fill("Envoyer les feuilles de présence")
    page.locator("#action-form textarea[name=text_it]").fill("Inviare i fogli firma")
    page.locator("#action-form select[name=owner]").select_option(str(owner.pk))
    page.locator("#action-form input[name=due_date]").fill("2019-09-30")
    page.locator("#action-form button[type=submit]").click()
    page.wait_for_url(f"**/committee/{meeting.pk}/")
    assert ActionItem.objects.get().owner == owner

    # Minutes side by side; approving with one language only is refused, nothing saved.
    page.goto(f"/{lang}/reporting/committee/{meeting.pk}/minutes/")
    fr_box, it_box = page.locator("textarea[name=minutes_fr]"), page.locator("textarea[name=minutes_it]")
    assert fr_box.bounding_box()["y"] == it_box.bounding_box()["y"]  # next to each other
    fr_box.fill("Le comité a validé le plan de communication.")
    page.locator("button[name=approve]").click()
    assert page.locator("#minutes-errors").is_visible()
    meeting.refresh_from_db()
    assert meeting.minutes_status == "draft" and not meeting.minutes_fr
    page.locator("textarea[name=minutes_it]").fill("Il comitato ha convalidato il piano di comunicazione.")
    page.locator("button[name=approve]").click()
    page.wait_for_url(f"**/committee/{meeting.pk}/")
    meeting.refresh_from_db()
    assert meeting.is_approved and meeting.approved_by == lead

    with page.expect_download() as download_info:
        page.locator(f"#minutes-pdf-{lang}").click()
    download = download_info.value
    assert download.suggested_filename.endswith(f"-{lang}.pdf")
    with open(download.path(), "rb") as fh:
        assert fh.read(4) == b"%PDF"

    # The owner sees the action item on the dashboard.
    _log_in(page, owner, live_server)
    with translation.override(lang):
        page.goto(reverse("accounts:dashboard"))
    expected = "Envoyer les feuilles de présence" if lang == "fr" else "Inviare i fogli firma"
    assert expected in page.locator("#my-action-items").inner_text()
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
