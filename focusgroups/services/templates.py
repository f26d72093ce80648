"""Writes on question templates: versions, sections, questions, publication.

Rules:
- a version is edited while it is a draft, or while it is published but nobody ran it yet
  (no session held or with answers, no questionnaire answer): fixing a typo before the first
  session does not need a new version;
- once a version was run ("frozen"), editing the template works on a new draft copy, which
  becomes the template's version when published; the previous one is archived, and planned
  sessions that captured nothing move to the new version;
- a version is published only when it is complete in both languages.
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from circuito.audit.services import record
from focusgroups.models import Answer, Question, QuestionTemplate, Quote, Section, Session, Study, TemplateVersion
from focusgroups.permissions import is_coordinator

TEMPLATE_FIELDS = ("title_fr", "title_it", "description_fr", "description_it")
SECTION_FIELDS = ("order", "title_fr", "title_it", "description_fr", "description_it")
QUESTION_FIELDS = ("order", "key", "kind", "text_fr", "text_it", "help_fr", "help_it", "required", "choices")


def _require_coordinator(actor, study: Study) -> None:
    if not is_coordinator(actor, study):
        raise ValidationError(
            _("Only the coordinator of activity %(code)s may change its templates.") % {"code": study.code}
        )


def is_frozen(version: TemplateVersion) -> bool:
    """True once the version was run: a session held (or beyond) or with answers, or a questionnaire answer."""
    if version.status == TemplateVersion.Status.ARCHIVED:
        return True
    if _captured(Session.objects.filter(template_version=version)).exists():
        return True
    return version.questionnaires.filter(responses__answers__isnull=False).exists()


def _captured(sessions):
    """Sessions held (or beyond), or with something captured against their questions."""
    return sessions.filter(
        Q(status__in=Session.HELD_OR_BEYOND)
        | Q(pk__in=Answer.objects.values("session"))
        | Q(pk__in=Quote.objects.filter(question__isnull=False).values("session"))
    )


def is_editable(version: TemplateVersion) -> bool:
    return version.status == TemplateVersion.Status.DRAFT or (
        version.status == TemplateVersion.Status.PUBLISHED and not is_frozen(version)
    )


def _check_editable(version: TemplateVersion) -> None:
    if not is_editable(version):
        raise ValidationError(
            _(
                "Version %(number)s was already used in a focus group and cannot change: "
                "edit the template to work on a new version."
            )
            % {"number": version.number}
        )


def current_version(template: QuestionTemplate) -> TemplateVersion | None:
    """The version partners run: the published one (None before the first publication)."""
    return template.versions.filter(status=TemplateVersion.Status.PUBLISHED).first()


def draft_version(template: QuestionTemplate) -> TemplateVersion | None:
    return template.versions.filter(status=TemplateVersion.Status.DRAFT).first()


@transaction.atomic
def create_template(study: Study, data: dict[str, Any], *, actor) -> QuestionTemplate:
    _require_coordinator(actor, study)
    if not (data.get("title_fr") or data.get("title_it")):
        raise ValidationError({"title_fr": _("Give the template a title, in French or Italian.")})
    template = QuestionTemplate(study=study, created_by=actor, **{f: data.get(f) or "" for f in TEMPLATE_FIELDS})
    template.save()
    version = TemplateVersion.objects.create(template=template, number=1, created_by=actor)
    record(actor, "focusgroups.template_created", template, {"study": study.code, "version": version.number})
    return template


@transaction.atomic
def update_template(template: QuestionTemplate, data: dict[str, Any], *, actor) -> QuestionTemplate:
    _require_coordinator(actor, template.study)
    if not (data.get("title_fr") or data.get("title_it")):
        raise ValidationError({"title_fr": _("Give the template a title, in French or Italian.")})
    changes = {f: data.get(f) or "" for f in TEMPLATE_FIELDS if getattr(template, f) != (data.get(f) or "")}
    for field, value in changes.items():
        setattr(template, field, value)
    template.save(update_fields=[*changes, "updated_at"])
    if changes:
        record(actor, "focusgroups.template_updated", template, changes)
    return template


@transaction.atomic
def version_for_edit(template: QuestionTemplate, *, actor) -> TemplateVersion:
    """The version edits go to: the draft, the published version if nobody ran it yet, or a new
    draft copied from the published version."""
    _require_coordinator(actor, template.study)
    QuestionTemplate.objects.select_for_update().filter(pk=template.pk).first()
    draft = draft_version(template)
    if draft is not None:
        return draft
    published = current_version(template)
    if published is not None and not is_frozen(published):
        return published
    source = published or template.versions.order_by("-number").first()
    number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = TemplateVersion.objects.create(template=template, number=number, based_on=source, created_by=actor)
    if source is not None:
        copy_content(source, draft)
    record(
        actor, "focusgroups.version_created", draft, {"number": number, "copied_from": getattr(source, "number", None)}
    )
    return draft


def copy_content(source: TemplateVersion, target: TemplateVersion) -> None:
    """Copy sections and questions (keys, tags and all) from one version to another."""
    for section in source.sections.prefetch_related("questions__tags"):
        questions = list(section.questions.all())
        section.pk = None
        section.version = target
        section.save()
        for question in questions:
            tags = list(question.tags.all())
            question.pk = None
            question.section = section
            question._prefetched_objects_cache = {}  # else the copy would believe it has the tags
            question.save()
            question.tags.add(*tags)


# Sections ------------------------------------------------------------------------------------


def _next_order(queryset) -> int:
    return (queryset.aggregate(n=Max("order"))["n"] or 0) + 1


@transaction.atomic
def save_section(version: TemplateVersion, data: dict[str, Any], *, actor, section: Section | None = None) -> Section:
    _require_coordinator(actor, version.template.study)
    _check_editable(version)
    if not (data.get("title_fr") or data.get("title_it")):
        raise ValidationError({"title_fr": _("Give the section a title, in French or Italian.")})
    created = section is None
    if created:
        section = Section(version=version)
    for field in SECTION_FIELDS:
        if field in data:
            setattr(section, field, data[field] if data[field] is not None else "")
    if not section.order:
        section.order = _next_order(version.sections)
    section.save()
    record(
        actor,
        "focusgroups.section_saved",
        version,
        {"section": section.title_fr or section.title_it, "created": created},
    )
    return section


@transaction.atomic
def delete_section(section: Section, *, actor) -> None:
    version = section.version
    _require_coordinator(actor, version.template.study)
    _check_editable(version)
    record(actor, "focusgroups.section_deleted", version, {"section": section.title_fr or section.title_it})
    section.delete()


# Questions -----------------------------------------------------------------------------------

_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def parse_choices(text: str) -> list[dict[str, str]]:
    """One choice per line, "value | French label | Italian label" (value optional: taken from the label)."""
    choices = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 2:
            parts = ["", *parts]
        if len(parts) != 3:
            raise ValidationError(
                {"choices": _("Line %(n)d: write each choice as “value | French label | Italian label”.") % {"n": n}}
            )
        value, fr, it = parts
        value = slugify(value or fr or it)[:40]
        if not value:
            raise ValidationError({"choices": _("Line %(n)d: the choice has no label.") % {"n": n}})
        choices.append({"value": value, "fr": fr, "it": it})
    return choices


def format_choices(choices: list[dict]) -> str:
    return "\n".join(f"{c.get('value', '')} | {c.get('fr', '')} | {c.get('it', '')}" for c in choices or [])


def _clean_question(version: TemplateVersion, data: dict[str, Any], question: Question | None) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    key = (data.get("key") or "").strip().lower()
    if not _KEY.match(key):
        errors.setdefault("key", []).append(
            _("The key may contain lower-case letters, digits, hyphens and underscores only (e.g. obstacles-tech).")
        )
    elif Question.objects.filter(version=version, key=key).exclude(pk=getattr(question, "pk", None)).exists():
        errors.setdefault("key", []).append(
            _("Another question of this version already has the key %(key)s.") % {"key": key}
        )
    if not (data.get("text_fr") or data.get("text_it")):
        errors.setdefault("text_fr", []).append(_("Write the question, in French or Italian."))
    choices = data.get("choices") or []
    kind = data.get("kind")
    if kind in Question.CHOICE_KINDS:
        values = [c["value"] for c in choices]
        if len(choices) < 2:
            errors.setdefault("choices", []).append(_("A choice question needs at least two choices."))
        elif len(set(values)) != len(values):
            errors.setdefault("choices", []).append(_("Two choices have the same value: make each value unique."))
    else:
        choices = []
    if errors:
        raise ValidationError(errors)
    return {**data, "key": key, "choices": choices}


@transaction.atomic
def save_question(section: Section, data: dict[str, Any], *, actor, question: Question | None = None) -> Question:
    version = section.version
    _require_coordinator(actor, version.template.study)
    _check_editable(version)
    data = _clean_question(version, data, question)
    created = question is None
    if created:
        question = Question(section=section)
    question.section = section
    for field in QUESTION_FIELDS:
        if field in data:
            value = data[field]
            setattr(question, field, value if value is not None else ("" if field not in ("choices",) else []))
    if not question.order:
        question.order = _next_order(section.questions)
    question.save()
    if "tags" in data:
        question.tags.set(data["tags"] or [])
    record(actor, "focusgroups.question_saved", version, {"key": question.key, "created": created})
    return question


@transaction.atomic
def delete_question(question: Question, *, actor) -> None:
    version = question.version
    _require_coordinator(actor, version.template.study)
    _check_editable(version)
    record(actor, "focusgroups.question_deleted", version, {"key": question.key})
    question.delete()


# Publication ---------------------------------------------------------------------------------


def publication_problems(version: TemplateVersion) -> list[str]:
    """What stops a version from being published, in words the coordinator can act on."""
    problems = []
    template = version.template
    if not (template.title_fr and template.title_it):
        problems.append(_("The template needs a title in French and in Italian."))
    sections = list(version.sections.prefetch_related("questions"))
    if not any(s.questions.all() for s in sections):
        problems.append(_("Add at least one question."))
    for section in sections:
        if not (section.title_fr and section.title_it):
            problems.append(
                _("Section “%(title)s” needs a title in both languages.")
                % {"title": section.title_fr or section.title_it}
            )
        for question in section.questions.all():
            if not (question.text_fr and question.text_it):
                problems.append(_("Question %(key)s needs its text in both languages.") % {"key": question.key})
            if question.kind in Question.CHOICE_KINDS and not all(
                c.get("fr") and c.get("it") for c in question.choices
            ):
                problems.append(
                    _("Question %(key)s needs every choice labelled in both languages.") % {"key": question.key}
                )
    return problems


@transaction.atomic
def publish_version(version: TemplateVersion, *, actor) -> TemplateVersion:
    _require_coordinator(actor, version.template.study)
    version = TemplateVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != TemplateVersion.Status.DRAFT:
        raise ValidationError(_("Version %(number)s is already published.") % {"number": version.number})
    problems = publication_problems(version)
    if problems:
        raise ValidationError(problems)
    previous = current_version(version.template)
    moved = 0
    if previous is not None:
        previous.status = TemplateVersion.Status.ARCHIVED
        previous.save(update_fields=["status"])
        # Planned sessions that captured nothing follow the new version.
        sessions = Session.objects.filter(template_version=previous)
        idle = sessions.exclude(pk__in=_captured(sessions).values("pk"))
        moved = Session.objects.filter(pk__in=list(idle.values_list("pk", flat=True))).update(template_version=version)
    version.status = TemplateVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["status", "published_at", "published_by"])
    record(
        actor,
        "focusgroups.version_published",
        version,
        {"number": version.number, "archived": getattr(previous, "number", None), "sessions_moved": moved},
    )
    return version
