"""Structure pages: where the project stands, achieved values from live records and evidence,
lead partner edits, downloads, and who may see what."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from circuito.audit.models import AuditEntry
from reporting import periods
from reporting.models import Deliverable, DeliverableEvidence
from tests.factories import CommuneFactory
from tests.reporting.factories_structure import (  # noqa: F401
    evidence_storage,
    make_meeting,
    org,
    outsider,
    people,
    replace_indicator,
    staff_user,
    structure,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _row(body: str, deliverable: Deliverable) -> str:
    start = body.index(f'data-deliverable="{deliverable.pk}"')
    return body[start : body.index("</tr>", start)]


def _achieved(client, deliverable: Deliverable) -> str:
    body = client.get(reverse("reporting:overview")).content.decode()
    row = _row(body, deliverable)
    cell = row[row.index("data-achieved>") + len("data-achieved>") :]
    return cell[: cell.index("</td>")].strip()


@pytest.fixture
def evidence(people, evidence_storage):  # noqa: F811
    deliverable = Deliverable.objects.get(activity__code="2.1", order=1)
    item = DeliverableEvidence.objects.create(
        deliverable=deliverable, date=datetime.date(2019, 5, 2), count=3, partner=org("PACA"), link="https://x.org/a"
    )
    item.file.save("rollups.pdf", SimpleUploadedFile("rollups.pdf", PDF), save=False)
    item.file_name = "rollups.pdf"
    item.save()
    return item


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_overview_shows_structure_in_both_languages(client, people, lang):  # noqa: F811
    client.force_login(people["partner"])
    with translation.override(lang):
        url = reverse("reporting:overview")
    body = client.get(url).content.decode()
    focus = Deliverable.objects.get(activity__code="3.3", order=1)
    assert getattr(focus, f"name_{lang}") in body
    with translation.override(lang):
        assert gettext("Project structure") in body


def test_achieved_moves_with_committee_meetings_and_seminars(client, people):  # noqa: F811
    from tierslieux.models import Seminar

    client.force_login(people["partner"])
    committees = Deliverable.objects.get(activity__code="1.1", order=0)
    seminars = Deliverable.objects.get(activity__code="4.1", order=2)
    assert _achieved(client, committees) == "0"
    assert _achieved(client, seminars) == "0"
    make_meeting(1, approved=True)
    make_meeting(2, approved=False, date=datetime.date(2019, 7, 10))  # draft minutes: not counted yet
    Seminar.objects.create(title="Formation", date=datetime.date(2019, 10, 3), trainer="T", organiser=org("VDA"))
    assert _achieved(client, committees) == "1"
    assert _achieved(client, seminars) == "1"


def test_awareness_meetings_come_from_the_flux_exchange(client, people):  # noqa: F811
    from bourseflux.models import AwarenessMeeting

    client.force_login(people["lead"])
    deliverable = Deliverable.objects.get(activity__code="4.3", order=3)
    AwarenessMeeting.objects.create(
        title="Sensibilisation",
        date=datetime.date(2020, 3, 3),
        commune=CommuneFactory(),
        organiser=org("AURA"),
        attendance=12,
    )
    assert _achieved(client, deliverable) == "1"


def test_focus_groups_without_the_indicator_say_not_available(client, people, monkeypatch):  # noqa: F811
    replace_indicator(monkeypatch, "focusgroups.held.3.2")  # nobody registered it
    client.force_login(people["partner"])
    deliverable = Deliverable.objects.get(activity__code="3.2", order=0)
    with translation.override("fr"):
        assert _achieved(client, deliverable).find(gettext("not available")) >= 0


def test_status_done_on_track_and_late(client, people, monkeypatch):  # noqa: F811
    client.force_login(people["partner"])
    monkeypatch.setattr(periods, "today", lambda: datetime.date(2019, 4, 15))  # month 4
    kit = Deliverable.objects.get(activity__code="2.1", order=0)  # target 1, due 30
    s31 = Deliverable.objects.get(activity__code="3.1", order=0)  # WP3 months 1-8
    DeliverableEvidence.objects.create(deliverable=kit, date=datetime.date(2019, 4, 1), count=1, partner=org("LIG"))
    body = client.get(reverse("reporting:overview")).content.decode()
    assert 'data-status="done"' in _row(body, kit)
    assert 'data-status="on_track"' in _row(body, s31)
    monkeypatch.setattr(periods, "today", lambda: datetime.date(2019, 10, 1))  # month 10 > due 8
    body = client.get(reverse("reporting:overview")).content.decode()
    assert 'data-status="late"' in _row(body, s31)


def test_partner_records_evidence_with_a_file(client, people, evidence_storage):  # noqa: F811
    deliverable = Deliverable.objects.get(activity__code="2.1", order=1)
    client.force_login(people["partner"])
    url = reverse("reporting:deliverable_detail", args=[deliverable.pk])
    response = client.post(
        url,
        {"date": "2019-05-10", "count": "4", "partner": org("PACA").pk, "file": SimpleUploadedFile("r.pdf", PDF)},
    )
    assert response.status_code == 302
    item = DeliverableEvidence.objects.get()
    assert (item.count, item.partner, item.file_name, item.created_by) == (4, org("PACA"), "r.pdf", people["partner"])
    assert AuditEntry.objects.filter(action="reporting.evidence_add").exists()
    assert _achieved(client, deliverable) == "4"


def test_evidence_refused_for_another_partner_or_a_bad_file(client, people, evidence_storage):  # noqa: F811
    deliverable = Deliverable.objects.get(activity__code="2.1", order=1)
    client.force_login(people["partner"])
    url = reverse("reporting:deliverable_detail", args=[deliverable.pk])
    response = client.post(url, {"date": "2019-05-10", "count": "1", "partner": org("LIG").pk, "link": "https://a.org"})
    assert response.status_code == 400
    response = client.post(
        url,
        {"date": "2019-05-10", "count": "1", "partner": org("PACA").pk, "file": SimpleUploadedFile("x.pdf", b"MZ..")},
    )
    assert response.status_code == 400
    with translation.override("fr"):
        expected = gettext(
            "The file %(name)s is not a PDF, a JPEG or PNG image or an office document (DOCX, XLSX, ODT…): "
            "save it in one of these formats and attach it again."
        ) % {"name": "x.pdf"}
        assert escape(expected) in response.content.decode()
    response = client.post(url, {"date": "2019-05-10", "count": "1", "partner": org("PACA").pk})
    with translation.override("fr"):
        assert gettext("Attach a file or give a link that proves the deliverable.") in response.content.decode()
    assert 'value="2019-05-10"' in response.content.decode()  # what was typed is kept
    assert not DeliverableEvidence.objects.exists()


def test_lead_records_evidence_for_any_partner(client, people):  # noqa: F811
    deliverable = Deliverable.objects.get(activity__code="2.1", order=1)
    client.force_login(people["lead"])
    url = reverse("reporting:deliverable_detail", args=[deliverable.pk])
    response = client.post(url, {"date": "2019-05-10", "count": "2", "partner": org("PIE").pk, "link": "https://a.org"})
    assert response.status_code == 302
    assert DeliverableEvidence.objects.get().partner == org("PIE")


def test_no_evidence_form_for_a_computed_deliverable(client, people):  # noqa: F811
    deliverable = Deliverable.objects.get(activity__code="1.1", order=0)
    client.force_login(people["partner"])
    url = reverse("reporting:deliverable_detail", args=[deliverable.pk])
    assert 'id="evidence-form"' not in client.get(url).content.decode()
    assert client.post(url, {"date": "2019-05-10", "count": "1", "partner": org("PACA").pk}).status_code == 403


def test_lead_edits_target_due_month_and_responsible(client, people):  # noqa: F811
    deliverable = Deliverable.objects.get(activity__code="3.1", order=0)
    client.force_login(people["lead"])
    url = reverse("reporting:deliverable_edit", args=[deliverable.pk])
    response = client.post(url, {"target_count": "2", "due_month": "40", "responsible": org("PIE").pk})
    assert response.status_code == 400
    with translation.override("fr"):
        message = gettext("The due month must be between 1 and %(last)d (the project's last month).") % {"last": 30}
        assert escape(message) in response.content.decode()
    response = client.post(url, {"target_count": "2", "due_month": "7", "responsible": org("PACA").pk})
    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert (deliverable.target_count, deliverable.due_month, deliverable.responsible) == (2, 7, org("PACA"))
    assert deliverable.edited_at is not None
    entry = AuditEntry.objects.get(action="reporting.deliverable_update")
    assert entry.changes["target_count"] == [1, 2]


def test_evidence_download_and_delete_permissions(client, people, evidence):  # noqa: F811
    download = reverse("reporting:evidence_download", args=[evidence.pk])
    delete = reverse("reporting:evidence_delete", args=[evidence.pk])
    assert client.get(download).status_code == 302  # anonymous: to the login page
    client.force_login(people["outsider"])
    assert client.get(download).status_code == 403
    assert client.post(delete).status_code == 403
    client.force_login(staff_user("PIE"))  # another partner: sees, may not delete
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client.post(delete).status_code == 403
    client.force_login(people["partner"])
    assert client.post(delete).status_code == 302
    assert not DeliverableEvidence.objects.exists()


def _pages(evidence_pk: int, deliverable_pk: int) -> dict[str, str]:
    return {
        "index": reverse("reporting:index"),
        "overview": reverse("reporting:overview"),
        "gantt": reverse("reporting:gantt"),
        "detail": reverse("reporting:deliverable_detail", args=[deliverable_pk]),
        "edit": reverse("reporting:deliverable_edit", args=[deliverable_pk]),
        "download": reverse("reporting:evidence_download", args=[evidence_pk]),
        "api_deliverables": "/api/v1/deliverables/",
        "api_indicators": "/api/v1/indicators/",
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"*": 302, "api_deliverables": 403, "api_indicators": 403}),
        ("outsider", {"*": 403}),
        ("partner", {"*": 200, "edit": 403}),
        ("lead", {"*": 200}),
    ],
)
def test_who_may_open_each_page(client, people, evidence, who, expected):  # noqa: F811
    if who != "anonymous":
        client.force_login(people[who])
    for name, url in _pages(evidence.pk, evidence.deliverable_id).items():
        status = client.get(url).status_code
        assert status == expected.get(name, expected["*"]), (name, status)


def test_anonymous_is_sent_to_the_login_page(client, people):  # noqa: F811
    response = client.get(reverse("reporting:index"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_workspace_shows_progress_meetings_and_my_action_items(client, people, monkeypatch):  # noqa: F811
    from reporting.models import ActionItem

    monkeypatch.setattr(periods, "today", lambda: datetime.date(2019, 3, 10))
    meeting = make_meeting(2, date=datetime.date(2019, 7, 11), city="Nice")
    mine = ActionItem.objects.create(meeting=meeting, text_fr="Envoyer le budget", owner=people["partner"])
    other = ActionItem.objects.create(meeting=meeting, text_fr="Tâche ligure", owner_organisation=org("LIG"))
    client.force_login(people["partner"])
    body = client.get(reverse("reporting:index")).content.decode()
    assert "Nice" in body and 'id="wp-progress"' in body
    assert mine.text_fr in body and other.text_fr not in body
    client.force_login(people["lead"])
    body = client.get(reverse("reporting:index")).content.decode()
    assert mine.text_fr in body and other.text_fr in body


def test_gantt_is_svg_with_today_line_and_semesters(client, people, monkeypatch):  # noqa: F811
    monkeypatch.setattr(periods, "today", lambda: datetime.date(2020, 2, 15))
    client.force_login(people["partner"])
    body = client.get(reverse("reporting:gantt")).content.decode()
    assert '<svg id="gantt"' in body and 'id="gantt-today"' in body
    assert body.count("data-semester=") == 5
    assert 'data-code="4.1"' in body
    assert "style=" not in body[body.index("<svg") : body.index("</svg>")]


def test_api_deliverables_carry_progress(client, people):  # noqa: F811
    make_meeting(1, approved=True)
    client.force_login(people["partner"])
    rows = client.get("/api/v1/deliverables/?page_size=100").json()["results"]
    by_key = {(r["activity"], r["name_fr"]): r for r in rows}
    committee = by_key[("1.1", Deliverable.objects.get(activity__code="1.1", order=0).name_fr)]
    assert committee["progress"]["achieved"] == 1 and committee["progress"]["target"] == 5


def test_overview_query_count_does_not_grow(client, people):  # noqa: F811
    client.force_login(people["partner"])
    url = reverse("reporting:overview")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for i in range(8):
        DeliverableEvidence.objects.create(
            deliverable=Deliverable.objects.get(activity__code="2.1", order=1),
            date=datetime.date(2019, 5, 1 + i),
            count=1,
            partner=org("PACA"),
        )
        make_meeting(10 + i, approved=True, date=datetime.date(2019, 6, 1 + i))
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) == len(first)
    assert len(first) < 40


def test_lead_edits_an_indicator_target(client, people):  # noqa: F811
    from reporting.models import Indicator

    indicator = Indicator.objects.get(code="I.1-result")
    url = reverse("reporting:indicator_edit", args=[indicator.pk])
    client.force_login(people["partner"])
    assert client.get(url).status_code == 403
    client.force_login(people["lead"])
    assert client.post(url, {"target": "-1"}).status_code == 400
    assert client.post(url, {"target": "4"}).status_code == 302
    indicator.refresh_from_db()
    assert indicator.target == 4 and indicator.edited_at is not None


def test_indicator_breakdown_of_structures_taking_part(client, people):  # noqa: F811
    client.force_login(people["partner"])
    body = client.get(reverse("reporting:overview")).content.decode()
    row = body[body.index('data-indicator="I.1-output"') :]
    assert '<td class="text-end">12</td>' in row[: row.index("</tr>")]  # 8 partners + 4 implementing bodies


def test_workspace_query_count_does_not_grow(client, people):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reporting.models import ActionItem

    client.force_login(people["lead"])
    url = reverse("reporting:index")
    meeting = make_meeting(1)
    ActionItem.objects.create(meeting=meeting, text_fr="a", owner=people["partner"], owner_organisation=org("PACA"))
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(2, 8):
        m = make_meeting(n, date=datetime.date(2030, 1, n))
        ActionItem.objects.create(meeting=m, text_fr="b", owner=people["lead"], owner_organisation=org("LIG"))
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(first) == len(second)


def test_focus_groups_come_from_the_focus_group_indicator(client, people, monkeypatch):  # noqa: F811
    calls = []

    def sessions_held(study_code):
        def count(start, end, territory=None):
            calls.append(study_code)
            return {"3.2": 7, "3.3": 2}.get(study_code, 0)

        return count

    for code in ("3.2", "3.3"):
        replace_indicator(monkeypatch, f"focusgroups.held.{code}", sessions_held(code))
    client.force_login(people["partner"])
    assert _achieved(client, Deliverable.objects.get(activity__code="3.2", order=0)) == "7"
    assert _achieved(client, Deliverable.objects.get(activity__code="3.3", order=0)) == "2"
    assert "3.2" in calls and "3.3" in calls


def test_deliverable_without_responsible_partner(client, people):  # noqa: F811
    deliverable = Deliverable.objects.get(activity__code="5.1", order=0)
    client.force_login(people["lead"])
    url = reverse("reporting:deliverable_edit", args=[deliverable.pk])
    assert client.post(url, {"target_count": "1", "due_month": "", "responsible": ""}).status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.responsible is None and deliverable.effective_due_month == 30
    assert client.get(reverse("reporting:overview")).status_code == 200
