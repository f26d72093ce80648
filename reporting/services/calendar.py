"""Writes to the project calendar: lead partner staff change an edition (start, duration, length
of the reporting periods) or start a new edition / follow-up phase. Every write is audited.

Records keep their period numbers (expenditure lines, monitoring forms, reports), so a change
that would move a number onto other dates is refused: once a period of an edition holds records,
its start and period length stay; its duration may grow, or shrink down to the last period that
holds records; and an edition followed by another keeps its number of periods."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from circuito.audit.services import diff, record, snapshot
from reporting import periods, permissions
from reporting.models import ExpenditureLine, MonitoringReport, Project, ProjectEdition, Report
from reporting.models.calendar import MAX_DURATION, MAX_PERIOD_MONTHS

FIELDS = ["name_fr", "name_it", "start_date", "duration_months", "period_months"]


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def last_used_period() -> int:
    """The highest period number any record holds (0 when none does)."""
    used = [
        ExpenditureLine.objects.aggregate(n=Max("period"))["n"],
        MonitoringReport.objects.aggregate(n=Max("period"))["n"],
        Report.objects.filter(kind=Report.Kind.SEMESTRIAL).aggregate(n=Max("period_index"))["n"],
    ]
    return max((n for n in used if n), default=0)


def _validate(
    edition: ProjectEdition | None,
    *,
    name_fr: str,
    name_it: str,
    start_date: datetime.date | None,
    duration_months: int | None,
    period_months: int | None,
) -> None:
    errors: dict[str, str] = {}
    if not (name_fr or "").strip() and not (name_it or "").strip():
        errors["name_fr"] = _("Give the edition a name, in French or in Italian.")
    if start_date is None:
        errors["start_date"] = _("Enter the date the edition starts.")
    elif start_date.day != 1:
        errors["start_date"] = _("Choose the first day of a month: reporting periods run over whole months.")
    if duration_months is None or not 1 <= duration_months <= MAX_DURATION:
        errors["duration_months"] = _("The duration must be between 1 and %(max)d months.") % {"max": MAX_DURATION}
    if period_months is None or not 1 <= period_months <= MAX_PERIOD_MONTHS:
        errors["period_months"] = _("A reporting period lasts between 1 and %(max)d months.") % {
            "max": MAX_PERIOD_MONTHS
        }
    if errors:
        raise ValidationError(errors)

    calendar = periods.calendar()
    number = edition.number if edition is not None else (calendar[-1].number + 1 if calendar else 1)
    new = periods.Edition(number, start_date, duration_months, period_months, 1)
    before = next((e for e in reversed(calendar) if e.number < number), None)
    after = next((e for e in calendar if e.number > number), None)
    if before is not None and new.start <= before.end:
        errors["start_date"] = _(
            "The edition must start after the previous one ends (%(end)s): choose a later start."
        ) % {"end": _day(before.end)}
    if after is not None and new.end >= after.start:
        errors["duration_months"] = _(
            "The edition would end on %(end)s, after the next edition starts (%(start)s): shorten it."
        ) % {"end": _day(new.end), "start": _day(after.start)}
    if edition is not None:
        current = next(e for e in calendar if e.number == edition.number)
        used = last_used_period()
        holds_records = used >= current.first_index
        if holds_records and (new.start != current.start or new.period_months != current.period_months):
            errors["start_date"] = _(
                "Reporting periods of this edition already hold expenditure, monitoring forms or "
                "reports: its start and the length of its periods can no longer change."
            )
        elif after is not None and new.period_count != current.period_count:
            errors["duration_months"] = _(
                "A later edition follows this one: keep its %(count)d reporting periods (the "
                "following periods' numbers depend on them)."
            ) % {"count": current.period_count}
        elif holds_records and current.first_index + new.period_count - 1 < min(used, current.last_index):
            errors["duration_months"] = _(
                "Period %(number)d of this edition already holds records: the edition cannot end before it."
            ) % {"number": min(used, current.last_index) - current.first_index + 1}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_edition(
    edition: ProjectEdition | None,
    *,
    name_fr: str,
    name_it: str,
    start_date: datetime.date,
    duration_months: int,
    period_months: int,
    actor,
) -> ProjectEdition:
    """Change `edition`, or add a new edition after the last one when `edition` is None."""
    permissions.require_lead(actor)
    # One writer at a time: two lead partner staff adding an edition at once get numbers in turn.
    list(ProjectEdition.objects.select_for_update().order_by("number").values_list("pk", flat=True))
    _validate(
        edition,
        name_fr=name_fr,
        name_it=name_it,
        start_date=start_date,
        duration_months=duration_months,
        period_months=period_months,
    )
    values = {
        "name_fr": (name_fr or "").strip(),
        "name_it": (name_it or "").strip(),
        "start_date": start_date,
        "duration_months": duration_months,
        "period_months": period_months,
    }
    if edition is None:
        project = Project.objects.order_by("pk").first()
        if project is None:
            raise ValidationError(_("The project structure is not loaded yet: load the charter first."))
        number = (ProjectEdition.objects.aggregate(n=Max("number"))["n"] or 0) + 1
        edition = ProjectEdition(project=project, number=number, created_by=actor, edited_at=timezone.now())
        for name, value in values.items():
            setattr(edition, name, value)
        edition.save()
        record(actor, "reporting.edition_add", edition, {"number": number, **values})
        return edition
    before = snapshot(edition, FIELDS)
    for name, value in values.items():
        setattr(edition, name, value)
    edition.edited_at = timezone.now()
    edition.save(update_fields=[*FIELDS, "edited_at"])
    record(actor, "reporting.edition_update", edition, diff(edition, before, FIELDS))
    return edition
