"""The respondent's pages: personal and public links, sections, messages in French and Italian,
one answer per personal link, closed links, spam protections."""

import datetime
import time

import pytest
from django.conf import settings
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from focusgroups.forms_questionnaires import TIMESTAMP_SALT
from focusgroups.models import Invitation, Response
from tests.focusgroups.factories_questionnaires import InvitationFactory, ResponseFactory, questionnaire_for
from tests.focusgroups.factories_sessions import build_world


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def invitation(world):
    return InvitationFactory(questionnaire=questionnaire_for(world), language="it")


def url(name, token, *args, language="fr"):
    with translation.override(language):
        return reverse(f"focusgroups:{name}", args=[token, *args])


PROFILE = {"organisation": "Fiori Srl", "category": "company", "country": "IT", "action": "next"}


def _start(client, invitation, language="it"):
    answer = client.post(url("respond_step", invitation.token, 0, language=language), PROFILE)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    return Response.objects.get(invitation=invitation)


def test_unknown_tokens_are_404(client, world):
    questionnaire = questionnaire_for(world, allow_public=False)
    assert client.get(url("respond", "nope")).status_code == 404
    assert client.get(url("resume", "nope")).status_code == 404
    assert client.get(url("respond_thanks", "nope")).status_code == 404
    assert client.get(url("respond_public", "nope")).status_code == 404
    assert client.get(url("respond_public", questionnaire.public_token)).status_code == 404  # public link off


@pytest.mark.parametrize("who", ["coordinator", "other_partner", "outsider", "anonymous"])
def test_respondent_pages_need_the_token_whoever_asks(client, world, invitation, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    assert client.get(url("respond_step", "x" * 43, 0)).status_code == 404
    assert client.get(url("resume_step", "x" * 43, 1)).status_code == 404
    assert client.get(url("respond_step", invitation.token, 0)).status_code == 200


def test_personal_link_in_italian_from_profile_to_thanks(client, world, invitation):
    first = client.get(url("respond", invitation.token, language="it"))
    assert first.status_code == 302 and first.url == url("respond_step", invitation.token, 0, language="it")
    page = client.get(first.url).content.decode()
    assert "Questionario imprese" in page and invitation.organisation_name in page  # organisation pre-filled
    response = _start(client, invitation)
    assert (response.language, response.country, response.respondent_organisation) == ("it", "IT", "Fiori Srl")
    q = world.questions
    answer = client.post(
        url("respond_step", invitation.token, 1, language="it"),
        {f"q{q['text'].pk}": "Le norme", f"q{q['single'].pk}": "rules", "action": "next"},
    )
    assert answer.url == url("respond_step", invitation.token, 2, language="it")
    answer = client.post(
        url("respond_step", invitation.token, 2, language="it"),
        {f"q{q['scale'].pk}": "4", f"q{q['yes_no'].pk}": "yes", f"q{q['number'].pk}": "12", "action": "next"},
    )
    assert answer.url == url("respond_thanks", invitation.token, language="it")
    with translation.override("it"):
        assert translation.gettext("Thank you!") in client.get(answer.url).content.decode()
    invitation.refresh_from_db()
    response.refresh_from_db()
    assert invitation.used_at and response.submitted_at
    assert {a.question.key: a.value for a in response.answers.select_related("question")} == {
        "obstacles": "Le norme",
        "main-obstacle": "rules",
        "cooperation": 4,
        "partner-abroad": True,
        "projects": 12,
    }


def test_a_personal_link_answers_once(client, world, invitation):
    response = ResponseFactory(
        questionnaire=invitation.questionnaire, invitation=invitation, submitted_at=timezone.now(), last_section=3
    )
    for language in ("fr", "it"):
        page = client.get(url("respond_step", invitation.token, 1, language=language)).content.decode()
        with translation.override(language):
            expected = translation.gettext("This link was already used: the answers were sent on %(date)s. Thank you!")
            date = formats.date_format(response.submitted_at, "DATE_FORMAT")
        assert expected % {"date": date} in page
    client.post(url("respond_step", invitation.token, 1), {f"q{world.questions['text'].pk}": "again", "action": "next"})
    assert not response.answers.exists()
    assert client.get(url("resume", response.resume_token)).status_code == 200  # the resume link says the same
    assert Response.objects.count() == 1


def test_closed_and_not_yet_open_links_say_so_with_the_dates(client, world):
    now = timezone.now()
    closed = questionnaire_for(
        world, opens_at=now - datetime.timedelta(days=9), closes_at=now - datetime.timedelta(days=1)
    )
    later = questionnaire_for(
        world, opens_at=now + datetime.timedelta(days=2), closes_at=now + datetime.timedelta(days=9)
    )
    for questionnaire, msgid, dates in [
        (closed, "This questionnaire closed on %(date)s: answers can no longer be sent.", {"date": closed.closes_at}),
        (
            later,
            "This questionnaire is not open yet: it opens on %(opens)s and closes on %(closes)s.",
            {"opens": later.opens_at, "closes": later.closes_at},
        ),
    ]:
        invitation = InvitationFactory(questionnaire=questionnaire)
        for language in ("fr", "it"):
            with translation.override(language):
                expected = translation.gettext(msgid) % {
                    k: formats.date_format(timezone.localtime(v), "DATETIME_FORMAT") for k, v in dates.items()
                }
            page = client.get(url("respond_step", invitation.token, 0, language=language)).content.decode()
            assert expected in page
            page = client.get(url("respond_public", questionnaire.public_token, language=language)).content.decode()
            assert expected in page
        assert client.post(url("respond_step", invitation.token, 0), PROFILE).status_code == 200
    assert not Response.objects.exists()


@pytest.mark.parametrize("language", ["fr", "it"])
def test_missing_required_answer_keeps_what_was_typed(client, world, invitation, language):
    _start(client, invitation, language)
    q = world.questions
    answer = client.post(
        url("respond_step", invitation.token, 1, language=language),
        {f"q{q['single'].pk}": "tech", f"q{q['multiple'].pk}": ["rules", "money"], "action": "next"},
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    with translation.override(language):
        assert translation.gettext("This question needs an answer.") in page
    assert 'value="tech" checked' in page and 'value="money" checked' in page
    assert not Response.objects.get().answers.exists()


@pytest.mark.parametrize("language", ["fr", "it"])
def test_out_of_range_scale_and_bad_number(client, world, invitation, language):
    response = _start(client, invitation, language)
    Response.objects.filter(pk=response.pk).update(last_section=2)
    q = world.questions
    answer = client.post(
        url("respond_step", invitation.token, 2, language=language),
        {f"q{q['scale'].pk}": "7", f"q{q['number'].pk}": "douze", "action": "next"},
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    with translation.override(language):
        assert translation.gettext("Give a whole number from 1 to 5.") in page
        assert translation.gettext("Type a number, e.g. 12 or 3,5.") in page
    assert 'value="douze"' in page
    assert not response.answers.exists()


def test_language_switch_keeps_the_answers(client, world, invitation):
    _start(client, invitation, "fr")
    q = world.questions
    answer = client.post(
        url("respond_step", invitation.token, 1, language="fr"),
        {f"q{q['text'].pk}": "Brouillon", "action": "lang:it"},
    )
    assert answer.url == url("respond_step", invitation.token, 1, language="it")
    page = client.get(answer.url).content.decode()
    assert "Brouillon</textarea>" in page and 'lang="it"' in page and "Quali ostacoli incontrate?" in page


def test_save_and_continue_later_emails_the_personal_link(client, world, invitation):
    _start(client, invitation)
    answer = client.post(
        url("respond_step", invitation.token, 1, language="it"),
        {f"q{world.questions['text'].pk}": "Metà", "action": "later"},
    )
    assert answer.status_code == 302
    page = client.get(answer.url).content.decode()
    link = settings.SITE_URL + url("respond", invitation.token, language="it")  # the configured base URL
    assert link in page and invitation.email in page
    assert mail.outbox[-1].to == [invitation.email] and link in mail.outbox[-1].body
    assert client.get(url("respond", invitation.token, language="it")).url.endswith("/1/")  # back where they were


# Public link --------------------------------------------------------------------------------


def _shown(seconds_ago=10):
    return signing.dumps(time.time() - seconds_ago, salt=TIMESTAMP_SALT)


def test_public_link_gives_each_visitor_a_response_and_a_cookie(client, world):
    questionnaire = questionnaire_for(world)
    public = url("respond_public", questionnaire.public_token)
    assert client.get(public).status_code == 200
    answer = client.post(public, {**PROFILE, "country": "FR", "shown": _shown()})
    response = Response.objects.get()
    assert answer.url == url("resume_step", response.resume_token, 1)
    assert client.cookies[f"fg_q{questionnaire.pk}"].value == response.resume_token
    assert client.get(public).url == url("resume", response.resume_token)  # comes back to their response
    other = Client()
    other.post(public, {**PROFILE, "country": "FR", "shown": _shown()})
    assert Response.objects.count() == 2 and Response.objects.filter(invitation__isnull=True).count() == 2


def test_public_resume_link_can_be_emailed(client, world):
    questionnaire = questionnaire_for(world)
    response = ResponseFactory(questionnaire=questionnaire)
    saved = url("resume_saved", response.resume_token)
    assert url("resume", response.resume_token) in client.get(saved).content.decode()
    client.post(saved, {"email": "me@example.org"})
    assert mail.outbox[-1].to == ["me@example.org"]


@pytest.mark.parametrize("language", ["fr", "it"])
def test_honeypot_and_time_on_page(client, world, settings, language):
    settings.FOCUSGROUPS_QUESTIONNAIRE_MIN_SECONDS = 5
    questionnaire = questionnaire_for(world)
    public = url("respond_public", questionnaire.public_token, language=language)
    page = client.post(public, {**PROFILE, "website": "http://spam", "shown": _shown()}).content.decode()
    with translation.override(language):
        assert translation.gettext("Your answer looks automated: leave the hidden field empty.") in page
    page = client.post(public, {**PROFILE, "shown": _shown(seconds_ago=1)}).content.decode()
    with translation.override(language):
        msg = translation.gettext("That was quicker than a person can read the page: take a moment, then send again.")
    assert msg.replace("'", "&#x27;") in page or msg in page
    assert 'value="Fiori Srl"' in page  # what was typed is kept
    answer = client.post(public, {**PROFILE, "shown": "forged"})
    assert answer.status_code == 400
    signing.loads(answer.context["form"]["shown"].value(), salt=TIMESTAMP_SALT)  # a fresh stamp to go on with
    assert not Response.objects.exists()


def test_rate_limit_per_address(client, world, settings):
    settings.FOCUSGROUPS_QUESTIONNAIRE_RATE = (2, 3600)
    questionnaire = questionnaire_for(world)
    public = url("respond_public", questionnaire.public_token)
    for _ in range(2):
        assert Client().post(public, {**PROFILE, "shown": _shown()}).status_code == 302
    assert Client().post(public, {**PROFILE, "shown": _shown()}).status_code == 429
    assert Client(REMOTE_ADDR="10.1.2.3").post(public, {**PROFILE, "shown": _shown()}).status_code == 302
    assert Response.objects.count() == 3


def test_csrf_is_required(world, invitation):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url("respond_step", invitation.token, 0), PROFILE).status_code == 403
    questionnaire = invitation.questionnaire
    public = url("respond_public", questionnaire.public_token)
    assert strict.post(public, {**PROFILE, "shown": _shown()}).status_code == 403
    page = strict.get(public)
    token = page.cookies["csrftoken"].value
    answer = strict.post(public, {**PROFILE, "shown": _shown(), "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    assert Invitation.objects.count() == 1 and Response.objects.count() == 1


def test_public_visitor_who_sent_their_answers_is_told_so(client, world):
    questionnaire = questionnaire_for(world)
    response = ResponseFactory(questionnaire=questionnaire, submitted_at=timezone.now())
    client.cookies[f"fg_q{questionnaire.pk}"] = response.resume_token
    page = client.get(url("respond_public", questionnaire.public_token, language="it")).content.decode()
    with translation.override("it"):
        expected = translation.gettext("This link was already used: the answers were sent on %(date)s. Thank you!")
        assert expected % {"date": formats.date_format(response.submitted_at, "DATE_FORMAT")} in page
    assert client.get(url("resume_thanks", response.resume_token)).status_code == 200


def test_sending_with_a_required_answer_left_in_an_earlier_section_goes_back_there(client, world, invitation):
    response = _start(client, invitation, "fr")
    Response.objects.filter(pk=response.pk).update(last_section=2)  # skipped section 1 by a draft
    q = world.questions
    answer = client.post(url("respond_step", invitation.token, 2), {f"q{q['scale'].pk}": "3", "action": "next"})
    assert answer.url == url("respond_step", invitation.token, 1)
    page = client.get(answer.url).content.decode()
    with translation.override("fr"):
        assert translation.gettext("Some required questions are not answered yet.") in page
    assert Response.objects.get().submitted_at is None
