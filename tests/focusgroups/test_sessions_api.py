"""Read-only sessions endpoint: same rules as the pages."""

import pytest
from django.utils import timezone

from tests.focusgroups.factories import ParticipantFactory, SessionFactory
from tests.focusgroups.factories_sessions import build_world

URL = "/api/v1/focus-groups/"


@pytest.fixture
def world(db):
    return build_world()


def test_owner_and_coordinator_see_the_session_other_partner_does_not(client, world):
    ParticipantFactory(session=world.session)
    ParticipantFactory(session=world.session, withdrawn_at=timezone.now())
    client.force_login(world.owner)
    data = client.get(URL).json()
    assert [row["id"] for row in data["results"]] == [world.session.pk]
    assert data["results"][0]["participants"] == 1 and "name" not in data["results"][0]
    client.force_login(world.coordinator)
    assert client.get(f"{URL}{world.session.pk}/").status_code == 200
    client.force_login(world.other_partner)
    assert client.get(URL).json()["results"] == []
    assert client.get(f"{URL}{world.session.pk}/").status_code == 404


def test_outsider_and_anonymous_are_refused(client, world):
    client.force_login(world.outsider)
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code in (401, 403)


def test_query_count_is_constant(client, world, django_assert_num_queries):
    client.force_login(world.coordinator)
    client.get(URL)
    with django_assert_num_queries(5) as ctx:
        client.get(URL)
    for _ in range(4):
        SessionFactory(study=world.study, template_version=world.version, organiser=world.pie)
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(URL)
