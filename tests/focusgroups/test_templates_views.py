"""Pages of the template editor: the coordinator writes, previews and publishes; others read."""

import pytest
from django.urls import reverse
from django.utils import translation

from focusgroups.models import Question, QuestionTemplate, Session, TemplateVersion
from tests.focusgroups.factories import QuestionTemplateFactory, TemplateVersionFactory
from tests.focusgroups.factories_sessions import build_world


@pytest.fixture
def world(db):
    return build_world()


def test_coordinator_writes_a_template_and_publishes_it(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("focusgroups:template_create", args=["3.2"]), {"title_fr": "Écosystèmes", "title_it": "Ecosistemi"}
    )
    template = QuestionTemplate.objects.get(title_fr="Écosystèmes")
    assert response.status_code == 302
    draft = template.versions.get()
    client.post(reverse("focusgroups:section_create", args=[draft.pk]), {"title_fr": "Acteurs", "title_it": "Attori"})
    section = draft.sections.get()
    response = client.post(
        reverse("focusgroups:question_create", args=[section.pk]),
        {
            "key": "main-actor",
            "kind": "single",
            "text_fr": "Acteur principal ?",
            "text_it": "Attore principale?",
            "choices_text": "univ | Université | Università\nfirm | Entreprise | Impresa",
            "required": "on",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(key="main-actor")
    assert question.choices[1] == {"value": "firm", "fr": "Entreprise", "it": "Impresa"}
    detail = reverse("focusgroups:template_detail", args=[template.pk])
    preview_it = client.get(detail, {"lang": "it"}).content.decode()
    assert "Attore principale?" in preview_it and "Impresa" in preview_it
    client.post(reverse("focusgroups:version_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == TemplateVersion.Status.PUBLISHED


def test_question_form_keeps_input_and_says_what_to_fix(client, world):
    client.force_login(world.coordinator)
    template = QuestionTemplateFactory(study=world.study)
    draft = TemplateVersionFactory(template=template, status="draft", published_at=None)
    client.post(reverse("focusgroups:section_create", args=[draft.pk]), {"title_fr": "A", "title_it": "A"})
    section = draft.sections.get()
    response = client.post(
        reverse("focusgroups:question_create", args=[section.pk]),
        {"key": "ok-key", "kind": "multiple", "text_fr": "Ma question", "choices_text": "seul | Seul | Solo"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    with translation.override("fr"):
        assert translation.gettext("A choice question needs at least two choices.") in page
    assert "Ma question" in page


def test_editing_a_held_version_goes_to_a_new_draft(client, world):
    Session.objects.filter(pk=world.session.pk).update(status=Session.Status.HELD)
    client.force_login(world.coordinator)
    template = world.version.template
    response = client.post(reverse("focusgroups:template_start_edit", args=[template.pk]))
    draft = template.versions.get(status="draft")
    assert response.url.endswith(f"?version={draft.number}")
    response = client.post(
        reverse("focusgroups:section_create", args=[world.version.pk]), {"title_fr": "X", "title_it": "X"}
    )
    assert response.status_code == 200  # refused on the used version, with the reason
    assert world.version.sections.count() == 2


@pytest.mark.parametrize("who", ["owner", "other_partner"])
def test_other_partners_read_published_templates_only(client, world, who):
    client.force_login(getattr(world, who))
    template = world.version.template
    assert client.get(reverse("focusgroups:template_list")).status_code == 200
    assert client.get(reverse("focusgroups:template_detail", args=[template.pk])).status_code == 200
    assert client.get(reverse("focusgroups:template_edit", args=[template.pk])).status_code == 403
    assert client.post(reverse("focusgroups:template_start_edit", args=[template.pk])).status_code == 403
    assert client.get(reverse("focusgroups:template_create", args=["3.2"])).status_code == 403
    unpublished = QuestionTemplateFactory(study=world.study)
    TemplateVersionFactory(template=unpublished, status="draft", published_at=None)
    assert client.get(reverse("focusgroups:template_detail", args=[unpublished.pk])).status_code == 404


def test_outsider_and_anonymous_are_refused(client, world):
    template = world.version.template
    urls = [
        reverse("focusgroups:template_list"),
        reverse("focusgroups:template_detail", args=[template.pk]),
        reverse("focusgroups:template_create", args=["3.2"]),
    ]
    client.force_login(world.outsider)
    for url in urls:
        assert client.get(url).status_code == 403
    client.logout()
    for url in urls:
        assert client.get(url).status_code == 302


def test_template_list_query_count_is_constant(client, world, django_assert_num_queries):
    client.force_login(world.coordinator)
    url = reverse("focusgroups:template_list")
    client.get(url)
    with django_assert_num_queries(7) as ctx:
        client.get(url)
    for _ in range(3):
        TemplateVersionFactory(template=QuestionTemplateFactory(study=world.study))
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(url)
