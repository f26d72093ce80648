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
    }
