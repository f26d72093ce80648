"""API of the analysis: codebooks, SWOT items, progress — partner staff only, constant queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from focusgroups.models import SwotItem, Theme
from tests.focusgroups.factories_analysis import build_analysis_world

URLS = ["/api/v1/themes/", "/api/v1/swot-items/", "/api/v1/focus-group-progress/"]


@pytest.fixture
def aw(db):
    return build_analysis_world()


def _client(user=None) -> Client:
    client = Client()
    if user:
        client.force_login(user)
    return client


@pytest.mark.parametrize("url", URLS)
def test_outsiders_and_anonymous_are_refused(aw, url):
    assert _client().get(url).status_code in (401, 403)
    assert _client(aw.w.outsider).get(url).status_code == 403


def test_themes_of_a_study(aw):
    data = _client(aw.w.other_partner).get("/api/v1/themes/", {"study": "3.2"}).json()
    assert [(t["code"], t["parent"]) for t in data["results"]] == [
        ("language", None),
        ("obstacles", None),
        ("regulatory", "obstacles"),
    ]


def test_swot_items_give_evidence_counts_not_quotes(aw):
    item = SwotItem.objects.create(study=aw.w.study, territory=aw.paca_region, quadrant="S", text_fr="Réseau")
    item.evidence_quotes.add(aw.quote_fr)
    data = _client(aw.w.other_partner).get("/api/v1/swot-items/", {"study": "3.2"}).json()
    row = data["results"][0]
    assert row["supporting_quotes"] == 1 and row["country"] == "FR" and "Les normes" not in str(data)


def test_progress(aw):
    data = _client(aw.w.owner).get("/api/v1/focus-group-progress/").json()
    row = next(r for r in data if r["study"] == "3.2")
    assert (row["target"], row["held"], row["validated"], row["questionnaire_responses"]) == (20, 2, 1, 1)


@pytest.mark.parametrize("url", URLS[:2])
def test_query_count_constant(aw, url):
    client = _client(aw.w.other_partner)
    SwotItem.objects.create(study=aw.w.study, territory=aw.liguria, quadrant="S", text_it="S")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i in range(5):
        Theme.objects.create(study=aw.w.study, code=f"t{i}", label_fr=f"T{i}", parent=aw.obstacles)
        s = SwotItem.objects.create(study=aw.w.study, territory=aw.liguria, quadrant="O", text_it=f"O{i}")
        s.evidence_sessions.add(aw.it_session)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)
