"""Exports of flows: CSV, XLSX, GeoJSON, direct or as a job; confidentiality and drafts."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from bourseflux import exports
from bourseflux.models import Flow
from circuito.jobs.models import Job
from tests.bourseflux.factories import FlowFactory, SiteFactory
from tests.bourseflux.factories_explore import facilitator, french_flow, italian_flow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _back_to_default_language():
    """Requests to /it/ pages leave Italian active in the thread: restore it for later tests."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


URL = "/fr/flux/search/export/"


@pytest.fixture
def flows(org_people):
    site = SiteFactory(organisation=org_people.organisation)
    made = {
        vis: FlowFactory(
            site=site, quantity_visibility=vis, title_fr=f"Flux {vis}", quantity=q, commercial_name="Pulpa"
        )
        for vis, q in (("public", 11), ("members", 22), ("facilitators", 33))
    }
    made["draft"] = FlowFactory(site=site, status=Flow.Status.DRAFT, title_fr="Brouillon")
    return made


def csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def fr(msgid: str) -> str:
    """A column name or cell text as the /fr/ export writes it."""
    with translation.override("fr"):
        return gettext(msgid)


def quantities(rows: list[dict], key="Quantity") -> dict[str, str]:
    return {r[fr("Title")]: r[fr(key)] for r in rows}


def test_url_name():
    assert reverse("bourseflux:flow_export") == URL


def test_csv_direct_anonymous_blanks_confidential_and_skips_drafts(client, flows):
    response = client.post(URL, {"format": "csv"})
    assert response.status_code == 200
    assert 'filename="flows.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert quantities(rows) == {"Flux public": "11.0", "Flux members": "", "Flux facilitators": ""}
    assert {r[fr("Role (producer/user)")] for r in rows} == {fr("Producer")}
    assert rows[0][fr("Commercial name")] == "Pulpa"


@pytest.mark.parametrize(
    ("who", "seen"),
    [
        ("outsider", {"Flux public", "Flux members"}),
        ("colleague", {"Flux public", "Flux members", "Flux facilitators", "Brouillon"}),
        ("facilitator", {"Flux public", "Flux members", "Flux facilitators", "Brouillon"}),
    ],
)
def test_xlsx_follows_the_reader(client, flows, org_people, who, seen):
    user = facilitator() if who == "facilitator" else getattr(org_people, who)
    client.force_login(user)
    response = client.post(URL, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in r], strict=True)) for r in sheet.iter_rows(min_row=2)]
    title, quantity = fr("Title"), fr("Quantity")
    with_quantity = {r[title] for r in rows if r[quantity] is not None}
    assert {r[title] for r in rows} == {"Flux public", "Flux members", "Flux facilitators"} | (seen & {"Brouillon"})
    assert with_quantity == seen


def test_geojson_export_commune_level_and_filtered(client):
    hidden = italian_flow(site=SiteFactory(latitude=45.80, longitude=7.40))
    french_flow()
    response = client.post(URL, {"format": "geojson", "q": "vinacce"})
    data = json.loads(response.content)
    assert [f["id"] for f in data["features"]] == [hidden.pk]
    commune = hidden.site.commune
    assert data["features"][0]["geometry"]["coordinates"] == [round(commune.longitude, 5), round(commune.latitude, 5)]
    assert data["features"][0]["properties"]["title"] == "Vinacce di mele"
    assert data["features"][0]["properties"]["original_language"] == "it"


def test_unknown_format_is_refused(client):
    assert client.post(URL, {"format": "pdf"}).status_code == 400
    assert client.get(URL).status_code == 405


@pytest.fixture
def big_export(monkeypatch):
    monkeypatch.setattr(exports, "DIRECT_LIMIT", 1)


def test_large_export_runs_as_a_job_for_its_owner_only(
    client, flows, org_people, big_export, django_capture_on_commit_callbacks
):
    client.force_login(org_people.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"format": "csv", "direction": "offer"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert job.language == "fr"  # the file is written in the language of the request
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    rows = csv_rows(download)
    # Permissions of the owner (a member of another company): members' quantities, no drafts.
    assert quantities(rows) == {"Flux public": "11.0", "Flux members": "22.0", "Flux facilitators": ""}

    client.force_login(org_people.owner)  # anyone else: the job does not exist for them
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert client.get(job.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 302


def test_large_export_asks_anonymous_visitors_to_log_in(client, flows, big_export):
    response = client.post(URL, {"format": "xlsx"}, HTTP_REFERER="/fr/flux/search/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Job.objects.exists()


def test_job_handler_uses_the_owner_permissions(org_people, flows):
    from bourseflux.jobs import export_flows

    job = Job.objects.create(kind="bourseflux.export_flows", owner=org_people.owner, params={"format": "geojson"})
    result = export_flows(job, lambda *_: None)
    props = {f["properties"]["title"]: f["properties"] for f in json.loads(result.content)["features"]}
    assert props["Brouillon"]  # the owner's own draft
    assert props["Flux facilitators"]["quantity"] == 33
