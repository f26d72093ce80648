"""Flow imports refuse files that are not what their name says, and workbooks past the row limit
(read by the job, which stops one row past the limit), with a message that says what to do."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from bourseflux import imports
from bourseflux.models import Flow
from tests.bourseflux.factories_zones import reference_world
from tests.bourseflux.test_import_flows import FRENCH_ROWS, ITALIAN_HEADER, french, upload

pytestmark = pytest.mark.django_db
TOO_MANY = "The file has more than %(max)d rows; at most %(max)d can be imported at once: split it into smaller files."


def png() -> bytes:
    """A real (1×1) PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def world(db):
    return reference_world()


def post(client, org_people, name: str, content: bytes):
    client.force_login(org_people.owner)
    return client.post(
        reverse("bourseflux:import_start"),
        {"file": SimpleUploadedFile(name, content), "organisation": org_people.organisation.pk},
    )


def test_png_named_csv_is_a_form_error(client, org_people, world):
    response = post(client, org_people, "flux.csv", png())
    assert response.status_code == 200
    expected = french(
        "This file is named .csv but is %(kind)s, not a text file: export your spreadsheet again as CSV.",
        kind=french("a PNG image"),
    )
    assert expected in response.content.decode()


def test_binary_content_past_the_first_bytes_is_refused_not_a_crash(client, org_people, world):
    content = ("\n".join(FRENCH_ROWS[:2]) + "\n").encode() + b"\x00\x01\x02" * 400
    response = post(client, org_people, "flux.csv", content)
    assert response.status_code == 200
    assert french("a file of unknown type") in response.content.decode()


def test_zip_that_is_not_a_workbook_is_refused(client, org_people, world):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    response = post(client, org_people, "flux.xlsx", out.getvalue())
    assert response.status_code == 200
    assert french("The workbook could not be read: open it in your spreadsheet and save it again.") in (
        response.content.decode()
    )


def test_workbook_past_the_row_limit_is_refused_by_the_job(
    client, org_people, world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "MAX_ROWS", 20)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(ITALIAN_HEADER[:10])
    for _ in range(200):
        sheet.append(["produttore", None, "Vinacce", None, 10, "t", "al mese", "Aosta", None, "sottoprodotto"])
    out = io.BytesIO()
    workbook.save(out)
    read = []
    original = imports._cell
    monkeypatch.setattr(imports, "_cell", lambda value: read.append(value) or original(value))
    client.force_login(org_people.owner)
    report = upload(
        client,
        SimpleUploadedFile("flussi.xlsx", out.getvalue()),
        django_capture_on_commit_callbacks,
        org_people.organisation,
    )
    body = client.get(report).content.decode()
    assert french(TOO_MANY, max=20) in body
    # Header plus limit + 1 rows were read, not the 200 rows of the sheet.
    assert len(read) <= 10 * 22
    assert Flow.objects.count() == 0


def test_control_characters_in_cells_become_spaces():
    rows = imports.read_table("rôle;nom commercial\nproducteur;Marc\x0bde pommes\nproducteur;A\x07B\n".encode(), "csv")
    assert rows[1][1] == ["producteur", "Marc de pommes"]
    assert rows[2][1] == ["producteur", "A B"]
