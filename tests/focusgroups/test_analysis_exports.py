"""Exports of the analysis: answers (CSV, XLSX) pseudonymised, codebook (CSV, REFI-QDA), the
territorial synthesis job (PDF) and who may download the files."""

import csv
import io
import re
from xml.etree import ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from reportlab.platypus import Paragraph, Table

from circuito.jobs.models import Job
from focusgroups import exports, synthesis
from focusgroups.models import SwotItem
from focusgroups.selectors_analysis import swot
from tests.focusgroups.factories_analysis import build_analysis_world
from tests.focusgroups.factories_sessions import partner_staff

SECRETS = ("Jeanne Secret", "Ferme Cachée", "Retirée SA", "Azienda Nascosta", "Citation retirée")


@pytest.fixture
def aw(db):
    return build_analysis_world()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rows(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_answers_csv_one_row_per_answer_pseudonymised(aw):
    with translation.override("fr"):
        rows = _rows(exports.answers_csv(aw.w.study, "fr"))
        header = rows[0]
        assert header[0] == translation.gettext("Source") and translation.gettext("Themes") in header
    body = rows[1:]
    # 6 answers in each of the 2 sessions sent to the coordinator + 5 questionnaire answers; not the planned one.
    assert len(body) == 6 + 6 + 5
    text = "\n".join(";".join(r) for r in rows)
    for secret in SECRETS:
        assert secret not in text
    by_key = {(r[2], r[8]): r for r in body}
    ref = f"3.2-LIG-{aw.it_session.pk}"
    row = by_key[(ref, "obstacles")]
    assert row[10] == "Troppa burocrazia" and row[11] == "Molti parlano di lingua."
    assert row[12] == "language, regulatory"
    assert row[3] == "Ligurie" and row[4] == "Imperia"
    assert by_key[(f"3.2-PACA-{aw.fr_session.pk}", "main-obstacle")][10] == "Réglementation"
    questionnaire = [r for r in body if r[2].startswith("3.2-Q")]
    assert len(questionnaire) == 5 and {r[3] for r in questionnaire} == {"Ligurie"}


def test_answers_xlsx_has_answers_and_quotes_by_pseudonym(aw):
    with translation.override("it"):
        content = exports.answers_xlsx(aw.w.study, "it")
    wb = load_workbook(io.BytesIO(content))
    answers, quotes = wb.worksheets
    assert answers.max_row == 1 + 17
    cells = [c for row in quotes.iter_rows(values_only=True) for c in row if c]
    assert "Les normes bloquent tout." in cells and "P01" in cells
    all_text = " ".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    for secret in SECRETS:
        assert secret not in all_text
    assert "Regolamentazione" not in all_text  # choice labels come from the template: "Normativa"
    assert "Normativa" in all_text


def test_codebook_csv_and_refi_qda(aw):
    rows = _rows(exports.codebook_csv(aw.w.study))
    assert [r[0] for r in rows[1:]] == ["obstacles", "regulatory", "language"]
    assert rows[2][1] == "obstacles" and rows[2][3] == "Normativo"
    root = ET.fromstring(exports.codebook_qdc(aw.w.study, "it"))
    ns = {"q": exports.QDA_NS}
    top = root.findall("q:Codes/q:Code", ns)
    assert [c.get("name") for c in top] == ["Ostacoli", "Lingua"]
    assert [c.get("name") for c in top[0].findall("q:Code", ns)] == ["Normativo"]
    guid = top[0].get("guid")
    assert ET.fromstring(exports.codebook_qdc(aw.w.study, "fr")).find("q:Codes/q:Code", ns).get("guid") == guid


def test_codebook_downloads_are_the_coordinators(aw):
    url = reverse("focusgroups:codebook_qdc", args=["3.2"])
    response = _client(aw.w.coordinator).get(url + "?lang=fr")
    assert response.status_code == 200 and b"Obstacles" in response.content
    assert response["Content-Disposition"].endswith('.qdc"')
    assert _client(aw.w.other_partner).get(url).status_code == 403


def _texts(flowables) -> str:
    out = []
    for f in flowables:
        if isinstance(f, Paragraph):
            out.append(f.text)
        elif isinstance(f, Table):
            out.extend(_texts([c for row in f._cellvalues for c in row]))
        elif hasattr(f, "_content"):
            out.append(_texts(f._content))
    return "\n".join(out)


def test_synthesis_content_per_territory(aw):
    item = SwotItem.objects.create(study=aw.w.study, territory=aw.paca_region, quadrant="W", text_fr="Normes lourdes")
    item.evidence_quotes.add(aw.quote_fr)
    item.evidence_sessions.add(aw.fr_session)
    with translation.override("fr"):
        story = synthesis._region_story(aw.w.study, aw.paca_region, "fr", swot(aw.w.study, [aw.paca_region]))
    text = _texts(story)
    assert "Normes lourdes" in text and "Les normes bloquent tout." in text and "P01" in text
    assert f"3.2-PACA-{aw.fr_session.pk}" in text
    assert "Réglementaire" in text
    for secret in SECRETS:
        assert secret not in text


def test_synthesis_job_makes_a_pdf_for_the_coordinator(aw, django_capture_on_commit_callbacks):
    client = _client(aw.w.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("focusgroups:analysis_synthesis", args=["3.2"]), {"language": "it"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.DONE, job.message
    assert job.language == "it" and job.result_name.endswith(".pdf")
    download = client.get(reverse("jobs:download", args=[job.pk]))
    content = b"".join(download.streaming_content) if download.streaming else download.content
    assert content.startswith(b"%PDF") and len(content) > 5000
    pages = len(re.findall(rb"/Type /Page[^s]", content))
    assert pages >= 3  # summary + one page per territory at least
    # Other partners, outsiders: the job does not exist for them.
    for user in (aw.w.other_partner, aw.w.outsider, aw.w.owner):
        assert _client(user).get(reverse("jobs:download", args=[job.pk])).status_code == 404
    # Another coordinator colleague of the study may follow it.
    assert _client(partner_staff(aw.w.paca)).get(job.get_absolute_url()).status_code == 200


def test_export_job_xlsx_and_refusals(aw, django_capture_on_commit_callbacks):
    url = reverse("focusgroups:analysis_export", args=["3.2"])
    assert _client(aw.w.other_partner).post(url, {"format": "xlsx"}).status_code == 403
    assert _client(aw.w.outsider).post(url, {"format": "xlsx"}).status_code == 403
    client = _client(aw.w.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"format": "xlsx"})
    job = Job.objects.get()
    assert job.status == Job.Status.DONE and job.result_name.endswith(".xlsx")
    response = client.get(reverse("jobs:download", args=[job.pk]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert load_workbook(io.BytesIO(content)).worksheets[0].max_row == 18
    response = client.post(url, {"format": "pdf"})
    assert response.status_code == 302 and Job.objects.count() == 1


def test_synthesis_of_one_territory_and_bad_language(aw, django_capture_on_commit_callbacks):
    client = _client(aw.w.coordinator)
    url = reverse("focusgroups:analysis_synthesis", args=["3.2"])
    response = client.post(url, {"language": "de"})
    assert response.status_code == 302 and not Job.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"language": "fr", "region": aw.liguria.pk})
    job = Job.objects.get()
    assert job.params == {"study": aw.w.study.pk, "region": aw.liguria.pk} and job.status == Job.Status.DONE
    with translation.override("fr"):
        regions = synthesis._regions(aw.w.study, aw.liguria.pk)
    assert regions == [aw.liguria]
