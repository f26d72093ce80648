"""The organisation's data export (a job) goes through circuito.exports: text typed by members that
looks like a formula comes out as text, dates as dates."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from circuito.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_organisation_export_neutralises_formulas_and_types_dates(
    client, org_people, django_capture_on_commit_callbacks
):
    org = org_people.organisation
    org.address = '=HYPERLINK("http://evil","x")'
    org.phone = "+33 4 00 00 00 00"
    org.save(update_fields=["address", "phone"])
    org_people.colleague.first_name = "@SUM(A1)"
    org_people.colleague.save(update_fields=["first_name"])
    client.force_login(org_people.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:organisation_export", args=[org.slug]))
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.message
    content = b"".join(client.get(reverse("jobs:download", args=[job.pk])).streaming_content)
    profile, members = load_workbook(io.BytesIO(content)).worksheets
    values = {row[0].value: row[1] for row in profile.iter_rows(min_row=2)}
    address = next(cell for cell in values.values() if cell.value and "HYPERLINK" in str(cell.value))
    assert (address.data_type, address.value) == ("s", '\'=HYPERLINK("http://evil","x")')
    assert "'+33 4 00 00 00 00" in {cell.value for cell in values.values()}
    assert not [c for ws in (profile, members) for row in ws.iter_rows() for c in row if c.data_type == "f"]
    colleague = next(row for row in members.iter_rows(min_row=2) if row[0].value == org_people.colleague.email)
    assert colleague[1].value.startswith("'@SUM(A1)")
    assert colleague[5].is_date and isinstance(colleague[5].value, datetime.datetime)
    client.force_login(org_people.outsider)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
