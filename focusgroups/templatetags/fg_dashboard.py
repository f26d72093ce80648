"""The app's panel on the user dashboard: sessions to capture or submit, sessions to validate."""

from django import template

from focusgroups import permissions
from focusgroups.models import Session

register = template.Library()

LIMIT = 8


@register.inclusion_tag("focusgroups/_dashboard_panel.html", takes_context=True)
def focusgroups_panel(context) -> dict:
    user = context.get("user")
    if user is None or not permissions.is_staff_member(user):
        return {"show": False}
    ids = permissions.partner_ids(user)
    base = Session.objects.select_related("study", "organiser", "region", "department").order_by("date", "pk")
    own = base.filter(status__in=Session.EDITABLE)
    to_validate = base.filter(status=Session.Status.SUBMITTED)
    if not user.is_superuser:
        own = own.filter(organiser_id__in=ids)
        to_validate = to_validate.filter(study__coordinator_id__in=ids)
    return {"show": True, "own": list(own[:LIMIT]), "to_validate": list(to_validate[:LIMIT])}
