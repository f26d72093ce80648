import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from circuito.jobs.models import Job
from circuito.jobs.services import enqueue_job, get_job_for_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VIEWS = ["jobs:detail", "jobs:progress", "jobs:download"]


@pytest.fixture
def done_job(user, django_capture_on_commit_callbacks) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_job("tests.demo", owner=user, params={"text": "rows"})
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    return job


def test_owner_downloads_the_file_as_attachment(client, user, done_job):
    client.force_login(user)
    response = client.get(reverse("jobs:download", args=[done_job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"rows|fr"
    assert response["Content-Type"] == "text/csv"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''d%C3%A9mo%20export.csv" in disposition


@pytest.mark.parametrize("name", [*VIEWS])
def test_another_user_gets_404(client, done_job, name):
    client.force_login(UserFactory())
    assert client.get(reverse(name, args=[done_job.pk])).status_code == 404


@pytest.mark.parametrize("name", [*VIEWS, "jobs:list"])
def test_anonymous_is_sent_to_login(client, done_job, name):
    url = reverse(name) if name == "jobs:list" else reverse(name, args=[done_job.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_unknown_job_is_404(client, user):
    client.force_login(user)
    url = reverse("jobs:detail", args=["6f1c1d5e-6c1a-4c55-9a51-3c0b9a9f0c11"])
    assert client.get(url).status_code == 404


def test_staff_superuser_may_see_any_job(client, done_job):
    admin = UserFactory(is_staff=True, is_superuser=True)
    assert get_job_for_user(done_job.pk, admin) == done_job
    client.force_login(admin)
    assert client.get(reverse("jobs:download", args=[done_job.pk])).status_code == 200
    not_staff = UserFactory(is_superuser=True, is_staff=False)
    with pytest.raises(Http404):
        get_job_for_user(done_job.pk, not_staff)


def test_kind_specific_access_rule(client, org_people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_job("tests.shared", owner=org_people.owner, organisation=org_people.organisation)
    for person, status in [(org_people.owner, 200), (org_people.colleague, 200), (org_people.outsider, 404)]:
        client.force_login(person)
        assert client.get(reverse("jobs:download", args=[job.pk])).status_code == status, person


def test_progress_partial_polls_while_running_and_stops_when_done(client, user):
    job = Job.objects.create(kind="tests.demo", owner=user, status=Job.Status.RUNNING, progress=40, message="Half way")
    client.force_login(user)
    url = reverse("jobs:progress", args=[job.pk])
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert f'hx-get="{url}"' in html
    assert 'hx-swap="outerHTML"' in html
    assert 'aria-valuenow="40"' in html and 'role="progressbar"' in html
    assert 'data-job-progress="40"' in html
    assert "Half way" in html
    assert reverse("jobs:download", args=[job.pk]) not in html

    job.status, job.progress = Job.Status.DONE, 100
    job.result_file.save("x.txt", ContentFile(b"x"), save=False)
    job.result_name = "x.txt"
    job.expires_at = timezone.now() + timedelta(days=7)
    job.save()
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in html and "hx-get" not in html
    assert reverse("jobs:download", args=[job.pk]) in html


def test_detail_page_shows_status_and_progress(client, user):
    job = Job.objects.create(kind="tests.demo", owner=user, status=Job.Status.RUNNING, progress=25)
    client.force_login(user)
    response = client.get(reverse("jobs:detail", args=[job.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Demo export" in html
    assert 'hx-trigger="every 1s"' in html
    assert "js/jobs.js" in html
    assert not re.search(r"\sstyle=", html), "inline styles are forbidden by the CSP"
    assert "<script>" not in html


def test_detail_page_when_done_offers_the_download(client, user, done_job):
    client.force_login(user)
    html = client.get(reverse("jobs:detail", args=[done_job.pk])).content.decode()
    assert reverse("jobs:download", args=[done_job.pk]) in html
    assert "hx-trigger" not in html
    assert str(done_job.expires_at.astimezone(timezone.get_current_timezone()).year) in html


def test_detail_page_when_failed_shows_the_error_and_a_way_back(client, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_job("tests.user_error", owner=user)
    client.force_login(user)
    html = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "There is nothing to export for this period." in html
    assert 'role="alert"' in html
    assert f'href="{reverse("jobs:list")}"' in html
    assert "hx-trigger" not in html
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_download_is_refused_once_expired(client, user, done_job):
    from circuito.jobs.services import delete_expired_files

    Job.objects.filter(pk=done_job.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client.force_login(user)
    # Past its date but not yet cleaned up: already refused.
    response = client.get(reverse("jobs:download", args=[done_job.pk]))
    assert response.status_code == 410
    assert delete_expired_files() == 1
    response = client.get(reverse("jobs:download", args=[done_job.pk]))
    assert response.status_code == 410
    with translation.override("fr"):  # the page is in the request's language, French by default
        expected = gettext("This file has expired and was deleted. Start the export again to get an up-to-date file.")
    assert expected in response.content.decode()
    assert client.get(reverse("jobs:detail", args=[done_job.pk])).status_code == 200


def test_download_of_a_missing_file_is_refused(client, user, done_job, private_files):
    private_files.delete(done_job.result_file.name)
    client.force_login(user)
    assert client.get(reverse("jobs:download", args=[done_job.pk])).status_code == 410


def test_list_shows_only_own_jobs(client, user, done_job):
    other = Job.objects.create(kind="tests.demo", owner=UserFactory())
    client.force_login(user)
    html = client.get(reverse("jobs:list")).content.decode()
    assert reverse("jobs:detail", args=[done_job.pk]) in html
    assert reverse("jobs:detail", args=[other.pk]) not in html


def _make_jobs(user, organisation, n):
    for i in range(n):
        Job.objects.create(
            kind="tests.demo" if i % 2 else "tests.shared",
            owner=user,
            organisation=organisation,
            status=Job.Status.DONE if i % 3 else Job.Status.RUNNING,
            progress=50,
        )


def test_list_query_count_is_constant(client, org_people, django_assert_num_queries):
    owner = org_people.owner
    client.force_login(owner)
    _make_jobs(owner, org_people.organisation, 1)
    # session, user, the user's project roles (navigation), jobs with their organisation
    with django_assert_num_queries(4):
        assert client.get(reverse("jobs:list")).status_code == 200
    _make_jobs(owner, org_people.organisation, 12)
    with django_assert_num_queries(4):
        response = client.get(reverse("jobs:list"))
    assert response.content.decode().count(reverse("jobs:list")) >= 1
    assert len(response.context["jobs"]) == 13
