"""Expenditure pages, endpoints and document downloads: who sees and does what (the partner's
owner and colleague, another partner, the lead partner, an outsider, an anonymous visitor),
messages in the user's language, and query counts that stay constant as lines grow."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from reporting.models import ExpenditureLine, PartnerBudget
from tests.reporting.factories_expenditure import (  # noqa: F401
    crowd,
    document_storage,
    make_line,
    pdf,
    set_budget,
    today,
)
from tests.reporting.factories_structure import org, outsider, structure  # noqa: F401

pytestmark = pytest.mark.django_db
WHO = ["owner", "colleague", "other", "lead", "outsider", "anonymous"]


def _as(client, crowd, who):  # noqa: F811
    if who != "anonymous":
        client.force_login(crowd[who])
    return client


def _refused_to_anonymous(response) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.fixture
def lines(crowd, document_storage):  # noqa: F811
    """PACA: a draft and a declared line with documents; MNCA: a draft."""
    draft = make_line(description="Brouillon PACA", document_name="brouillon.pdf")
    draft.document.save("brouillon.pdf", pdf("brouillon.pdf"))
    declared = make_line(status="declared", description="Déclarée PACA", document_name="declaree.pdf")
    declared.document.save("declaree.pdf", pdf("declaree.pdf"))
    mnca = make_line("MNCA", description="Brouillon MNCA")
    return {"draft": draft, "declared": declared, "mnca": mnca}


# --- who sees what ----------------------------------------------------------------------------

OVERVIEW = {"owner": 200, "colleague": 200, "other": 200, "lead": 200, "outsider": 403}
PERIOD = {"owner": 200, "colleague": 200, "other": 403, "lead": 200, "outsider": 403}
DRAFT = {"owner": 200, "colleague": 200, "other": 404, "lead": 404, "outsider": 403}
DECLARED_DOC = {"owner": 200, "colleague": 200, "other": 404, "lead": 200, "outsider": 403}
BUDGET = {"owner": 403, "colleague": 403, "other": 403, "lead": 200, "outsider": 403}


@pytest.mark.parametrize("who", WHO)
def test_overview_access(client, crowd, lines, who):  # noqa: F811
    response = _as(client, crowd, who).get(reverse("reporting:expenditure_overview"))
    if who == "anonymous":
        assert _refused_to_anonymous(response)
        return
    assert response.status_code == OVERVIEW[who]
    if response.status_code == 200:
        body = response.content.decode()
        shown = {code for code in ("PACA", "MNCA", "LIG", "AURA") if f'data-partner="{code}"' in body}
        expected = {"owner": {"PACA"}, "colleague": {"PACA"}, "other": {"MNCA"}}.get(
            who, {"PACA", "MNCA", "LIG", "AURA"}
        )
        assert shown == expected


@pytest.mark.parametrize("who", WHO)
def test_period_page_access_and_drafts(client, crowd, lines, who):  # noqa: F811
    response = _as(client, crowd, who).get(reverse("reporting:expenditure_period", args=["PACA", 2]))
    if who == "anonymous":
        assert _refused_to_anonymous(response)
        return
    assert response.status_code == PERIOD[who]
    if response.status_code == 200:
        body = response.content.decode()
        assert "Déclarée PACA" in body
        assert ("Brouillon PACA" in body) == (who in ("owner", "colleague"))
        assert "Brouillon MNCA" not in body
        assert ('id="line-form"' in body) == (who in ("owner", "colleague"))


@pytest.mark.parametrize("who", WHO)
def test_partner_home_access(client, crowd, who):  # noqa: F811
    response = _as(client, crowd, who).get(reverse("reporting:expenditure_partner", args=["PACA"]))
    if who == "anonymous":
        assert _refused_to_anonymous(response)
    elif PERIOD[who] == 200:
        assert response.status_code == 302 and response["Location"].endswith("/expenditure/PACA/3/")
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("who", WHO)
def test_recording_a_line_is_for_the_partners_staff_only(client, crowd, who):  # noqa: F811
    data = {
        "period": "2",
        "category": "staff",
        "date_incurred": "2019-09-02",
        "description": "Salaire",
        "amount": "1000.00",
    }
    response = _as(client, crowd, who).post(reverse("reporting:expenditure_period", args=["PACA", 2]), data)
    if who == "anonymous":
        assert _refused_to_anonymous(response)
    elif who in ("owner", "colleague"):
        assert response.status_code == 302
    else:
        assert response.status_code == 403
    assert ExpenditureLine.objects.count() == (1 if who in ("owner", "colleague") else 0)


@pytest.mark.parametrize("who", WHO)
def test_draft_line_edit_delete_and_document(client, crowd, lines, who):  # noqa: F811
    client = _as(client, crowd, who)
    pk = lines["draft"].pk
    edit = client.get(reverse("reporting:expenditure_line_edit", args=[pk]))
    document = client.get(reverse("reporting:expenditure_document", args=[pk]))
    delete = client.post(reverse("reporting:expenditure_line_delete", args=[pk]))
    if who == "anonymous":
        assert all(_refused_to_anonymous(r) for r in (edit, document, delete))
        assert ExpenditureLine.objects.filter(pk=pk).exists()
        return
    assert edit.status_code == DRAFT[who]
    assert document.status_code == DRAFT[who]
    if document.status_code == 200:
        assert b"".join(document.streaming_content).startswith(b"%PDF")
        assert "brouillon.pdf" in document["Content-Disposition"]
    assert delete.status_code == (302 if DRAFT[who] == 200 else DRAFT[who])
    assert ExpenditureLine.objects.filter(pk=pk).exists() == (DRAFT[who] != 200)


@pytest.mark.parametrize("who", WHO)
def test_declared_document_download(client, crowd, lines, who):  # noqa: F811
    response = _as(client, crowd, who).get(reverse("reporting:expenditure_document", args=[lines["declared"].pk]))
    if who == "anonymous":
        assert _refused_to_anonymous(response)
    else:
        assert response.status_code == DECLARED_DOC[who]


def test_declared_line_cannot_be_edited_or_deleted(client, crowd, lines):  # noqa: F811
    client.force_login(crowd["owner"])
    pk = lines["declared"].pk
    assert client.get(reverse("reporting:expenditure_line_edit", args=[pk])).status_code == 403
    assert client.post(reverse("reporting:expenditure_line_delete", args=[pk])).status_code == 403
    assert ExpenditureLine.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("who", WHO)
def test_declare_access(client, crowd, lines, who):  # noqa: F811
    response = _as(client, crowd, who).post(reverse("reporting:expenditure_declare", args=["PACA", 2]))
    if who == "anonymous":
        assert _refused_to_anonymous(response)
    elif who in ("owner", "colleague"):
        assert response.status_code == 302
    else:
        assert response.status_code == 403
    lines["draft"].refresh_from_db()
    assert lines["draft"].status == ("declared" if who in ("owner", "colleague") else "draft")


@pytest.mark.parametrize("who", WHO)
def test_budget_page_access(client, crowd, who):  # noqa: F811
    client = _as(client, crowd, who)
    url = reverse("reporting:expenditure_budget", args=["MNCA"])
    response = client.get(url)
    if who == "anonymous":
        assert _refused_to_anonymous(response)
        return
    assert response.status_code == BUDGET[who]
    data = {f"budget_{c}": "1000" for c in ("staff", "office", "travel", "external", "equipment")}
    data.update(erdf_percent="85", national_percent="15")
    response = client.post(url, data)
    assert response.status_code == (302 if who == "lead" else 403)
    assert PartnerBudget.objects.filter(partner=org("MNCA")).exists() == (who == "lead")


# --- messages and behaviour ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_wrong_period_date_is_refused_in_the_users_language(client, crowd, lang):  # noqa: F811
    client.force_login(crowd["owner"])
    data = {
        "period": "2",
        "category": "travel",
        "date_incurred": "2019-03-04",
        "description": "Billet de train",
        "amount": "80.00",
    }
    response = client.post(f"/{lang}/reporting/expenditure/PACA/2/", data)
    assert response.status_code == 400
    body = response.content.decode()
    with translation.override(lang):
        from django.utils import formats

        from reporting import periods

        def day(value):
            return formats.date_format(value, "SHORT_DATE_FORMAT")

        message = gettext(
            "The date %(date)s is outside %(period)s, which runs from %(start)s to %(end)s: "
            "correct the date or choose the period it belongs to."
        ) % {
            "date": day(datetime.date(2019, 3, 4)),
            "period": periods.semester(2).label,
            "start": day(datetime.date(2019, 7, 1)),
            "end": day(datetime.date(2019, 12, 31)),
        }
        assert escape(message) in body
    assert 'value="Billet de train"' in body  # kept
    assert not ExpenditureLine.objects.exists()


def test_over_budget_warning_on_save_and_on_the_list(client, crowd):  # noqa: F811
    client.force_login(crowd["owner"])
    data = {
        "period": "2",
        "category": "travel",
        "date_incurred": "2019-09-02",
        "description": "Missions",
        "amount": "2500.00",
        "document": pdf(),
    }
    response = client.post(reverse("reporting:expenditure_period", args=["PACA", 2]), data, follow=True)
    body = response.content.decode()
    with translation.override("fr"):
        from reporting.services.expenditure import over_budget_warning

        assert escape(over_budget_warning(org("PACA"), "travel")) in body
        assert 'id="over-budget"' in body and 'data-over="travel"' in body
        assert escape(gettext("over budget")) in body
    line = ExpenditureLine.objects.get()
    assert line.document_name == "facture.pdf"


def test_wrong_document_type_is_refused_and_nothing_saved(client, crowd):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(crowd["owner"])
    data = {
        "period": "2",
        "category": "staff",
        "date_incurred": "2019-09-02",
        "description": "Salaire",
        "amount": "10.00",
        "document": SimpleUploadedFile("notes.txt", b"hello"),
    }
    response = client.post(reverse("reporting:expenditure_period", args=["PACA", 2]), data)
    assert response.status_code == 400
    with translation.override("fr"):
        message = gettext(
            "The file %(name)s is not a PDF, a JPEG or PNG image or an XLSX spreadsheet: "
            "save it in one of these formats and attach it again."
        ) % {"name": "notes.txt"}
    assert escape(message) in response.content.decode()
    assert not ExpenditureLine.objects.exists()


def test_declare_from_the_page(client, crowd, lines):  # noqa: F811
    client.force_login(crowd["owner"])
    body = client.get(reverse("reporting:expenditure_period", args=["PACA", 2])).content.decode()
    assert 'id="declare-form"' in body
    response = client.post(reverse("reporting:expenditure_declare", args=["PACA", 2]), follow=True)
    lines["draft"].refresh_from_db()
    assert lines["draft"].status == "declared"
    assert 'id="declare-form"' not in response.content.decode()
    lines["mnca"].refresh_from_db()
    assert lines["mnca"].status == "draft"


def test_future_period_page_offers_no_form(client, crowd):  # noqa: F811
    client.force_login(crowd["owner"])
    body = client.get(reverse("reporting:expenditure_period", args=["PACA", 4])).content.decode()
    assert 'id="line-form"' not in body
    assert client.get(reverse("reporting:expenditure_period", args=["PACA", 9])).status_code == 404


def test_lead_sees_burn_rate_and_charts(client, crowd, lines):  # noqa: F811
    client.force_login(crowd["lead"])
    body = client.get(reverse("reporting:expenditure_overview")).content.decode()
    row = body[body.index('data-partner="PACA"') :]
    row = row[: row.index("</tr>")]
    # Declared 100 € of 12 000 € budget: 1 % (drafts excluded).
    assert "data-burn>1 %" in row.replace("\n", "")
    # Against 14 of 30 months elapsed: (100 / 12 000) / (14 / 30) ≈ 2 %.
    assert "data-pace>2 %" in row.replace("\n", "")
    assert 'id="period-table"' in body
    assert body.count('class="bar-chart') >= 2


def test_budget_form_errors_are_translated(client, crowd):  # noqa: F811
    client.force_login(crowd["lead"])
    data = {f"budget_{c}": "1000" for c in ("staff", "office", "travel", "external", "equipment")}
    data.update(erdf_percent="90", national_percent="15", budget_staff="-5")
    response = client.post(reverse("reporting:expenditure_budget", args=["MNCA"]), data)
    assert response.status_code == 400
    with translation.override("fr"):
        assert escape(gettext("A budget cannot be negative: enter 0 or more.")) in response.content.decode()
    data["budget_staff"] = "1000"
    response = client.post(reverse("reporting:expenditure_budget", args=["MNCA"]), data)
    with translation.override("fr"):
        message = gettext("The ERDF rate and the national counterpart add up to more than 100 %: lower one of them.")
    assert escape(message) in response.content.decode()
    assert not PartnerBudget.objects.filter(partner=org("MNCA")).exists()


# --- API ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", WHO)
def test_api_lines_visibility(client, crowd, lines, who):  # noqa: F811
    response = _as(client, crowd, who).get("/api/v1/expenditure-lines/")
    if who in ("anonymous", "outsider"):
        assert response.status_code in (401, 403)
        return
    ids = {row["id"] for row in response.json()["results"]}
    expected = {
        "owner": {lines["draft"].pk, lines["declared"].pk},
        "colleague": {lines["draft"].pk, lines["declared"].pk},
        "other": {lines["mnca"].pk},
        "lead": {lines["declared"].pk},
    }[who]
    assert ids == expected
    detail = client.get(f"/api/v1/expenditure-lines/{lines['draft'].pk}/")
    assert detail.status_code == (200 if who in ("owner", "colleague") else 404)


@pytest.mark.parametrize("who", WHO)
def test_api_summary(client, crowd, lines, who):  # noqa: F811
    response = _as(client, crowd, who).get("/api/v1/expenditure-summary/")
    if who in ("anonymous", "outsider"):
        assert response.status_code in (401, 403)
        return
    rows = {row["partner"]: row for row in response.json()["results"]}
    if who == "lead":
        assert len(rows) == 8
    else:
        assert set(rows) == {"MNCA" if who == "other" else "PACA"}
    if "PACA" in rows:
        assert Decimal(rows["PACA"]["declared"]) == Decimal("100.00")  # drafts never count here


# --- query counts ------------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# Period page, overview, lines endpoint, summary endpoint.
PINNED = {"owner": [17, 12, 6, 10], "lead": [14, 12, 6, 9]}


@pytest.mark.parametrize("who", ["owner", "lead"])
def test_query_counts_stay_constant(client, crowd, lines, who, django_assert_num_queries):  # noqa: F811
    client.force_login(crowd[who])
    urls = [
        reverse("reporting:expenditure_period", args=["PACA", 2]),
        reverse("reporting:expenditure_overview"),
        "/api/v1/expenditure-lines/",
        "/api/v1/expenditure-summary/",
    ]
    before = [_count(client, url) for url in urls]
    assert before == PINNED[who]
    for n in range(30):
        make_line(status="declared", description=f"Ligne {n}", category=["staff", "travel", "office"][n % 3])
        make_line("MNCA", status="declared", description=f"Ligne {n}")
    make_line(status="draft", description="Encore")
    assert [_count(client, url) for url in urls] == before
    with django_assert_num_queries(PINNED[who][0]):
        client.get(urls[0])
