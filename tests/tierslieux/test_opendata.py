"""The directory's open data: the CSV conforms to the national schema of digital mediation places
shipped in the project (checked with frictionless), Italian places carry their ISTAT code in
`code_istat`, the dataset description names its licence, and a CSV in the same schema imports
without duplicates, all or nothing, with errors by line."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from frictionless import Resource, Schema
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import OrganisationFactory
from tests.tierslieux.factories import PlaceFactory, ServiceFactory, ServiceKindFactory
from tests.tierslieux.factories_places import OpeningHoursFactory, cuneo, nice
from tierslieux import opendata
from tierslieux.hours import osm_opening_hours
from tierslieux.models import OpeningHours, Place
from tierslieux.opendata_import import import_places, parse_opening_hours

pytestmark = pytest.mark.django_db


def _places():
    operator = OrganisationFactory(kind="tiers_lieu_operator", siret="73282932000074")
    fr = PlaceFactory(
        name="Living Lab Santé",
        commune=nice(),
        operator=operator,
        address="30 voie Romaine",
        postcode="06000",
        phone="04 65 71 06 66",
        email="contact@lab.example",
        website="https://www.lab.example/",
        social_links=["https://linkedin.example/company/lab"],
        wheelchair_accessible=True,
        languages=["fr", "it", "en"],
        description_fr=("Un laboratoire " * 40).strip(),
    )
    ServiceFactory(place=fr, kind=ServiceKindFactory(code="prototyping"))
    ServiceFactory(place=fr, kind=ServiceKindFactory(code="access-to-finance", name_fr="Financement"))
    for day in range(5):
        OpeningHoursFactory(place=fr, weekday=day, opens=dt.time(9), closes=dt.time(12, 30))
        OpeningHoursFactory(place=fr, weekday=day, opens=dt.time(14), closes=dt.time(18))
    it = PlaceFactory(
        name="Incubatore Cuneo",
        commune=cuneo(),
        operator=None,
        address="Via Bassignano 14",
        postcode="12100",
        phone="0171 452318",
        description_fr="",
        description_it="Incubatore agroalimentare.",
    )
    PlaceFactory(name="Brouillon", status=Place.Status.DRAFT, address="x", postcode="06000")
    return fr, it


def _export(client) -> bytes:
    response = client.get(reverse("tierslieux:directory_csv"))
    assert response.status_code == 200
    return response.content


def _rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode(), newline="")))


def _strict(content: bytes) -> bytes:
    """The export with only the schema's columns (the extra ones are checked separately)."""
    names = opendata.schema_fields()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(_rows(content))
    return out.getvalue().encode()


def test_the_export_conforms_to_the_shipped_national_schema(client):
    fr, it = _places()
    # The schema requires an address and a five-digit postcode: places without them stay out.
    PlaceFactory(name="Sans adresse", address="", postcode="06000")
    PlaceFactory(name="Senza CAP", address="Via Roma 1", postcode="")
    content = _export(client)
    header = content.decode().splitlines()[0].split(",")
    assert header == [*opendata.schema_fields(), "pays", "code_istat", "telephone_international"]
    schema = Schema.from_descriptor(opendata.schema())
    report = Resource(_strict(content), format="csv", encoding="utf-8", schema=schema).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = {row["nom"]: row for row in _rows(content)}
    assert set(rows) == {"Living Lab Santé", "Incubatore Cuneo"}  # drafts stay out
    lab, incubator = rows["Living Lab Santé"], rows["Incubatore Cuneo"]
    assert (lab["pivot"], lab["code_insee"], lab["code_istat"], lab["code_postal"]) == (
        "73282932000074",
        "06088",
        "",
        "06000",
    )
    assert (incubator["pivot"], incubator["code_insee"], incubator["code_istat"]) == (opendata.NO_PIVOT, "", "004078")
    assert lab["telephone"] == "+33465710666" and incubator["telephone"] == ""
    assert incubator["telephone_international"] == "+390171452318"
    assert lab["services"] == "Loisirs et créations numériques"  # finance has no counterpart
    assert lab["typologie"] == "TIERS_LIEUX" and lab["horaires"] == "Mo-Fr 09:00-12:30,14:00-18:00"
    assert lab["site_web"] == "https://www.lab.example/|https://linkedin.example/company/lab"
    assert (
        lab["prise_en_charge_specifique"]
        == "Handicaps moteurs|Langues étrangères (anglais)|Langues étrangères (autres)"
    )
    assert len(lab["presentation_resume"]) <= 280 and incubator["presentation_detail"] == "Incubatore agroalimentare."


def test_the_shipped_schema_names_its_source_version_and_licence():
    meta = opendata.schema()
    assert meta["name"] == "standard-mediation-num" and meta["version"].startswith("v1.")
    assert meta["uri"].startswith("https://raw.githubusercontent.com/LaMednum/standard-mediation-num/")
    assert meta["licenses"][0]["name"] == "etalab-2.0"


def test_the_dataset_description_gives_licence_schema_and_downloads(client):
    _places()
    response = client.get(reverse("tierslieux:directory_dataset"))
    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["@type"] == "dcat:Dataset" and data["dct:license"]["@id"] == opendata.LICENCE_URL
    assert data["dct:conformsTo"]["@id"] == opendata.schema()["uri"]
    downloads = {d["dcat:mediaType"]: d["dcat:downloadURL"]["@id"] for d in data["dcat:distribution"]}
    assert downloads["text/csv"].endswith(reverse("tierslieux:directory_csv"))
    assert downloads["text/csv"].startswith("http")


def test_export_query_count_is_constant(client, django_assert_max_num_queries):
    _places()
    with django_assert_max_num_queries(15) as few:
        _export(client)
    for n in range(10):
        place = PlaceFactory(address=f"{n} rue X", postcode="06000")
        ServiceFactory(place=place)
        OpeningHoursFactory(place=place)
    with django_assert_max_num_queries(len(few.captured_queries)):
        _export(client)


def test_importing_our_own_export_twice_changes_nothing_and_adds_no_duplicate(client, lead_partner_staff):
    _places()
    content = _export(client)
    before = Place.objects.count()
    report = import_places(content, actor=lead_partner_staff)
    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Place.objects.count() == before


def test_import_adds_new_places_and_refreshes_known_ones(client, lead_partner_staff):
    fr, _it = _places()
    rows = _rows(_export(client))
    for row in rows:
        row["id"] = "other-system-" + row["id"]  # another producer's identifiers
    lab = next(r for r in rows if r["nom"] == "Living Lab Santé")
    lab["telephone_international"], lab["telephone"] = "+33465710699", "+33465710699"
    new = dict(
        lab, id="x-1", pivot=opendata.NO_PIVOT, nom="Fablab Nouveau", adresse="1 rue Neuve", horaires="Sa 10:00-12:00"
    )
    content = _csv([*rows, new])
    report = import_places(content, actor=lead_partner_staff)
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    fr.refresh_from_db()
    assert fr.phone == "04 65 71 06 99"
    created = Place.objects.get(name="Fablab Nouveau")
    assert created.status == Place.Status.DRAFT and created.commune == fr.commune and created.postcode == "06000"
    assert osm_opening_hours(OpeningHours.objects.filter(place=created)) == "Sa 10:00-12:00"
    again = import_places(content, actor=lead_partner_staff)
    assert again.ok and again.created == 0 and Place.objects.filter(name="Fablab Nouveau").count() == 1


def _csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_a_file_with_errors_saves_nothing_and_lists_them_by_line(client, lead_partner_staff):
    _places()
    rows = _rows(_export(client))
    good = dict(rows[0], id="a", pivot=opendata.NO_PIVOT, nom="Nouveau A")
    bad_phone = dict(
        rows[0], id="b", pivot=opendata.NO_PIVOT, nom="Nouveau B", telephone_international="12", telephone=""
    )
    no_commune = dict(
        rows[0],
        id="c",
        pivot=opendata.NO_PIVOT,
        nom="Nouveau C",
        code_insee="99999",
        code_istat="",
        commune="Nulle part",
    )
    bad_hours = dict(rows[0], id="d", pivot=opendata.NO_PIVOT, nom="Nouveau D", horaires="PH off")
    report = import_places(_csv([good, bad_phone, no_commune, bad_hours]), actor=lead_partner_staff)
    assert not report.ok
    assert [line for line, _message in report.errors] == [3, 4, 5]
    assert report.errors[0][1].startswith("telephone:")
    assert not Place.objects.filter(name__startswith="Nouveau").exists()


def test_import_is_for_partner_staff_only(client, org_people):
    with pytest.raises(PermissionDenied):
        import_places(b"id,nom\n", actor=org_people.owner)


def test_import_refuses_files_that_are_not_csv_text(lead_partner_staff):
    assert import_places(b"\xff\xfe\x00bad", actor=lead_partner_staff).errors[0][0] == 0
    assert import_places(b"nom,commune\nA,B\n", actor=lead_partner_staff).errors[0][0] == 1


days = st.lists(
    st.lists(
        st.tuples(st.integers(0, 22), st.integers(0, 59)).map(lambda t: dt.time(*t)),
        min_size=2,
        max_size=4,
        unique=True,
    ),
    min_size=7,
    max_size=7,
)


@settings(max_examples=60, deadline=None)
@given(days)
def test_opening_hours_round_trip_through_the_osm_format(week):
    periods = []
    for day, times in enumerate(week):
        times = sorted(times)
        periods += [(day, times[i], times[i + 1]) for i in range(0, len(times) - 1, 2) if times[i] < times[i + 1]]
    text = osm_opening_hours([OpeningHours(weekday=d, opens=o, closes=c) for d, o, c in periods])
    parsed = parse_opening_hours(text)
    assert sorted(parsed) == sorted(periods)


def test_import_page_is_for_partner_staff_and_reports_by_line(client, org_people, lead_partner_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _places()
    content = _export(client)
    url = reverse("tierslieux:opendata_import")
    client.force_login(org_people.owner)
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": SimpleUploadedFile("p.csv", content)}).status_code == 403
    client.force_login(lead_partner_staff)
    ok = client.post(url, {"file": SimpleUploadedFile("p.csv", content, "text/csv")})
    assert ok.status_code == 200 and ok.context["report"].ok and ok.context["report"].unchanged == 2
    bad = dict(_rows(content)[0], id="z", pivot=opendata.NO_PIVOT, nom="Sans commune", code_istat="", commune="?")
    response = client.post(url, {"file": SimpleUploadedFile("p.csv", _csv([bad]), "text/csv")})
    assert response.context["report"].errors[0][0] == 2 and b'id="import-report"' in response.content
    pdf = client.post(url, {"file": SimpleUploadedFile("p.csv", b"%PDF-1.4 fake", "text/csv")})
    assert pdf.context["form"].errors["file"] and pdf.context["report"] is None


def test_the_geojson_export_carries_the_same_rows(client):
    _fr, it = _places()
    data = json.loads(client.get(reverse("tierslieux:directory_geojson")).content)
    by_name = {f["properties"]["nom"]: f for f in data["features"]}
    incubator = by_name["Incubatore Cuneo"]
    assert incubator["properties"]["code_istat"] == "004078" and incubator["properties"]["code_insee"] == ""
    assert incubator["geometry"]["coordinates"] == [pytest.approx(it.longitude), pytest.approx(it.latitude)]
    assert "latitude" not in incubator["properties"]
