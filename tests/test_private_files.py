"""Private files stay private: never reachable through the development server's /media/ route,
refused configuration when PRIVATE_ROOT sits inside a public folder, random stored names with the
readable name given at download, and the move of files an older installation kept in media/."""

import importlib
import os
import re
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.files.base import ContentFile
from django.urls import clear_url_caches, reverse

from bourseflux.models import FlowAttachment
from bourseflux.services.attachments import add_attachments
from bourseflux.services.flows import create_flow
from circuito.files import (
    PrivateUploadTo,
    check_private_root,
    move_legacy_private_files,
    private_name,
    private_storage,
)
from reporting.models import Report
from tests.bourseflux.factories import SiteFactory
from tests.bourseflux.factories_flows import pdf, valid_data
from tests.reporting.factories_reports import records  # noqa: F401
from tests.reporting.factories_structure import outsider, people, structure  # noqa: F401
from tests.reporting.test_reports_views import _ready_report

SECRET = b"%PDF-1.4 private minutes"
RANDOM_NAME = r"[0-9a-f]{32}"


def _layout(settings, tmp_path: Path, private: Path) -> Path:
    """MEDIA_ROOT at tmp/media, private files at `private`; returns the media folder."""
    media = tmp_path / "media"
    media.mkdir(exist_ok=True)
    settings.MEDIA_ROOT = str(media)
    settings.PRIVATE_ROOT = str(private)
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(private), "base_url": None},
        },
    }
    return media


@pytest.fixture
def debug_urls(settings):
    """The URLs as `manage.py runserver` builds them with DEBUG on (the /media/ route included)."""
    import circuito.urls

    settings.DEBUG = True
    importlib.reload(circuito.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(circuito.urls)
    clear_url_caches()


def _secret_file(folder: str = "reporting/reports", filename: str = "minutes.pdf") -> str:
    storage = private_storage()
    return storage.save(private_name(folder, filename), ContentFile(SECRET))


# Stored names ----------------------------------------------------------------------------------


def test_private_names_are_random_and_keep_only_a_plain_extension():
    first, second = private_name("flows", "Compte rendu.PDF"), private_name("flows", "Compte rendu.PDF")
    assert first != second
    assert re.fullmatch(rf"flows/\d{{4}}/\d{{2}}/{RANDOM_NAME}\.pdf", first)
    assert re.fullmatch(rf"jobs/\d{{4}}/\d{{2}}/{RANDOM_NAME}", private_name("jobs", "no extension"))
    assert re.fullmatch(rf"x/\d{{4}}/\d{{2}}/{RANDOM_NAME}", private_name("x", "a.p h p"))
    assert PrivateUploadTo("flows").deconstruct() == ("circuito.files.PrivateUploadTo", ("flows",), {})
    assert PrivateUploadTo("flows/") == PrivateUploadTo("flows")


def test_every_private_file_field_uses_the_one_storage_and_random_names():
    from django.apps import apps
    from django.db import models

    fields = [
        f
        for model in apps.get_models()
        for f in model._meta.get_fields()
        if isinstance(f, models.FileField) and getattr(f, "_storage_callable", None) is private_storage
    ]
    names = {f"{f.model._meta.label}.{f.name}" for f in fields}
    assert names == {
        "bourseflux.FlowAttachment.file",
        "bourseflux.TransactionDocument.file",
        "focusgroups.Attachment.file",
        "jobs.Job.result_file",
        "reporting.DeliverableEvidence.file",
        "reporting.ExpenditureLine.document",
        "reporting.Report.pdf",
        "reporting.Report.xlsx",
    }
    assert all(isinstance(f.upload_to, PrivateUploadTo) for f in fields)


# The /media/ route of the development server ---------------------------------------------------


@pytest.mark.django_db
def test_media_route_serves_public_files_but_never_a_private_one(client, settings, tmp_path, debug_urls):
    private = tmp_path / "private"
    media = _layout(settings, tmp_path, private)
    (media / "places").mkdir()
    (media / "places" / "photo.txt").write_bytes(b"public")
    name = _secret_file()
    assert (private / name).read_bytes() == SECRET

    response = client.get("/media/places/photo.txt")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"public"
    relative = os.path.relpath(private / name, media).replace(os.sep, "/")
    assert relative.startswith("../private/")
    for url in [
        f"/media/{relative}",
        f"/media/{name}",
        f"/media/private/{name}",
        f"/media/places/../../private/{name}",
        f"/media/%2e%2e/private/{name}",
        f"/media/..%2fprivate/{name}",
        f"/media/..%5cprivate/{name}",
        f"/media/{private / name}",
        f"/media//{private / name}",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url


@pytest.mark.django_db
def test_media_route_refuses_private_files_even_when_misconfigured_inside_media(client, settings, tmp_path, debug_urls):
    media = tmp_path / "media"
    private = media / "private"
    _layout(settings, tmp_path, private)
    name = _secret_file()
    assert (media / "private" / name).read_bytes() == SECRET
    (media / "link").symlink_to(private, target_is_directory=True)
    for url in [
        f"/media/private/{name}",
        f"/media/PRIVATE/{name}",
        f"/media/./private/{name}",
        f"/media/x/../private/{name}",
        f"/media//private/{name}",
        f"/media/link/{name}",
        "/media/private/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url


@pytest.mark.django_db
def test_media_route_refuses_the_legacy_folder_and_a_symbolic_link_into_private_files(
    client, settings, tmp_path, debug_urls
):
    private = tmp_path / "private"
    media = _layout(settings, tmp_path, private)
    (media / "private").mkdir()
    (media / "private" / "left-behind.pdf").write_bytes(SECRET)
    name = _secret_file()
    (media / "shortcut").symlink_to(private, target_is_directory=True)
    assert client.get("/media/private/left-behind.pdf").status_code == 404
    assert client.get(f"/media/shortcut/{name}").status_code == 404


@pytest.mark.django_db
def test_the_field_storage_file_is_not_reachable_from_the_test_media_root(client, settings, debug_urls):
    """With the test settings' own folders: a file saved through a model field's storage."""
    storage = FlowAttachment._meta.get_field("file").storage
    name = storage.save(private_name("flows", "a.pdf"), ContentFile(SECRET))
    public = Path(settings.MEDIA_ROOT) / "places" / "photo.txt"
    public.parent.mkdir(parents=True, exist_ok=True)
    public.write_bytes(b"public")
    try:
        relative = os.path.relpath(storage.path(name), settings.MEDIA_ROOT).replace(os.sep, "/")
        assert client.get(f"/media/{relative}").status_code == 404
        assert client.get(f"/media/{name}").status_code == 404
        assert client.get("/media/places/photo.txt").status_code == 200  # public media still served
    finally:
        storage.delete(name)
        public.unlink()


def test_without_debug_there_is_no_media_route(settings):
    import circuito.urls

    settings.DEBUG = False  # as in production, whatever DEBUG was when the URLs were first read
    importlib.reload(circuito.urls)
    clear_url_caches()
    assert not any(getattr(p, "name", None) == "media" for p in circuito.urls.urlpatterns)


# The system check ------------------------------------------------------------------------------


def _ids(messages) -> list[str]:
    return [m.id for m in messages]


@pytest.mark.parametrize("inside", ["media/private", "media", "static/private"])
def test_check_refuses_private_root_inside_a_public_folder(settings, tmp_path, inside):
    settings.STATIC_ROOT = str(tmp_path / "static")
    _layout(settings, tmp_path, tmp_path / inside)
    errors = check_private_root()
    assert _ids(errors) == ["circuito.E001"]
    assert "PRIVATE_ROOT" in errors[0].hint
    assert "circuito.E001" in _ids(run_checks(tags=["security"]))


def test_check_passes_with_separate_folders(settings, tmp_path):
    settings.STATIC_ROOT = str(tmp_path / "static")
    _layout(settings, tmp_path, tmp_path / "private")
    assert check_private_root() == []


def test_check_warns_about_files_left_in_the_old_private_folder(settings, tmp_path):
    media = _layout(settings, tmp_path, tmp_path / "private")
    (media / "private" / "jobs").mkdir(parents=True)
    assert check_private_root() == []  # empty folders are harmless
    (media / "private" / "jobs" / "old.xlsx").write_bytes(b"x")
    assert _ids(check_private_root()) == ["circuito.W001"]


# Existing installations ------------------------------------------------------------------------


def test_files_of_the_old_private_folder_move_to_private_root(tmp_path):
    media, private = tmp_path / "media", tmp_path / "private"
    old = media / "private"
    (old / "reporting" / "reports" / "2020").mkdir(parents=True)
    (old / "reporting" / "reports" / "2020" / "report-1.pdf").write_bytes(b"one")
    (old / "jobs").mkdir()
    (old / "jobs" / "both.csv").write_bytes(b"old copy")
    (private / "jobs").mkdir(parents=True)
    (private / "jobs" / "both.csv").write_bytes(b"new copy")
    (media / "places").mkdir()
    (media / "places" / "photo.jpg").write_bytes(b"public")

    moved = move_legacy_private_files(media, private)

    assert moved == ["reporting/reports/2020/report-1.pdf"]
    assert (private / "reporting" / "reports" / "2020" / "report-1.pdf").read_bytes() == b"one"
    assert (private / "jobs" / "both.csv").read_bytes() == b"new copy"  # never overwritten
    assert (old / "jobs" / "both.csv").exists()  # left for the administrator (and the W001 warning)
    assert not (old / "reporting").exists()
    assert (media / "places" / "photo.jpg").exists()
    assert move_legacy_private_files(media, private) == []  # running again changes nothing


def test_moving_is_a_no_op_without_an_old_folder_or_when_private_root_is_that_folder(tmp_path):
    media = tmp_path / "media"
    assert move_legacy_private_files(media, tmp_path / "private") == []
    (media / "private").mkdir(parents=True)
    (media / "private" / "a.pdf").write_bytes(b"a")
    assert move_legacy_private_files(media, media / "private") == []
    assert (media / "private" / "a.pdf").exists()
    (media / "private" / "a.pdf").unlink()
    assert move_legacy_private_files(media, tmp_path / "private") == []
    assert not (media / "private").exists()


def test_the_data_migration_moves_the_files_of_the_settings(settings, tmp_path):
    migration = importlib.import_module("circuito.jobs.migrations.0003_move_private_files_out_of_media")
    media = _layout(settings, tmp_path, tmp_path / "private")
    (media / "private" / "flows").mkdir(parents=True)
    (media / "private" / "flows" / "a.png").write_bytes(b"png")
    migration.move_private_files(None, None)
    assert (tmp_path / "private" / "flows" / "a.png").read_bytes() == b"png"
    assert not (media / "private").exists()
    migration.move_private_files(None, None)  # nothing left: nothing happens


# Downloads: the owner gets the readable name, an outsider nothing -------------------------------


@pytest.mark.django_db
def test_flow_attachment_download_for_its_company_only(client, org_people):
    company = org_people.organisation
    company.commune = SiteFactory(organisation=company).commune
    company.save()
    flow = create_flow(actor=org_people.owner, organisation=company, data=valid_data())
    [attachment] = add_attachments(flow, actor=org_people.owner, documents=[pdf("Analyse labo été.pdf")])
    try:
        stored = attachment.file.name
        assert re.fullmatch(rf"flows/\d{{4}}/\d{{2}}/{RANDOM_NAME}\.pdf", stored)
        url = reverse("bourseflux:attachment_download", args=[attachment.pk])
        for person in (org_people.owner, org_people.colleague):
            client.force_login(person)
            response = client.get(url)
            assert response.status_code == 200
            assert b"".join(response.streaming_content).startswith(b"%PDF")
            assert "Analyse%20labo%20%C3%A9t%C3%A9.pdf" in response["Content-Disposition"]
        client.force_login(org_people.outsider)
        assert client.get(url).status_code == 404  # a draft's files do not exist for others
        client.logout()
        assert client.get(url).status_code == 404
    finally:
        attachment.file.storage.delete(stored)


@pytest.mark.django_db
def test_report_files_are_stored_under_random_names_and_downloaded_under_readable_ones(
    client,
    records,  # noqa: F811
    people,  # noqa: F811
):
    report = _ready_report(records["lead"])
    assert report.status == Report.Status.READY
    for field, extension in ((report.pdf, "pdf"), (report.xlsx, "xlsx")):
        assert re.fullmatch(rf"reporting/reports/\d{{4}}/\d{{2}}/{RANDOM_NAME}\.{extension}", field.name)
        assert f"report-{report.pk}" not in field.name
    client.force_login(records["lead"])
    response = client.get(reverse("reporting:report_download", args=[report.pk, "pdf"]))
    assert response.status_code == 200
    assert 'filename="circuito-semestrial-1-fr.pdf"' in response["Content-Disposition"]
    client.force_login(people["outsider"])
    assert client.get(reverse("reporting:report_download", args=[report.pk, "pdf"])).status_code == 403
