"""Flow exports (CSV, XLSX; direct and as a job) and the import templates go through circuito.exports:
titles that look like formulas come out as text, prices and dates keep their types."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from bourseflux import exports
from circuito.jobs.models import Job
from tests.bourseflux.factories import FlowFactory, SiteFactory

pytestmark = pytest.mark.django_db

URL = "/fr/flux/search/export/"
FORMULAS = ['=HYPERLINK("http://evil","x")', "+1", "-2+3", "@SUM(A1)", "\t=1"]
PUBLISHED = datetime.datetime(2024, 5, 2, 10, 0, tzinfo=datetime.UTC)


def fr(msgid: str) -> str:
    with translation.override("fr"):
        return gettext(msgid)


@pytest.fixture
def hostile_flows(org_people):
    site = SiteFactory(organisation=org_people.organisation)
    return [
        FlowFactory(
            site=site,
            title_fr=title,
            commercial_name="=1+1",
            quantity_visibility="public",
            quantity=12,
            price_eur=Decimal("-40.00"),  # a gate fee: the producer pays the user
            published_at=PUBLISHED,
        )
        for title in FORMULAS
    ]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def _xlsx_rows(content: bytes) -> list[dict]:
    sheet = load_workbook(io.BytesIO(content)).active
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def _check_csv(content: bytes) -> None:
    rows = _csv_rows(content)
    assert sorted(r[fr("Title")] for r in rows) == sorted("'" + f for f in FORMULAS)
    assert {r[fr("Commercial name")] for r in rows} == {"'=1+1"}
    assert {r[fr("Price (€)")] for r in rows} == {"-40.0"}
    assert {r[fr("Published")] for r in rows} == {"2024-05-02"}


def _check_xlsx(content: bytes) -> None:
    rows = _xlsx_rows(content)
    titles = {r[fr("Title")].value: r[fr("Title")].data_type for r in rows}
    # XML parsers read the tab back as it was written: only the leading quote is added.
    assert titles == {"'" + f: "s" for f in FORMULAS}
    for row in rows:
        price, quantity, published = row[fr("Price (€)")], row[fr("Quantity")], row[fr("Published")]
        assert (price.data_type, price.value) == ("n", -40)
        assert (quantity.data_type, quantity.value) == ("n", 12)
        assert published.is_date and published.value == datetime.datetime(2024, 5, 2)
        assert row[fr("Id")].data_type == "n"


def test_direct_csv_and_xlsx_exports_neutralise_formulas(client, hostile_flows):
    response = client.post(URL, {"format": "csv"})
    assert response.status_code == 200
    _check_csv(_body(response))
    response = client.post(URL, {"format": "xlsx"})
    assert response.status_code == 200 and response["Content-Type"] == exports.FORMATS["xlsx"][0]
    _check_xlsx(_body(response))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_run_as_a_job_neutralise_formulas(
    client, hostile_flows, org_people, monkeypatch, django_capture_on_commit_callbacks, fmt
):
    monkeypatch.setattr(exports, "DIRECT_LIMIT", 1)
    client.force_login(org_people.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"format": fmt})
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.message
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    (_check_csv if fmt == "csv" else _check_xlsx)(_body(response))


def test_import_template_xlsx_holds_text_cells_only(client):
    response = client.get(reverse("bourseflux:import_template", args=["xlsx", "fr"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "flux" and sheet["A1"].value == "rôle" and sheet["A1"].font.b
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert cells and {c.data_type for c in cells} == {"s"}
    assert sheet["M2"].value == "73282932000074"  # a SIRET stays text, with all its digits
