"""API of questionnaires: the coordinator reads them and their responses; others are refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.focusgroups.factories_questionnaires import InvitationFactory, ResponseFactory, questionnaire_for
from tests.focusgroups.factories_sessions import build_world

LIST = "/api/v1/questionnaires/"
RESPONSES = "/api/v1/questionnaire-responses/"


@pytest.fixture
def world(db):
    return build_world()


def test_coordinator_reads_questionnaires_and_responses(client, world):
    questionnaire = questionnaire_for(world)
    ResponseFactory(questionnaire=questionnaire, submitted_at="2026-03-01T10:00:00+01:00")
    ResponseFactory(questionnaire=questionnaire)
    client.force_login(world.coordinator)
    data = client.get(LIST).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert (row["study"], row["started"], row["submitted"]) == ("3.2", 1, 1)
    assert client.get(f"{RESPONSES}?questionnaire={questionnaire.pk}").json()["count"] == 2


def test_other_partner_sees_nothing_outsider_and_anonymous_refused(client, world):
    questionnaire = questionnaire_for(world)
    response = ResponseFactory(questionnaire=questionnaire)
    client.force_login(world.other_partner)
    assert client.get(LIST).json()["count"] == 0
    assert client.get(f"{LIST}{questionnaire.pk}/").status_code == 404
    assert client.get(f"{RESPONSES}{response.pk}/").status_code == 404
    assert client.get(f"{RESPONSES}?questionnaire={questionnaire.pk}").status_code == 404
    client.force_login(world.outsider)
    for url in (LIST, RESPONSES, f"{LIST}{questionnaire.pk}/"):
        assert client.get(url).status_code == 403, url
    client.logout()
    for url in (LIST, RESPONSES):
        assert client.get(url).status_code in (401, 403), url


def test_responses_endpoint_query_count_is_constant(client, world, django_assert_num_queries):
    questionnaire = questionnaire_for(world)
    client.force_login(world.coordinator)
    ResponseFactory(questionnaire=questionnaire, invitation=InvitationFactory(questionnaire=questionnaire))
    client.get(RESPONSES)
    with CaptureQueriesContext(connection) as one:
        client.get(RESPONSES)
    for _ in range(5):
        ResponseFactory(questionnaire=questionnaire, territory=world.session.region)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(RESPONSES).json()["count"] == 6
