"""Template helpers of the Tiers-Lieux platform: the dashboard panel."""

from django import template

register = template.Library()


@register.inclusion_tag("tierslieux/_dashboard_panel.html", takes_context=True)
def tierslieux_dashboard(context) -> dict:
    """Service request threads with news for the user (sent by their companies or received by
    their places), and how many are unread; nothing for users without any."""
    from tierslieux.unread import my_requests, unread_count

    user = context.get("user")
    if user is None or not user.is_authenticated or not my_requests(user).exists():
        return {"show": False}
    return {"show": True, "unread": unread_count(user)}


@register.filter
def field_rows(form) -> list[list]:
    """The form's fields in rows: a `<name>_fr` field and its `<name>_it` twin share a row (side by
    side on wide screens), every other field has its own."""
    fields = list(form)
    rows, i = [], 0
    while i < len(fields):
        field = fields[i]
        twin = fields[i + 1] if i + 1 < len(fields) else None
        if field.name.endswith("_fr") and twin is not None and twin.name == field.name[:-3] + "_it":
            rows.append([field, twin])
            i += 2
        else:
            rows.append([field])
            i += 1
    return rows


@register.filter
def participant(registration) -> str:
    """A B2B participant as others see them: name and company, never the e-mail address."""
    from tierslieux.services.b2b import display_name

    return display_name(registration)


@register.inclusion_tag("tierslieux/_dashboard_reports.html", takes_context=True)
def tierslieux_error_reports(context) -> dict:
    """The places a referent keeps that have errors reported by visitors and not yet dealt with."""
    from django.db.models import Count, Q

    from tierslieux.models import Place
    from tierslieux.permissions import referent_place_ids

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"places": []}
    places = (
        Place.objects.filter(pk__in=referent_place_ids(user))
        .annotate(open_reports=Count("error_reports", filter=Q(error_reports__resolved_at__isnull=True)))
        .filter(open_reports__gt=0)
        .order_by("name")
    )
    return {"places": list(places)}
