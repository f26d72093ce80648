"""Pages of sessions, participants, capture and attachments: who sees what, what bad input gets."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from focusgroups.models import Answer, Attachment, Participant, Session
from focusgroups.services import capture, participants, sessions
from tests.focusgroups.factories import ParticipantFactory, SessionFactory
from tests.focusgroups.factories_sessions import build_world

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def world(db):
    return build_world()


def _pages(world):
    s = world.session
    p = ParticipantFactory(session=s, language="it")
    return [
        reverse("focusgroups:session_detail", args=[s.pk]),
        reverse("focusgroups:session_edit", args=[s.pk]),
        reverse("focusgroups:capture", args=[s.pk]),
        reverse("focusgroups:participant_create", args=[s.pk]),
        reverse("focusgroups:participant_edit", args=[p.pk]),
        reverse("focusgroups:participant_consent", args=[p.pk]),
    ]


@pytest.mark.parametrize("who", ["owner", "colleague"])
def test_organising_partner_staff_open_every_page(client, world, who):
    client.force_login(getattr(world, who))
    for url in _pages(world):
        assert client.get(url).status_code == 200, url


def test_coordinator_sees_the_session_but_does_not_edit_it(client, world):
    client.force_login(world.coordinator)
    urls = _pages(world)
    assert client.get(urls[0]).status_code == 200
    assert client.get(urls[1]).status_code == 403
    assert client.get(urls[3]).status_code == 403


def test_other_partner_gets_404_and_outsider_403(client, world):
    client.force_login(world.other_partner)
    for url in _pages(world):
        assert client.get(url).status_code == 404, url
    client.force_login(world.outsider)
    for url in [*_pages(world), reverse("focusgroups:session_list"), reverse("focusgroups:session_create")]:
        assert client.get(url).status_code == 403, url


def test_anonymous_is_sent_to_login(client, world):
    for url in [*_pages(world), reverse("focusgroups:session_list")]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url


def test_list_shows_own_and_coordinated_sessions_only(client, world):
    pie_session = SessionFactory(study=world.study, template_version=world.version, organiser=world.pie, title="PIE FG")
    client.force_login(world.owner)
    page = client.get(reverse("focusgroups:session_list")).content.decode()
    assert str(world.session) in page and "PIE FG" not in page
    client.force_login(world.coordinator)
    page = client.get(reverse("focusgroups:session_list")).content.decode()
    assert str(world.session) in page and "PIE FG" in page
    client.force_login(world.coordinator)
    page = client.get(reverse("focusgroups:session_list"), {"organiser": world.pie.pk}).content.decode()
    assert "PIE FG" in page and str(world.session) not in page
    assert pie_session.pk


def test_list_shows_progress_against_target(client, world):
    Session.objects.filter(pk=world.session.pk).update(status=Session.Status.HELD)
    client.force_login(world.owner)
    response = client.get(reverse("focusgroups:session_list"))
    study = next(s for s in response.context["progress"] if s.code == "3.2")
    assert (study.held, study.target_sessions) == (1, 20)


def test_list_query_count_is_constant(client, world, django_assert_num_queries):
    client.force_login(world.coordinator)
    url = reverse("focusgroups:session_list")
    client.get(url)
    with django_assert_num_queries(10) as ctx:
        client.get(url)
    for n in range(5):
        SessionFactory(study=world.study, template_version=world.version, organiser=world.pie, title=f"FG {n}")
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(url)


def test_create_session_for_own_partner(client, world):
    client.force_login(world.owner)
    data = {
        "study": world.study.pk,
        "template_version": world.version.pk,
        "organiser": world.lig.pk,
        "date": "2026-04-02",
        "region": world.session.region.pk,
        "department": world.session.department.pk,
        "mode": "in_person",
        "place": "Imperia",
        "actor_category": "research",
        "language": "it",
    }
    response = client.post(reverse("focusgroups:session_create"), data)
    assert response.status_code == 302
    assert Session.objects.filter(organiser=world.lig, actor_category="research").exists()
    # Another partner is not in the choices.
    response = client.post(reverse("focusgroups:session_create"), {**data, "organiser": world.pie.pk})
    assert response.status_code == 200 and "organiser" in response.context["form"].errors


def test_create_session_keeps_input_on_error(client, world):
    client.force_login(world.owner)
    response = client.post(
        reverse("focusgroups:session_create"),
        {
            "study": world.study.pk,
            "template_version": world.version.pk,
            "organiser": world.lig.pk,
            "mode": "in_person",
            "place": "",
            "facilitator": "Giulia",
            "date": "2026-04-02",
            "region": world.session.region.pk,
            "actor_category": "company",
            "language": "it",
        },
    )
    assert response.status_code == 200
    with translation.override("fr"):
        assert translation.gettext("Say where the focus group takes place.") in response.content.decode()
    assert 'value="Giulia"' in response.content.decode()


def test_answer_save_endpoint(client, world):
    client.force_login(world.owner)
    url = reverse("focusgroups:answer_save", args=[world.session.pk, world.questions["scale"].pk])
    response = client.post(url, {"value": "4", "notes": "unanimi"})
    assert response.status_code == 200 and response.json()["value"] == 4
    response = client.post(url, '{"value": "9"}', content_type="application/json", HTTP_ACCEPT_LANGUAGE="it")
    assert response.status_code == 400
    with translation.override("fr"):
        assert response.json()["error"] == translation.gettext("Give a whole number from 1 to 5.")
    assert Answer.objects.get().value == 4
    client.force_login(world.other_partner)
    assert client.post(url, {"value": "2"}).status_code == 404
    client.force_login(world.coordinator)
    assert client.post(url, {"value": "2"}).status_code == 403


def test_italian_error_message_on_the_italian_url(client, world):
    client.force_login(world.owner)
    with translation.override("it"):
        url = reverse("focusgroups:answer_save", args=[world.session.pk, world.questions["number"].pk])
        expected = translation.gettext("Type a number, e.g. 12 or 3,5.")
    assert url.startswith("/it/")
    response = client.post(url, {"value": "dodici"})
    assert response.json()["error"] == expected


def test_workflow_through_the_pages(client, world):
    client.force_login(world.owner)
    s = world.session
    assert client.post(reverse("focusgroups:session_action", args=[s.pk, "held"])).status_code == 302
    p = participants.add_participant(
        s, {"category": "company", "country": "IT", "language": "it", "name": "Mario"}, actor=world.owner
    )
    capture.save_answer(s, world.questions["text"], "ok", actor=world.owner)
    response = client.post(reverse("focusgroups:session_action", args=[s.pk, "submit"]), follow=True)
    with translation.override("fr"):
        assert "Mario" in translation.gettext(
            "%(pseudonym)s (%(name)s) is named but their consent is not recorded: record it, or remove the name."
        ) % {"pseudonym": p.pseudonym, "name": "Mario"}
    assert "Mario" in response.content.decode()
    s.refresh_from_db()
    assert s.status == Session.Status.HELD
    client.post(reverse("focusgroups:participant_consent", args=[p.pk]))
    client.post(reverse("focusgroups:session_action", args=[s.pk, "submit"]))
    s.refresh_from_db()
    assert s.status == Session.Status.SUBMITTED
    assert client.post(reverse("focusgroups:session_action", args=[s.pk, "validate"])).status_code == 403
    client.force_login(world.coordinator)
    client.post(reverse("focusgroups:session_action", args=[s.pk, "return"]), {"comment": "Manca la lista"})
    s.refresh_from_db()
    assert s.status == Session.Status.RETURNED and s.return_comment == "Manca la lista"


def test_consent_page_shows_the_text_in_the_participants_language(client, world):
    p = ParticipantFactory(session=world.session, language="it")
    client.force_login(world.owner)
    response = client.get(reverse("focusgroups:participant_consent", args=[p.pk]))
    assert "Acconsento a partecipare." in response.content.decode()


def test_withdrawal_by_the_coordinator(client, world):
    p = ParticipantFactory(session=world.session, language="it")
    client.force_login(world.coordinator)
    client.post(reverse("focusgroups:participant_withdraw", args=[p.pk]), {"withdrawn_on": "2026-03-20"})
    p.refresh_from_db()
    assert p.withdrawn_at and p.withdrawn_at.date().isoformat() == "2026-03-20"
    client.force_login(world.other_partner)
    p2 = ParticipantFactory(session=world.session, language="it")
    assert (
        client.post(
            reverse("focusgroups:participant_withdraw", args=[p2.pk]), {"withdrawn_on": "2026-03-20"}
        ).status_code
        == 404
    )
    assert Participant.objects.get(pk=p2.pk).withdrawn_at is None


def test_attachments_checked_and_downloaded_with_permission(client, world, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    client.force_login(world.owner)
    url = reverse("focusgroups:attachment_add", args=[world.session.pk])
    response = client.post(url, {"kind": "photo", "file": SimpleUploadedFile("board.png", PNG, "image/png")})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png"
    response = client.post(
        url, {"kind": "other", "file": SimpleUploadedFile("x.exe", b"MZ\x90\x00", "application/pdf")}, follow=True
    )
    with translation.override("fr"):
        assert (
            translation.gettext("%(name)s is not a PDF, JPEG or PNG file: save it in one of these formats.")
            % {"name": "x.exe"}
            in response.content.decode()
        )
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * (10 * 1024 * 1024 + 1), "application/pdf")
    client.post(url, {"kind": "other", "file": big})
    assert Attachment.objects.count() == 1
    download = reverse("focusgroups:attachment_download", args=[attachment.pk])
    assert client.get(download).status_code == 200
    client.force_login(world.coordinator)
    assert client.get(download).status_code == 200
    client.force_login(world.other_partner)
    assert client.get(download).status_code == 404
    client.force_login(world.outsider)
    assert client.get(download).status_code == 403
    client.logout()
    assert client.get(download).status_code == 302


def test_dashboard_panel_lists_work_to_do(client, world):
    submitted = SessionFactory(
        study=world.study,
        template_version=world.version,
        organiser=world.pie,
        title="Torino FG",
        status="submitted",
        submitted_at="2026-03-01T10:00:00Z",
    )
    client.force_login(world.coordinator)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Torino FG" in page and 'id="fg-dashboard"' in page
    client.force_login(world.owner)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert str(world.session) in page and "Torino FG" not in page
    client.force_login(world.outsider)
    assert 'id="fg-dashboard"' not in client.get(reverse("accounts:dashboard")).content.decode()
    assert submitted.pk


def test_edit_refuses_to_overwrite_a_concurrent_change(client, world):
    client.force_login(world.owner)
    url = reverse("focusgroups:session_edit", args=[world.session.pk])
    form = client.get(url).context["form"]
    data = {name: field.value() for name, field in ((n, form[n]) for n in form.fields)}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    sessions.update_session(world.session, {"place": "Sanremo"}, actor=world.colleague)
    response = client.post(url, {**data, "place": "Imperia"})
    assert response.status_code == 200
    with translation.override("fr"):
        assert (
            translation.gettext(
                "Someone else changed this focus group while you were editing it. "
                "Open it again to see their changes, then apply yours."
            )
            in response.content.decode()
        )
    world.session.refresh_from_db()
    assert world.session.place == "Sanremo"
    fresh = client.get(url).context["form"]
    response = client.post(url, {**data, "updated_at": fresh["updated_at"].value(), "place": "Imperia"})
    assert response.status_code == 302


def test_quotes_added_and_removed_through_htmx(client, world):
    p = ParticipantFactory(session=world.session, language="it")
    client.force_login(world.owner)
    url = reverse("focusgroups:quote_add", args=[world.session.pk])
    question = world.questions["text"]
    response = client.post(
        url, {"text": "Serve più dialogo", "question": question.pk, "participant": p.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Serve più dialogo" in response.content.decode()
    response = client.post(url, {"text": "  ", "question": question.pk}, HTTP_HX_REQUEST="true")
    with translation.override("fr"):
        assert translation.gettext("Write the words as they were said.") in response.content.decode()
    quote = world.session.quotes.get()
    assert quote.participant == p and quote.language == "it"
    client.force_login(world.other_partner)
    assert client.post(url, {"text": "x"}).status_code == 404
    assert client.post(reverse("focusgroups:quote_delete", args=[quote.pk])).status_code == 404
    client.force_login(world.owner)
    response = client.post(reverse("focusgroups:quote_delete", args=[quote.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and not world.session.quotes.exists()
