"""The coordinator's questionnaire pages: who gets in, what they do, query counts."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from focusgroups.models import Invitation, Questionnaire
from focusgroups.services import questionnaires as services
from tests.focusgroups.factories_questionnaires import InvitationFactory, ResponseFactory, questionnaire_for
from tests.focusgroups.factories_sessions import build_world, superuser


@pytest.fixture
def world(db):
    return build_world()


def _pages(questionnaire, response):
    return [
        reverse("focusgroups:questionnaire_detail", args=[questionnaire.pk]),
        reverse("focusgroups:questionnaire_edit", args=[questionnaire.pk]),
        reverse("focusgroups:questionnaire_responses", args=[questionnaire.pk]),
        reverse("focusgroups:questionnaire_response", args=[response.pk]),
    ]


def _posts(questionnaire, invitation):
    return [
        reverse("focusgroups:questionnaire_action", args=[questionnaire.pk, "send"]),
        reverse("focusgroups:questionnaire_action", args=[questionnaire.pk, "close"]),
        reverse("focusgroups:invitation_action", args=[invitation.pk, "delete"]),
    ]


@pytest.mark.parametrize("who", ["coordinator", "superuser"])
def test_coordinator_and_superuser_open_every_page(client, world, who):
    questionnaire = questionnaire_for(world)
    response = ResponseFactory(questionnaire=questionnaire)
    client.force_login(superuser() if who == "superuser" else world.coordinator)
    for url in [*_pages(questionnaire, response), reverse("focusgroups:questionnaire_list")]:
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("focusgroups:questionnaire_create")).status_code == 200


@pytest.mark.parametrize("who", ["owner", "other_partner"])
def test_other_partner_staff_are_refused(client, world, who):
    questionnaire = questionnaire_for(world)
    response = ResponseFactory(questionnaire=questionnaire)
    invitation = InvitationFactory(questionnaire=questionnaire)
    client.force_login(getattr(world, who))
    for url in _pages(questionnaire, response):
        assert client.get(url).status_code == 404, url
    for url in _posts(questionnaire, invitation):
        assert client.post(url).status_code == 404, url
    assert client.get(reverse("focusgroups:questionnaire_create")).status_code == 403
    page = client.get(reverse("focusgroups:questionnaire_list")).content.decode()
    assert "Questionnaire entreprises" not in page
    assert Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).exists()
    assert not mail.outbox


def test_outsider_gets_403_and_anonymous_the_login_page(client, world):
    questionnaire = questionnaire_for(world)
    response = ResponseFactory(questionnaire=questionnaire)
    invitation = InvitationFactory(questionnaire=questionnaire)
    urls = [*_pages(questionnaire, response), reverse("focusgroups:questionnaire_list")]
    client.force_login(world.outsider)
    for url in [*urls, reverse("focusgroups:questionnaire_create")]:
        assert client.get(url).status_code == 403, url
    for url in _posts(questionnaire, invitation):
        assert client.post(url).status_code == 403, url
    client.logout()
    for url in urls:
        answer = client.get(url)
        assert answer.status_code == 302 and "login" in answer.url, url
    for url in _posts(questionnaire, invitation):
        answer = client.post(url)
        assert answer.status_code == 302 and "login" in answer.url, url
    assert Questionnaire.objects.get(pk=questionnaire.pk).closes_at is None


def test_create_add_recipients_send_and_close(client, world):
    client.force_login(world.coordinator)
    answer = client.post(
        reverse("focusgroups:questionnaire_create"),
        {"template_version": world.version.pk, "title_fr": "Enquête 5.2", "title_it": "Indagine 5.2"},
    )
    questionnaire = Questionnaire.objects.get(title_fr="Enquête 5.2")
    detail = reverse("focusgroups:questionnaire_detail", args=[questionnaire.pk])
    assert answer.status_code == 302 and answer.url == detail
    client.post(detail, {"email": "one@example.org", "organisation_name": "Serre Rossi", "language": "it"})
    client.post(detail, {"recipients": "two@example.org; Ferme; fr\nthree@example.org", "language": "it"})
    assert set(questionnaire.invitations.values_list("email", "language")) == {
        ("one@example.org", "it"),
        ("two@example.org", "fr"),
        ("three@example.org", "it"),
    }
    client.post(reverse("focusgroups:questionnaire_action", args=[questionnaire.pk, "send"]))
    assert len(mail.outbox) == 3
    client.post(reverse("focusgroups:questionnaire_action", args=[questionnaire.pk, "close"]))
    questionnaire.refresh_from_db()
    assert services.state(questionnaire) == services.State.CLOSED


def test_pasted_list_with_a_bad_line_is_kept_with_the_message(client, world):
    questionnaire = questionnaire_for(world)
    client.force_login(world.coordinator)
    text = "good@example.org\nbad-address"
    for language in ("fr", "it"):
        with translation.override(language):
            url = reverse("focusgroups:questionnaire_detail", args=[questionnaire.pk])
            page = client.post(url, {"recipients": text, "language": "fr"}).content.decode()
            expected = translation.gettext("Line %(n)d: “%(email)s” is not an e-mail address.") % {
                "n": 2,
                "email": "bad-address",
            }
        assert expected.replace("“", "&ldquo;") in page or expected in page
        assert "bad-address</textarea>" in page
    assert not questionnaire.invitations.exists()


def test_responses_list_counts_started_and_submitted(client, world):
    questionnaire = questionnaire_for(world)
    ResponseFactory.create_batch(2, questionnaire=questionnaire)
    ResponseFactory(questionnaire=questionnaire, submitted_at="2026-03-01T10:00:00+01:00")
    client.force_login(world.coordinator)
    answer = client.get(reverse("focusgroups:questionnaire_responses", args=[questionnaire.pk]))
    assert answer.context["counts"]["n_started"] == 2 and answer.context["counts"]["n_submitted"] == 1
    answer = client.get(
        reverse("focusgroups:questionnaire_responses", args=[questionnaire.pk]), {"status": "submitted"}
    )
    assert len(answer.context["page"].object_list) == 1


def test_responses_list_query_count_does_not_grow(client, world, django_assert_num_queries):
    questionnaire = questionnaire_for(world)
    client.force_login(world.coordinator)
    url = reverse("focusgroups:questionnaire_responses", args=[questionnaire.pk])
    ResponseFactory(questionnaire=questionnaire, invitation=InvitationFactory(questionnaire=questionnaire))
    client.get(url)  # warm the caches (content types, session)
    with CaptureQueriesContext(connection) as one_row:
        client.get(url)
    for _ in range(6):
        ResponseFactory(questionnaire=questionnaire, invitation=InvitationFactory(questionnaire=questionnaire))
        ResponseFactory(questionnaire=questionnaire, territory=world.session.region)
    with django_assert_num_queries(len(one_row.captured_queries)):
        page = client.get(url)
    assert len(page.context["page"].object_list) == 13


def test_list_query_count_does_not_grow(client, world, django_assert_num_queries):
    client.force_login(world.coordinator)
    url = reverse("focusgroups:questionnaire_list")
    questionnaire_for(world)
    client.get(url)
    with CaptureQueriesContext(connection) as one_row:
        client.get(url)
    for _ in range(4):
        ResponseFactory(questionnaire=questionnaire_for(world))
    with django_assert_num_queries(len(one_row.captured_queries)):
        assert len(client.get(url).context["page"].object_list) == 5


@pytest.mark.parametrize("language", ["fr", "it"])
def test_edit_refuses_a_closing_date_before_the_opening(client, world, language):
    questionnaire = questionnaire_for(world)
    client.force_login(world.coordinator)
    with translation.override(language):
        url = reverse("focusgroups:questionnaire_edit", args=[questionnaire.pk])
        answer = client.post(
            url,
            {
                "title_fr": "Nouveau titre",
                "title_it": "Nuovo titolo",
                "opens_at": "2026-05-10T09:00",
                "closes_at": "2026-05-01T09:00",
            },
        )
        expected = translation.gettext("The closing date must come after the opening date.")
    assert expected in answer.content.decode() and 'value="Nouveau titre"' in answer.content.decode()
    questionnaire.refresh_from_db()
    assert questionnaire.title_fr == "Questionnaire entreprises"


def test_resend_and_remove_a_recipient(client, world):
    questionnaire = questionnaire_for(world)
    waiting = InvitationFactory(questionnaire=questionnaire, sent_at="2026-03-01T10:00:00+01:00")
    started = InvitationFactory(questionnaire=questionnaire)
    ResponseFactory(questionnaire=questionnaire, invitation=started)
    client.force_login(world.coordinator)
    client.post(reverse("focusgroups:invitation_action", args=[waiting.pk, "resend"]))
    assert [m.to for m in mail.outbox] == [[waiting.email]]
    client.post(reverse("focusgroups:invitation_action", args=[started.pk, "delete"]))
    assert Invitation.objects.filter(pk=started.pk).exists()  # has started answering: kept
    client.post(reverse("focusgroups:invitation_action", args=[waiting.pk, "delete"]))
    assert not Invitation.objects.filter(pk=waiting.pk).exists()


def test_response_detail_shows_the_answers(client, world):
    questionnaire = questionnaire_for(world)
    response = ResponseFactory(questionnaire=questionnaire, respondent_organisation="Serre Bianchi")
    response.answers.create(question=world.questions["single"], value="tech")
    response.answers.create(question=world.questions["scale"], value=4)
    client.force_login(world.coordinator)
    page = client.get(reverse("focusgroups:questionnaire_response", args=[response.pk])).content.decode()
    assert "Serre Bianchi" in page and "Technologie" in page and "4 / 5" in page
