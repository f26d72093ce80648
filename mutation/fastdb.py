"""pytest plugin for mutation runs: each mutant's test session starts from a copy of an empty test
database instead of creating every table again.

mutmut runs the module's tests once, then one short pytest session per mutant, each in a fresh
forked process. Creating the tables is most of such a session's cost; copying a file of empty
tables takes a few milliseconds. The first session writes the copy (the template) beside the
module's scratch folder (MUTATION_DB_DIR); every session works in its own file, named after its
process, so mutants tested in parallel never share a database; `--reuse-db` keeps Django from
creating the tables again, and the file is removed when the session ends.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import MethodType

import pytest


def _folder() -> Path | None:
    folder = os.environ.get("MUTATION_DB_DIR")
    return Path(folder) if folder else None


def _template(folder: Path) -> Path:
    return folder / "template.sqlite3"


def _own_file(folder: Path) -> Path:
    return folder / f"session-{os.getpid()}.sqlite3"


def pytest_sessionstart(session: pytest.Session) -> None:
    folder = _folder()
    if folder is None:
        return
    from django.db import connections

    folder.mkdir(parents=True, exist_ok=True)
    own = _own_file(folder)
    settings = connections.settings["default"]
    if _template(folder).exists():
        shutil.copyfile(_template(folder), own)
        connections["default"].creation.create_test_db = MethodType(_open_copy, connections["default"].creation)
    else:
        own.unlink(missing_ok=True)
    settings.setdefault("TEST", {})["NAME"] = str(own)
    # The file is thrown away with the session: no need to wait for the disk on each commit.
    settings.setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous=OFF"


def _open_copy(creation, verbosity: int = 1, autoclobber: bool = False, serialize: bool = True, keepdb: bool = False):
    """Django's create_test_db without `migrate`: the copy already holds every table and the rows
    post_migrate writes (content types, permissions); rendering the migration state would cost
    most of a short session."""
    from django.conf import settings

    name = creation._get_test_db_name()
    creation.connection.close()
    settings.DATABASES[creation.connection.alias]["NAME"] = name
    creation.connection.settings_dict["NAME"] = name
    creation.connection.ensure_connection()
    return name


@pytest.fixture(scope="session", autouse=True)
def _mutation_db_template(django_db_setup, django_db_blocker) -> None:
    """Right after the first session created its tables, keep an empty copy for the next ones."""
    folder = _folder()
    # No file when the template exists already, or when no test of the session uses the database.
    if folder is None or _template(folder).exists() or not _own_file(folder).exists():
        return
    from django.db import connections

    with django_db_blocker.unblock():
        connections["default"].close()
    partial = folder / f"template-{os.getpid()}.partial"
    shutil.copyfile(_own_file(folder), partial)
    partial.replace(_template(folder))


def pytest_sessionfinish(session: pytest.Session) -> None:
    folder = _folder()
    if folder is None:
        return
    from django.db import connections

    connections.close_all()
    _own_file(folder).unlink(missing_ok=True)
