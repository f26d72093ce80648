"""Fixtures shared by all tests: for each organisation an owner (admin), a colleague (member)
and an outsider (member of another organisation), as every private view is tested with them."""

import os
import shutil
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from circuito.accounts.models import Membership, Organisation, User
from circuito.celery import app as celery_app
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in live_server tests


@pytest.fixture(autouse=True)
def eager_tasks(request):
    """Tasks run in-process, even when REDIS_URL points the suite at a real broker; the tests
    marked `worker` use a real Celery worker instead."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def fresh_search_state():
    """Each test's database has its own thesaurus and vocabularies: forget this process's copies."""
    from circuito.search.thesaurus import reset

    reset()
    yield
    reset()


@pytest.fixture(autouse=True)
def default_language():
    """A request to an /it/ page leaves Italian active in the thread: start each test in French."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@dataclass
class OrgPeople:
    organisation: Organisation
    owner: User
    colleague: User
    outsider: User


@pytest.fixture
def org_people(db) -> OrgPeople:
    org = OrganisationFactory()
    owner = MembershipFactory(organisation=org, role=Membership.Role.ADMIN).user
    colleague = MembershipFactory(organisation=org).user
    outsider = MembershipFactory().user
    return OrgPeople(org, owner, colleague, outsider)


@pytest.fixture
def user(db) -> User:
    return UserFactory()


@pytest.fixture
def partner_staff(db) -> User:
    """A member of a project partner (not the lead partner)."""
    org = OrganisationFactory(kind=Organisation.Kind.PARTNER, legal_name="Région Sud", partner_code="PACA")
    return MembershipFactory(organisation=org).user


@pytest.fixture
def lead_partner_staff(db) -> User:
    org = OrganisationFactory(
        kind=Organisation.Kind.PARTNER,
        legal_name="Regione Liguria",
        partner_code="LIG",
        is_lead_partner=True,
        country="IT",
    )
    return MembershipFactory(organisation=org).user


# Browser tests: Playwright driving Debian's Chromium against pytest-django's live_server.
# Outside CI they are skipped when /usr/bin/chromium is missing (a fresh machine has only Python);
# in CI (CI=true) a missing browser is an error.


def _blank_tile() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGBA", (1, 1)).save(buffer, "PNG")
    return buffer.getvalue()


BLANK_TILE = _blank_tile()  # a 1×1 transparent PNG
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI at {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium) — browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.SITE_URL = live_server.url  # links in e-mails are built on SITE_URL
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Map tiles come from OpenStreetMap's servers, off this machine: answered with a blank tile.
    page.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, body=BLANK_TILE, content_type="image/png"),
    )
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def page_cache(settings):
    """The page cache on, from an empty cache (the suite renders pages afresh otherwise)."""
    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()
