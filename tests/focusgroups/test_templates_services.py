"""Template versioning and publication rules."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from circuito.audit.models import AuditEntry
from focusgroups.models import Answer, QuestionTemplate, Session, TemplateVersion
from focusgroups.services import templates as services
from tests.focusgroups.factories_sessions import build_world


@pytest.fixture
def world(db):
    return build_world()


def _complete_draft(world):
    template = services.create_template(
        world.study, {"title_fr": "Coopération", "title_it": "Cooperazione"}, actor=world.coordinator
    )
    draft = template.versions.get()
    section = services.save_section(draft, {"title_fr": "Intro", "title_it": "Intro"}, actor=world.coordinator)
    services.save_question(
        section,
        {"key": "q1", "kind": "scale", "text_fr": "Note ?", "text_it": "Voto?", "required": True},
        actor=world.coordinator,
    )
    return template, draft, section


def test_coordinator_creates_and_publishes_a_template(world):
    template, draft, _ = _complete_draft(world)
    assert draft.status == TemplateVersion.Status.DRAFT
    services.publish_version(draft, actor=world.coordinator)
    draft.refresh_from_db()
    assert draft.status == TemplateVersion.Status.PUBLISHED and draft.published_at
    assert AuditEntry.objects.filter(action="focusgroups.version_published").exists()


def test_only_the_coordinator_writes_templates(world):
    with pytest.raises(ValidationError):
        services.create_template(world.study, {"title_fr": "X"}, actor=world.owner)


def test_publication_needs_both_languages(world):
    template = services.create_template(world.study, {"title_fr": "Seulement FR"}, actor=world.coordinator)
    draft = template.versions.get()
    section = services.save_section(draft, {"title_fr": "Intro"}, actor=world.coordinator)
    services.save_question(section, {"key": "q1", "kind": "text", "text_fr": "Q ?"}, actor=world.coordinator)
    with translation.override("it"), pytest.raises(ValidationError) as exc:
        services.publish_version(draft, actor=world.coordinator)
    with translation.override("it"):
        expected = translation.gettext("The template needs a title in French and in Italian.")
    assert expected in exc.value.messages


def test_choice_questions_need_two_choices_and_unique_keys(world):
    _, draft, section = _complete_draft(world)
    with pytest.raises(ValidationError) as exc:
        services.save_question(
            section, {"key": "q1", "kind": "single", "text_fr": "Q", "choices": []}, actor=world.coordinator
        )
    assert set(exc.value.message_dict) == {"key", "choices"}


def test_parse_choices_keeps_values_and_slugifies_missing_ones():
    assert services.parse_choices("a | Oui | Sì\nPeut-être | Forse") == [
        {"value": "a", "fr": "Oui", "it": "Sì"},
        {"value": "peut-etre", "fr": "Peut-être", "it": "Forse"},
    ]
    with pytest.raises(ValidationError):
        services.parse_choices("only one part")


def test_published_version_not_yet_run_is_edited_in_place(world):
    template = QuestionTemplate.objects.get(pk=world.version.template_id)
    assert services.version_for_edit(template, actor=world.coordinator) == world.version


def test_editing_a_version_used_by_a_held_session_makes_a_new_version(world):
    Session.objects.filter(pk=world.session.pk).update(status=Session.Status.HELD)
    template = QuestionTemplate.objects.get(pk=world.version.template_id)
    with pytest.raises(ValidationError):
        services.save_section(world.version, {"title_fr": "Nouveau"}, actor=world.coordinator)
    draft = services.version_for_edit(template, actor=world.coordinator)
    assert draft.number == world.version.number + 1 and draft.status == TemplateVersion.Status.DRAFT
    assert draft.based_on == world.version
    keys = set(draft.questions.values_list("key", flat=True))
    assert keys == set(world.version.questions.values_list("key", flat=True))
    tagged = draft.questions.get(key="obstacles")
    assert tagged.tags.count() == 1
    # Asking again gives the same draft, not a third version.
    assert services.version_for_edit(template, actor=world.coordinator) == draft
    services.save_question(
        draft.sections.first(),
        {"key": "new-q", "kind": "text", "text_fr": "N", "text_it": "N"},
        actor=world.coordinator,
    )
    services.publish_version(draft, actor=world.coordinator)
    world.version.refresh_from_db()
    assert world.version.status == TemplateVersion.Status.ARCHIVED
    world.session.refresh_from_db()
    assert world.session.template_version == world.version  # the held session keeps its version
    assert not world.version.questions.filter(key="new-q").exists()


def test_planned_sessions_without_answers_follow_the_new_version(world):
    from tests.focusgroups.factories import SessionFactory

    idle = SessionFactory(study=world.study, template_version=world.version, organiser=world.lig)
    Answer.objects.create(session=world.session, question=world.questions["text"], value="x")
    template = QuestionTemplate.objects.get(pk=world.version.template_id)
    draft = services.version_for_edit(template, actor=world.coordinator)
    assert draft != world.version  # answers freeze the version even before "held"
    services.publish_version(draft, actor=world.coordinator)
    idle.refresh_from_db()
    world.session.refresh_from_db()
    assert idle.template_version == draft
    assert world.session.template_version == world.version


def test_a_quote_on_a_question_freezes_the_version_too(world):
    from focusgroups.services import capture

    capture.add_quote(world.session, "Detto così", actor=world.owner, question=world.questions["scale"])
    assert services.is_frozen(world.version)
    with pytest.raises(ValidationError):
        services.delete_question(world.questions["scale"], actor=world.coordinator)
