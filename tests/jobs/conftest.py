import pytest
from django.core.files.storage import FileSystemStorage

from circuito.jobs.models import Job
from tests.jobs import handlers  # noqa: F401  (registers the test job kinds)


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch) -> FileSystemStorage:
    """Job files go to a temporary folder instead of the project's private storage."""
    storage = FileSystemStorage(location=str(tmp_path / "private"), base_url=None)
    monkeypatch.setattr(Job._meta.get_field("result_file"), "storage", storage)
    return storage
