"""The API answers as its OpenAPI schema says: schemathesis generates requests for every operation
of /api/schema/ (valid and invalid data), as an anonymous visitor, a company member and lead
partner staff, on the demo data, and checks every answer: no server error, a documented status
code, a body that matches the documented schema, and valid filters accepted.

Requests go to the Django application in-process (schemathesis's WSGI mode), inside the test's
transaction: the data the run creates, changes or deletes is rolled back. Set API_SCHEMA_SEED to
explore other inputs than CI's, API_SCHEMA_EXAMPLES to change the examples per operation."""

import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client

from circuito.accounts.models import User

pytestmark = pytest.mark.django_db

SEED = int(os.environ.get("API_SCHEMA_SEED", "20260513"))
POSITIVE_EXAMPLES = int(os.environ.get("API_SCHEMA_EXAMPLES", "8"))
NEGATIVE_EXAMPLES = max(1, POSITIVE_EXAMPLES // 2)
MIN_REQUESTS = 3000
# Demo accounts: a company member (Cidrerie des Bauges) and the lead partner's implementing body.
ROLES = {"anonymous": None, "company": "savoie@circuito.test", "lead partner": "lead@circuito.test"}
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# Reads with valid parameters must be answered (2xx, or 401/403/404 for what one may not see).
READ_CHECKS = [*CHECKS, positive_data_acceptance]
METHOD_ORDER = {"GET": 0, "POST": 1, "PUT": 2, "PATCH": 3, "DELETE": 4}
PATH_PARAMETER = re.compile(r"\{(\w+)\}")


@dataclass
class Run:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: dict[str, str] = field(default_factory=dict)  # first failure per (role, operation, check)


@pytest.fixture
def demo_data(settings) -> None:
    settings.DEBUG = True  # the demo refuses to load with DEBUG off (public passwords)
    call_command("load_territories", "--alcotra-only", verbosity=0)
    for name in settings.REFERENCE_DATA_COMMANDS:
        if name != "load_territories":
            call_command(name, verbosity=0)
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False


@pytest.fixture
def wsgi_app():
    """Django's WSGI application on the test's connection: like Django's test client, requests
    must not close the connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _headers(email: str | None) -> dict[str, str]:
    if email is None:
        return {}
    token, _ = Token.objects.get_or_create(user=User.objects.get(email=email))
    return {"Authorization": f"Token {token.key}"}


def _known_keys(client, operation, headers: dict[str, str]) -> dict[str, list]:
    """Identifiers of existing objects for the path parameters of `operation`, read from its
    collection as this role sees it: generated identifiers alone would mostly meet 404s."""
    names = PATH_PARAMETER.findall(operation.path)
    if not names:
        return {}
    collection = operation.path.split("{", 1)[0]
    response = client.get(collection, headers=headers)
    if response.status_code != 200:
        return {}
    body = response.json
    rows = body.get("results", body.get("features", [])) if isinstance(body, dict) else body
    values: dict[str, list] = {}
    for name in names:
        found = []
        for row in rows[:3]:
            row = row.get("properties", row) if isinstance(row, dict) else {}
            if name in row:
                found.append(row[name])
        if found:
            values[name] = found
    return values


def _operations(schema) -> list:
    operations = [result.ok() for result in schema.get_all_operations()]
    return sorted(operations, key=lambda op: (METHOD_ORDER.get(op.method.upper(), 9), op.path))


def _exercise(operation, headers: dict[str, str], role: str, known: dict[str, list], run: Run) -> None:
    checks = READ_CHECKS if operation.method.upper() == "GET" else CHECKS

    def check(case) -> None:
        response = case.call(headers=headers)
        run.requests += 1
        run.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except (AssertionError, FailureGroup) as exc:  # collected: one report at the end, no shrinking
            for failure in getattr(exc, "exceptions", [exc]):
                key = f"{role} · {operation.label} · {getattr(failure, 'title', type(failure).__name__)}"
                run.failures.setdefault(key, str(exc)[:1500])

    settings = hypothesis.settings(
        deadline=None,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        print_blob=False,
    )
    plans = [(schemathesis.GenerationMode.POSITIVE, POSITIVE_EXAMPLES), (schemathesis.GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES)]
    for mode, examples in plans:
        strategy = operation.as_strategy(generation_mode=mode)
        if known and mode.is_positive:
            fixed = st.fixed_dictionaries({name: st.sampled_from(values) for name, values in known.items()})
            strategy = st.one_of(strategy, fixed.flatmap(lambda params: operation.as_strategy(path_parameters=params)))
        given = hypothesis.given(strategy)(check)
        test = hypothesis.seed(SEED)(hypothesis.settings(settings, max_examples=examples)(given))
        try:
            test()
        except hypothesis.errors.Unsatisfiable:
            pass  # nothing invalid to send (an operation without parameters or body)


def test_api_answers_as_its_schema_says(demo_data, wsgi_app):
    started = time.monotonic()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    operations = _operations(schema)
    assert len(operations) > 100

    client = Client(wsgi_app)
    run = Run()
    for role, email in ROLES.items():
        headers = _headers(email)
        for operation in operations:
            known = _known_keys(client, operation, headers)
            _exercise(operation, headers, role, known, run)

    elapsed = time.monotonic() - started
    print(f"\n{run.requests} requests in {elapsed:.0f} s; statuses {dict(sorted(run.statuses.items()))}")
    report = "\n\n".join(f"### {key}\n{text}" for key, text in sorted(run.failures.items()))
    if os.environ.get("API_SCHEMA_REPORT"):
        with open(os.environ["API_SCHEMA_REPORT"], "w") as fh:
            fh.write(report)
    assert not run.failures, f"{len(run.failures)} schema violations or server errors:\n\n{report}"
    assert run.statuses.get(500, 0) == 0
    assert run.requests >= MIN_REQUESTS
