"""Reports shaped like an Interreg (Jems) progress report, for every kind: per work package the
partners' progress narrative (in the report's language, marked when not translated), deliverables
with previous / current / cumulative values and the change since the last report, indicators
with their breakdowns, target groups, expenditure with ERDF and counterpart, problems and
corrective actions, annexes; each report a version of its own, the earlier ones kept."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from reporting import figures
from reporting.exporters import labels
from reporting.models import DeliverableEvidence, MonitoringEntry, MonitoringReport, Report, WorkPackage
from tests.reporting.factories_reports import S2_DAY, evidence, pdf_text, records, sheets  # noqa: F401
from tests.reporting.factories_structure import org, outsider, people, structure  # noqa: F401

pytestmark = pytest.mark.django_db

PACA_FR = "Trois ateliers avec les chambres de commerce de Nice et de Gap."
LIG_IT = "Tre laboratori con le camere di commercio di Genova e Imperia."
LIG_FR = "Trois ateliers avec les chambres de commerce de Gênes et d'Imperia."


@pytest.fixture
def narrative(records):  # noqa: F811
    """Semester 2 forms: PACA wrote in French only; LIG in Italian with a French translation."""
    wp2 = WorkPackage.objects.get(code="WP2")
    paca = MonitoringReport.objects.get(partner=org("PACA"), period=2)
    MonitoringEntry.objects.create(report=paca, work_package=wp2, activities_fr=PACA_FR)
    lig = MonitoringReport.objects.create(
        partner=org("LIG"), period=2, status=MonitoringReport.Status.SUBMITTED, submitted_at=timezone.now()
    )
    MonitoringEntry.objects.create(
        report=lig,
        work_package=wp2,
        activities_it=LIG_IT,
        activities_fr=LIG_FR,
        problems_it="Ritardo nella stampa delle brochure",
        corrective_actions_it="Nuovo fornitore",
    )
    # A focus group held by PACA in France: the portal indicators break it down by partner and country.
    from circuito.geo.models import Territory
    from tests.focusgroups.factories import SessionFactory, StudyFactory, TemplateVersionFactory

    Territory.objects.create(level=Territory.Level.COUNTRY, code="FR", name="France", country="FR")
    study = StudyFactory(code="3.2")
    SessionFactory(
        study=study,
        template_version=TemplateVersionFactory(template__study=study),
        organiser=org("PACA"),
        date=S2_DAY,
        status="held",
    )
    DeliverableEvidence.objects.create(
        deliverable=records["deliverable"],
        date=datetime.date(2019, 10, 2),
        count=1,
        partner=org("LIG"),
        link="https://example.org/circuito/proof",
        note="Photos",
    )
    return records


def _generate(client, lead, capture, *, kind="semestrial", language="fr", **period) -> Report:
    client.force_login(lead)
    data = {"kind": kind, "language": language, "semester": period.get("semester", 2), "year": period.get("year", 1)}
    with capture(execute=True):
        response = client.post(reverse("reporting:report_create"), data)
    assert response.status_code == 302
    report = Report.objects.order_by("-pk").first()
    assert report.status == Report.Status.READY, report.job.error if report.job else ""
    return report


def _in(language: str, msgid: str, **values) -> str:
    with translation.override(language):
        text = gettext(msgid)
    return text % values if values else text


@pytest.mark.parametrize("language", ["fr", "it"])
def test_a_semestrial_report_reads_like_a_progress_report(
    client, narrative, django_capture_on_commit_callbacks, language
):
    report = _generate(client, narrative["lead"], django_capture_on_commit_callbacks, language=language)
    text = pdf_text(report)
    for msgid in (
        "Key figures",
        "Work packages: activities, progress and deliverables",
        "Deliverables and outputs",
        "Change since the last report",
        "Programme indicators",
        "Portal indicators, by country, region and partner",
        "Target groups reached",
        "Steering committee",
        "Expenditure per partner: this report, cumulative, ERDF and national counterpart",
        "Counterpart (this report)",
        "Problems met and corrective actions",
        "Annexes",
    ):
        assert _in(language, msgid) in text, msgid
    # The narrative in the report's language; the text nobody translated, with its marker.
    with translation.override(language):
        french_marker = labels.original("fr")
        italian_marker = labels.original("it")
    if language == "fr":
        assert f"PACA ({_in('fr', 'period')} 2): {PACA_FR}" in text and LIG_FR in text and LIG_IT not in text
        assert f"Ritardo nella stampa delle brochure{italian_marker}" in text
    else:
        assert f"{PACA_FR}{french_marker}" in text and LIG_IT in text and LIG_FR not in text
    assert "https://example.org/circuito/proof" in text  # the annexes list the evidence
    assert _in(language, "Minutes of the steering committee: %(meeting)s", meeting="") in text

    book = sheets(report.xlsx.open("rb").read())
    progress = list(book["Progress"].iter_rows(min_row=2, values_only=True))
    assert ("WP2", 2, "PACA", PACA_FR, None if language == "fr" else "FR") in progress
    deliverables = list(book["Deliverables"].iter_rows(min_row=2, values_only=True))
    row = next(
        r for r in deliverables if r[2] == narrative["deliverable"].name_fr or r[2] == narrative["deliverable"].name_it
    )
    assert row[6:9] == (1, 3, 4)  # previous, this period, cumulative
    annexes = list(book["Annexes"].iter_rows(min_row=2, values_only=True))
    assert any(r[6] == "https://example.org/circuito/proof" for r in annexes)
    assert any(
        r[2].startswith(_in(language, "Minutes of the steering committee: %(meeting)s", meeting="")) for r in annexes
    )
    groups = [r[0] for r in book["Target groups"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(groups) == len(figures.TARGET_GROUPS)
    breakdowns = {(r[0], r[2]) for r in book["Breakdowns"].iter_rows(min_row=2, values_only=True)}
    with translation.override(language):
        assert ("focusgroups.held.3.2", str(gettext("Partner"))) in breakdowns
        assert ("focusgroups.held.3.2", str(gettext("Country"))) in breakdowns


def test_previous_current_cumulative_and_what_changed_since_the_last_report(narrative):
    deliverable = narrative["deliverable"]
    first = figures.collect(Report.Kind.SEMESTRIAL, 2, "fr")
    row = next(
        d
        for wp in first["work_packages"]
        for a in wp["activities"]
        for d in a["deliverables"]
        if d["id"] == deliverable.pk
    )
    assert (row["previous"], row["achieved_period"], row["achieved"]) == (1, 3, 4)
    assert (row["reported"], row["change"]) == (None, None)  # no report made yet
    Report.objects.create(
        kind="semestrial",
        period_start=datetime.date(2019, 7, 1),
        period_end=datetime.date(2019, 12, 31),
        period_index=2,
        status=Report.Status.READY,
        figures=first,
    )
    evidence(deliverable, S2_DAY, 5)  # recorded after that report
    again = figures.collect(Report.Kind.SEMESTRIAL, 2, "fr")
    row = next(
        d
        for wp in again["work_packages"]
        for a in wp["activities"]
        for d in a["deliverables"]
        if d["id"] == deliverable.pk
    )
    assert (row["reported"], row["achieved"], row["change"]) == (4, 9, 5)
    assert again["report"]["last"]["end"] == "2019-12-31"
    structures = next(i for i in again["indicators"] if i["code"] == "I.1-output")
    assert structures["change"] == 0 and structures["breakdown"][0]["label"]


def test_expenditure_has_jems_columns_with_erdf_and_counterpart(narrative):
    data = figures.collect(Report.Kind.SEMESTRIAL, 2, "fr")
    lig = next(p for p in data["expenditure"]["partners"] if p["code"] == "LIG")
    staff = next(c for c in lig["categories"] if c["category"] == "staff")
    assert {k: staff[k] for k in ("budget", "previous", "current", "cumulative")} == {
        "budget": "10000.00",
        "previous": "1000.00",
        "current": "500.25",
        "cumulative": "1500.25",
    }
    assert (staff["erdf_current"], staff["counterpart_current"]) == ("425.21", "75.04")
    assert (lig["erdf"], lig["counterpart"]) == ("1275.21", "225.04")
    totals = data["expenditure"]["totals"]
    assert Decimal(totals["erdf"]) == sum(Decimal(p["erdf"]) for p in data["expenditure"]["partners"])


@pytest.mark.parametrize(
    ("kind", "period", "previous", "current"),
    [
        ("annual", {"year": 1}, 0, 3),  # 2019: both semesters
        ("intermediate", {"semester": 2}, 0, 3),  # from the start to the end of semester 2
        ("final", {"semester": ""}, 0, 3),  # the whole edition
    ],
)
def test_annual_intermediate_and_final_reports_have_the_same_sections(
    client, narrative, django_capture_on_commit_callbacks, kind, period, previous, current
):
    report = _generate(
        client, narrative["lead"], django_capture_on_commit_callbacks, kind=kind, language="it", **period
    )
    text = pdf_text(report)
    with translation.override("it"):
        assert labels.kind_label(kind) in text
    for msgid in ("Key figures", "Deliverables and outputs", "Target groups reached", "Annexes"):
        assert _in("it", msgid) in text
    assert LIG_IT in text and "https://example.org/circuito/proof" in text
    book = sheets(report.xlsx.open("rb").read())
    key = next(
        r
        for r in book["Key figures"].iter_rows(min_row=2, values_only=True)
        if r[0] == _in("it", "Steering committee meetings held (approved minutes)")
    )
    assert key[1:] == (previous, 1, 1)  # the one meeting held with approved minutes (Nice, July 2019)
    deliverable = next(
        d
        for wp in report.figures["work_packages"]
        for a in wp["activities"]
        for d in a["deliverables"]
        if d["id"] == narrative["deliverable"].pk
    )
    assert (deliverable["previous"], deliverable["achieved_period"]) == (previous, current + 1)


def test_regenerating_makes_a_new_version_and_keeps_the_old_ones(client, narrative, django_capture_on_commit_callbacks):
    first = _generate(client, narrative["lead"], django_capture_on_commit_callbacks)
    evidence(narrative["deliverable"], S2_DAY, 2)
    second = _generate(client, narrative["lead"], django_capture_on_commit_callbacks)
    assert (first.version, second.version) == (1, 2) and first.pk != second.pk
    for report, name in ((first, "circuito-semestrial-2-fr.pdf"), (second, "circuito-semestrial-2-fr-v2.pdf")):
        response = client.get(reverse("reporting:report_download", args=[report.pk, "pdf"]))
        assert response.status_code == 200 and name in response["Content-Disposition"]
    first.refresh_from_db()
    assert first.pdf.storage.exists(first.pdf.name) and first.xlsx.storage.exists(first.xlsx.name)
    assert second.figures["report"] == {
        "version": 2,
        "last": {
            "id": first.pk,
            "kind": "semestrial",
            "version": 1,
            "start": "2019-07-01",
            "end": "2019-12-31",
            "made": timezone.localtime(first.created_at).isoformat(),
        },
    }
    listing = client.get(reverse("reporting:report_list")).content.decode()
    assert reverse("reporting:report_download", args=[first.pk, "pdf"]) in listing
    assert reverse("reporting:report_download", args=[second.pk, "pdf"]) in listing
