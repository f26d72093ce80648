import pytest
from django.core.files.storage import FileSystemStorage

from circuito.celery import app as celery_app
from circuito.jobs.models import Job
from tests.jobs import handlers  # noqa: F401  (registers the test job kinds)


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch) -> FileSystemStorage:
    """Job files go to a temporary folder instead of the project's private storage."""
    storage = FileSystemStorage(location=str(tmp_path / "private"), base_url=None)
    monkeypatch.setattr(Job._meta.get_field("result_file"), "storage", storage)
    return storage


@pytest.fixture(autouse=True)
def eager_tasks(request):
    """Tasks run in-process, even when REDIS_URL points the suite at a real broker; the tests
    marked `worker` use the real worker instead."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous
