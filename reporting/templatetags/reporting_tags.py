"""Template helpers of the reporting app: bilingual content and the dashboard panel."""

from django import template

from circuito.translated import localized

register = template.Library()


@register.filter
def loc(obj, field: str) -> dict:
    """{"text": …, "lang": …}: the field in the reader's language, or the other one, marked."""
    return localized(obj, field)


@register.inclusion_tag("reporting/_dashboard_panel.html", takes_context=True)
def reporting_dashboard(context) -> dict:
    """Open action items of the user (as owner, or for their partner), and for lead partner staff
    every open item; nothing for users who are not partner staff."""
    from reporting import permissions
    from reporting.models import ActionItem

    user = context.get("user")
    if user is None or not permissions.is_staff_member(user):
        return {"show": False}
    items = ActionItem.objects.filter(status=ActionItem.Status.OPEN).select_related(
        "meeting", "owner", "owner_organisation"
    )
    lead = permissions.is_lead(user)
    mine = items.filter(owner=user).order_by("due_date", "pk")[:10]
    others = []
    if lead:
        others = items.exclude(owner=user).order_by("due_date", "pk")[:10]
    else:
        others = items.filter(owner_organisation_id__in=permissions.partner_ids(user)).exclude(owner=user)[:10]
    return {
        "show": True,
        "mine": list(mine),
        "others": list(others),
        "is_lead": lead,
        "request": context.get("request"),
        **_standing(lead),
    }


def _indicator_charts(rows: list[dict]) -> list[dict]:
    """A chart per computed indicator ({"title", "bars"}), each scaled to its own target (targets
    differ by orders of magnitude), the target drawn as a marker and written beside the value."""
    from django.utils import formats

    from circuito.charts import bars

    charts = []
    for row in rows:
        if row["achieved"] is None:
            continue
        indicator = row["indicator"]
        target = formats.number_format(row["target"], use_l10n=True, force_grouping=True)
        charts.append(
            {
                "title": localized(indicator, "name")["text"],
                "code": indicator.code,
                "bars": bars(
                    [(indicator.code, row["achieved"])], targets={indicator.code: row["target"]}, suffix=f" / {target}"
                ),
            }
        )
    return charts


def _standing(lead: bool) -> dict:
    """Where the project stands (the same calculation as the workspace pages), and for lead
    partner staff the partners late with the last ended period's monitoring form and the latest
    report. A constant number of queries whatever the number of records."""
    from reporting import periods
    from reporting.models import Report
    from reporting.progress import STATUS_CLASSES, STATUS_LABELS, standing
    from reporting.services import monitoring

    current = standing()
    counts = current.counts
    statuses = [
        {"key": key, "label": STATUS_LABELS[key], "class": STATUS_CLASSES[key], "count": counts[key]}
        for key in STATUS_LABELS
        if counts[key] or key != "unknown"
    ]
    today = periods.today()
    semesters = periods.semesters()
    data = {
        "month": current.month,
        "period": next((p for p in semesters if today in p), None),
        "statuses": statuses,
        "deliverables": sum(counts.values()),
        "indicator_charts": _indicator_charts(current.indicators),
        "not_computed": sum(1 for row in current.indicators if row["achieved"] is None),
    }
    if not lead:
        return data
    ended = [p for p in semesters if p.end < today]
    last = ended[-1] if ended else None
    missing = []
    if last is not None:
        for row in monitoring.matrix():
            cell = row.cells[last.position - 1]  # the cells follow the current edition's periods
            if cell.status != "submitted":
                missing.append({"partner": row.partner, "status": cell.status})
    data.update(
        last_period=last,
        missing=missing,
        latest_report=Report.objects.filter(status=Report.Status.READY).order_by("-created_at", "-pk").first(),
    )
    return data
