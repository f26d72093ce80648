"""The analysis exports (answers as a job, codebook as a download) go through circuito.exports:
typed text that looks like a formula comes out as text, numeric answers and dates keep their types."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from circuito.jobs.models import Job
from focusgroups.models import Answer, Theme
from tests.focusgroups.factories_analysis import build_analysis_world

HYPERLINK = '=HYPERLINK("http://evil","x")'


@pytest.fixture
def aw(db):
    world = build_analysis_world()
    world.quote_fr.text = HYPERLINK
    world.quote_fr.save(update_fields=["text"])
    Answer.objects.filter(pk=world.it_answer.pk).update(notes="@SUM(A1)")
    Answer.objects.filter(session=world.fr_session, question__kind="number").update(value=-3)
    return world


def _export(aw, fmt: str, django_capture_on_commit_callbacks) -> bytes:
    client = Client()
    client.force_login(aw.w.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("focusgroups:analysis_export", args=["3.2"]), {"format": fmt})
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.message
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_answers_csv_job(aw, django_capture_on_commit_callbacks):
    content = _export(aw, "csv", django_capture_on_commit_callbacks)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    notes = {r[11] for r in rows[1:]}
    assert "'@SUM(A1)" in notes and "@SUM(A1)" not in notes
    numbers = [r for r in rows[1:] if r[8] == "projects" and r[2].startswith("3.2-PACA")]
    assert [r[10] for r in numbers] == ["-3"]  # a number, not neutralised text
    assert numbers[0][7] == "2026-03-02"


def test_answers_xlsx_job(aw, django_capture_on_commit_callbacks):
    content = _export(aw, "xlsx", django_capture_on_commit_callbacks)
    answers, quotes = load_workbook(io.BytesIO(content)).worksheets
    quote = next(c for row in quotes.iter_rows(min_row=2) for c in row if c.value == "'" + HYPERLINK)
    assert quote.data_type == "s"
    assert not [c for ws in (answers, quotes) for row in ws.iter_rows() for c in row if c.data_type == "f"]
    rows = list(answers.iter_rows(min_row=2))
    number = next(r for r in rows if r[8].value == "projects" and r[2].value.startswith("3.2-PACA"))
    assert (number[10].data_type, number[10].value) == ("n", -3)
    assert number[7].is_date and number[7].value == datetime.datetime(2026, 3, 2)
    notes = next(r[11] for r in rows if r[11].value and "SUM" in r[11].value)
    assert (notes.data_type, notes.value) == ("s", "'@SUM(A1)")


def test_codebook_csv_download(aw):
    Theme.objects.filter(pk=aw.language.pk).update(label_fr="+33 6 12 34 56 78", description_it="-2+3")
    client = Client()
    client.force_login(aw.w.coordinator)
    response = client.get(reverse("focusgroups:codebook_csv", args=["3.2"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    language = next(r for r in rows if r[0] == "language")
    assert language[2] == "'+33 6 12 34 56 78" and language[5] == "'-2+3"
