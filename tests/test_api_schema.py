"""The API answers as its OpenAPI schema says. schemathesis generates requests for every operation
of /api/schema/, with valid and invalid data, as an anonymous visitor, a company member and lead
partner staff, on the demo data, and checks every answer: no server error, a documented status
code, a body that matches the documented schema, and valid parameters of a read accepted.

Requests go to the Django application in-process (schemathesis's WSGI mode) inside the test's
transaction, so what the run creates, changes or deletes is rolled back. Path parameters are
drawn both at random and from the objects each role finds in the collection. The inputs are the
same from one run to the next; set API_SCHEMA_SEED to explore others, API_SCHEMA_EXAMPLES to
change the number of valid examples per operation (invalid ones: half), API_SCHEMA_REPORT to a
file path to keep the report."""

import contextlib
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
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
from tests.demo_data import COMPANY_MEMBER, LEAD_PARTNER_STAFF, demo_data  # noqa: F401

pytestmark = pytest.mark.django_db

SEED = int(os.environ.get("API_SCHEMA_SEED", "20260513"))
POSITIVE_EXAMPLES = int(os.environ.get("API_SCHEMA_EXAMPLES", "6"))
NEGATIVE_EXAMPLES = max(1, POSITIVE_EXAMPLES // 2)
MIN_REQUESTS = 3000
ROLES = {"anonymous": None, "company": COMPANY_MEMBER, "lead partner": LEAD_PARTNER_STAFF}
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# Reads with valid parameters must be answered (2xx, or 401/403/404 for what one may not see):
# a valid filter answered 400 is a fault. Writes with valid-looking data may still break a rule.
READ_CHECKS = [*CHECKS, positive_data_acceptance]
METHOD_ORDER = {"GET": 0, "POST": 1, "PUT": 2, "PATCH": 3, "DELETE": 4}  # deletions last
PATH_PARAMETER = re.compile(r"\{(\w+)\}")
HYPOTHESIS = hypothesis.settings(
    deadline=None,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],  # no shrinking: failures are collected
    print_blob=False,
)


@dataclass
class Run:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: dict[str, str] = field(default_factory=dict)  # the first of each (role, operation, check)


@pytest.fixture
def wsgi_app():
    """Django's WSGI application on the test's connection: as in Django's test client, a request
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


def _known_keys(client: Client, path: str, headers: dict[str, str]) -> dict[str, list]:
    """Identifiers of objects this role sees in the collection of `path`, per path parameter."""
    names = PATH_PARAMETER.findall(path)
    if not names:
        return {}
    response = client.get(path.split("{", 1)[0], headers=headers)
    if response.status_code != 200:
        return {}
    body = response.json
    rows = body.get("results", body.get("features", [])) if isinstance(body, dict) else body
    rows = [row.get("properties", row) for row in rows[:3] if isinstance(row, dict)]
    found = {name: [row[name] for row in rows if name in row] for name in names}
    return {name: values for name, values in found.items() if values}


def _exercise(operation, headers: dict[str, str], role: str, known: dict[str, list], run: Run) -> None:
    checks = READ_CHECKS if operation.method.upper() == "GET" else CHECKS

    def check(case) -> None:
        response = case.call(headers=headers)
        run.requests += 1
        run.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except (AssertionError, FailureGroup) as exc:
            for failure in getattr(exc, "exceptions", [exc]):
                key = f"{role} · {operation.label} · {getattr(failure, 'title', type(failure).__name__)}"
                run.failures.setdefault(key, str(exc)[:2000])

    plans = [
        (schemathesis.GenerationMode.POSITIVE, POSITIVE_EXAMPLES),
        (schemathesis.GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES),
    ]
    for mode, examples in plans:
        strategy = operation.as_strategy(generation_mode=mode)
        if known and mode.is_positive:
            existing = st.fixed_dictionaries({name: st.sampled_from(values) for name, values in known.items()})
            strategy = st.one_of(strategy, existing.flatmap(lambda ids: operation.as_strategy(path_parameters=ids)))
        test = hypothesis.given(strategy)(check)
        test = hypothesis.seed(SEED)(hypothesis.settings(HYPOTHESIS, max_examples=examples)(test))
        with contextlib.suppress(hypothesis.errors.Unsatisfiable):
            test()  # Unsatisfiable: nothing invalid to send (no parameter, no body)


def test_api_answers_as_its_schema_says(demo_data, wsgi_app):  # noqa: F811
    started = time.monotonic()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    operations = sorted(
        (result.ok() for result in schema.get_all_operations()),
        key=lambda op: (METHOD_ORDER.get(op.method.upper(), 9), op.path),
    )
    assert len(operations) > 100
    client = Client(wsgi_app)
    run = Run()
    for role, email in ROLES.items():
        headers = _headers(email)
        for operation in operations:
            _exercise(operation, headers, role, _known_keys(client, operation.path, headers), run)

    statuses = dict(sorted(run.statuses.items()))
    print(f"\n{run.requests} requests in {time.monotonic() - started:.0f} s; statuses {statuses}")
    report = "\n\n".join(f"### {key}\n{text}" for key, text in sorted(run.failures.items()))
    if os.environ.get("API_SCHEMA_REPORT"):
        with open(os.environ["API_SCHEMA_REPORT"], "w") as fh:
            fh.write(report)
    assert not run.failures, f"{len(run.failures)} server errors or schema violations:\n\n{report}"
    assert run.requests >= MIN_REQUESTS
