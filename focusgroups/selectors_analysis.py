"""Reads of the analysis area: who may see a study's analysis, the material to code, and the
aggregations (theme counts, closed questions, progress, SWOT). Every aggregation runs a fixed
number of queries whatever the number of sessions, answers or codings.

Material = what the coordinator has received: sessions submitted or validated, questionnaire
responses submitted. Quotes of withdrawn participants never appear, nor count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from circuito.geo.models import Territory
from circuito.translated import current_language, localized
from focusgroups import permissions
from focusgroups.models import (
    ActorCategory,
    Answer,
    Coding,
    Participant,
    Question,
    Quote,
    Response,
    ResponseAnswer,
    Sector,
    Session,
    Study,
    SwotItem,
    Theme,
)

MATERIAL_STATUSES = (Session.Status.SUBMITTED, Session.Status.VALIDATED)
CLOSED_KINDS = (
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.SCALE,
    Question.Kind.YES_NO,
    Question.Kind.NUMBER,
)


# Access ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnalysisAccess:
    study: Study
    is_coordinator: bool  # sees the material (quotes, answers), codes, edits the codebook and SWOT, exports


def get_study(code: str, user, *, coordinator: bool = False) -> AnalysisAccess:
    """Partner staff see a study's aggregated results; only its coordinator (and superusers) see the
    material. Companies and the public are refused (403), unknown studies are 404."""
    permissions.require_staff(user)
    study = Study.objects.select_related("coordinator").filter(code=code).first()
    if study is None:
        raise Http404
    is_coord = permissions.is_coordinator(user, study)
    if coordinator and not is_coord:
        raise PermissionDenied
    return AnalysisAccess(study, is_coord)


def study_for_job(user, job) -> bool:
    """can_access of the analysis jobs: the coordinator of the job's study (superusers pass earlier)."""
    study = Study.objects.filter(pk=(job.params or {}).get("study")).first()
    return study is not None and permissions.is_coordinator(user, study)


# Material ----------------------------------------------------------------------------------------


def material_sessions(study: Study) -> QuerySet[Session]:
    return Session.objects.filter(study=study, status__in=MATERIAL_STATUSES)


def submitted_responses(study: Study) -> QuerySet[Response]:
    return Response.objects.filter(questionnaire__study=study, submitted_at__isnull=False)


def study_themes(study: Study) -> QuerySet[Theme]:
    """The study's codebook: its own themes and the shared ones."""
    return Theme.objects.filter(Q(study=study) | Q(study__isnull=True)).order_by("order", "code")


def codebook_tree(study: Study) -> list[tuple[Theme, int]]:
    """(theme, depth) in tree order: parents before their children."""
    themes = list(study_themes(study).select_related("parent"))
    children: dict[int | None, list[Theme]] = defaultdict(list)
    ids = {t.pk for t in themes}
    for theme in themes:
        children[theme.parent_id if theme.parent_id in ids else None].append(theme)
    result: list[tuple[Theme, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for theme in children.get(parent, []):
            result.append((theme, depth))
            walk(theme.pk, depth + 1)

    walk(None, 0)
    return result


@dataclass
class Item:
    """A piece of evidence to code: a quote, a session answer (open text and/or notes), an open answer
    of a questionnaire."""

    kind: str  # "quote" | "answer" | "response"
    obj: Any
    codings: list[Coding] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        return f"item-{self.kind}-{self.obj.pk}"


class MaterialList:
    """Quotes, then answers, then questionnaire answers, paginated as one list with a fixed number
    of queries per page (one count and at most one fetch per kind)."""

    def __init__(self, parts: list[tuple[str, QuerySet]]):
        self.parts = parts
        self._counts: list[int] | None = None

    def counts(self) -> list[int]:
        if self._counts is None:
            self._counts = [qs.count() for _kind, qs in self.parts]
        return self._counts

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Item]:
        start, stop = window.start or 0, window.stop
        items: list[Item] = []
        offset = 0
        for (kind, qs), n in zip(self.parts, self.counts(), strict=True):
            lo, hi = max(start - offset, 0), min(stop - offset, n)
            if lo < hi:
                items.extend(Item(kind, obj, list(obj.codings.all())) for obj in qs[lo:hi])
            offset += n
        return items


def _codings_prefetch() -> Prefetch:
    return Prefetch("codings", queryset=Coding.objects.select_related("theme").order_by("theme__order", "theme__code"))


def material(study: Study, filters: dict | None = None) -> MaterialList:
    """The material of a study, filtered by territory (region), actor category, sector, question key,
    theme, and `uncoded`."""
    f = filters or {}
    sessions = material_sessions(study)
    if f.get("territory"):
        sessions = sessions.filter(region=f["territory"])
    if f.get("category"):
        sessions = sessions.filter(actor_category=f["category"])
    if f.get("sector"):
        sessions = sessions.filter(sector=f["sector"])
    quotes = Quote.objects.active().filter(session__in=sessions)
    open_text = Q(question__kind=Question.Kind.TEXT) & ~Q(value__isnull=True) & ~Q(value="")
    answers = Answer.objects.filter(session__in=sessions).filter(~Q(notes="") | open_text)
    responses = submitted_responses(study)
    if f.get("territory"):
        responses = responses.filter(Q(territory=f["territory"]) | Q(territory__parent=f["territory"]))
    if f.get("category"):
        responses = responses.filter(category=f["category"])
    rows = ResponseAnswer.objects.filter(response__in=responses, question__kind=Question.Kind.TEXT).exclude(
        Q(value__isnull=True) | Q(value="")
    )
    if f.get("sector"):
        rows = rows.none()  # questionnaire answers carry no sector
    if f.get("question"):
        quotes = quotes.filter(question__key=f["question"])
        answers = answers.filter(question__key=f["question"])
        rows = rows.filter(question__key=f["question"])
    if f.get("theme"):
        quotes = quotes.filter(codings__theme=f["theme"])
        answers = answers.filter(codings__theme=f["theme"])
        rows = rows.filter(codings__theme=f["theme"])
    if f.get("uncoded"):
        quotes = quotes.filter(codings__isnull=True)
        answers = answers.filter(codings__isnull=True)
        rows = rows.filter(codings__isnull=True)
    session_related = ("session__region", "session__department", "session__organiser", "question")
    return MaterialList(
        [
            (
                "quote",
                quotes.select_related(*session_related, "participant")
                .prefetch_related(_codings_prefetch())
                .order_by("session__date", "session_id", "pk"),
            ),
            (
                "answer",
                answers.select_related(*session_related)
                .prefetch_related(_codings_prefetch())
                .order_by("session__date", "session_id", "question__section__order", "question__order", "pk"),
            ),
            (
                "response",
                rows.select_related("response__questionnaire", "response__territory", "question")
                .prefetch_related(_codings_prefetch())
                .order_by("response__submitted_at", "response_id", "pk"),
            ),
        ]
    )


def evidence_item(study: Study, kind: str, pk: int) -> Item:
    """One piece of the study's material, for coding; 404 when it is not the study's material."""
    qs = material(study).parts
    lookup = dict(qs)
    if kind not in lookup:
        raise Http404
    obj = lookup[kind].filter(pk=pk).first()
    if obj is None:
        raise Http404
    return Item(kind, obj, list(obj.codings.all()))


def question_keys(study: Study) -> list[tuple[str, str]]:
    """(key, text) of the questions of the study's templates, latest wording per key."""
    seen: dict[str, str] = {}
    for q in Question.objects.filter(version__template__study=study).order_by("version__number", "pk"):
        seen[q.key] = localized(q, "text")["text"]
    return sorted(seen.items())


# Theme counts ------------------------------------------------------------------------------------


@dataclass
class ThemeCounts:
    themes: list[tuple[Theme, int]]  # codebook in tree order
    dimension: str
    columns: list[tuple[str, str]]  # (value, label)
    cells: dict[tuple[int, str], int]  # (theme id, column value) → count
    totals: dict[int, int]  # theme id → count

    def rows(self) -> list[dict]:
        """One row per theme; `with_children` adds the codings of its sub-themes (tree order lets the
        descendants be the rows that follow, deeper, until the next sibling)."""
        rows = [
            {
                "theme": theme,
                "depth": depth,
                "cells": [self.cells.get((theme.pk, value), 0) for value, _label in self.columns],
                "total": self.totals.get(theme.pk, 0),
            }
            for theme, depth in self.themes
        ]
        for i, row in enumerate(rows):
            total = row["total"]
            for later in rows[i + 1 :]:
                if later["depth"] <= row["depth"]:
                    break
                total += later["total"]
            row["with_children"] = total
        return rows


def _region_labels() -> dict[str, str]:
    return {
        str(t.pk): localized(t, "name")["text"] or t.name
        for t in Territory.objects.filter(level=Territory.Level.REGION).order_by("country", "name")
    }


def _coding_rows(study: Study, region: int | None = None) -> list[dict]:
    """Every coding of the study's material as {theme, region, category, sector}: three queries."""
    sessions = material_sessions(study)
    active_quotes = Q(quote__participant__isnull=True) | Q(quote__participant__withdrawn_at__isnull=True)
    rows: list[dict] = []
    for prefix, extra in (("quote__session", active_quotes), ("answer__session", Q())):
        qs = Coding.objects.filter(extra, **{f"{prefix}__in": sessions})
        if region:
            qs = qs.filter(**{f"{prefix}__region": region})
        for theme, reg, cat, sec in qs.values_list(
            "theme_id", f"{prefix}__region_id", f"{prefix}__actor_category", f"{prefix}__sector"
        ):
            rows.append({"theme": theme, "territory": str(reg or ""), "category": cat, "sector": sec or ""})
    responses = Coding.objects.filter(response_answer__response__in=submitted_responses(study))
    for theme, terr, parent, level, cat in responses.values_list(
        "theme_id",
        "response_answer__response__territory_id",
        "response_answer__response__territory__parent_id",
        "response_answer__response__territory__level",
        "response_answer__response__category",
    ):
        reg = parent if level == Territory.Level.DEPARTMENT else terr
        if region and reg != region:
            continue
        rows.append({"theme": theme, "territory": str(reg) if reg else "", "category": cat or "", "sector": ""})
    return rows


DIMENSIONS = ("territory", "category", "sector")


def theme_counts(study: Study, *, region: int | None = None) -> dict[str, ThemeCounts]:
    """Coded pieces of evidence per theme, by territory (region), actor category and sector."""
    themes = codebook_tree(study)
    rows = _coding_rows(study, region)
    regions = _region_labels()
    labels = {
        "territory": regions,
        "category": dict(ActorCategory.choices),
        "sector": dict(Sector.choices),
    }
    result = {}
    for dim in DIMENSIONS:
        counter = Counter((r["theme"], r[dim]) for r in rows)
        totals = Counter(r["theme"] for r in rows)
        present = {value for (_t, value) in counter}
        known = labels[dim]
        columns = [(value, str(label)) for value, label in known.items() if value in present]
        if "" in present:
            columns.append(("", _("Not given")))
        result[dim] = ThemeCounts(themes, dim, columns, dict(counter), dict(totals))
    return result


# Closed questions --------------------------------------------------------------------------------


@dataclass
class ClosedResult:
    key: str
    kind: str
    text: str
    n: int  # answers counted
    distribution: list[tuple[str, int]]  # (label, count)
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def closed_questions(study: Study, *, region: int | None = None) -> list[ClosedResult]:
    """Answers to closed questions, from the sessions and the questionnaires of the study, grouped by
    question key (so versions of a template add up): three queries."""
    language = current_language()
    questions: dict[str, Question] = {}
    order: dict[str, tuple] = {}
    for q in (
        Question.objects.filter(version__template__study=study, kind__in=CLOSED_KINDS)
        .select_related("section")
        .order_by("version__number", "pk")
    ):
        questions[q.key] = q  # the latest version's wording and choices
        order.setdefault(q.key, (q.section.order, q.order, q.pk))
    sessions = material_sessions(study)
    if region:
        sessions = sessions.filter(region=region)
    values: dict[str, list] = defaultdict(list)
    for key, value in Answer.objects.filter(session__in=sessions, question__kind__in=CLOSED_KINDS).values_list(
        "question__key", "value"
    ):
        values[key].append(value)
    responses = submitted_responses(study)
    if region:
        responses = responses.filter(Q(territory=region) | Q(territory__parent=region))
    for key, value in ResponseAnswer.objects.filter(
        response__in=responses, question__kind__in=CLOSED_KINDS
    ).values_list("question__key", "value"):
        values[key].append(value)
    results = []
    for key in sorted(questions, key=lambda k: order[k]):
        q = questions[key]
        answered = [v for v in values.get(key, []) if v not in (None, "", [])]
        results.append(_aggregate(q, answered, language))
    return results


def _aggregate(q: Question, answered: list, language: str) -> ClosedResult:
    text = localized(q, "text")["text"]
    result = ClosedResult(q.key, q.kind, text, len(answered), [])
    if q.kind in Question.CHOICE_KINDS:
        counter: Counter = Counter()
        for v in answered:
            for item in v if isinstance(v, list) else [v]:
                counter[str(item)] += 1
        values = q.choice_values + sorted(v for v in counter if v not in q.choice_values)
        result.distribution = [(q.choice_label(v, language), counter.get(v, 0)) for v in values]
    elif q.kind == Question.Kind.YES_NO:
        yes = sum(1 for v in answered if v is True or v in ("yes", "true", "1", 1))
        result.distribution = [(_("Yes"), yes), (_("No"), len(answered) - yes)]
    else:
        numbers = [n for n in (_number(v) for v in answered) if n is not None]
        result.n = len(numbers)
        if numbers:
            result.mean = round(mean(numbers), 2)
            result.minimum, result.maximum = min(numbers), max(numbers)
        if q.kind == Question.Kind.SCALE:
            counter = Counter(int(n) for n in numbers)
            result.distribution = [
                (str(i), counter.get(i, 0)) for i in range(Question.SCALE_MIN, Question.SCALE_MAX + 1)
            ]
        else:
            result.distribution = _number_bins(numbers)
    return result


def _number_bins(numbers: list[float]) -> list[tuple[str, int]]:
    """Each value when there are few, else five equal-width bins."""
    if not numbers:
        return []
    distinct = sorted(set(numbers))
    fmt = lambda x: f"{x:g}"  # noqa: E731
    if len(distinct) <= 8:
        counter = Counter(numbers)
        return [(fmt(v), counter[v]) for v in distinct]
    low, high = distinct[0], distinct[-1]
    width = (high - low) / 5
    bins = [0] * 5
    for n in numbers:
        bins[min(int((n - low) / width), 4)] += 1
    return [(f"{fmt(low + i * width)}–{fmt(low + (i + 1) * width)}", bins[i]) for i in range(5)]


# Participants, progress --------------------------------------------------------------------------


def participants_by_category(study: Study, *, region: int | None = None) -> list[tuple[str, int]]:
    """Attending, non-withdrawn participants of the study's material sessions per actor category."""
    qs = Participant.objects.counted().filter(session__in=material_sessions(study))
    if region:
        qs = qs.filter(session__region=region)
    counts = dict(qs.values_list("category").annotate(n=Count("pk")).values_list("category", "n"))
    return [(str(label), counts.get(value, 0)) for value, label in ActorCategory.choices if counts.get(value)]


@dataclass
class ProgressRow:
    label: str
    held: int
    validated: int


@dataclass
class StudyProgress:
    study: Study
    held: int
    validated: int
    responses: int
    by_partner: list[ProgressRow]
    by_territory: list[ProgressRow]

    @property
    def percent(self) -> int:
        target = self.study.target_sessions
        return min(100, round(100 * self.held / target)) if target else 0


def progress(studies: list[Study] | QuerySet[Study]) -> list[StudyProgress]:
    """Sessions held (or beyond) and validated against each study's target, per partner and per
    region; questionnaire responses submitted. Three queries whatever the number of studies."""
    studies = list(studies)
    ids = [s.pk for s in studies]
    held = Q(status__in=Session.HELD_OR_BEYOND)
    validated = Q(status=Session.Status.VALIDATED)
    base = Session.objects.filter(study_id__in=ids)
    partners: dict[int, list[ProgressRow]] = defaultdict(list)
    territories: dict[int, list[ProgressRow]] = defaultdict(list)
    regions = _region_labels()
    for study_id, name, code, h, v in (
        base.values("study_id", "organiser__legal_name", "organiser__partner_code")
        .annotate(h=Count("pk", filter=held), v=Count("pk", filter=validated))
        .values_list("study_id", "organiser__legal_name", "organiser__partner_code", "h", "v")
        .order_by("organiser__partner_code")
    ):
        partners[study_id].append(ProgressRow(f"{name} ({code})" if code else name, h, v))
    for study_id, region_id, h, v in (
        base.values("study_id", "region_id")
        .annotate(h=Count("pk", filter=held), v=Count("pk", filter=validated))
        .values_list("study_id", "region_id", "h", "v")
        .order_by("region_id")
    ):
        territories[study_id].append(ProgressRow(regions.get(str(region_id), str(region_id)), h, v))
    responses = dict(
        Response.objects.filter(questionnaire__study_id__in=ids, submitted_at__isnull=False)
        .values("questionnaire__study_id")
        .annotate(n=Count("pk"))
        .values_list("questionnaire__study_id", "n")
    )
    result = []
    for study in studies:
        p, t = partners[study.pk], territories[study.pk]
        result.append(
            StudyProgress(
                study,
                sum(r.held for r in p),
                sum(r.validated for r in p),
                responses.get(study.pk, 0),
                p,
                sorted(t, key=lambda r: r.label),
            )
        )
    return result


# SWOT ----------------------------------------------------------------------------------------------


def swot_regions(study: Study) -> list[Territory]:
    """Regions with sessions of the study or SWOT items, French ones first."""
    ids = set(Session.objects.filter(study=study).values_list("region_id", flat=True))
    ids |= set(SwotItem.objects.filter(study=study).values_list("territory_id", flat=True))
    return list(Territory.objects.filter(pk__in=ids).order_by("country", "name"))


def swot(study: Study, regions: list[Territory]) -> dict[int, dict[str, list[SwotItem]]]:
    """{region id: {quadrant: [items in order]}} with their evidence: three queries."""
    result: dict[int, dict[str, list[SwotItem]]] = {r.pk: {q: [] for q in SwotItem.Quadrant.values} for r in regions}
    items = (
        SwotItem.objects.filter(study=study, territory__in=regions)
        .prefetch_related(
            Prefetch("evidence_sessions", queryset=Session.objects.select_related("organiser", "region", "department")),
            Prefetch("evidence_quotes", queryset=Quote.objects.active().select_related("participant")),
        )
        .order_by("quadrant", "order", "pk")
    )
    for item in items:
        result[item.territory_id][item.quadrant].append(item)
    return result


def coded_quotes(study: Study, region: int | None = None) -> QuerySet[Quote]:
    """Quotes of the study's material that carry at least one theme (evidence for SWOT items)."""
    qs = Quote.objects.active().filter(session__in=material_sessions(study), codings__isnull=False)
    if region:
        qs = qs.filter(session__region=region)
    return qs.distinct().select_related("session", "participant").order_by("session__date", "pk")
