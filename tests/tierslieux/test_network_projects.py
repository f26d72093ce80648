"""Collaborative projects: who may create and edit them, the cross-border flag, the pages."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from circuito.audit.models import AuditEntry
from tests.factories import OrganisationFactory
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_network import ProjectFactory, ReferentFactory, italian_place
from tierslieux.models import Project

pytestmark = pytest.mark.django_db


def _form(*places, orgs=()):
    return {"title_fr": "Prototypes partagés", "places": [p.pk for p in places], "organisations": [o.pk for o in orgs]}


def test_referent_creates_a_project_flagged_cross_border(client):
    referent = ReferentFactory()
    other_side = italian_place()
    client.force_login(referent.user)
    response = client.post(
        reverse("tierslieux:project_create"), {**_form(referent.place, other_side), "published": "on"}
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert project.cross_border is True
    assert set(project.places.all()) == {referent.place, other_side}
    assert AuditEntry.objects.filter(action="tierslieux.project_create", object_id=str(project.pk)).exists()
    body = client.get(reverse("tierslieux:project_list")).content.decode()
    assert "Prototypes partagés" in body and "cross-border-badge" in body


def test_same_country_project_is_not_cross_border_until_a_partner_from_the_other_side_joins(client, partner_staff):
    place_a, place_b = PlaceFactory(), PlaceFactory()
    client.force_login(partner_staff)
    client.post(reverse("tierslieux:project_create"), _form(place_a, place_b))
    project = Project.objects.get()
    assert project.cross_border is False
    italian_org = OrganisationFactory(country="IT")
    response = client.post(
        reverse("tierslieux:project_edit", args=[project.slug]), _form(place_a, place_b, orgs=[italian_org])
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.cross_border is True


def test_referent_must_keep_one_of_their_places(client):
    referent = ReferentFactory()
    client.force_login(referent.user)
    response = client.post(reverse("tierslieux:project_create"), _form(PlaceFactory()))
    assert response.status_code == 200
    assert escape(gettext("Keep at least one of the places you keep among the project's places.")) in (
        response.content.decode()
    )
    assert not Project.objects.exists()


def test_end_before_start_is_refused(client, partner_staff):
    client.force_login(partner_staff)
    data = {**_form(PlaceFactory()), "starts_on": "2026-05-01", "ends_on": "2026-04-01"}
    response = client.post(reverse("tierslieux:project_create"), data)
    expected = gettext("The end date is before the start date: correct one of them.")
    assert escape(expected) in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "other_referent"])
def test_others_cannot_edit(client, org_people, who):
    project = ProjectFactory()
    user = org_people.outsider if who == "outsider" else ReferentFactory().user
    client.force_login(user)
    url = reverse("tierslieux:project_edit", args=[project.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, _form(PlaceFactory())).status_code == 403
    assert project.places.count() == 1


def test_outsider_cannot_create(client, org_people):
    client.force_login(org_people.outsider)
    assert client.get(reverse("tierslieux:project_create")).status_code == 403


def test_anonymous_is_sent_to_login(client):
    project = ProjectFactory()
    for url in (reverse("tierslieux:project_create"), reverse("tierslieux:project_edit", args=[project.slug])):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_unpublished_project_is_hidden_from_the_public(client, org_people):
    referent = ReferentFactory()
    project = ProjectFactory(published=False, title_fr="Projet caché", places=[referent.place])
    url = reverse("tierslieux:project_detail", args=[project.slug])
    assert client.get(url).status_code == 404
    client.force_login(org_people.outsider)
    assert client.get(url).status_code == 404
    assert "Projet caché" not in client.get(reverse("tierslieux:project_list")).content.decode()
    client.force_login(referent.user)
    assert client.get(url).status_code == 200


def test_project_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    url = reverse("tierslieux:project_list")
    ProjectFactory.create_batch(2)
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for _ in range(12):
        ProjectFactory(places=[PlaceFactory(), italian_place()]).organisations.add(OrganisationFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
