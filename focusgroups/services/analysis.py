"""Writes of the analysis area: the codebook, the coding of evidence, SWOT items.

Callers have checked that `actor` coordinates the study (selectors_analysis.get_study); the
services check it again so that no path (API, shell) skips the rule."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from circuito.audit.services import diff, record, snapshot
from focusgroups import permissions
from focusgroups.models import Coding, Quote, Session, Study, SwotItem, Theme
from focusgroups.selectors_analysis import Item, material_sessions, study_themes

THEME_FIELDS = ["code", "label_fr", "label_it", "description_fr", "description_it", "parent", "order"]
SWOT_FIELDS = ["quadrant", "text_fr", "text_it"]


def _require_coordinator(actor, study: Study | None) -> None:
    if study is None:
        if not (actor.is_authenticated and actor.is_superuser):
            raise PermissionDenied
    elif not permissions.is_coordinator(actor, study):
        raise PermissionDenied


# Codebook -----------------------------------------------------------------------------------------


def _clean_theme(theme: Theme) -> None:
    errors: dict[str, list[str]] = {}
    if not (theme.label_fr or "").strip() and not (theme.label_it or "").strip():
        errors["label_fr"] = [_("Give the theme a label in French or in Italian.")]
    parent = theme.parent
    if parent is not None:
        if parent.study_id not in (None, theme.study_id):
            errors["parent"] = [_("The parent theme must belong to the same study or be shared.")]
        seen = set()
        node = parent
        while node is not None and node.pk not in seen:
            if theme.pk and node.pk == theme.pk:
                errors["parent"] = [_("A theme cannot be placed under itself or one of its sub-themes.")]
                break
            seen.add(node.pk)
            node = node.parent
    clash = Theme.objects.filter(study=theme.study, code=theme.code).exclude(pk=theme.pk)
    if clash.exists():
        errors["code"] = [_("Another theme of this codebook already has the code “%(code)s”.") % {"code": theme.code}]
    if errors:
        raise ValidationError(errors)


def create_theme(study: Study | None, data: dict[str, Any], *, actor) -> Theme:
    """A theme of the study's codebook (or a shared one, `study=None`, for superusers)."""
    _require_coordinator(actor, study)
    with transaction.atomic():
        theme = Theme(study=study, **{k: v for k, v in data.items() if k in THEME_FIELDS})
        _clean_theme(theme)
        theme.save()
        record(actor, "focusgroups.theme_created", theme, {"code": theme.code})
    return theme


def update_theme(theme: Theme, data: dict[str, Any], *, actor) -> Theme:
    _require_coordinator(actor, theme.study)
    with transaction.atomic():
        theme = Theme.objects.select_for_update().get(pk=theme.pk)
        before = snapshot(theme, THEME_FIELDS)
        for name in THEME_FIELDS:
            if name in data:
                setattr(theme, name, data[name])
        _clean_theme(theme)
        changes = diff(theme, before, THEME_FIELDS)
        if changes:
            theme.save(update_fields=list(changes))
            record(actor, "focusgroups.theme_updated", theme, changes)
    return theme


def delete_theme(theme: Theme, *, actor) -> None:
    """Only a theme that codes nothing and has no sub-theme: coded work is never lost silently."""
    _require_coordinator(actor, theme.study)
    with transaction.atomic():
        if theme.children.exists():
            raise ValidationError(_("Move or delete the sub-themes of “%(theme)s” first.") % {"theme": theme})
        if theme.codings.exists():
            count = theme.codings.count()
            raise ValidationError(
                ngettext(
                    "“%(theme)s” is used by %(count)d coded piece of evidence: remove that coding first.",
                    "“%(theme)s” is used by %(count)d coded pieces of evidence: remove those codings first.",
                    count,
                )
                % {"theme": theme, "count": count}
            )
        record(actor, "focusgroups.theme_deleted", theme, {"code": theme.code})
        theme.delete()


# Coding -------------------------------------------------------------------------------------------

TARGET_FIELD = {"quote": "quote", "answer": "answer", "response": "response_answer"}


def tag_item(study: Study, item: Item, theme: Theme, *, actor) -> Coding:
    """Put a theme of the study's codebook on a piece of its material (nothing happens if already there)."""
    _require_coordinator(actor, study)
    if not study_themes(study).filter(pk=theme.pk).exists():
        raise ValidationError(_("Choose a theme of this study's codebook."))
    target = {TARGET_FIELD[item.kind]: item.obj}
    with transaction.atomic():
        existing = Coding.objects.filter(theme=theme, **target).first()
        if existing:
            return existing
        try:
            with transaction.atomic():
                coding = Coding.objects.create(theme=theme, coded_by=actor, **target)
        except IntegrityError:  # tagged by someone else at the same instant
            return Coding.objects.get(theme=theme, **target)
        record(actor, "focusgroups.coded", coding, {"theme": theme.code, item.kind: item.obj.pk})
    return coding


def untag(coding: Coding, *, actor) -> None:
    study = coding_study(coding)
    _require_coordinator(actor, study)
    with transaction.atomic():
        record(actor, "focusgroups.uncoded", coding, {"theme": coding.theme.code})
        coding.delete()


def coding_study(coding: Coding) -> Study:
    if coding.quote_id:
        return coding.quote.session.study
    if coding.answer_id:
        return coding.answer.session.study
    return coding.response_answer.response.questionnaire.study


# SWOT ---------------------------------------------------------------------------------------------


def _clean_swot(item: SwotItem, sessions: list[Session], quotes: list[Quote]) -> None:
    errors: dict[str, list[str]] = {}
    if not (item.text_fr or "").strip() and not (item.text_it or "").strip():
        errors["text_fr"] = [_("Write the item in French or in Italian.")]
    if item.quadrant not in SwotItem.Quadrant.values:
        errors["quadrant"] = [_("Choose strength, weakness, opportunity or threat.")]
    if item.territory.level != "region":
        errors["territory"] = [_("A SWOT is written per region: choose a region.")]
    if any(s.study_id != item.study_id for s in sessions):
        errors["evidence_sessions"] = [_("Only focus groups of this study can support its SWOT.")]
    allowed = set(Quote.objects.active().filter(session__in=material_sessions(item.study)).values_list("pk", flat=True))
    if any(q.pk not in allowed for q in quotes):
        errors["evidence_quotes"] = [_("Only quotes of focus groups sent to the coordinator can support the SWOT.")]
    if errors:
        raise ValidationError(errors)


def create_swot_item(study: Study, territory, data: dict[str, Any], *, actor) -> SwotItem:
    """data: quadrant, text_fr, text_it, evidence_sessions, evidence_quotes. Added at the end of its quadrant."""
    _require_coordinator(actor, study)
    sessions = list(data.get("evidence_sessions") or [])
    quotes = list(data.get("evidence_quotes") or [])
    with transaction.atomic():
        item = SwotItem(study=study, territory=territory, created_by=actor, **{k: data.get(k, "") for k in SWOT_FIELDS})
        _clean_swot(item, sessions, quotes)
        last = SwotItem.objects.filter(study=study, territory=territory, quadrant=item.quadrant).aggregate(
            m=Max("order")
        )["m"]
        item.order = 0 if last is None else last + 1
        item.save()
        item.evidence_sessions.set(sessions)
        item.evidence_quotes.set(quotes)
        record(
            actor,
            "focusgroups.swot_item_created",
            item,
            {"quadrant": item.quadrant, "sessions": [s.pk for s in sessions], "quotes": [q.pk for q in quotes]},
        )
    return item


def update_swot_item(item: SwotItem, data: dict[str, Any], *, actor) -> SwotItem:
    _require_coordinator(actor, item.study)
    sessions = list(data.get("evidence_sessions") or [])
    quotes = list(data.get("evidence_quotes") or [])
    with transaction.atomic():
        item = SwotItem.objects.select_for_update().select_related("study", "territory").get(pk=item.pk)
        before = snapshot(item, SWOT_FIELDS)
        for name in SWOT_FIELDS:
            if name in data:
                setattr(item, name, data[name])
        _clean_swot(item, sessions, quotes)
        changes = diff(item, before, SWOT_FIELDS)
        if "quadrant" in changes:
            last = SwotItem.objects.filter(
                study=item.study, territory=item.territory, quadrant=item.quadrant
            ).aggregate(m=Max("order"))["m"]
            item.order = 0 if last is None else last + 1
        item.save(update_fields=[*changes, "order", "updated_at"])
        old_sessions = set(item.evidence_sessions.values_list("pk", flat=True))
        old_quotes = set(item.evidence_quotes.values_list("pk", flat=True))
        item.evidence_sessions.set(sessions)
        item.evidence_quotes.set(quotes)
        if old_sessions != {s.pk for s in sessions}:
            changes["sessions"] = [sorted(old_sessions), sorted(s.pk for s in sessions)]
        if old_quotes != {q.pk for q in quotes}:
            changes["quotes"] = [sorted(old_quotes), sorted(q.pk for q in quotes)]
        record(actor, "focusgroups.swot_item_updated", item, changes)
    return item


def move_swot_item(item: SwotItem, direction: int, *, actor) -> SwotItem:
    """Swap the item with its neighbour above (-1) or below (+1) in its quadrant."""
    _require_coordinator(actor, item.study)
    with transaction.atomic():
        siblings = list(
            SwotItem.objects.select_for_update()
            .filter(study=item.study_id, territory=item.territory_id, quadrant=item.quadrant)
            .order_by("order", "pk")
        )
        index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
        other = index + (1 if direction > 0 else -1)
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
            for position, sibling in enumerate(siblings):
                if sibling.order != position:
                    sibling.order = position
                    sibling.save(update_fields=["order"])
            record(actor, "focusgroups.swot_item_moved", item, {"direction": direction})
    return SwotItem.objects.get(pk=item.pk)


def delete_swot_item(item: SwotItem, *, actor) -> None:
    _require_coordinator(actor, item.study)
    with transaction.atomic():
        record(actor, "focusgroups.swot_item_deleted", item, {"text": item.text_fr or item.text_it})
        item.delete()
