"""Steering committee pages: meetings, attendance, decisions, action items, bilingual minutes
and their approval, the PDF, the dashboard panel, and who may see what."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from circuito.audit.models import AuditEntry
from reporting.models import ActionItem, Attendance, Decision, Meeting
from tests.reporting.factories_structure import (  # noqa: F401
    make_meeting,
    org,
    outsider,
    people,
    staff_user,
    structure,
)

pytestmark = pytest.mark.django_db


def _approval_refused(lang: str, languages_msgid: str) -> str:
    with translation.override(lang):
        return escape(
            gettext("The minutes cannot be approved: write them in %(languages)s first (both languages are required).")
            % {"languages": gettext(languages_msgid)}
        )


def test_lead_records_a_meeting(client, people):  # noqa: F811
    client.force_login(people["lead"])
    response = client.post(
        reverse("reporting:meeting_create"),
        {
            "kind": "in_person",
            "number": "",
            "date": "2019-08-01",
            "city": "Nice",
            "agenda_fr": "Point 1",
            "agenda_it": "Punto 1",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/committee/{meeting.pk}/")
    assert (meeting.number, meeting.city, meeting.project_month, meeting.created_by) == (1, "Nice", 8, people["lead"])
    assert AuditEntry.objects.filter(action="reporting.meeting_create").exists()


def test_in_person_meeting_needs_a_city(client, people):  # noqa: F811
    client.force_login(people["lead"])
    response = client.post(reverse("reporting:meeting_create"), {"kind": "in_person", "date": "2019-08-01", "city": ""})
    assert response.status_code == 400
    with translation.override("fr"):
        assert escape(gettext("Enter the city where the meeting is held.")) in response.content.decode()
    assert not Meeting.objects.exists()


def test_attendance_shows_who_is_missing(client, people):  # noqa: F811
    meeting = make_meeting()
    client.force_login(people["lead"])
    url = reverse("reporting:meeting_attendance", args=[meeting.pk])
    form = client.get(url).content.decode()
    lig, body = org("LIG"), org("CCI-RIVLIG")
    assert f'name="name_{lig.pk}_1"' in form and f'name="name_{body.pk}_0"' in form
    data = {
        f"name_{lig.pk}_0": "Lucia Ferrari",
        f"present_{lig.pk}_0": "on",
        f"name_{lig.pk}_1": "Paolo Verdi",  # listed, excused
        f"name_{body.pk}_0": "Sara Neri",
        f"present_{body.pk}_0": "on",
    }
    assert client.post(url, data).status_code == 302
    assert Attendance.objects.filter(meeting=meeting).count() == 3
    body_html = client.get(reverse("reporting:meeting_detail", args=[meeting.pk])).content.decode()
    row = body_html[body_html.index('data-organisation="LIG"') :]
    row = row[: row.index("</tr>")]
    assert "Lucia Ferrari" in row and 'data-missing="1"' in row
    pie = body_html[body_html.index('data-organisation="PIE"') :]
    assert 'data-missing="2"' in pie[: pie.index("</tr>")]


def test_decisions_and_action_items(client, people):  # noqa: F811
    meeting = make_meeting()
    client.force_login(people["lead"])
    client.post(reverse("reporting:decision_add", args=[meeting.pk]), {"text_fr": "Décidé", "text_it": "Deciso"})
    assert Decision.objects.get().text_it == "Deciso"
    response = client.post(
        reverse("reporting:action_add", args=[meeting.pk]),
        {"text_fr": "Envoyer le rapport", "text_it": "", "owner": people["partner"].pk, "due_date": "2019-03-01"},
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert item.owner == people["partner"] and item.status == ActionItem.Status.OPEN
    # The owner marks it done; another partner's staff may not.
    client.force_login(staff_user("PIE"))
    assert client.post(reverse("reporting:action_status", args=[item.pk]), {"done": "1"}).status_code == 403
    client.force_login(people["partner"])
    assert client.post(reverse("reporting:action_status", args=[item.pk]), {"done": "1"}).status_code == 302
    item.refresh_from_db()
    assert item.status == ActionItem.Status.DONE and item.done_at is not None


def test_action_item_shows_on_the_owners_dashboard(client, people):  # noqa: F811
    meeting = make_meeting()
    ActionItem.objects.create(meeting=meeting, text_fr="Préparer la synthèse", owner=people["partner"])
    client.force_login(people["partner"])
    body = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'id="reporting-panel"' in body and "Préparer la synthèse" in body
    client.force_login(people["lead"])  # lead partner staff see every open item
    assert "Préparer la synthèse" in client.get(reverse("accounts:dashboard")).content.decode()
    client.force_login(people["outsider"])
    assert 'id="reporting-panel"' not in client.get(reverse("accounts:dashboard")).content.decode()


@pytest.mark.parametrize(("lang", "missing"), [("fr", "Italian"), ("it", "Italian")])
def test_approval_needs_both_languages(client, people, lang, missing):  # noqa: F811
    meeting = make_meeting()
    client.force_login(people["lead"])
    with translation.override(lang):
        url = reverse("reporting:minutes_edit", args=[meeting.pk])
    response = client.post(url, {"minutes_fr": "Texte français", "minutes_it": "", "approve": "1"})
    assert response.status_code == 400
    assert _approval_refused(lang, missing) in response.content.decode()
    assert "Texte français" in response.content.decode()  # what was typed is kept
    meeting.refresh_from_db()
    assert meeting.minutes_fr == "Brouillon secret" and meeting.minutes_status == "draft"  # nothing saved


def test_approve_button_refuses_empty_minutes(client, people):  # noqa: F811
    meeting = make_meeting(minutes_fr="", minutes_it="")
    client.force_login(people["lead"])
    response = client.post(reverse("reporting:minutes_approve", args=[meeting.pk]), follow=True)
    assert _approval_refused("fr", "French and Italian") in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes_status == "draft"


def test_bilingual_minutes_approved(client, people):  # noqa: F811
    meeting = make_meeting()
    client.force_login(people["lead"])
    url = reverse("reporting:minutes_edit", args=[meeting.pk])
    assert 'lang="fr"' in client.get(url).content.decode()
    response = client.post(url, {"minutes_fr": "Procès-verbal", "minutes_it": "Verbale", "approve": "1"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_approved and meeting.approved_by == people["lead"] and meeting.approved_at
    assert AuditEntry.objects.filter(action="reporting.minutes_approve").exists()
    # Changing approved minutes sends them back to draft.
    client.post(url, {"minutes_fr": "Procès-verbal corrigé", "minutes_it": "Verbale"})
    meeting.refresh_from_db()
    assert meeting.minutes_status == "draft" and meeting.approved_at is None


def test_draft_minutes_hidden_from_partners(client, people):  # noqa: F811
    draft = make_meeting(1)
    approved = make_meeting(2, approved=True, date=datetime.date(2019, 7, 10))
    client.force_login(people["partner"])
    assert "Brouillon secret" not in client.get(reverse("reporting:meeting_detail", args=[draft.pk])).content.decode()
    assert client.get(reverse("reporting:minutes_pdf", args=[draft.pk, "fr"])).status_code == 404
    assert (
        "Procès-verbal secret" in client.get(reverse("reporting:meeting_detail", args=[approved.pk])).content.decode()
    )
    api = {m["id"]: m for m in client.get("/api/v1/committee-meetings/").json()["results"]}
    assert api[draft.pk]["minutes"] is None and api[approved.pk]["minutes"]["it"] == "Verbale segreto"
    client.force_login(people["lead"])
    assert "Brouillon secret" in client.get(reverse("reporting:meeting_detail", args=[draft.pk])).content.decode()


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_minutes_pdf_in_each_language(client, people, lang):  # noqa: F811
    meeting = make_meeting(approved=True)
    Decision.objects.create(meeting=meeting, order=1, text_fr="Décision", text_it="Decisione")
    client.force_login(people["partner"])
    response = client.get(reverse("reporting:minutes_pdf", args=[meeting.pk, lang]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and f"-{lang}.pdf" in response["Content-Disposition"]
    text = _story_text(meeting, lang)
    assert ("Procès-verbal secret" if lang == "fr" else "Verbale segreto") in text
    assert ("Décision" if lang == "fr" else "Decisione") in text


def _story_text(meeting: Meeting, lang: str) -> str:
    """The text the PDF is built from (ReportLab embeds fonts as subsets: the bytes are not greppable)."""
    from reportlab.platypus import Paragraph, Table

    from reporting.pdf_minutes import _story

    def walk(item):
        if isinstance(item, Paragraph):
            yield item.text
        elif isinstance(item, Table):
            for row in item._cellvalues:
                for cell in row:
                    yield from walk(cell)

    with translation.override(lang):
        return " ".join(t for flowable in _story(meeting, lang) for t in walk(flowable))


def _urls(meeting: Meeting, item: ActionItem, decision: Decision) -> dict[str, tuple[str, str]]:
    return {
        "list": ("get", reverse("reporting:meeting_list")),
        "detail": ("get", reverse("reporting:meeting_detail", args=[meeting.pk])),
        "pdf": ("get", reverse("reporting:minutes_pdf", args=[meeting.pk, "it"])),
        "api": ("get", "/api/v1/committee-meetings/"),
        "create": ("get", reverse("reporting:meeting_create")),
        "edit": ("get", reverse("reporting:meeting_edit", args=[meeting.pk])),
        "attendance": ("get", reverse("reporting:meeting_attendance", args=[meeting.pk])),
        "minutes": ("get", reverse("reporting:minutes_edit", args=[meeting.pk])),
        "approve": ("post", reverse("reporting:minutes_approve", args=[meeting.pk])),
        "decision_add": ("post", reverse("reporting:decision_add", args=[meeting.pk])),
        "decision_delete": ("post", reverse("reporting:decision_delete", args=[decision.pk])),
        "action_add": ("post", reverse("reporting:action_add", args=[meeting.pk])),
        "action_status": ("post", reverse("reporting:action_status", args=[item.pk])),
    }


LEAD_ONLY = {
    "create",
    "edit",
    "attendance",
    "minutes",
    "approve",
    "decision_add",
    "decision_delete",
    "action_add",
    "action_status",
}


@pytest.mark.parametrize("who", ["anonymous", "outsider", "partner", "lead"])
def test_who_may_do_what(client, people, who):  # noqa: F811
    meeting = make_meeting(approved=True)
    item = ActionItem.objects.create(meeting=meeting, text_fr="X", owner=people["lead"])
    decision = Decision.objects.create(meeting=meeting, order=1, text_fr="D")
    if who != "anonymous":
        client.force_login(people[who])
    for name, (method, url) in _urls(meeting, item, decision).items():
        status = getattr(client, method)(url).status_code
        if who == "anonymous":
            expected = 403 if name == "api" else 302
        elif who == "outsider":
            expected = 403
        elif who == "partner":
            expected = 403 if name in LEAD_ONLY else 200
        else:
            expected = 302 if method == "post" else 200
        assert status == expected, (name, status)
    if who != "lead":
        assert Decision.objects.filter(pk=decision.pk).exists()


def test_meeting_list_query_count_is_constant(client, people):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people["partner"])
    url = reverse("reporting:meeting_list")
    make_meeting(1)
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(2, 12):
        make_meeting(n, approved=n % 2 == 0, date=datetime.date(2019, 1, n))
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(first) == len(second)


def test_meetings_api_query_count_is_constant(client, people):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people["partner"])
    meeting = make_meeting(1)
    Attendance.objects.create(meeting=meeting, organisation=org("LIG"), person_name="P1")
    with CaptureQueriesContext(connection) as first:
        client.get("/api/v1/committee-meetings/")
    for n in range(2, 8):
        meeting = make_meeting(n, date=datetime.date(2019, 2, n))
        Attendance.objects.create(meeting=meeting, organisation=org("PIE"), person_name=f"P{n}")
        ActionItem.objects.create(meeting=meeting, text_fr="x")
    with CaptureQueriesContext(connection) as second:
        client.get("/api/v1/committee-meetings/")
    assert len(first) == len(second)


def test_edit_forms_show_the_saved_date_and_styled_fields(client, people):  # noqa: F811
    """A date input only shows an ISO value: the meeting's date must not come back empty in the
    edit form (saving it again would fail); the attendance fields are styled like every form."""
    meeting = make_meeting(date=datetime.date(2019, 7, 11))
    client.force_login(people["lead"])
    page = client.get(reverse("reporting:meeting_edit", args=[meeting.pk])).content.decode()
    assert 'value="2019-07-11"' in page
    attendance = client.get(reverse("reporting:meeting_attendance", args=[meeting.pk])).content.decode()
    lig = org("LIG")
    field = attendance[attendance.index(f'name="name_{lig.pk}_0"') - 200 :][:400]
    assert 'class="form-control"' in field
