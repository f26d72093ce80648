"""`{{ flow|company_for:user }}`: the company's name, or "a company in <department>" when the flow
is listed anonymously and `user` may not read the name (bourseflux.anonymity)."""

from django import template

from bourseflux.anonymity import company_name

register = template.Library()


@register.filter
def company_for(flow, user) -> str:
    return company_name(user, flow)
