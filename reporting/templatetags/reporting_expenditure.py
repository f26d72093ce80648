"""Template helpers of the expenditure and monitoring pages."""

from django import template

register = template.Library()


@register.inclusion_tag("reporting/expenditure/_subnav.html", takes_context=True)
def expenditure_subnav(context, section: str) -> dict:
    """Links between the expenditure and monitoring pages: the overview, the user's own
    partners' lines, the monitoring forms, and budgets for lead partner staff."""
    from reporting import permissions
    from reporting.permissions_expenditure import project_partners

    user = context["request"].user
    own = list(project_partners().filter(pk__in=permissions.partner_ids(user)).values_list("partner_code", flat=True))
    return {"section": section, "own_codes": own, "is_lead": permissions.is_lead(user)}
