"""Odd input everywhere: every form of the pages, every API endpoint and the flow import are fed
the same corpus (empty, one letter, 500 characters, stop words only, NUL, SQL/LIKE wildcards and
quotes, mixed scripts, huge and negative numbers, wrong types). The portal never answers 500, and
a refused write leaves every table with the rows it had.

Pages and endpoints are found, not listed: the URL resolver gives the addresses without
parameters, a crawl of the pages as an anonymous visitor, a company member and lead partner staff
gives one address of every other page and the forms they hold, and the OpenAPI schema (made
from the resolver) gives the API's operations."""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

from bourseflux.jobs_import import load_preview
from bourseflux.models import Flow
from circuito.accounts.models import User
from circuito.jobs.models import Job
from tests.demo_data import COMPANY_MEMBER, LEAD_PARTNER_STAFF, demo_data  # noqa: F401
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

TEXTS: dict[str, str] = {
    "empty": "",
    "one letter": "a",
    "500 characters": "é" * 250 + "x" * 250,
    "stop words only": "le la les de des du et il lo gli di e",
    "NUL": "ab\x00cd",
    "wildcards and quotes": "% _ \\ * ( ) ' \"",
    "mixed scripts": "Tiers-Lieu Ελληνικά кириллица 漢字 العربية",
    "huge number": "9" * 40,
    "negative number": "-1",
}
# In JSON the same, and values of the wrong type.
JSON_VALUES: dict[str, object] = {
    **TEXTS,
    "huge integer": 10**40,
    "negative integer": -1,
    "huge float": 1e308,
    "list": ["a", 1],
    "object": {"a": 1},
    "boolean": True,
    "null": None,
}
# Whole bodies of the wrong type.
JSON_BODIES: dict[str, str] = {
    "list": "[]",
    "string": '"a"',
    "number": "1",
    "broken": '{"a": ',
    "NUL": '{"a": "\\u0000"}',
}

ROLES = {"anonymous": None, "company": COMPANY_MEMBER, "lead partner": LEAD_PARTNER_STAFF}
SKIPPED_NAMESPACES = ("admin",)  # Django's admin is Django's
SKIPPED_NAMES = {"account_logout", "switch_language", "set_language"}  # they end the crawl's session or language
PAGES_PER_ROLE = 400
REFUSAL_MARKERS = ("is-invalid", "invalid-feedback", "errorlist", "alert-danger")
# Tables whose rows a refused request may add: failed logins are recorded (django-axes).
MAY_GROW = {"axes_accessattempt", "axes_accessfailurelog", "axes_accesslog", "django_session"}


@dataclass
class Form:
    page: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)  # name -> type (text, hidden, file, select...)
    hidden: dict[str, str] = field(default_factory=dict)


@dataclass
class Findings:
    server_errors: list[str] = field(default_factory=list)
    partial_writes: list[str] = field(default_factory=list)
    requests: int = 0

    def check(self, label: str, response, before: dict[str, int] | None = None) -> None:
        self.requests += 1
        if response.status_code >= 500:
            self.server_errors.append(f"{label} → {response.status_code}")
        elif before is not None and refused(response):
            after = table_rows()
            grown = {t: (before[t], after[t]) for t in before if before[t] != after[t] and t not in MAY_GROW}
            if grown:
                self.partial_writes.append(f"{label} → {response.status_code}, rows changed: {grown}")


class PageParser(HTMLParser):
    """The site's own links and the POST forms of a page."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "a" and (a.get("href") or "").startswith("/"):
            self.links.append(a["href"])
        elif tag == "form":
            method = (a.get("method") or "get").lower()
            self._form = Form(self.page, a.get("action") or self.page) if method == "post" else None
        elif self._form is not None and tag in ("input", "select", "textarea") and a.get("name"):
            kind = a.get("type", tag) if tag == "input" else tag
            if kind in ("submit", "button", "image", "reset"):
                return
            if a["name"] == "csrfmiddlewaretoken":
                return
            if kind == "hidden":
                self._form.hidden[a["name"]] = a.get("value") or ""
            else:
                self._form.fields[a["name"]] = kind

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def table_rows() -> dict[str, int]:
    """Rows of every table of the portal's models, in one query."""
    tables = sorted({m._meta.db_table for m in apps.get_models() if m._meta.managed and not m._meta.proxy})
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


class WriteWatch:
    """While a request runs: the rows of every table just before its first INSERT or DELETE
    (`before` stays None for a request that adds and removes nothing)."""

    WRITE = re.compile(r"\s*(INSERT|DELETE)\b", re.IGNORECASE)

    def __init__(self) -> None:
        self.before: dict[str, int] | None = None

    def __call__(self, execute, sql, params, many, context):
        if self.before is None and self.WRITE.match(sql):
            self.before = table_rows()
        return execute(sql, params, many, context)

    def __enter__(self) -> "WriteWatch":
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._wrapper.__exit__(*exc)


def refused(response) -> bool:
    if 400 <= response.status_code < 500:
        return True
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return False
    body = response.content.decode(errors="replace")
    return any(marker in body for marker in REFUSAL_MARKERS)


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def page_seeds() -> list[str]:
    """The French address of every named page without parameters (the API aside)."""
    seeds = []
    with translation.override("fr"):
        for name, _pattern in _patterns(get_resolver()):
            if name.split(":")[0] in SKIPPED_NAMESPACES or name in SKIPPED_NAMES:
                continue
            try:
                path = reverse(name)
            except NoReverseMatch:
                continue  # needs parameters: found by the crawl
            if path.startswith("/fr/"):
                seeds.append(path)
    return sorted(set(seeds))


def view_key(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    if match.namespace in SKIPPED_NAMESPACES or match.url_name in SKIPPED_NAMES:
        return None
    return match.view_name


def crawl(client: Client, seeds: list[str], findings: Findings) -> list[Form]:
    """One page per view, breadth first; returns the POST forms met on the way."""
    queue, seen, forms = list(seeds), set(), []
    while queue and len(seen) < PAGES_PER_ROLE:
        path = queue.pop(0)
        key = view_key(path)
        if key is None or key in seen or not path.startswith("/fr/"):
            continue
        seen.add(key)
        response = client.get(path)
        findings.check(f"GET {path}", response)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = PageParser(path)
        parser.feed(response.content.decode(errors="replace"))
        forms += parser.forms
        queue += [link.split("#")[0] for link in parser.links]
    return forms


def form_data(form: Form, value) -> tuple[dict, dict]:
    data: dict = dict(form.hidden)
    files: dict = {}
    for name, kind in form.fields.items():
        if kind == "file":
            content = value.encode() if isinstance(value, str) else json.dumps(value).encode()
            files[name] = SimpleUploadedFile("corpus.csv", content, content_type="text/csv")
        else:
            data[name] = value
    return data, files


def login(email: str | None) -> Client:
    client = Client(raise_request_exception=False)
    if email:
        client.force_login(User.objects.get(email=email))
    return client


def test_pages_forms_and_the_import_refuse_odd_input_cleanly(demo_data, django_capture_on_commit_callbacks):  # noqa: F811
    findings = Findings()
    # The import first: the forms below may make the company member leave the company.
    _import_corpus(findings, django_capture_on_commit_callbacks)
    seeds = page_seeds()
    tried: set[tuple[str, tuple]] = set()
    for email in ROLES.values():
        client = login(email)
        forms = crawl(client, seeds, findings)
        # Deleting, leaving and cancelling last: the other forms still find their objects.
        forms.sort(key=lambda f: bool(re.search(r"delete|remove|leave|cancel|withdraw", f.action)))
        for form in forms:
            identity = (view_key(form.action) or form.action, tuple(sorted(form.fields)))
            if identity in tried or view_key(form.action) is None:
                continue
            tried.add(identity)
            for label, value in [*TEXTS.items(), ("several values", ["1", "x"])]:
                data, files = form_data(form, value)
                with WriteWatch() as watch:
                    response = client.post(form.action, {**data, **files})
                findings.check(f"{email or 'anonymous'} POST {form.action} [{label}]", response, watch.before)
    assert len(tried) >= 40, f"only {len(tried)} forms found: is the crawl still reaching the pages?"
    print(f"\n{len(tried)} forms, {findings.requests} requests")
    report = "\n".join(findings.server_errors + findings.partial_writes)
    assert not findings.server_errors and not findings.partial_writes, report


def _import_files() -> dict[str, tuple[str, bytes]]:
    header = "rôle;code NAF;nom commercial;description;quantité;unité;fréquence;commune;code déchet;nature;catégorie"
    good = ["producteur", "10.32Z", "Marc de pommes", "Marc frais", "12,5", "t", "par mois", "Chambéry", "", "", ""]
    rows = [header]
    for label, value in TEXTS.items():
        if label == "NUL":
            continue  # a NUL byte makes the whole file refused (the "NUL bytes" file below)
        for column in range(len(good)):
            cells = list(good)
            cells[column] = value.replace(";", ",").replace("\n", " ")
            rows.append(";".join(cells))
    corpus_csv = ("\n".join(rows) + "\n").encode()
    return {
        "corpus rows": ("flows.csv", corpus_csv),
        "empty": ("flows.csv", b""),
        "one letter": ("flows.csv", b"a"),
        "header only": ("flows.csv", header.encode()),
        "NUL bytes": ("flows.csv", b"r\x00le;nom\x00\n\x00\x00\x00"),
        "image named .csv": ("flows.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "not a workbook": ("flows.xlsx", b"PK\x03\x04 not really a zip"),
        "latin-1": ("flows.csv", (header + "\nproducteur;;Déchets;;1;t;;Gap;;;\n").encode("latin-1")),
    }


def _import_corpus(findings: Findings, on_commit) -> None:
    """The flow import, as the company: a refused file leaves nothing; a file with refused rows
    imports exactly the rows its report accepted."""
    client = login(COMPANY_MEMBER)
    user = User.objects.get(email=COMPANY_MEMBER)
    organisation = user.memberships.filter(organisation__kind="company").first().organisation
    with translation.override("fr"):
        start = reverse("bourseflux:import_start")
    confirmed = 0
    for label, (name, content) in _import_files().items():
        before = table_rows()
        upload = SimpleUploadedFile(name, content)
        with on_commit(execute=True):  # the import's job runs (eagerly) once the upload is saved
            response = client.post(start, {"file": upload, "organisation": organisation.pk})
        findings.check(f"import [{label}]", response, before)
        if response.status_code != 302:
            continue
        job = Job.objects.get(pk=resolve(response["Location"]).kwargs["job_id"])
        report = client.get(response["Location"])
        findings.check(f"import report [{label}]", report)
        if job.status != Job.Status.DONE:
            continue
        valid = len(load_preview(job)["valid"])
        flows = Flow.objects.count()
        with translation.override("fr"):
            confirm = client.post(reverse("bourseflux:import_confirm", kwargs={"job_id": job.pk}), {})
        findings.check(f"import confirm [{label}]", confirm)
        imported = Flow.objects.count() - flows
        print(f"import [{label}]: {valid} rows accepted, {imported} flows imported")
        if imported != valid:
            findings.partial_writes.append(f"import [{label}]: {imported} flows written for {valid} accepted rows")
        confirmed += 1
    assert confirmed, "no file went through the import: is its form still the same?"


def _operations(schema: dict) -> Iterator[tuple[str, str, dict]]:
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield method.upper(), path, operation


def _request_properties(operation: dict, schema: dict) -> list[str]:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = content.get("schema", {}).get("$ref", "")
    component = schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {}) if ref else {}
    return list(component.get("properties", {}))


# Lead partner staff, who may see and change the most, get the whole corpus; the others a part of
# it (an anonymous write is refused before its body is read).
GET_VALUES = {"lead partner": list(TEXTS), "company": ["empty", "NUL", "wildcards and quotes", "huge number"]}
WRITE_BODIES = {
    "lead partner": [*JSON_VALUES, *(f"body: {label}" for label in JSON_BODIES)],
    "company": ["empty", "NUL", "huge integer", "list", "null", "body: list", "body: broken"],
    "anonymous": ["one letter"],
}


def test_api_refuses_odd_input_cleanly(demo_data):  # noqa: F811
    findings = Findings()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = list(_operations(schema))
    for role, email in ROLES.items():
        client, keys = login(email), {}
        for method, path, operation in operations:
            concrete = _concrete(path, client, keys)
            if method == "GET":
                names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
                for label in GET_VALUES.get(role, ["NUL"]):
                    response = client.get(concrete, dict.fromkeys(names, TEXTS[label]))
                    findings.check(f"{role} GET {concrete} [{label}]", response)
                continue
            properties = _request_properties(operation, schema)
            bodies = {label: json.dumps(dict.fromkeys(properties, value)) for label, value in JSON_VALUES.items()}
            bodies.update({f"body: {label}": body for label, body in JSON_BODIES.items()})
            for label in WRITE_BODIES[role]:
                with WriteWatch() as watch:
                    response = client.generic(method, concrete, bodies[label], content_type="application/json")
                findings.check(f"{role} {method} {concrete} [{label}]", response, watch.before)
    print(f"\n{findings.requests} requests")
    report = "\n".join(findings.server_errors + findings.partial_writes)
    assert not findings.server_errors and not findings.partial_writes, report
    assert findings.requests > 1000


def _concrete(path: str, client: Client, keys: dict[str, str]) -> str:
    """`path` with its parameters replaced by those of an existing object, when the collection
    lists one (otherwise by "0")."""
    collection = path.split("{", 1)[0]
    if "{" not in path:
        return path
    if collection not in keys:
        keys[collection] = "0"
        response = client.get(collection)
        if response.status_code == 200:
            rows = response.json()
            rows = rows.get("results", rows.get("features", [])) if isinstance(rows, dict) else rows
            for row in rows[:1]:
                row = row.get("properties", row)
                keys[collection] = str(row.get("slug") or row.get("id") or "0")
    return re.sub(r"\{\w+\}", keys[collection], path)


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/x-www-form-urlencoded", "legal_name=ab%00cd"),
        (
            "multipart/form-data; boundary=B",
            '--B\r\nContent-Disposition: form-data; name="legal_name"\r\n\r\nab\x00cd\r\n--B--\r\n',
        ),
    ],
)
def test_form_bodies_of_put_and_patch_are_checked_too(org_people, content_type, body):
    """Django parses form bodies for POST only; the API parses them for PUT and PATCH as well."""
    client = Client()
    client.force_login(org_people.owner)
    for method in ("PATCH", "PUT"):
        response = client.generic(method, f"/api/v1/organisations/{org_people.organisation.slug}/", body, content_type)
        assert response.status_code == 400 and response.json()["code"] == "control_character"
    org_people.organisation.refresh_from_db()
    assert "\x00" not in org_people.organisation.legal_name


def test_the_partial_write_detector_sees_a_row_left_by_a_refused_request(db):
    findings = Findings()
    with WriteWatch() as watch:
        OrganisationFactory()  # as a view would that saves, then answers 400
    findings.check("refused", HttpResponse(status=400), watch.before)
    assert len(findings.partial_writes) == 1 and "accounts_organisation" in findings.partial_writes[0]
    with WriteWatch() as watch:
        pass
    assert watch.before is None
